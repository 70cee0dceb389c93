// Curve rules about the shape of a validation curve (decisions.md §4.3): overfitting, plateau, still improving at
// the end, high late variance. They take the metric's direction (loss-like 'min', score-like 'max', from
// metricGoal) and run on raw values. The noise level comes from the curve's own jitter, so a noisy healthy
// curve does not trip them.
import type { SeriesPoints } from '../model';
import type { Goal } from '../runs/declared-objective';
import { median } from '../stats/describe';
import { bestIndex, better, finiteCurve, fmt, indexFrom, jitterSd, linearFit, type Curve } from './curve-math';
import type { HealthThresholds } from './thresholds';
import type { RuleHit } from './types';

/**
 * Overfitting: the validation best comes before overfitBestBefore of the last step, every one of at least
 * `patience` later evaluations is worse, the last ones are worse than the best by more than the noise, and
 * the training loss (when given) kept improving after the validation best; the curve is not recovering at the end. The step is the validation best.
 */
export function overfitting(val: SeriesPoints, goal: Goal, t: HealthThresholds, trainLoss?: SeriesPoints): RuleHit | undefined {
  const c = finiteCurve(val);
  const n = c.values.length;
  if (n < t.minEvals) return undefined;
  const bi = bestIndex(c.values, goal);
  const bestStep = c.steps[bi];
  const last = c.steps[n - 1];
  if (bestStep >= c.steps[0] + (last - c.steps[0]) * t.overfitBestBefore) return undefined;
  const after = c.values.slice(bi + 1);
  if (after.length < t.overfitPatience) return undefined;
  const end = median(after.slice(-t.overfitPatience));
  const noise = jitterSd(c.values);
  const gap = Math.abs(end - c.values[bi]);
  if (!(gap > t.overfitNoiseSds * (noise > 0 ? noise : 0)) || gap === 0) return undefined;
  // not recovering at the end (a running test accuracy whose first batch scored 100 % climbs back)
  const tailFrom = Math.max(bi + 1, n - Math.max(t.overfitPatience, Math.round(n / 5)));
  const tail = linearFit(c.steps.slice(tailFrom), c.values.slice(tailFrom));
  if ((goal === 'min' ? -tail.t : tail.t) > 2) return undefined;
  if (trainLoss && !keepsImproving(finiteCurve(trainLoss), bestStep)) return undefined;
  return {
    rule: 'overfitting',
    severity: 'warning',
    step: bestStep,
    message: `overfits from step ${fmt(bestStep)}: validation best ${fmt(c.values[bi])}, ${fmt(end)} at the end while training improves; keep the checkpoint at step ${fmt(bestStep)}, add regularisation or stop earlier`,
  };
}

/** The training loss after `step` ends lower than around `step`, by more than its jitter. */
function keepsImproving(train: Curve, step: number): boolean {
  const i = indexFrom(train.steps, step);
  const n = train.values.length;
  if (n - i < 3) return false;
  const around = median(train.values.slice(Math.max(0, i - 2), i + 3));
  const end = median(train.values.slice(Math.max(i + 1, n - Math.max(3, Math.round((n - i) / 5)))));
  const noise = jitterSd(train.values);
  return end < around - (noise > 0 ? noise / Math.sqrt(3) : 0);
}

/** Plateau (ReduceLROnPlateau's test): none of the last plateauEvals evaluations beats the best before them by rel. plateauRelDelta. */
export function plateau(val: SeriesPoints, goal: Goal, t: HealthThresholds): RuleHit | undefined {
  const c = finiteCurve(val);
  const n = c.values.length;
  if (n < t.plateauEvals + t.minEvals) return undefined;
  const cut = n - t.plateauEvals;
  const before = c.values.slice(0, cut);
  const best = before[bestIndex(before, goal)];
  const threshold = goal === 'min' ? best * (1 - Math.sign(best) * t.plateauRelDelta) : best * (1 + Math.sign(best) * t.plateauRelDelta);
  if (c.values.slice(cut).some((v) => better(goal, v, threshold))) return undefined;
  // climbing back towards an early best (a running test accuracy that started at 100 %) is not a plateau
  const recent = linearFit(c.steps.slice(cut), c.values.slice(cut));
  if ((goal === 'min' ? -recent.t : recent.t) > 2) return undefined;
  const since = c.steps[bestIndex(before, goal)];
  return {
    rule: 'plateau',
    severity: 'info',
    step: since,
    message: `no improvement in the last ${t.plateauEvals} evaluations (best at step ${fmt(since)}): training could stop earlier, or lower the learning rate on plateau`,
  };
}

/**
 * Still improving: the best is in the last stillImprovingBestIn of steps and the last stillImprovingTail's slope is
 * significant and moves the metric by more than stillImprovingMinRel of its level.
 */
export function stillImproving(val: SeriesPoints, goal: Goal, t: HealthThresholds): RuleHit | undefined {
  const c = finiteCurve(val);
  const n = c.values.length;
  if (n < t.minEvals) return undefined;
  const first = c.steps[0];
  const last = c.steps[n - 1];
  const bi = bestIndex(c.values, goal);
  if (c.steps[bi] < last - (last - first) * t.stillImprovingBestIn) return undefined;
  const i0 = indexFrom(c.steps, last - (last - first) * t.stillImprovingTail);
  const xs = c.steps.slice(Math.min(i0, n - 3));
  const ys = c.values.slice(Math.min(i0, n - 3));
  const fit = linearFit(xs, ys);
  const t_ = goal === 'min' ? -fit.t : fit.t;
  if (!(t_ > t.stillImprovingT)) return undefined;
  // and by a visible amount: a val loss creeping from 681.6 to 681.2 is significant but says nothing
  const gain = Math.abs(fit.slope * (xs[xs.length - 1] - xs[0]));
  if (!(gain > t.stillImprovingMinRel * Math.abs(median(ys)))) return undefined;
  return {
    rule: 'still-improving',
    severity: 'info',
    step: last,
    message: `still improving at the last step ${fmt(last)}: training longer would likely help (the run is compute-bound)`,
  };
}

/**
 * High late variance: the jitter of the last varianceTail of points is more than varianceOfRange of the
 * curve's total improvement, and (when the seed-to-seed sd of the run's configuration is known) more than
 * varianceSeedFactor times it.
 */
export function highVariance(val: SeriesPoints, goal: Goal, t: HealthThresholds, seedSd?: number): RuleHit | undefined {
  const c = finiteCurve(val);
  const n = c.values.length;
  if (n < 2 * t.minEvals) return undefined;
  const i0 = Math.min(n - t.minEvals, indexFrom(c.steps, c.steps[n - 1] - (c.steps[n - 1] - c.steps[0]) * t.varianceTail));
  const late = c.values.slice(i0);
  const sd = jitterSd(late);
  const range = Math.abs(c.values[0] - c.values[bestIndex(c.values, goal)]);
  if (!(sd > t.varianceOfRange * range) || range === 0) return undefined;
  if (seedSd !== undefined && Number.isFinite(seedSd) && !(sd > t.varianceSeedFactor * seedSd)) return undefined;
  return {
    rule: 'high-variance',
    severity: 'warning',
    step: c.steps[i0],
    message: `late values jitter by ±${fmt(sd)} (${Math.round((100 * sd) / range)}% of the total improvement) from step ${fmt(c.steps[i0])}: lower the learning rate at the end, raise the batch size, or average checkpoints`,
  };
}
