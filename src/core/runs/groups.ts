// Seed groups: runs that share every param except replicate-like ones form a configuration group, and a group
// row shows n and, per column, mean ± sd and median [min, max] over its runs. Replicate-like params are the seed
// names (seed, *_seed, random_state), run names and output folders, and params whose value is different in every
// run and looks like a path, a timestamp or an id (a timestamped output_dir under another name). Other values
// unique to every run are kept: in a one-run-per-config sweep the learning rate or the optimizer (RMSprop, Adam,
// SGD… in the corpus's 1010sb__ImageClass) is unique too, and it is what defines the configuration.
import type { IndexedRun } from '../index/types';
import { describe, type GroupSummary } from '../stats/describe';
import type { CellValue, RunRow } from './column-values';
import type { Column } from './columns';

const REPLICATE = /^(seed|.*[_.\-/]seed|seed[_.\-/].*|random_state|random_seed|run_name|run_id|output_dir|logging_dir|output_path|save_dir|log_dir|wandb_run_name|hub_model_id)$/i;

/** A group cell: the seed statistics of core/stats without IQM and the values (sd is n − 1; NaN when n < 2). */
export type Stats = Omit<GroupSummary, 'iqm' | 'values'>;

/** Statistics of the finite values; n counts only those (the seed statistics of core/stats, one implementation). */
export function stats(values: readonly number[]): Stats {
  const { n, mean, sd, median, min, max } = describe(values.filter(Number.isFinite));
  return { n, mean, sd, median, min, max };
}

// a path, a date or time, a long number or a hex id (a run hash)
const ID_LIKE = /[\\/]|\d{4}|[0-9a-f]{8}/i;
const idLike = (v: string) => v.trim() !== '' && !Number.isFinite(Number(v)) && ID_LIKE.test(v);

/** Params that tell replicates of one configuration apart and so do not define a group. */
export function replicateParams(runs: readonly Pick<IndexedRun, 'params'>[]): Set<string> {
  const names = new Set<string>();
  for (const r of runs) for (const k of Object.keys(r.params)) names.add(k);
  const out = new Set<string>();
  for (const name of names) {
    if (REPLICATE.test(name)) {
      out.add(name);
      continue;
    }
    const values = runs.map((r) => r.params[name]);
    if (runs.length >= 3 && values.every((v) => v !== undefined && idLike(v)) && new Set(values).size === runs.length) out.add(name);
  }
  return out;
}

/** The params that define groups: the user's choice, else every param that varies but the replicate-like ones. */
export function groupParams(runs: readonly Pick<IndexedRun, 'params'>[], chosen?: readonly string[]): string[] {
  if (chosen?.length) return [...chosen];
  const skip = replicateParams(runs);
  const names = new Set<string>();
  for (const r of runs) for (const k of Object.keys(r.params)) if (!skip.has(k)) names.add(k);
  // a param every run has with the same value does not split anything; leaving it out keeps group labels short
  const varies = (k: string) => new Set(runs.map((r) => paramIdentity(r.params[k]))).size > 1;
  return [...names].filter(varies).sort();
}

/** What a param value means for grouping: numbers by value (`3e-05` from a Trainer and `0.00003` from MLflow are one learning rate). */
export function paramIdentity(v: string | undefined): string | null {
  if (v === undefined) return null;
  const n = v.trim() === '' ? NaN : Number(v);
  return Number.isFinite(n) ? `#${n}` : v;
}

export interface Group<R> {
  /** The defining params' values (absent params are left out). */
  key: Record<string, string>;
  members: R[];
}

/** Runs split by the values of `params`, in the order each group's first run comes. */
export function groupRuns<R extends { run: Pick<IndexedRun, 'params'> } | Pick<IndexedRun, 'params'>>(items: readonly R[], params: readonly string[]): Group<R>[] {
  const groups = new Map<string, Group<R>>();
  for (const item of items) {
    const p = 'run' in item ? item.run.params : (item as Pick<IndexedRun, 'params'>).params;
    const key: Record<string, string> = {};
    for (const name of params) if (p[name] !== undefined) key[name] = p[name];
    const id = JSON.stringify(params.map((name) => paramIdentity(p[name])));
    let g = groups.get(id);
    if (!g) groups.set(id, (g = { key, members: [] }));
    g.members.push(item);
  }
  return [...groups.values()];
}

/** What grouping reads of a row: its run's params and its cells (a RunRow, or the table panel's row). */
export type GroupableRow = { run: Pick<IndexedRun, 'params'>; values: Record<string, CellValue> };

export interface GroupRow<R extends GroupableRow = RunRow> {
  group: Record<string, string>;
  n: number;
  rows: R[];
  /** Numeric columns: statistics over the members; other columns: the value all members share, else null. */
  values: Record<string, Stats | CellValue>;
}

export function groupRows<R extends GroupableRow = RunRow>(rows: readonly R[], columns: readonly Pick<Column, 'id' | 'kind'>[], params: readonly string[]): GroupRow<R>[] {
  return groupRuns(rows, params).map((g) => {
    const values: GroupRow<R>['values'] = {};
    for (const c of columns) {
      const cells = g.members.map((r) => r.values[c.id]);
      if (c.kind === 'metric') values[c.id] = stats(cells.filter((v): v is number => typeof v === 'number'));
      else values[c.id] = cells.every((v) => v === cells[0]) ? cells[0] : null;
    }
    return { group: g.key, n: g.members.length, rows: g.members, values };
  });
}

export function isStats(v: Stats | CellValue | undefined): v is Stats {
  return typeof v === 'object' && v !== null;
}
