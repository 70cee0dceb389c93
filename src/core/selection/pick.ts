// Model selection over a pool of candidates (decisions.md §3): which (run, step) the selection metric picks,
// how it ranks on a target, the oracle, the regret, and the Chen & Ritter / Schmidt et al. variants (last step
// of the selected run, median over the seeds of its configuration). Pure: the candidates are built elsewhere.
import type { Goal } from '../runs/declared-objective';
import { median } from '../stats/describe';
import { kendallTauB } from '../stats/kendall';

/** One (run, step) at which both the selection metric and the target were logged with finite values. */
export interface Candidate {
  /** Index of the run in the caller's run order (ties go to the first run). */
  run: number;
  step: number;
  selection: number;
  target: number;
}

export type Unit = 'step' | 'run';

export interface Pick {
  run: number;
  step: number;
  /** The target value. */
  value: number;
  /** The selection metric's value there. */
  selection: number;
  /** 1 + the number of pool candidates strictly better on the target (tied candidates share a rank). */
  rank: number;
  /**
   * How far below the oracle (sign by the target's goal): ≥ 0 for every pool candidate. With unit 'run' the
   * last step is not in the pool (only each run's selection-best step is), so it can beat the oracle (< 0).
   */
  regret: number;
}

export interface SeedMedian {
  /** The runs of the selected run's configuration that have a candidate, each at its selection-best step. */
  runs: number[];
  value: number;
  regret: number;
}

export interface TargetPicks {
  /** Candidates in the pool (with unit 'run': one per run). */
  pool: number;
  selected: Pick;
  oracle: Pick;
  /** The selected run's last candidate step (Schmidt et al.'s L). */
  last: Pick;
  /** Median target value over the seeds of the selected configuration. */
  seedMedian: SeedMedian;
  /** τ-b between selection and target over the pool, both oriented so that larger is better (> 0: agree). */
  kendallTau: number;
}

export interface Goals {
  selection: Goal;
  target: Goal;
}

const sign = (g: Goal) => (g === 'min' ? -1 : 1);

/** Whether a beats b on `value` (by goal); ties: earlier step, then the earlier run. */
function beats(a: Candidate, b: Candidate, value: (c: Candidate) => number, goal: Goal): boolean {
  const d = (value(a) - value(b)) * sign(goal);
  if (d !== 0) return d > 0;
  return a.step !== b.step ? a.step < b.step : a.run < b.run;
}

function bestOf(cs: readonly Candidate[], value: (c: Candidate) => number, goal: Goal): Candidate | undefined {
  let best: Candidate | undefined;
  for (const c of cs) if (Number.isFinite(value(c)) && (!best || beats(c, best, value, goal))) best = c;
  return best;
}

/** Each run's candidate where the selection metric is best (its "dev-best checkpoint"), in run order. */
export function perRunBest(cs: readonly Candidate[], goal: Goal): Candidate[] {
  const byRun = new Map<number, Candidate[]>();
  for (const c of cs) {
    let list = byRun.get(c.run);
    if (!list) byRun.set(c.run, (list = []));
    list.push(c);
  }
  return [...byRun.keys()].sort((a, b) => a - b).map((r) => bestOf(byRun.get(r)!, (c) => c.selection, goal)!).filter(Boolean);
}

/**
 * The selection analysis of one target. `candidates` are every (run, step) of the pool at step resolution;
 * `configOf` gives a run's configuration group (runs that differ only in replicate-like params share one).
 * Undefined when no candidate has finite values.
 */
export function pickModels(candidates: readonly Candidate[], goals: Goals, unit: Unit, configOf: (run: number) => number): TargetPicks | undefined {
  const finite = candidates.filter((c) => Number.isFinite(c.selection) && Number.isFinite(c.target));
  const pool = unit === 'run' ? perRunBest(finite, goals.selection) : finite;
  const chosen = bestOf(pool, (c) => c.selection, goals.selection);
  const oracle = bestOf(pool, (c) => c.target, goals.target);
  if (!chosen || !oracle) return undefined;
  const s = sign(goals.target);
  const regretOf = (v: number) => (oracle.target - v) * s;
  const rankOf = (v: number) => 1 + pool.reduce((n, c) => n + ((c.target - v) * s > 0 ? 1 : 0), 0);
  const pickOf = (c: Candidate): Pick => ({ run: c.run, step: c.step, value: c.target, selection: c.selection, rank: rankOf(c.target), regret: regretOf(c.target) });

  let last: Candidate = chosen;
  for (const c of finite) if (c.run === chosen.run && c.step > last.step) last = c;

  const config = configOf(chosen.run);
  const seeds = perRunBest(finite.filter((c) => configOf(c.run) === config), goals.selection);
  const seedValue = median(seeds.map((c) => c.target));

  return {
    pool: pool.length,
    selected: pickOf(chosen),
    oracle: pickOf(oracle),
    last: pickOf(last),
    seedMedian: { runs: seeds.map((c) => c.run), value: seedValue, regret: regretOf(seedValue) },
    kendallTau: kendallTauB(pool.map((c) => c.selection * sign(goals.selection)), pool.map((c) => c.target * s)),
  };
}
