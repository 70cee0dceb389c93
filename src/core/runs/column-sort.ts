// Sorting runs by a metric column summary (`f1_en:best`, `f1[lang=de]:max`, `eval_loss:last`), from the
// index's per-series summaries: the same values the run query compares (indexed-summaries.ts) and the
// Runs table shows. Best first by default: the metric's goal (the run's declared objective, else its name)
// gives the direction.
import type { IndexedRun } from '../index/types';
import { ColumnError, parseColumn, type MetricColumn } from './columns';
import type { Goal } from './declared-objective';
import { goalOfColumn, indexAnswers, indexedSeries, indexedValue, type SummarizedRun } from './indexed-summaries';
import { naturalCompare } from '../util/natural-sort';

export type ColumnSortParse = { ok: true; column: MetricColumn } | { ok: false; message: string };

/** A sort column as typed; an error says why it cannot sort the Runs view. */
export function parseSortColumn(text: string): ColumnSortParse {
  let column;
  try {
    column = parseColumn(text);
  } catch (err) {
    if (err instanceof ColumnError) return { ok: false, message: err.message };
    throw err;
  }
  if (column.kind !== 'metric') return { ok: false, message: `${column.id} is a ${column.kind}: sort by a metric column such as f1_en:best` };
  if (!indexAnswers(column.summary)) {
    return { ok: false, message: `${column.id}: the index keeps last, first, min, max and best of every series, not ${column.summary.kind}; sort by it in the Runs table` };
  }
  return { ok: true, column };
}

/** Best first: descending when the metric is maximised, ascending when minimised (goal of the first run that logged it). */
export function columnSortDirection(runs: readonly SummarizedRun[], column: MetricColumn, goals?: Record<string, Goal>): 'asc' | 'desc' {
  const run = runs.find((r) => indexedSeries(r, column) || r.summary?.[column.key] !== undefined) ?? runs[0];
  const goal = run ? goalOfColumn(run, column.key, goals) : 'max';
  return goal === 'min' ? 'asc' : 'desc';
}

/** Each run's value of the column; undefined when the index has none (or cannot tell: an infinite extreme). */
export function columnSortValue(run: SummarizedRun, column: MetricColumn, goals?: Record<string, Goal>): number | undefined {
  const v = indexedValue(run, column, goals).value;
  return v === null || Number.isNaN(v) ? undefined : v;
}

/** Column ids worth offering: `<key>[context]:best` of every series, most common first. */
export function sortColumnSuggestions(runs: readonly Pick<IndexedRun, 'series'>[]): Array<{ id: string; runs: number }> {
  const counts = new Map<string, number>();
  for (const run of runs) {
    const ids = new Set(
      // a context value with , ] or = cannot be written as a column id
      run.series.filter((s) => !Object.values(s.context).some((v) => /[,\]=]/.test(String(v)))).map((s) => {
        const ctx = Object.keys(s.context)
          .sort()
          .map((k) => `${k}=${String(s.context[k])}`)
          .join(',');
        return `${s.key}${ctx ? `[${ctx}]` : ''}:best`;
      }),
    );
    for (const id of ids) counts.set(id, (counts.get(id) ?? 0) + 1);
  }
  return [...counts].map(([id, n]) => ({ id, runs: n })).sort((a, b) => b.runs - a.runs || naturalCompare(a.id, b.id));
}
