// Which trials Optuna itself calls best: for one objective `study.best_trial` (the first COMPLETE
// trial with the lowest / highest value), for several `study.best_trials` (the Pareto front of the
// COMPLETE trials). Computed here so the tree and panels mark the same trials Optuna would.
export type Direction = 'minimize' | 'maximize';

export interface ScoredTrial {
  number: number;
  complete: boolean;
  values: number[];
}

/** Numbers of the best trials (one for a single objective, the Pareto front otherwise). */
export function bestTrialNumbers(trials: ScoredTrial[], directions: Direction[]): Set<number> {
  const candidates = trials
    .filter((t) => t.complete && t.values.length === directions.length && [...t.values].every((v) => typeof v === 'number' && !Number.isNaN(v)))
    .sort((a, b) => a.number - b.number);
  const best = new Set<number>();
  if (candidates.length === 0 || directions.length === 0) return best;
  if (directions.length === 1) {
    const sign = directions[0] === 'maximize' ? -1 : 1;
    let winner = candidates[0];
    for (const t of candidates) if (sign * t.values[0] < sign * winner.values[0]) winner = t;
    best.add(winner.number);
    return best;
  }
  // minimise every objective after flipping the maximised ones
  const signs = directions.map((d) => (d === 'maximize' ? -1 : 1));
  const points = candidates.map((t) => t.values.map((v, i) => signs[i] * v));
  for (let i = 0; i < candidates.length; i++) {
    let dominated = false;
    for (let j = 0; j < candidates.length && !dominated; j++) {
      if (i !== j && dominates(points[j], points[i])) dominated = true;
    }
    if (!dominated) best.add(candidates[i].number);
  }
  return best;
}

/** a dominates b: no worse in every objective and better in at least one (all minimised). */
function dominates(a: number[], b: number[]): boolean {
  let better = false;
  for (let k = 0; k < a.length; k++) {
    if (a[k] > b[k]) return false;
    if (a[k] < b[k]) better = true;
  }
  return better;
}
