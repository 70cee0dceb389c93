// Pure analysis for charts and the index: no I/O, no 'vscode', typed arrays in and out.
//
// How the pieces are meant to be chained:
// - Index: summarize(steps, values, times) for the series row; previewOf(steps, values) for its
//   `preview` BLOB (≤ 256 buckets of x, last, min, max as float32; decodePreview reads it back).
// - X axis: xValues(points, 'step' | 'epoch' | 'relative-time' | 'wall-time') or metricAsX(a, b).
// - Zoom: bucketize(xs, ys, { buckets: chart width in px, xMin, xMax, log }) over the full series;
//   draw last as the line, min..max as the per-column spike, `before`/`after` into the edges,
//   and mark columns whose `nan` count is > 0.
// - Groups over seeds: aggregateSeries(curves, { centre, band, logX, logY, maxPoints: width })
//   (= alignSeries + aggregate); n, centre, lower, upper per x for the line, band and hover.
// - Display: ema(ys, weight) / movingAverage(ys, window) on points in x order; y range from
//   chartYRange(drawn ys, data ys, { ignoreOutliers, log }): outlierRange or finiteRange, padded,
//   never hiding a whole series, with the count of points it leaves out.
export { canonicalPoints, type XY, type XYArrays, type CanonicalOptions } from './points';
export { quantileSorted, medianSorted, medianInPlace, selectKth, lerp } from './quantile';
export { bucketize, MAX_BUCKETS, type BucketOptions, type Buckets, type EdgePoint } from './bucketize';
export {
  encodePreview,
  decodePreview,
  previewOf,
  PREVIEW_BUCKETS,
  PREVIEW_BUCKET_BYTES,
  type Preview,
  type PreviewSource,
} from './preview';
export { summarize, type SeriesSummary } from './summarize';
export { alignSeries, alignedSeries, DEFAULT_ALIGN_POINTS, type AlignOptions, type Aligned } from './align';
export { t975 } from './student-t';
export {
  aggregate,
  aggregateSeries,
  type Aggregate,
  type AggregateOptions,
  type Band,
  type Centre,
} from './aggregate';
export { ema, movingAverage, MAX_EMA_WEIGHT } from './smooth';
export { outlierRange, finiteRange, MIN_VALUES_FOR_OUTLIERS, type OutlierOptions, type YRange } from './outliers';
export { chartYRange, type ChartYRange, type ChartYRangeOptions } from './y-range';
export { relativeTime, wallTime, xValues, metricAsX, type XAxis, type MetricXY } from './x-axis';
