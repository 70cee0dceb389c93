// Per-chart line building shared by the Curves webview, its CSV export and the benchmark:
// aggregation of each colour × dash group over its runs (seeds), and display smoothing.
import { aggregateSeries, ema, movingAverage, type Aggregate, type Band, type Centre } from '../analysis';
import type { CurveSeriesRef } from './dimensions';
import type { ChartMember } from './layout';

export interface CurveData {
  /** Ascending x (index previews and zoom buckets are); y parallel to it. */
  x: ArrayLike<number>;
  y: ArrayLike<number>;
}

export interface GroupAggregate {
  groupKey: string;
  colorValue: string;
  dashValue: string;
  runKeys: string[];
  agg: Aggregate;
}

export interface GroupOptions {
  centre: Centre;
  band: Band;
  logX?: boolean;
  logY?: boolean;
  /** Grid cap for the alignment: about the chart's width in pixels. */
  maxPoints?: number;
}

/**
 * Aggregates the visible members of one chart by group, in first-seen group order. Alignment is
 * by linear interpolation onto the union of x values (log-aware on log axes), and a run adds
 * nothing beyond its own last x, so no point is invented past a run's last step.
 */
export function aggregateGroups<S extends CurveSeriesRef>(
  members: readonly ChartMember<S>[],
  dataOf: (m: ChartMember<S>) => CurveData | undefined,
  options: GroupOptions,
): GroupAggregate[] {
  const groups = new Map<string, { first: ChartMember<S>; curves: CurveData[]; runKeys: string[] }>();
  for (const m of members) {
    if (m.hidden) continue;
    const data = dataOf(m);
    if (!data || data.x.length === 0) continue;
    let g = groups.get(m.groupKey);
    if (!g) groups.set(m.groupKey, (g = { first: m, curves: [], runKeys: [] }));
    g.curves.push(data);
    g.runKeys.push(m.series.runKey);
  }
  return [...groups.values()].map((g) => ({
    groupKey: g.first.groupKey,
    colorValue: g.first.colorValue,
    dashValue: g.first.dashValue,
    runKeys: g.runKeys,
    agg: aggregateSeries(
      g.curves.map((c) => ({ xs: c.x, ys: c.y })),
      { centre: options.centre, band: options.band, logX: options.logX, logY: options.logY, maxPoints: options.maxPoints },
    ),
  }));
}

export type Smoothing = 'none' | 'ema' | 'ma';

export interface SmoothingOptions {
  mode: Smoothing;
  /** EMA weight, 0 .. 0.999 (TensorBoard's slider). */
  weight: number;
  /** Centred moving-average window in points. */
  window: number;
}

/** The smoothed copy of a curve's y values (points in x order), or undefined when smoothing is off. */
export function smoothed(ys: ArrayLike<number>, options: SmoothingOptions): Float64Array | undefined {
  if (options.mode === 'ema' && options.weight > 0) return ema(ys, options.weight);
  if (options.mode === 'ma' && options.window > 1) return movingAverage(ys, options.window);
  return undefined;
}
