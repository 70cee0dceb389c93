// Curve rules about a loss blowing up or going the wrong way (decisions.md §4.3): non-finite values, divergence,
// spikes, training loss increasing. Each is one function over raw points with its threshold from
// HealthThresholds; each returns a RuleHit or undefined. Messages say what to do (Google's loss-curve guide,
// the tuning playbook).
import type { SeriesPoints } from '../model';
import { percentileSorted } from '../stats/describe';
import { SortedWindow } from '../stats/sorted-window';
import { finiteCurve, fmt, jitterSd, linearFit, type Curve } from './curve-math';
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
 * Divergence: after the warm-up, the loss level stays above k × its lowest level (or 20 % above its initial
 * level) by more than divergenceNoiseSds × its point-to-point noise, for n consecutive points (at least a window's length), and has given back at least half of the progress made since the warm-up;
 * a non-finite value counts as above. The level is the median of the last w raw points (w = 5 % of the
 * points, 10…50; fewer when the series is short): per-batch losses that jump between 0.002 and 0.2 are noise, not a divergence (the corpus has
 * several). The step is where the stretch starts.
 */
export function divergence(points: SeriesPoints, t: HealthThresholds): RuleHit | undefined {
  const n = points.values.length;
  if (n < t.divergencePoints + 2) return undefined;
  const steps = points.steps;
  const warmEnd = steps[0] + (steps[n - 1] - steps[0]) * t.warmupFraction;
  const w = Math.max(10, Math.min(50, Math.ceil(n / 20)));
  // a stretch as long as the window: a level that one noisy window lifted is not a divergence
  const need = Math.min(w, Math.max(t.divergencePoints, Math.floor(n / 10)));
  // and clear of the point-to-point noise: per-batch losses that jump between 0.002 and 0.2 move their
  // median level 10× without anything diverging (two corpus runs)
  const noise = jitterSd(finiteCurve(points).values);
  const window: number[] = [];
  const ordered = new SortedWindow();
  let initial = NaN;
  let warmLevel = NaN;
  let minLevel = Infinity;
  let run = 0;
  let runStart = -1;
  for (let i = 0; i < n; i++) {
    const v = points.values[i];
    // a non-finite value pushes the level to +Inf (NaN sorts as a blow-up, not as a low loss)
    const x = Number.isFinite(v) || v === -Infinity ? v : Infinity;
    window.push(x);
    ordered.add(x);
    if (window.length > w) ordered.remove(window.shift()!);
    // the upper middle value: no interpolation, so a window of infinities has an infinite level (not Inf − Inf)
    const level = ordered.values[Math.floor(ordered.size / 2)];
    if (i === Math.min(n - 1, w - 1, Math.floor(n / 3) - 1)) initial = level;
    if (i < Math.min(w, Math.floor(n / 3))) continue;
    if (steps[i] <= warmEnd) {
      warmLevel = level;
      if (Number.isFinite(level) && level < minLevel) minLevel = level;
      continue;
    }
    if (Number.isNaN(warmLevel)) warmLevel = level;
    const aboveMin = level > t.divergenceFactor * minLevel || (initial > 0 && level > 1.2 * initial);
    const gaveBack = level > minLevel + 0.5 * (Math.max(warmLevel, initial) - minLevel) && !(level - minLevel <= t.divergenceNoiseSds * noise);
    if (Number.isFinite(minLevel) && minLevel > 0 && aboveMin && gaveBack) {
      if (run++ === 0) {
        // the stretch starts at the first raw point of this window above the threshold (the level lags it)
        const thr = t.divergenceFactor * minLevel;
        runStart = i;
        for (let j = Math.max(0, i - w + 1); j <= i; j++) {
          if (!(points.values[j] <= thr)) {
            runStart = j;
            break;
          }
        }
      }
      if (run >= Math.max(t.divergencePoints, need)) {
        const step = steps[runStart];
        return {
          rule: 'divergence',
          severity: 'error',
          step,
          message: `loss diverges from step ${fmt(step)} (above ${t.divergenceFactor}× its lowest level ${fmt(minLevel)}): lower the learning rate, add warm-up or gradient clipping`,
        };
      }
    } else run = 0;
    if (Number.isFinite(level) && level < minLevel) minLevel = level;
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
 * A spike must also rise spikeMinRise above the local level: on a long smooth curve a 9 % blip can score z > 6.
 */
function spikeSteps(c: Curve, t: HealthThresholds): number[] {
  const out: number[] = [];
  // the previous spikeWindow and spikeScaleWindow values, kept sorted as the point moves on
  const near = new SortedWindow();
  const far = new SortedWindow();
  const values = c.values;
  for (let j = 0; j < Math.min(t.spikeWindow, values.length); j++) near.add(values[j]);
  for (let j = Math.max(0, t.spikeWindow - t.spikeScaleWindow); j < Math.min(t.spikeWindow, values.length); j++) far.add(values[j]);
  for (let i = t.spikeWindow; i < values.length; i++) {
    if (i > t.spikeWindow) {
      near.add(values[i - 1]);
      near.remove(values[i - 1 - t.spikeWindow]);
      far.add(values[i - 1]);
      if (i - 1 - t.spikeScaleWindow >= 0) far.remove(values[i - 1 - t.spikeScaleWindow]);
    }
    const window = near.values;
    const centre = percentileSorted(window, 50);
    // the tail's scale from a longer stretch: a 30-point 90th percentile is too noisy (5 % of 1,000 healthy runs of
    // the scale workspace showed a "spike"); the centre stays local, so a falling curve is judged at its level
    const wide = far.values;
    const scale = Math.max(percentileSorted(window, 90) - centre, percentileSorted(wide, 90) - percentileSorted(wide, 50)) / 1.2816;
    if (!(scale > 0)) continue;
    if ((c.values[i] - centre) / scale > t.spikeZ && c.values[i] - centre > t.spikeMinRise * Math.abs(centre)) out.push(c.steps[i]);
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
