// What goes on a curve's x axis: step, epoch, time since the run began, wall-clock time, or another
// metric of the same run. Each helper returns a new Float64Array parallel to the series' points
// (except metricAsX, which joins two series), so bucketize/align can take it as `xs` directly.

import type { SeriesPoints } from '../model';
import { canonicalPoints } from './points';

export type XAxis = 'step' | 'epoch' | 'relative-time' | 'wall-time';

/** Smallest finite entry, NaN when there is none. */
function firstTime(times: ArrayLike<number>): number {
  let t0 = Infinity;
  for (let i = 0; i < times.length; i++) if (times[i] < t0) t0 = times[i];
  return Number.isFinite(t0) ? t0 : NaN;
}

/**
 * Time since the run's first time, in the unit of `times` (epoch ms in the model: so milliseconds).
 * `origin` defaults to the series' earliest finite time; pass the run's start time (or the earliest
 * time over all its series) so every series of a run shares one zero. Unknown times stay NaN.
 */
export function relativeTime(times: ArrayLike<number>, origin?: number): Float64Array {
  const t0 = origin ?? firstTime(times);
  const out = new Float64Array(times.length);
  for (let i = 0; i < times.length; i++) out[i] = times[i] - t0;
  return out;
}

/** Wall-clock x: the times themselves (epoch ms), copied so the caller may keep or transfer them. */
export function wallTime(times: ArrayLike<number>): Float64Array {
  return Float64Array.from(times);
}

/**
 * The x values of a series for one axis kind, or undefined when the series does not carry what
 * that axis needs (no epochs / no times, or all of them unknown), so the panel can say so.
 */
export function xValues(points: SeriesPoints, axis: XAxis, options: { origin?: number } = {}): Float64Array | undefined {
  switch (axis) {
    case 'step':
      return Float64Array.from(points.steps);
    case 'epoch':
      return points.epochs && hasKnown(points.epochs) ? Float64Array.from(points.epochs) : undefined;
    case 'relative-time':
      return points.times && hasKnown(points.times) ? relativeTime(points.times, options.origin) : undefined;
    case 'wall-time':
      return points.times && hasKnown(points.times) ? wallTime(points.times) : undefined;
  }
}

function hasKnown(a: ArrayLike<number>): boolean {
  for (let i = 0; i < a.length; i++) if (Number.isFinite(a[i])) return true;
  return false;
}

/** Metric B plotted against metric A of the same run, one point per shared step. */
export interface MetricXY {
  /** The shared steps, ascending. */
  steps: Float64Array;
  /** Metric A at each step (the x). */
  xs: Float64Array;
  /** Metric B at each step (the y). */
  ys: Float64Array;
}

/**
 * Joins two series of one run by step: for each step logged in both, x = A's value and y = B's
 * value. Steps logged more than once use the last appended value (as everywhere else). NaN values
 * are kept, not dropped, so a NaN in either metric stays visible to the caller (bucketize and
 * align skip such points themselves). Points come out in step order, so the curve is drawn in
 * training order even where x = A is not monotonic.
 */
export function metricAsX(a: Pick<SeriesPoints, 'steps' | 'values'>, b: Pick<SeriesPoints, 'steps' | 'values'>): MetricXY {
  const ca = canonicalPoints(a.steps, a.values, { dropNaN: false });
  const cb = canonicalPoints(b.steps, b.values, { dropNaN: false });
  const cap = Math.min(ca.xs.length, cb.xs.length);
  const steps = new Float64Array(cap);
  const xs = new Float64Array(cap);
  const ys = new Float64Array(cap);
  let i = 0;
  let j = 0;
  let n = 0;
  while (i < ca.xs.length && j < cb.xs.length) {
    const sa = ca.xs[i];
    const sb = cb.xs[j];
    if (sa < sb) i++;
    else if (sb < sa) j++;
    else {
      steps[n] = sa;
      xs[n] = ca.ys[i];
      ys[n] = cb.ys[j];
      n++;
      i++;
      j++;
    }
  }
  return { steps: steps.slice(0, n), xs: xs.slice(0, n), ys: ys.slice(0, n) };
}
