// Pure analysis for charts and the index: no I/O, no 'vscode', typed arrays in and out.
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
export { relativeTime, wallTime, xValues, metricAsX, type XAxis, type MetricXY } from './x-axis';
