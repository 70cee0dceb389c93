// Min/max/last downsampling of one series into x-buckets: the index preview (<= 256 buckets,
// DESIGN.md §3) and the zoom re-read (one bucket per pixel column of the visible range).
// Min and max per bucket keep spikes visible however far a curve is downsampled; `last` is the
// line through the bucket. NaN points are counted, never folded into min/max or turned into 0.

/** More columns than any screen has; a larger request is clamped so a bad value cannot allocate gigabytes. */
export const MAX_BUCKETS = 1 << 16;

export interface BucketOptions {
  /** Number of equal-width buckets over [xMin, xMax] (equal width in log x when `log`); 1 .. MAX_BUCKETS. */
  buckets: number;
  /** Range start; default (also when not finite, or <= 0 on a log axis): the smallest usable x. Points below it go to `before`. */
  xMin?: number;
  /** Range end (inclusive); default (also when not finite): the largest usable x. Points above it go to `after`. */
  xMax?: number;
  /** Logarithmic x axis: bucket edges spaced evenly in log x; points with x <= 0 are skipped. */
  log?: boolean;
  /**
   * Each input point's own min and max (the input is already buckets, e.g. a stored preview being widened):
   * a bucket's min/max come from these instead of from ys. NaN ys still count as NaN points.
   */
  spread?: { min: ArrayLike<number>; max: ArrayLike<number> };
}

/** A point just outside the range, so a zoomed chart can draw its line into the edge. */
export interface EdgePoint {
  x: number;
  y: number;
}

/**
 * Non-empty buckets only, in ascending x order; every array has one entry per non-empty bucket.
 * A bucket is non-empty when it holds at least one point, NaN points included.
 */
export interface Buckets {
  /** Index (0 .. buckets - 1) of each bucket: the pixel column when buckets = chart width. */
  column: Uint32Array;
  /** x of the point that gave `last`: the largest x in the bucket (for NaN-only buckets, their largest x). */
  x: Float64Array;
  /** y at the largest x among the bucket's non-NaN points (the later-appended one when x repeats); NaN if none. */
  last: Float64Array;
  /** Smallest and largest non-NaN y (±Infinity included); NaN if the bucket holds only NaN points. */
  min: Float64Array;
  max: Float64Array;
  /** Non-NaN points in the bucket. */
  count: Uint32Array;
  /** NaN points in the bucket: the chart marks them; they are not in min/max/last. */
  nan: Uint32Array;
  /** Total NaN points in range (sum of `nan`). */
  nanTotal: number;
  /** Points that could not be placed: non-finite x, or x <= 0 on a log axis. */
  skipped: number;
  /** The range actually used (NaN when the series had no usable point and none was given). */
  xMin: number;
  xMax: number;
  /** Nearest non-NaN point below xMin / above xMax (largest/smallest x), or null. */
  before: EdgePoint | null;
  after: EdgePoint | null;
}

function usable(x: number, log: boolean): boolean {
  return Number.isFinite(x) && (!log || x > 0);
}

/**
 * Buckets the points (xs[i], ys[i]) by x. Input may be in any order (append order is fine).
 * Cost: one pass over the points plus O(buckets); allocation: O(buckets), never O(points).
 * When no two points share a bucket the output reproduces the input points exactly.
 */
export function bucketize(xs: ArrayLike<number>, ys: ArrayLike<number>, options: BucketOptions): Buckets {
  const n = Math.min(xs.length, ys.length);
  const log = options.log ?? false;
  const spread = options.spread;
  const buckets = Math.min(MAX_BUCKETS, Math.max(1, Math.floor(options.buckets) || 1));

  // A bound that is missing or not finite (or a start <= 0 on a log axis, which cannot be placed)
  // falls back to the series' own extent.
  let xMin = Number.isFinite(options.xMin) && (!log || options.xMin! > 0) ? options.xMin! : NaN;
  let xMax = Number.isFinite(options.xMax) ? options.xMax! : NaN;
  let skipped = 0;
  if (Number.isNaN(xMin) || Number.isNaN(xMax)) {
    let lo = Infinity;
    let hi = -Infinity;
    for (let i = 0; i < n; i++) {
      const x = xs[i];
      if (!usable(x, log)) continue;
      if (x < lo) lo = x;
      if (x > hi) hi = x;
    }
    if (Number.isNaN(xMin)) xMin = lo === Infinity ? NaN : lo;
    if (Number.isNaN(xMax)) xMax = hi === -Infinity ? NaN : hi;
  }

  const lastX = new Float64Array(buckets).fill(-Infinity);
  const nanX = new Float64Array(buckets).fill(-Infinity);
  const last = new Float64Array(buckets).fill(NaN);
  const min = new Float64Array(buckets).fill(Infinity);
  const max = new Float64Array(buckets).fill(-Infinity);
  const count = new Uint32Array(buckets);
  const nan = new Uint32Array(buckets);
  let before: EdgePoint | null = null;
  let after: EdgePoint | null = null;

  const valid = !(Number.isNaN(xMin) || Number.isNaN(xMax)) && xMin <= xMax;
  // log10 rather than ln: decade boundaries (10, 100, …) land exactly on bucket edges.
  const lo = log ? Math.log10(xMin) : xMin;
  const hi = log ? Math.log10(xMax) : xMax;
  const scale = hi > lo ? buckets / (hi - lo) : 0;
  let nanTotal = 0;

  for (let i = 0; i < n; i++) {
    const x = xs[i];
    if (!usable(x, log)) {
      skipped++;
      continue;
    }
    if (!valid) continue;
    const y = ys[i];
    if (x < xMin || x > xMax) {
      if (Number.isNaN(y)) continue;
      if (x < xMin && (before === null || x >= before.x)) before = { x, y };
      if (x > xMax && (after === null || x <= after.x)) after = { x, y };
      continue;
    }
    let b = Math.floor(((log ? Math.log10(x) : x) - lo) * scale);
    if (b >= buckets) b = buckets - 1;
    else if (b < 0) b = 0;
    if (Number.isNaN(y)) {
      nan[b]++;
      nanTotal++;
      if (x > nanX[b]) nanX[b] = x;
      continue;
    }
    count[b]++;
    const lowest = spread ? spread.min[i] : y;
    const highest = spread ? spread.max[i] : y;
    if (lowest < min[b]) min[b] = lowest;
    if (highest > max[b]) max[b] = highest;
    if (x >= lastX[b]) {
      lastX[b] = x;
      last[b] = y;
    }
  }

  let filled = 0;
  for (let b = 0; b < buckets; b++) if (count[b] > 0 || nan[b] > 0) filled++;
  const out: Buckets = {
    column: new Uint32Array(filled),
    x: new Float64Array(filled),
    last: new Float64Array(filled),
    min: new Float64Array(filled),
    max: new Float64Array(filled),
    count: new Uint32Array(filled),
    nan: new Uint32Array(filled),
    nanTotal,
    skipped,
    xMin: valid ? xMin : NaN,
    xMax: valid ? xMax : NaN,
    before,
    after,
  };
  let j = 0;
  for (let b = 0; b < buckets; b++) {
    if (count[b] === 0 && nan[b] === 0) continue;
    out.column[j] = b;
    out.count[j] = count[b];
    out.nan[j] = nan[b];
    if (count[b] > 0) {
      out.x[j] = lastX[b];
      out.last[j] = last[b];
      out.min[j] = min[b];
      out.max[j] = max[b];
    } else {
      out.x[j] = nanX[b];
      out.last[j] = NaN;
      out.min[j] = NaN;
      out.max[j] = NaN;
    }
    j++;
  }
  return out;
}
