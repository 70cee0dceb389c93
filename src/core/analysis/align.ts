// Puts several curves on one shared x grid so they can be aggregated point by point
// (a group's seeds logged at different steps, or timed at different moments).

import { canonicalPoints, type XY, type XYArrays } from './points';

export interface AlignOptions {
  /** Logarithmic x axis: interpolate linearly in log x (straight on the chart); x <= 0 is dropped. */
  logX?: boolean;
  /** Logarithmic y axis: interpolate in log y where both neighbours are > 0, linearly otherwise. */
  logY?: boolean;
  /**
   * Cap on the grid size, to bound memory at grid × series × 8 bytes. When the union of x values
   * is larger, a uniform grid (log-uniform with logX) of `maxPoints` over the union's range is used
   * instead. Default 4096.
   */
  maxPoints?: number;
}

/** Curves on one grid; values are laid out x-major so a per-x aggregate reads contiguous memory. */
export interface Aligned {
  /** Ascending, unique grid. */
  x: Float64Array;
  seriesCount: number;
  /** values[j * seriesCount + s] = series s at x[j]; NaN where series s has no value there. */
  values: Float64Array;
}

export const DEFAULT_ALIGN_POINTS = 4096;

/**
 * Aligns curves onto the union of their x values by linear interpolation.
 * - Never extrapolates: outside a curve's own first..last x its value is NaN.
 * - Each curve is first put in canonical order (see canonicalPoints): NaN points are skipped, so
 *   interpolation bridges them; duplicate x collapse to the last appended value; non-finite x
 *   (and x <= 0 on a log axis) are dropped.
 * - At a curve's own x its value is returned exactly (±Infinity included). Between a finite and
 *   an infinite neighbour the result is that infinity (the limit of the interpolation); between
 *   -Infinity and +Infinity it is NaN.
 * Cost: O(total points · log) for the union (skipped when all curves share one x array) plus
 * O(grid · series) to fill.
 */
export function alignSeries(series: readonly XY[], options: AlignOptions = {}): Aligned {
  const logX = options.logX ?? false;
  const logY = options.logY ?? false;
  const clean = series.map((s) => canonicalPoints(s.xs, s.ys, { logX }));
  const x = unionGrid(clean, logX, Math.max(2, options.maxPoints ?? DEFAULT_ALIGN_POINTS));
  const S = clean.length;
  const values = new Float64Array(x.length * S).fill(NaN);
  const tx = logX ? x.map(Math.log) : x;
  for (let s = 0; s < S; s++) fillColumn(clean[s], x, tx, logX, logY, values, s, S);
  return { x, seriesCount: S, values };
}

/** Copies series `s` out of an alignment (length = grid length, NaN where it has no value). */
export function alignedSeries(aligned: Aligned, s: number): Float64Array {
  const out = new Float64Array(aligned.x.length);
  for (let j = 0; j < out.length; j++) out[j] = aligned.values[j * aligned.seriesCount + s];
  return out;
}

function sameX(a: Float64Array, b: Float64Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

function unionGrid(clean: readonly XYArrays[], logX: boolean, maxPoints: number): Float64Array {
  const nonEmpty = clean.filter((c) => c.xs.length > 0);
  if (nonEmpty.length === 0) return new Float64Array(0);
  let all: Float64Array;
  if (nonEmpty.every((c) => sameX(c.xs, nonEmpty[0].xs))) {
    all = nonEmpty[0].xs;
  } else {
    let total = 0;
    for (const c of nonEmpty) total += c.xs.length;
    const merged = new Float64Array(total);
    let o = 0;
    for (const c of nonEmpty) {
      merged.set(c.xs, o);
      o += c.xs.length;
    }
    merged.sort();
    let m = 0;
    for (let i = 0; i < total; i++) if (m === 0 || merged[i] !== merged[m - 1]) merged[m++] = merged[i];
    all = merged.subarray(0, m);
  }
  if (all.length <= maxPoints) return all.slice();
  return uniformGrid(all[0], all[all.length - 1], maxPoints, logX);
}

function uniformGrid(lo: number, hi: number, n: number, logX: boolean): Float64Array {
  const out = new Float64Array(n);
  const a = logX ? Math.log(lo) : lo;
  const b = logX ? Math.log(hi) : hi;
  for (let i = 0; i < n; i++) {
    const t = a + ((b - a) * i) / (n - 1);
    out[i] = logX ? Math.exp(t) : t;
  }
  // Pin the ends so the grid covers exactly the curves' range despite exp/log rounding.
  out[0] = lo;
  out[n - 1] = hi;
  return out;
}

function interpolate(y0: number, y1: number, t: number, logY: boolean): number {
  if (y0 === y1) return y0;
  if (!Number.isFinite(y0) || !Number.isFinite(y1)) return (1 - t) * y0 + t * y1;
  if (logY && y0 > 0 && y1 > 0) return Math.exp(Math.log(y0) + (Math.log(y1) - Math.log(y0)) * t);
  return y0 + (y1 - y0) * t;
}

function fillColumn(
  c: XYArrays,
  x: Float64Array,
  tx: Float64Array,
  logX: boolean,
  logY: boolean,
  values: Float64Array,
  s: number,
  S: number,
): void {
  const m = c.xs.length;
  if (m === 0) return;
  const first = c.xs[0];
  const last = c.xs[m - 1];
  // Binary search for the first grid index at or after this curve's first x.
  let lo = 0;
  let hi = x.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (x[mid] < first) lo = mid + 1;
    else hi = mid;
  }
  let k = 0;
  for (let j = lo; j < x.length; j++) {
    const xj = x[j];
    if (xj > last) break;
    while (k + 1 < m && c.xs[k + 1] <= xj) k++;
    let v: number;
    if (c.xs[k] === xj) {
      v = c.ys[k];
    } else {
      const x0 = c.xs[k];
      const x1 = c.xs[k + 1];
      const t = logX ? (tx[j] - Math.log(x0)) / (Math.log(x1) - Math.log(x0)) : (xj - x0) / (x1 - x0);
      v = interpolate(c.ys[k], c.ys[k + 1], t, logY);
    }
    values[j * S + s] = v;
  }
}
