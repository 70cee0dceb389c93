// The axes a Params view starts with (decisions.md §1.8): the params that vary across the shown runs
// (mlflow#3763: constant ones only make the chart unreadable), at most ~8 axes in all, the most important
// first (PED-ANOVA, then |Spearman ρ|, when there are enough runs for importance), the objective last.
// Run names, output folders and ids unique to every run are no axes; seeds are (seed variance is the story).
import type { IndexedRun } from '../index/types';
import { paramIdentity, replicateParams } from '../runs/groups';
import type { ImportanceResult } from './importance';

export const MAX_DEFAULT_AXES = 8;

const SEED = /(^|[_.\-/])seed$|^seed|random_state/i;

/** Params whose value differs between the runs (numbers by value), minus ids and folders; seeds kept. */
export function varyingParams(runs: readonly Pick<IndexedRun, 'params'>[]): string[] {
  const skip = replicateParams(runs);
  const names = new Set<string>();
  for (const r of runs) for (const k of Object.keys(r.params)) names.add(k);
  return [...names]
    .filter((k) => !skip.has(k) || SEED.test(k))
    .filter((k) => new Set(runs.map((r) => paramIdentity(r.params[k]))).size > 1)
    .sort((a, b) => Number(SEED.test(a)) - Number(SEED.test(b)) || a.localeCompare(b));
}

/**
 * Axis column ids: `params.<name>` for the varying params ordered by importance (params the importance does
 * not rank keep their order after the ranked ones), then the objective column.
 */
export function defaultAxes(params: readonly string[], objective: string | undefined, importance?: ImportanceResult, max = MAX_DEFAULT_AXES): string[] {
  let ordered = [...params];
  if (importance?.shown) {
    const rank = new Map(importance.params.map((p, i) => [p.param, i]));
    ordered = ordered
      .map((p, i) => ({ p, i, r: rank.get(p) ?? Infinity }))
      .sort((a, b) => a.r - b.r || a.i - b.i)
      .map((x) => x.p);
  }
  const room = objective ? max - 1 : max;
  const axes = ordered.slice(0, room).map((p) => `params.${p}`);
  return objective ? [...axes, objective] : axes;
}
