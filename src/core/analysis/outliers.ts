// The y-range a chart should show: "ignore outliers" as in TensorBoard and Aim, so one loss spike
// of 1e6 does not flatten every other curve into a line at the bottom.

import { quantileSorted } from './quantile';

export interface YRange {
  /** NaN/NaN when there is no value to show. */
  min: number;
  max: number;
}

export interface OutlierOptions {
  /** Fence distance in inter-quartile ranges: points beyond Q1 − k·IQR or Q3 + k·IQR are ignored. Default 1.5 (Tukey). */
  k?: number;
  /** Logarithmic y axis: only values > 0 count, and quartiles are taken in log space. */
  log?: boolean;
}

/** Fewer values than this and quartiles say nothing: the full range is returned. */
export const MIN_VALUES_FOR_OUTLIERS = 4;

type Values = ArrayLike<number> | readonly ArrayLike<number>[];

function isList(values: Values): values is readonly ArrayLike<number>[] {
  return values.length > 0 && typeof (values as ArrayLike<unknown>)[0] === 'object';
}

/** The drawable values (finite; > 0 on a log axis), transformed to log10 on a log axis. */
function drawable(values: Values, log: boolean): Float64Array {
  const arrays = isList(values) ? values : [values as ArrayLike<number>];
  let total = 0;
  for (const a of arrays) total += a.length;
  const out = new Float64Array(total);
  let n = 0;
  for (const a of arrays) {
    for (let i = 0; i < a.length; i++) {
      const v = a[i];
      if (!Number.isFinite(v) || (log && v <= 0)) continue;
      out[n++] = log ? Math.log10(v) : v;
    }
  }
  return out.subarray(0, n);
}

/** Smallest and largest drawable value (NaN/±Infinity skipped; only > 0 when `log`). */
export function finiteRange(values: Values, log = false): YRange {
  let min = Infinity;
  let max = -Infinity;
  const arrays = isList(values) ? values : [values as ArrayLike<number>];
  for (const a of arrays) {
    for (let i = 0; i < a.length; i++) {
      const v = a[i];
      if (!Number.isFinite(v) || (log && v <= 0)) continue;
      if (v < min) min = v;
      if (v > max) max = v;
    }
  }
  return min <= max ? { min, max } : { min: NaN, max: NaN };
}

/**
 * The y-range of one series or of all series of a chart (pass an array of arrays), leaving out
 * values beyond Tukey's fences. The range is tight around the values that remain (the chart adds
 * its own padding). Graceful cases: no drawable value → NaN/NaN; fewer than 4 values, or a zero
 * IQR (a constant or nearly constant curve), → the full finite range, since nothing can be judged
 * far from a spread of zero. NaN and ±Infinity never count.
 */
export function outlierRange(values: Values, options: OutlierOptions = {}): YRange {
  const log = options.log ?? false;
  const k = options.k ?? 1.5;
  const v = drawable(values, log);
  const n = v.length;
  if (n === 0) return { min: NaN, max: NaN };
  v.sort();
  if (n < MIN_VALUES_FOR_OUTLIERS) return finiteRange(values, log);
  const q1 = quantileSorted(v, 0.25);
  const q3 = quantileSorted(v, 0.75);
  const iqr = q3 - q1;
  if (!(iqr > 0)) return finiteRange(values, log);
  const lo = q1 - k * iqr;
  const hi = q3 + k * iqr;
  let a = 0;
  while (v[a] < lo) a++;
  let b = n - 1;
  while (v[b] > hi) b--;
  // Take the original values, not 10**log10(v), so a log range lands exactly on data points.
  if (!log) return { min: v[a], max: v[b] };
  return exactLogRange(values, v[a], v[b]);
}

/** The smallest/largest positive original values whose log10 lies within [loLog, hiLog]. */
function exactLogRange(values: Values, loLog: number, hiLog: number): YRange {
  let min = Infinity;
  let max = -Infinity;
  const arrays = isList(values) ? values : [values as ArrayLike<number>];
  for (const a of arrays) {
    for (let i = 0; i < a.length; i++) {
      const x = a[i];
      if (!Number.isFinite(x) || x <= 0) continue;
      const l = Math.log10(x);
      if (l < loLog || l > hiLog) continue;
      if (x < min) min = x;
      if (x > max) max = x;
    }
  }
  return { min, max };
}
