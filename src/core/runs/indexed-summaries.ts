// Metric column summaries answered from the index alone, without reading a series: the index keeps, per
// series, its count, first/last point and min/max with their steps (SeriesSummary). That is exact for
// last, first, min, max and best (min or max by metricGoal) and the point count, and for nothing else:
// mean_last:k, at_step:S and at(<column>) need the points (the Runs table reads them: column-values.ts).
// The run query (`f1[lang=de]:best > 0.7`, `count(f1_en) >= 10`) and the Runs view's sort use this, so
// both agree with the Runs table's value for the same column.
import type { SeriesSummary } from '../index/types';
import type { SourceFormat } from '../model';
import { contextMatches, type MetricColumn } from './columns';
import { indexAnswers } from './index-exact';
import type { Goal } from './declared-objective';
import { metricGoal } from './objective';
import { summarizeScalar, type SummaryValue } from './summaries';

/** What these summaries need of a run (IndexedRun fits; so does the query's view of one). */
export interface SummarizedRun {
  format?: string;
  params: Record<string, string>;
  series: readonly SeriesSummary[];
  summary?: Record<string, number>;
  extra?: Record<string, unknown>;
}

export { indexAnswers, type IndexedSummaryKind } from './index-exact';

export interface IndexedValue extends SummaryValue {
  /**
   * Set when the index cannot tell this run's value: an infinity is the series' extreme, and min/max/best
   * ignore infinities (summaries.ts), so the finite extreme behind it is not stored. Only the points know.
   */
  unknown?: string;
}

/** The series a metric column names in this run, as the index summarised it. */
export function indexedSeries(run: Pick<SummarizedRun, 'series'>, c: Pick<MetricColumn, 'key' | 'context'>): SeriesSummary | undefined {
  return run.series.find((s) => s.key === c.key && contextMatches(c.context, s.context));
}

/** The direction of `best` for a key: the per-metric setting, else the run's declaration, else the name. */
export function goalOfColumn(run: SummarizedRun, key: string, goals?: Record<string, Goal>): Goal {
  if (goals?.[key]) return goals[key];
  // Kept per run object (the index hands out new objects when a run changes): a query tests every run on
  // each keystroke, and the declaration lookup costs more than the comparison.
  let known = goalsOfRun.get(run);
  if (!known) goalsOfRun.set(run, (known = new Map()));
  let goal = known.get(key);
  if (!goal) {
    // metricGoal reads but never changes the run; the format is checked by the declaration lookup.
    goal = metricGoal({ params: run.params, series: run.series as SeriesSummary[], format: run.format as SourceFormat | undefined, summary: run.summary, extra: run.extra }, key);
    known.set(key, goal);
  }
  return goal;
}

const goalsOfRun = new WeakMap<SummarizedRun, Map<string, Goal>>();

/**
 * The column's value for the run, as summarize() computes it from the points. The summary must be one the
 * index answers (indexAnswers). A run that logged the metric only as a scalar (an Optuna trial's value)
 * gets it as every summary, as in the table.
 */
export function indexedValue(run: SummarizedRun, c: MetricColumn, goals?: Record<string, Goal>): IndexedValue {
  if (!indexAnswers(c.summary)) throw new Error(`${c.id}: the index has no exact ${c.summary.kind}`);
  const s = indexedSeries(run, c);
  if (!s) {
    const scalar = Object.keys(c.context).length === 0 ? run.summary?.[c.key] : undefined;
    return scalar === undefined ? { value: null } : summarizeScalar(c.summary, scalar);
  }
  if (s.count === 0) return { value: null };
  const kind = c.summary.kind === 'best' ? goalOfColumn(run, c.key, goals) : c.summary.kind;
  switch (kind) {
    case 'last':
      return { value: s.last, step: s.lastStep };
    case 'first':
      return { value: s.first, step: s.firstStep };
    case 'min':
      // min = +inf: every value is NaN or +inf, none finite (exact: no value); min = -inf: the finite min is not
      // stored, unless max = -inf too (nothing finite either).
      if (s.min === -Infinity && s.max !== -Infinity) return { value: null, unknown: `${c.id}: the series logged -inf, so its finite minimum is known only from its points` };
      return Number.isFinite(s.min) ? { value: s.min, step: s.argminStep } : { value: null };
    case 'max':
      if (s.max === Infinity && s.min !== Infinity) return { value: null, unknown: `${c.id}: the series logged +inf, so its finite maximum is known only from its points` };
      return Number.isFinite(s.max) ? { value: s.max, step: s.argmaxStep } : { value: null };
  }
}

/** Points the run logged of the column's series (NaN ones included); 0 when it did not log it. */
export function indexedCount(run: Pick<SummarizedRun, 'series'>, c: Pick<MetricColumn, 'key' | 'context'>): number {
  return indexedSeries(run, c)?.count ?? 0;
}
