// The y range of one chart, and what it leaves out. "Ignore outliers" fits the axis to Tukey's
// far-out fences over everything drawn, so one loss spike does not flatten every curve, but:
// - it never hides a whole series: each series' own fenced range stays inside (an outlier is a
//   point far from its own curve), so a run whose values all sit far from the others (lr = 1e-4
//   among 1e-5s) is drawn whole, while a spike within a curve is still left out;
// - it says what it cropped: the points of the drawn lines above and below the final range are
//   counted, for the chart to show ("1 point above the y range").
import { finiteRange, outlierRange, type YRange } from './outliers';

export interface ChartYRange extends YRange {
  /** Points of `counted` above max / below min (finite, and > 0 on a log axis). */
  above: number;
  below: number;
}

export interface ChartYRangeOptions {
  ignoreOutliers: boolean;
  log?: boolean;
  /** Fence distance in IQRs; 3 (Tukey's "far out"): 1.5 would also clip every learning curve's steep start. */
  k?: number;
  /** Share of the range added on each side (5 %); multiplicative on a log axis. */
  pad?: number;
}

/**
 * The padded y range for `series` (every line and band drawn, all values count), and how many
 * points of `counted` (the lines drawn as data: runs or group centres) fall outside it.
 * Undefined when nothing is drawable.
 */
export function chartYRange(series: readonly ArrayLike<number>[], counted: readonly ArrayLike<number>[], options: ChartYRangeOptions): ChartYRange | undefined {
  const log = options.log ?? false;
  if (!series.length) return undefined;
  const r = options.ignoreOutliers ? outlierRange(series, { log, k: options.k ?? 3 }) : finiteRange(series, log);
  if (!Number.isFinite(r.min) || !Number.isFinite(r.max)) return undefined;
  let { min, max } = r;
  if (options.ignoreOutliers) {
    for (const s of series) {
      const own = outlierRange(s, { log, k: options.k ?? 3 });
      if (own.min < min) min = own.min;
      if (own.max > max) max = own.max;
    }
  }
  const pad = options.pad ?? 0.05;
  if (log) {
    const f = max > min ? Math.pow(max / min, pad) : 1.5;
    min /= f;
    max *= f;
  } else {
    const d = max > min ? (max - min) * pad : Math.abs(max) * pad || 1;
    min -= d;
    max += d;
  }
  let above = 0;
  let below = 0;
  for (const s of counted) {
    for (let i = 0; i < s.length; i++) {
      const y = s[i];
      if (!Number.isFinite(y) || (log && y <= 0)) continue;
      if (y > max) above++;
      else if (y < min) below++;
    }
  }
  return { min, max, above, below };
}
