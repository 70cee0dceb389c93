// Puts several curves on one shared x grid so they can be aggregated point by point
// (a group's seeds logged at different steps, or timed at different moments).

import { canonicalPoints, type XY, type XYArrays } from './points';
import { lerp } from './quantile';

export interface AlignOptions {
  /** Logarithmic x axis: interpolate linearly in log x (straight on the chart); x <= 0 is dropped. */
  logX?: boolean;
  /** Logarithmic y axis: interpolate in log y where both neighbours are > 0, linearly otherwise. */
  logY?: boolean;
  /**
   * Cap on the grid size, bounding memory at grid × series × 8 bytes and time at grid × series.
   * When the union of x values is larger, a uniform grid (log-uniform with logX) of `maxPoints`
   * over the union's range is used instead. Default 2048, about one point per pixel column of a
   * wide chart; pass the chart's width in device pixels to match it exactly.
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

export const DEFAULT_ALIGN_POINTS = 2048;

/** Grid columns filled per pass over the series: keeps the block being written in cache. */
const BLOCK = 64;

/**
 * Aligns curves onto the union of their x values by linear interpolation.
 * - Never extrapolates: outside a curve's own first..last x its value is NaN.
 * - Each curve is first put in canonical order (see canonicalPoints): NaN points are skipped, so
 *   interpolation bridges them; duplicate x collapse to the last appended value; non-finite x
 *   (and x <= 0 on a log axis) are dropped.
 * - At a curve's own x its value is returned exactly (±Infinity included). Between a finite and
 *   an infinite neighbour the result is that infinity (the limit of the interpolation); between
 *   -Infinity and +Infinity it is NaN.
 * Cost: O(points) to find the union (plus a sort of at most maxPoints values) and O(grid · series)
 * to fill, done in blocks of grid columns so the x-major writes stay in cache.
 */
export function alignSeries(series: readonly XY[], options: AlignOptions = {}): Aligned {
  const logX = options.logX ?? false;
  const logY = options.logY ?? false;
  const clean = series.map((s) => canonicalPoints(s.xs, s.ys, { logX }));
  const x = unionGrid(clean, logX, Math.max(2, Math.floor(options.maxPoints ?? DEFAULT_ALIGN_POINTS)));
  const S = clean.length;
  const G = x.length;
  const values = new Float64Array(G * S);
  const tx = logX ? x.map(Math.log10) : x;
  // Per-series cursor: index of the last point at or before the current grid x.
  const cursor = new Int32Array(S);
  for (let j0 = 0; j0 < G; j0 += BLOCK) {
    const j1 = Math.min(G, j0 + BLOCK);
    for (let s = 0; s < S; s++) cursor[s] = fillBlock(clean[s], x, tx, j0, j1, cursor[s], logX, logY, values, s, S);
  }
  return { x, seriesCount: S, values };
}

/** Copies series `s` out of an alignment (length = grid length, NaN where it has no value). */
export function alignedSeries(aligned: Aligned, s: number): Float64Array {
  const out = new Float64Array(aligned.x.length);
  for (let j = 0; j < out.length; j++) out[j] = aligned.values[j * aligned.seriesCount + s];
  return out;
}

/**
 * The sorted union of all curves' x, or a uniform grid over its range when it has more than
 * maxPoints values. Distinct values are counted in a Set that stops as soon as the cap is passed,
 * so a large union costs one pass, not a sort of every point.
 */
function unionGrid(clean: readonly XYArrays[], logX: boolean, maxPoints: number): Float64Array {
  let lo = Infinity;
  let hi = -Infinity;
  for (const c of clean) {
    if (c.xs.length === 0) continue;
    if (c.xs[0] < lo) lo = c.xs[0];
    if (c.xs[c.xs.length - 1] > hi) hi = c.xs[c.xs.length - 1];
  }
  if (lo > hi) return new Float64Array(0);
  // Common case: every run of a sweep logged the same steps, so its previews share one x array.
  const ref = clean.find((c) => c.xs.length > 0)!.xs;
  if (ref.length <= maxPoints && clean.every((c) => c.xs.length === 0 || sameX(c.xs, ref))) return ref.slice();
  const distinct = new Set<number>();
  for (const c of clean) {
    for (let i = 0; i < c.xs.length; i++) distinct.add(c.xs[i]);
    if (distinct.size > maxPoints) return uniformGrid(lo, hi, maxPoints, logX);
  }
  return Float64Array.from(distinct).sort();
}

function sameX(a: Float64Array, b: Float64Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

function uniformGrid(lo: number, hi: number, n: number, logX: boolean): Float64Array {
  const out = new Float64Array(n);
  // log10 and 10 ** t, so decades (10, 100, …) come out exact where exp(ln) would not.
  const a = logX ? Math.log10(lo) : lo;
  const b = logX ? Math.log10(hi) : hi;
  for (let i = 0; i < n; i++) {
    const t = a + ((b - a) * i) / (n - 1);
    out[i] = logX ? 10 ** t : t;
  }
  // Pin the ends so the grid covers exactly the curves' range despite exp/log rounding.
  out[0] = lo;
  out[n - 1] = hi;
  return out;
}

function interpolate(y0: number, y1: number, t: number, logY: boolean): number {
  if (logY && y0 > 0 && y1 > 0 && y0 !== y1 && Number.isFinite(y0) && Number.isFinite(y1)) {
    return Math.exp(Math.log(y0) + (Math.log(y1) - Math.log(y0)) * t);
  }
  return lerp(y0, y1, t);
}

/** Writes curve `c` at grid columns [j0, j1) of column s; returns the advanced cursor. */
function fillBlock(
  c: XYArrays,
  x: Float64Array,
  tx: Float64Array,
  j0: number,
  j1: number,
  k: number,
  logX: boolean,
  logY: boolean,
  values: Float64Array,
  s: number,
  S: number,
): number {
  const m = c.xs.length;
  const first = m > 0 ? c.xs[0] : Infinity;
  const last = m > 0 ? c.xs[m - 1] : -Infinity;
  for (let j = j0; j < j1; j++) {
    const xj = x[j];
    if (xj < first || xj > last) {
      values[j * S + s] = NaN;
      continue;
    }
    while (k + 1 < m && c.xs[k + 1] <= xj) k++;
    let v: number;
    if (c.xs[k] === xj) {
      v = c.ys[k];
    } else {
      const x0 = c.xs[k];
      const x1 = c.xs[k + 1];
      const t = logX ? (tx[j] - Math.log10(x0)) / (Math.log10(x1) - Math.log10(x0)) : (xj - x0) / (x1 - x0);
      v = interpolate(c.ys[k], c.ys[k + 1], t, logY);
    }
    values[j * S + s] = v;
  }
  return k;
}
