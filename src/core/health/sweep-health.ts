// Sweep health per experiment and numeric param (decisions.md §4.4, the tuning playbook): the best configuration
// at the edge of the tried range, a param spanning ≥ 2 decades sampled linearly, configurations with fewer than 3
// seeds, the best value next to runs that diverged, holes in a grid. Configurations are the seed groups of
// core/runs/groups; "best" is the experiment's objective (chooseObjective, best over steps as in the playbook).
import type { IndexedRun } from '../index/types';
import { groupParams, groupRuns, paramIdentity, replicateParams } from '../runs/groups';
import { bestValue, chooseObjective, type Objective } from '../runs/objective';
import { mean } from '../stats/describe';
import { fmt } from './curve-math';
import type { SweepFinding, SweepRule } from './types';

export interface SweepThresholds {
  /** Fewer seeds than this per configuration is flagged (3). */
  minSeeds: number;
  /** Decades a param must span to call for log sampling (2). */
  logDecades: number;
  /** Fraction of distinct values in the top decade that means "sampled linearly" (0.5). */
  topDecadeShare: number;
  /** Grid holes: at most this many distinct values per param for the runs to look like a grid (10). */
  gridMaxValues: number;
}

export const DEFAULT_SWEEP_THRESHOLDS: SweepThresholds = { minSeeds: 3, logDecades: 2, topDecadeShare: 0.5, gridMaxValues: 10 };

const numeric = (v: string | undefined) => (v !== undefined && v.trim() !== '' && Number.isFinite(Number(v)) ? Number(v) : undefined);

/** Params that every run of the experiment logged as a number, with at least two distinct values. */
function numericParams(runs: readonly IndexedRun[], params: readonly string[]): string[] {
  return params.filter((p) => runs.every((r) => numeric(r.params[p]) !== undefined) && new Set(runs.map((r) => Number(r.params[p]))).size >= 2);
}

/**
 * Sweep findings for one experiment. `infeasible` holds the keys of runs that diverged or went non-finite
 * (from the curve rules).
 */
export function sweepHealth(
  experiment: string,
  runs: readonly IndexedRun[],
  infeasible: ReadonlySet<string>,
  t: SweepThresholds = DEFAULT_SWEEP_THRESHOLDS,
  rules?: ReadonlySet<SweepRule>,
  /** The experiment's objective; null when it has none worth ranking by (chosen here when omitted). */
  chosenObjective?: Pick<Objective, 'key' | 'goal'> | null,
): SweepFinding[] {
  const objective = chosenObjective === undefined ? chooseObjective(runs) : (chosenObjective ?? undefined);
  const on = (r: SweepRule) => !rules || rules.has(r);
  const out: SweepFinding[] = [];
  const add = (rule: SweepRule, param: string, message: string, severity: SweepFinding['severity'] = 'warning') => out.push({ rule, severity, experiment, param, message });
  if (runs.length < 2) return out;
  const params = groupParams(runs);
  const groups = groupRuns(runs, params);
  const replicate = [...replicateParams(runs)].filter((p) => /seed/i.test(p));
  const seedName = replicate[0] ?? 'seed';

  if (on('few-seeds') && params.length && groups.length > 1) {
    const few = groups.filter((g) => g.members.length < t.minSeeds);
    if (few.length) {
      const counts = [...new Set(few.map((g) => g.members.length))].sort().join(' or ');
      add('few-seeds', seedName, `${few.length} of ${groups.length} configurations have ${counts} run${counts === '1' ? '' : 's'} (fewer than ${t.minSeeds} seeds): run more seeds before comparing them`, few.length === groups.length ? 'info' : 'warning');
    }
  }

  const feasible = (g: (typeof groups)[number]) => g.members.filter((r) => !infeasible.has(r.key));
  const scored = objective
    ? groups
        .map((g) => ({ g, value: mean(feasible(g).map((r) => bestValue(r, objective)).filter(Number.isFinite)) }))
        .filter((x) => Number.isFinite(x.value))
    : [];
  const best = scored.sort((a, b) => (objective!.goal === 'min' ? a.value - b.value : b.value - a.value))[0];

  for (const p of numericParams(runs, params)) {
    const distinct = [...new Set(runs.map((r) => Number(r.params[p])))].sort((a, b) => a - b);
    const lo = distinct[0];
    const hi = distinct[distinct.length - 1];
    if (on('linear-over-decades') && lo > 0 && Math.log10(hi / lo) >= t.logDecades) {
      const top = distinct.filter((v) => v >= hi / 10).length / distinct.length;
      if (top > t.topDecadeShare) add('linear-over-decades', p, `${p} spans ${fmt(Math.log10(hi / lo))} decades (${fmt(lo)}…${fmt(hi)}) but ${Math.round(top * 100)}% of its values are in the top decade: sample it on a log scale`);
    }
    if (!best || !objective) continue;
    const bv = Number(best.g.members[0].params[p]);
    const bi = distinct.indexOf(bv);
    if (on('best-at-edge') && distinct.length >= 3 && (bi === 0 || bi === distinct.length - 1)) {
      add('best-at-edge', p, `the best ${objective.key} (${fmt(best.value)}) is at ${p}=${fmt(bv)}, the ${bi === 0 ? 'smallest' : 'largest'} value tried: extend the search ${bi === 0 ? 'below' : 'above'} ${fmt(bv)}`);
    }
    if (on('best-next-to-diverged')) {
      // the best value's own runs and its neighbours'
      const neighbours = [bv, distinct[bi - 1], distinct[bi + 1]].filter((v) => v !== undefined);
      for (const v of neighbours) {
        const at = runs.filter((r) => Number(r.params[p]) === v);
        const bad = at.filter((r) => infeasible.has(r.key)).length;
        if (bad) add('best-next-to-diverged', p, `the best ${p}=${fmt(bv)} is ${v === bv ? 'where' : `next to ${p}=${fmt(v)}, where`} ${bad} of ${at.length} runs diverged: the best setting is near the instability edge; add warm-up or gradient clipping, or pick a safer value`);
      }
    }
  }

  if (on('grid-hole') && params.length >= 2) {
    const values = params.map((p) => [...new Set(runs.map((r) => paramIdentity(r.params[p])))]);
    // each value as some run wrote it (3e-05, not the identity's #0.00003)
    const written = new Map<string, string>();
    for (const r of runs) for (const p of params) if (r.params[p] !== undefined) written.set(`${p} ${paramIdentity(r.params[p])}`, r.params[p]);
    const product = values.reduce((n, v) => n * v.length, 1);
    const present = new Set(groups.map((g) => JSON.stringify(params.map((p) => paramIdentity(g.key[p])))));
    if (values.every((v) => v.length >= 2 && v.length <= t.gridMaxValues) && present.size < product && present.size >= 3 && present.size * 2 > product) {
      const missing: string[] = [];
      const walk = (i: number, acc: Array<string | null>) => {
        if (missing.length >= 3) return;
        if (i === params.length) {
          if (!present.has(JSON.stringify(acc))) missing.push(params.map((p, j) => `${p}=${acc[j] === null ? '∅' : written.get(`${p} ${acc[j]}`)}`).join(', '));
          return;
        }
        for (const v of values[i]) walk(i + 1, [...acc, v]);
      };
      walk(0, []);
      add('grid-hole', params.join('×'), `${product - present.size} of ${product} grid cells have no run (e.g. ${missing.join('; ')}): fill them or compare only complete slices`);
    }
  }
  return out;
}
