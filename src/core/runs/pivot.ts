// Pivot of one metric summary: rows = configuration groups, columns = the values of a context key (`lang`),
// of the key suffix (`suffix`: f1_de, f1_en, … for MLflow-style keys), or of a param; each cell aggregates the
// group's runs (n, mean ± sd, median [min, max]). The optional average column is computed per run first
// (the mean over the pivot's columns, only for runs that have all of them, so averages compare like with like)
// and then aggregated like any cell. Best per column: by the statistic shown, in the metric's direction.
import { contextKey, type SeriesContext } from '../model';
import type { RunRow } from './column-values';
import { parseColumn, type MetricColumn } from './columns';
import { objectiveKeyCandidates, type Goal } from './declared-objective';
import { groupRuns, paramIdentity, stats, type Stats } from './groups';
import { metricGoal } from './objective';

export interface PivotSpec {
  metric: string;
  /** Summary as written (`best`, `at(f1_en:best)`); `last` when omitted. */
  summary?: string;
  /** A context key, `suffix`, or a param. */
  by: string;
}

export interface PivotLayout {
  mode: 'context' | 'suffix' | 'param';
  /** Column labels (`de`, `en`, … or the param's values), sorted. */
  labels: string[];
  /** For context / suffix pivots, the metric column each label reads; a param pivot reads one column. */
  columns: MetricColumn[];
}

const byText = (a: string, b: string) => {
  const x = Number(a);
  const y = Number(b);
  return Number.isFinite(x) && Number.isFinite(y) && a.trim() && b.trim() ? x - y : a.localeCompare(b);
};

function contextText(c: SeriesContext): string {
  const keys = Object.keys(c).sort();
  return keys.length ? `[${keys.map((k) => `${k}=${String(c[k])}`).join(',')}]` : '';
}

/** Which columns a pivot has, found from the series and params the runs logged. */
export function pivotLayout(runs: ReadonlyArray<{ params: Record<string, string>; series: ReadonlyArray<{ key: string; context: SeriesContext }> }>, spec: PivotSpec): PivotLayout {
  const summary = spec.summary?.trim() || 'last';
  const column = (key: string, context: SeriesContext) => parseColumn(`${key}${contextText(context)}:${summary}`) as MetricColumn;
  const labels = new Map<string, MetricColumn>();
  if (spec.by === 'suffix') {
    // f1 → f1_de, f1_en…; else the names the HF Trainer and its integrations log it under (eval_f1_de, eval/f1_de)
    for (const name of objectiveKeyCandidates(spec.metric)) {
      const prefix = `${name}_`;
      for (const r of runs) for (const s of r.series) {
        if (s.key.startsWith(prefix) && s.key.length > prefix.length && contextKey(s.context) === '{}' && !labels.has(s.key.slice(prefix.length))) labels.set(s.key.slice(prefix.length), column(s.key, {}));
      }
      if (labels.size) return { mode: 'suffix', labels: [...labels.keys()].sort(byText), columns: [...labels.keys()].sort(byText).map((l) => labels.get(l)!) };
    }
  }
  for (const r of runs) for (const s of r.series) {
    if (s.key !== spec.metric || !Object.prototype.hasOwnProperty.call(s.context, spec.by)) continue;
    const label = String(s.context[spec.by]);
    if (!labels.has(label)) labels.set(label, column(s.key, s.context));
  }
  if (labels.size) {
    const sorted = [...labels.keys()].sort(byText);
    return { mode: 'context', labels: sorted, columns: sorted.map((l) => labels.get(l)!) };
  }
  // one column per value, named as the first run that has it writes it
  const values = new Map<string, string>();
  for (const r of runs) if (r.params[spec.by] !== undefined && !values.has(paramIdentity(r.params[spec.by])!)) values.set(paramIdentity(r.params[spec.by])!, r.params[spec.by]);
  return { mode: 'param', labels: [...values.values()].sort(byText), columns: [column(spec.metric, {})] };
}

export interface PivotRow {
  group: Record<string, string>;
  cells: Record<string, Stats>;
  average?: Stats;
}

export interface Pivot {
  metric: string;
  summary: string;
  by: string;
  mode: PivotLayout['mode'];
  columns: string[];
  rows: PivotRow[];
  goal: Goal;
}

export interface PivotOptions {
  groupBy: readonly string[];
  average?: boolean;
}

/** The pivot's cells from the rows (runs with the layout's columns computed). */
export function buildPivot(spec: PivotSpec, layout: PivotLayout, rows: readonly RunRow[], options: PivotOptions, goals?: Record<string, Goal>): Pivot {
  const groupBy = options.groupBy.filter((p) => !(layout.mode === 'param' && p === spec.by));
  const out: PivotRow[] = groupRuns(rows, groupBy).map((g) => {
    const cells: Record<string, Stats> = {};
    const perRun: number[][] = g.members.map(() => []);
    layout.labels.forEach((label, i) => {
      const values: number[] = [];
      g.members.forEach((r, j) => {
        if (layout.mode === 'param' && paramIdentity(r.run.params[spec.by]) !== paramIdentity(label)) return;
        const v = r.values[(layout.mode === 'param' ? layout.columns[0] : layout.columns[i]).id];
        if (typeof v !== 'number' || !Number.isFinite(v)) return;
        values.push(v);
        perRun[j].push(v);
      });
      cells[label] = stats(values);
    });
    const row: PivotRow = { group: g.key, cells };
    if (options.average) {
      const need = layout.mode === 'param' ? 1 : layout.labels.length;
      row.average = stats(perRun.filter((vs) => vs.length === need).map((vs) => vs.reduce((a, b) => a + b, 0) / vs.length));
    }
    return row;
  });
  const firstKey = layout.columns[0]?.key ?? spec.metric;
  const withKey = rows.find((r) => r.run.series.some((s) => s.key === firstKey));
  const goal = goals?.[spec.metric] ?? goals?.[firstKey] ?? (withKey ? metricGoal(withKey.run, firstKey) : metricGoal({ params: {}, series: [] }, spec.metric));
  return { metric: spec.metric, summary: spec.summary?.trim() || 'last', by: spec.by, mode: layout.mode, columns: layout.labels, rows: out, goal };
}

export type Statistic = 'median' | 'mean';

/** Row indexes of the best and second-best cell of each column (and of the average), by the statistic shown. */
export function pivotRanks(p: Pivot, statistic: Statistic): Record<string, { best?: number; second?: number }> {
  const ranks: Record<string, { best?: number; second?: number }> = {};
  const rank = (label: string, cell: (r: PivotRow) => Stats | undefined) => {
    const scored = p.rows
      .map((r, i) => ({ i, v: cell(r)?.[statistic] ?? NaN }))
      .filter((x) => Number.isFinite(x.v))
      .sort((a, b) => (p.goal === 'min' ? a.v - b.v : b.v - a.v) || a.i - b.i);
    // one row has nothing to beat: no marks
    ranks[label] = scored.length < 2 ? {} : { best: scored[0].i, second: scored[1].v !== scored[0].v ? scored[1].i : undefined };
  };
  for (const label of p.columns) rank(label, (r) => r.cells[label]);
  if (p.rows.some((r) => r.average)) rank('average', (r) => r.average);
  return ranks;
}
