// Curve rules about a loss blowing up or going the wrong way (decisions.md §4.3): non-finite values, divergence,
// spikes, training loss increasing. Each is one function over raw points with its threshold from
// HealthThresholds; each returns a RuleHit or undefined. Messages say what to do (Google's loss-curve guide,
// the tuning playbook).
import type { SeriesPoints } from '../model';
import { percentileSorted } from '../stats/describe';
import { finiteCurve, fmt, linearFit, type Curve } from './curve-math';
import type { HealthThresholds } from './thresholds';
import type { RuleHit } from './types';

/** The first NaN or ±Inf (Lightning's check_finite, Optuna prunes a NaN trial): an error. */
export function nonFinite(points: SeriesPoints): RuleHit | undefined {
  let count = 0;
  let first = -1;
  for (let i = 0; i < points.values.length; i++) {
    if (!Number.isFinite(points.values[i])) {
      count++;
      if (first < 0) first = i;
    }
  }
  if (first < 0) return undefined;
  const v = points.values[first];
  const what = Number.isNaN(v) ? 'NaN' : v > 0 ? '+Inf' : '-Inf';
  const step = points.steps[first];
  return {
    rule: 'non-finite',
    severity: 'error',
    step,
    message: `${what} at step ${fmt(step)}${count > 1 ? ` (${count} non-finite values)` : ''}: lower the learning rate, add gradient clipping, check the inputs for NaN`,
  };
}

/**
 * Divergence: after the warm-up, the loss stays above k × its running minimum (or above its initial value)
 * for n consecutive points; a non-finite value counts as above. The step is where that stretch starts.
 */
export function divergence(points: SeriesPoints, t: HealthThresholds): RuleHit | undefined {
  const n = points.values.length;
  if (n < t.divergencePoints + 2) return undefined;
  const steps = points.steps;
  const first = steps[0];
  const last = steps[n - 1];
  const warmEnd = first + (last - first) * t.warmupFraction;
  let initial = NaN;
  let runMin = Infinity;
  let run = 0;
  let runStart = -1;
  for (let i = 0; i < n; i++) {
    const v = points.values[i];
    if (Number.isNaN(initial) && Number.isFinite(v)) initial = v;
    const afterWarmup = steps[i] > warmEnd;
    const above = !Number.isFinite(v) || (runMin > 0 && v > t.divergenceFactor * runMin) || (runMin < initial && v > initial);
    if (afterWarmup && Number.isFinite(runMin) && above) {
      if (run++ === 0) runStart = i;
      if (run >= t.divergencePoints) {
        const step = steps[runStart];
        return {
          rule: 'divergence',
          severity: 'error',
          step,
          message: `loss diverges from step ${fmt(step)} (above ${t.divergenceFactor}× its minimum ${fmt(runMin)}): lower the learning rate, add warm-up or gradient clipping`,
        };
      }
    } else run = 0;
    if (Number.isFinite(v) && v < runMin) runMin = v;
  }
  return undefined;
}

/** Spikes: a value whose robust z-score against the trailing window (W&B's z-score trigger, window 30) exceeds spikeZ. */
export function lossSpikes(points: SeriesPoints, t: HealthThresholds): RuleHit | undefined {
  const c = finiteCurve(points);
  const spikes = spikeSteps(c, t);
  if (!spikes.length) return undefined;
  return {
    rule: 'loss-spike',
    severity: 'warning',
    step: spikes[0],
    steps: spikes,
    message: `${spikes.length} loss spike${spikes.length > 1 ? 's' : ''} (first at step ${fmt(spikes[0])}): check for bad batches or outliers (shuffling), lower the learning rate or clip gradients`,
  };
}

/**
 * Points far above the trailing window: (value − median) / upper-tail scale of the previous spikeWindow values.
 * The scale is (90th percentile − median) / 1.2816, the sd for normal noise; per-batch losses are right-skewed
 * (a healthy curve's upper tail is longer than its MAD says), and a symmetric MAD would call their tail spikes.
 */
function spikeSteps(c: Curve, t: HealthThresholds): number[] {
  const out: number[] = [];
  for (let i = t.spikeWindow; i < c.values.length; i++) {
    const window = c.values.slice(i - t.spikeWindow, i).sort((a, b) => a - b);
    const centre = percentileSorted(window, 50);
    const scale = (percentileSorted(window, 90) - centre) / 1.2816;
    if (!(scale > 0)) continue;
    if ((c.values[i] - centre) / scale > t.spikeZ) out.push(c.steps[i]);
  }
  return out;
}

/**
 * Training loss increasing over the last part of training (the playbook calls it a bug): the least-squares
 * trend of the raw tail rises significantly and by more than a fraction of the loss's total drop.
 */
export function trainLossIncreasing(points: SeriesPoints, t: HealthThresholds): RuleHit | undefined {
  const c = finiteCurve(points);
  const n = c.values.length;
  if (n < 10) return undefined;
  const from = c.steps[0] + (c.steps[n - 1] - c.steps[0]) * (1 - t.increasingTailFraction);
  const i0 = c.steps.findIndex((s) => s >= from);
  const xs = c.steps.slice(i0);
  const ys = c.values.slice(i0);
  if (xs.length < 5) return undefined;
  const fit = linearFit(xs, ys);
  const rise = fit.slope * (xs[xs.length - 1] - xs[0]);
  const drop = c.values[0] - Math.min(...c.values);
  const scale = drop > 0 ? drop : Math.abs(c.values[0]);
  if (!(fit.t > 3 && rise > t.increasingMinRise * scale)) return undefined;
  return {
    rule: 'train-loss-increasing',
    severity: 'warning',
    step: xs[0],
    message: `training loss rises by ${fmt(rise)} from step ${fmt(xs[0])} to the end: look for a bug (data order, loss sign, LR schedule) or lower the learning rate`,
  };
}
