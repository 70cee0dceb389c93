// Scatter helpers: a least-squares line, a LOESS curve (Cleveland 1979: tricube weights over the nearest
// span·n points, local linear fit, no robustness passes), deterministic jitter for categorical x, and the
// box of a category (quartiles as numpy's default percentile, whiskers at the last point within 1.5 IQR).
import { percentileSorted } from '../stats/describe';

export { leastSquares, type LineFit } from '../stats/least-squares';

/** LOESS at each of `at`: local linear regression on the ceil(span·n) nearest points with tricube weights. */
export function loess(xs: ArrayLike<number>, ys: ArrayLike<number>, at: readonly number[], span = 0.5): number[] {
  const pts: Array<[number, number]> = [];
  for (let i = 0; i < xs.length; i++) if (Number.isFinite(xs[i]) && Number.isFinite(ys[i])) pts.push([xs[i], ys[i]]);
  if (pts.length < 2) return at.map(() => NaN);
  const k = Math.min(pts.length, Math.max(2, Math.ceil(span * pts.length)));
  return at.map((x0) => {
    const d = pts.map(([x]) => Math.abs(x - x0)).sort((a, b) => a - b);
    const h = d[k - 1] > 0 ? d[k - 1] * (1 + 1e-12) : 1;
    let sw = 0;
    let swx = 0;
    let swy = 0;
    let swxx = 0;
    let swxy = 0;
    for (const [x, y] of pts) {
      const u = Math.abs(x - x0) / h;
      if (u >= 1) continue;
      const w = (1 - u ** 3) ** 3;
      sw += w;
      swx += w * x;
      swy += w * y;
      swxx += w * x * x;
      swxy += w * x * y;
    }
    if (sw === 0) return NaN;
    const mx = swx / sw;
    const my = swy / sw;
    const vxx = swxx / sw - mx * mx;
    if (vxx <= 1e-15 * Math.max(1, mx * mx)) return my;
    const slope = (swxy / sw - mx * my) / vxx;
    return my + slope * (x0 - mx);
  });
}

const GOLDEN = 0.6180339887498949;

/** Offset of point i in [−width/2, width/2): a low-discrepancy sequence, so the same run always sits in the same place. */
export function jitterOffset(i: number, width: number): number {
  const f = ((i + 1) * GOLDEN) % 1;
  return (f - 0.5) * width;
}

export interface BoxStats {
  n: number;
  q1: number;
  median: number;
  q3: number;
  /** Whisker ends: the most extreme values within 1.5 IQR of the box. */
  low: number;
  high: number;
  outliers: number[];
}

export function boxStats(values: readonly number[]): BoxStats | undefined {
  const asc = values.filter(Number.isFinite).sort((a, b) => a - b);
  if (!asc.length) return undefined;
  const q1 = percentileSorted(asc, 25);
  const q3 = percentileSorted(asc, 75);
  const iqr = q3 - q1;
  const inside = asc.filter((v) => v >= q1 - 1.5 * iqr && v <= q3 + 1.5 * iqr);
  return {
    n: asc.length,
    q1,
    median: percentileSorted(asc, 50),
    q3,
    low: inside[0],
    high: inside[inside.length - 1],
    outliers: asc.filter((v) => v < q1 - 1.5 * iqr || v > q3 + 1.5 * iqr),
  };
}
