// How the Runs view orders and groups the runs of an experiment: natural name order by default,
// or by start time, a metric's value, or a metric column summary (column-sort.ts); optionally grouped
// by the value of one param.
import type { Goal } from './declared-objective';
import { compareValues } from '../curves/dimensions';
import type { IndexedRun } from '../index/types';
import { contextKey } from '../model';
import { naturalCompare } from '../util/natural-sort';
import { columnSortDirection, columnSortValue, parseSortColumn } from './column-sort';

export type RunSort =
  | { by: 'name' }
  /** Newest first. */
  | { by: 'start' }
  /** The run's summary value of `metric`, else the last value of its context-free series; runs without it go last. */
  | { by: 'metric'; metric: string; direction: 'asc' | 'desc' }
  /**
   * A metric column summary the index keeps exactly (`f1_en:best`, `f1[lang=de]:max`); best first unless a
   * direction is given. Runs without a value go last; a column that does not parse sorts by name.
   */
  | { by: 'column'; column: string; direction?: 'asc' | 'desc' };

export const DEFAULT_SORT: RunSort = { by: 'name' };

type Sortable = Pick<IndexedRun, 'name' | 'id' | 'startTime' | 'summary' | 'series' | 'params'> & Partial<Pick<IndexedRun, 'format' | 'extra'>>;

const nameOf = (r: Sortable) => r.name || r.id;

/** The number a metric sort ranks a run by; undefined when the run has none (NaN counts as none). */
export function metricValue(run: Pick<IndexedRun, 'summary' | 'series'>, metric: string): number | undefined {
  const fromSummary = run.summary?.[metric];
  if (fromSummary !== undefined && !Number.isNaN(fromSummary)) return fromSummary;
  const s = run.series.find((x) => x.key === metric && contextKey(x.context) === '{}');
  return s && !Number.isNaN(s.last) ? s.last : undefined;
}

/** A sorted copy; ties and missing values fall back to natural name order, so the order is total. */
/** `goals`: per-metric direction of `best` (runlens.metricGoals) for column sorts. */
export function sortRuns<T extends Sortable>(runs: readonly T[], sort: RunSort, goals?: Record<string, Goal>): T[] {
  const byName = (a: T, b: T) => naturalCompare(nameOf(a), nameOf(b));
  const missingLast = (a: number | undefined, b: number | undefined, cmp: (x: number, y: number) => number) =>
    a === undefined ? (b === undefined ? 0 : 1) : b === undefined ? -1 : cmp(a, b);
  switch (sort.by) {
    case 'name':
      return [...runs].sort(byName);
    case 'start':
      return [...runs].sort((a, b) => missingLast(a.startTime, b.startTime, (x, y) => y - x) || byName(a, b));
    case 'metric': {
      const values = new Map(runs.map((r) => [r, metricValue(r, sort.metric)]));
      const dir = sort.direction === 'asc' ? 1 : -1;
      return [...runs].sort((a, b) => missingLast(values.get(a), values.get(b), (x, y) => dir * (x - y)) || byName(a, b));
    }
    case 'column': {
      const parsed = parseSortColumn(sort.column);
      if (!parsed.ok) return [...runs].sort(byName);
      const values = new Map(runs.map((r) => [r, columnSortValue(r, parsed.column, goals)]));
      const dir = (sort.direction ?? columnSortDirection(runs, parsed.column, goals)) === 'asc' ? 1 : -1;
      return [...runs].sort((a, b) => missingLast(values.get(a), values.get(b), (x, y) => dir * (x - y)) || byName(a, b));
    }
  }
}

/** Shown for runs that do not have the grouped param. */
export const NO_VALUE = '(not set)';

export interface RunGroup<T> {
  value: string;
  runs: T[];
}

/** Runs by their value of `param`, groups in value order (numbers by value), "(not set)" last. */
export function groupByParam<T extends Pick<IndexedRun, 'params'>>(runs: readonly T[], param: string): RunGroup<T>[] {
  const groups = new Map<string, T[]>();
  for (const run of runs) {
    const value = Object.prototype.hasOwnProperty.call(run.params, param) ? run.params[param] : NO_VALUE;
    let list = groups.get(value);
    if (!list) groups.set(value, (list = []));
    list.push(run);
  }
  const order = (a: string, b: string) => (a === NO_VALUE ? 1 : b === NO_VALUE ? -1 : compareValues(a, b));
  return [...groups.keys()].sort(order).map((value) => ({ value, runs: groups.get(value)! }));
}

/** Param names across runs, most common first: what "Group By" and the metric sort offer. */
export function paramNames(runs: readonly Pick<IndexedRun, 'params'>[]): Array<{ name: string; runs: number; values: number }> {
  const counts = new Map<string, { runs: number; values: Set<string> }>();
  for (const run of runs) {
    for (const [k, v] of Object.entries(run.params)) {
      let c = counts.get(k);
      if (!c) counts.set(k, (c = { runs: 0, values: new Set() }));
      c.runs++;
      c.values.add(v);
    }
  }
  return [...counts]
    .map(([name, c]) => ({ name, runs: c.runs, values: c.values.size }))
    .sort((a, b) => b.runs - a.runs || naturalCompare(a.name, b.name));
}

/** Metric names (summary values and context-free series) across runs, most common first. */
export function metricNames(runs: readonly Pick<IndexedRun, 'summary' | 'series'>[]): Array<{ name: string; runs: number }> {
  const counts = new Map<string, number>();
  for (const run of runs) {
    const names = new Set(Object.keys(run.summary ?? {}));
    for (const s of run.series) if (contextKey(s.context) === '{}') names.add(s.key);
    for (const n of names) counts.set(n, (counts.get(n) ?? 0) + 1);
  }
  return [...counts].map(([name, runs]) => ({ name, runs })).sort((a, b) => b.runs - a.runs || naturalCompare(a.name, b.name));
}
