// The JSON shapes of `runlens table --format json` (issue: Runs table, §7). NaN/±inf as the strings of
// `index --json`; a sample sd of one run is null.
import { jsonNumber } from '../util/numbers';
import type { CellValue, RunRow } from './column-values';
import type { Column, Summary } from './columns';
import { isStats, type GroupRow, type Stats } from './groups';
import { pivotRanks, type Pivot, type Statistic } from './pivot';

const num = (v: number) => jsonNumber(v);
const cell = (v: CellValue | undefined) => (typeof v === 'number' ? num(v) : v ?? null);

export function summaryText(s: Summary): string {
  if (s.kind === 'mean_last') return `mean_last:${s.k}`;
  if (s.kind === 'at_step') return `at_step:${s.step}`;
  if (s.kind === 'at') return `at(${s.of.id})`;
  return s.kind;
}

export function columnJson(c: Column): Record<string, unknown> {
  return c.kind === 'metric' ? { id: c.id, kind: c.kind, key: c.key, context: c.context, summary: summaryText(c.summary) } : { id: c.id, kind: c.kind, key: c.key };
}

export function statsJson(s: Stats): Record<string, unknown> {
  if (!s.n) return { mean: null, sd: null, median: null, min: null, max: null, n: 0 };
  return { mean: num(s.mean), sd: Number.isFinite(s.sd) ? num(s.sd) : null, median: num(s.median), min: num(s.min), max: num(s.max), n: s.n };
}

export function runRowJson(r: RunRow): Record<string, unknown> {
  return {
    run: { id: r.run.id, name: r.run.name, experiment: r.run.experiment, format: r.run.format, path: r.run.path },
    values: Object.fromEntries(Object.entries(r.values).map(([k, v]) => [k, cell(v)])),
    steps: r.steps,
    ...(Object.keys(r.approximate).length ? { approximate: r.approximate } : {}),
  };
}

export function groupRowJson(g: GroupRow): Record<string, unknown> {
  return {
    group: g.group,
    n: g.n,
    values: Object.fromEntries(Object.entries(g.values).map(([k, v]) => [k, isStats(v) ? statsJson(v) : cell(v)])),
    runs: g.rows.map((r) => r.run.id),
  };
}

export function tableJson(columns: readonly Column[], rows: readonly RunRow[], groups?: readonly GroupRow[]): Record<string, unknown> {
  return { columns: columns.map(columnJson), rows: groups ? groups.map(groupRowJson) : rows.map(runRowJson) };
}

export function pivotJson(p: Pivot, statistic: Statistic): Record<string, unknown> {
  const ranks = pivotRanks(p, statistic);
  return {
    pivot: {
      metric: p.metric,
      summary: p.summary,
      by: p.by,
      goal: p.goal,
      columns: p.columns,
      rows: p.rows.map((r) => ({
        group: r.group,
        cells: Object.fromEntries(Object.entries(r.cells).map(([k, s]) => [k, statsJson(s)])),
        ...(r.average ? { average: statsJson(r.average) } : {}),
      })),
      ranks,
    },
  };
}
