// Curves panel protocol: the only messages host and webview exchange, validated on receipt.
// Requests (`fetch`, `export`) carry an id and get exactly one reply with that id: their result or
// `requestError` (DESIGN.md §4). Series travel as typed arrays: Float32 for index previews (against
// step), Float64 for full-resolution re-reads (wall-clock x in epoch ms does not fit a float32); every
// message is packed (protocol/packing: one buffer per message) and none exceeds MAX_MESSAGE_BYTES, so
// previews arrive as a `data` message and `seriesChunk`s, and a fetch reply as `fetchPart`s then its
// `fetchResult`.
import { array, boolean, finite, float32, float64, id, uint8, literal, messages, nullable, number, object, optional, panelProtocol, range, record, requestErrorFields, string, tuple, union, withDefaults, type Infer, type MessageOf, type ObjectOf } from './schema';

const context = record(union(nullable(string), number, boolean));
const strings = array(string);

const runSchema = object({
  key: string,
  name: string,
  experiment: string,
  format: string,
  params: record(string),
  status: optional(string),
  tags: optional(record(string)),
  /** Epoch ms; the zero of the relative-time axis. */
  startTime: optional(number),
});
export type CurvesRun = Infer<typeof runSchema>;

/** One series preview: bucketed points (x = step, last, min, max) from the index. */
const seriesSchema = object({
  runKey: string,
  key: string,
  context,
  label: string,
  x: float32,
  last: float32,
  min: float32,
  max: float32,
  count: number,
  nanCount: number,
});
export type CurvesSeries = Infer<typeof seriesSchema>;

const centre = literal('none', 'mean', 'median', 'min', 'max');
const band = literal('none', 'minmax', 'sd', 'se', 'ci95');
const smoothing = literal('none', 'ema', 'ma');
export type CentreChoice = Infer<typeof centre>;
export type BandChoice = Infer<typeof band>;
export type SmoothingChoice = Infer<typeof smoothing>;
/** 'step' | 'epoch' | 'relative-time' | 'wall-time' | 'metric:<key>' (another metric of the same run). */
export type XAxisChoice = string;

/**
 * A step marked on the charts of one metric (a health finding, a checkpoint): a vertical line with a label
 * at `step`, drawn while the x axis is step. Part of the view state, so it survives a reload and a saved view.
 */
const stepMarkerSchema = object({ step: finite, metric: string, label: string });
export type StepMarker = Infer<typeof stepMarkerSchema>;

const viewStateShape = {
  /** The runs shown when `query` is empty: the tree's ticks (or a saved view's runs). */
  runKeys: strings,
  /** Run filter (src/core/query) over every indexed run; when set it replaces `runKeys`. */
  query: string,
  hiddenRuns: strings,
  /** Hidden legend entries `dim=value` for colour/dash dimensions other than 'run'. */
  hiddenGroups: strings,
  /** Context chips switched off, `key=value`. */
  hiddenContexts: strings,
  /** Metrics shown (families when split); empty = all. */
  metrics: strings,
  /** Text chart titles must contain. */
  filter: string,
  /** Metric-family split: `f1_de` → f1 × suffix=de. */
  split: boolean,
  colorBy: string,
  dashBy: string,
  /** 'auto' | 'none' | a dimension (see core/curves/dimensions). */
  facetBy: string,
  centre,
  band,
  xAxis: string,
  logX: boolean,
  logY: boolean,
  ignoreOutliers: boolean,
  smoothing,
  smoothWeight: range(0, 1, { below: true }),
  smoothWindow: range(1, 1001, { integer: true }),
  /** Per chart id: the zoomed x range, in the units of `xAxis`. */
  zoom: record(tuple(finite, finite)),
  /** The marked step, or null. */
  marker: nullable(stepMarkerSchema),
};

export const DEFAULT_VIEW_STATE: ObjectOf<typeof viewStateShape> = {
  runKeys: [],
  query: '',
  hiddenRuns: [],
  hiddenGroups: [],
  hiddenContexts: [],
  metrics: [],
  filter: '',
  split: false,
  colorBy: 'run',
  dashBy: 'none',
  facetBy: 'auto',
  centre: 'none',
  band: 'minmax',
  xAxis: 'step',
  logX: false,
  logY: false,
  ignoreOutliers: true,
  smoothing: 'none',
  smoothWeight: 0.6,
  smoothWindow: 9,
  zoom: {},
  marker: null,
};

/**
 * A view state as received or stored. Missing fields take their defaults, so states saved by an older
 * version (or a partial one from a test) still load; a present field of the wrong type makes the whole
 * state invalid, rather than being silently replaced.
 */
const viewStateSchema = withDefaults(viewStateShape, DEFAULT_VIEW_STATE);
export type CurvesViewState = Infer<typeof viewStateSchema>;

/** A complete view state from a stored or received one (defaults filled), or undefined when invalid. */
export const viewState = (v: unknown): CurvesViewState | undefined => viewStateSchema.parse(v);
export const isCurvesViewState = viewStateSchema.is;

const problemSchema = object({ message: string, start: number, end: number });
export type QueryProblem = Infer<typeof problemSchema>;

const refShape = { runKey: string, key: string, context };
const edge = nullable(object({ x: number, y: number }));

/** One full-resolution series re-read for a range, bucketed per pixel column (min/max/last). */
const fetchedSchema = object({
  ...refShape,
  x: float64,
  last: float64,
  min: float64,
  max: float64,
  /** NaN points in range (drawn as gaps, counted here). */
  nan: number,
  /** Points read from the source for this series. */
  points: number,
  /** Nearest points outside the range, so the line runs into the chart's edges. */
  before: edge,
  after: edge,
});
export type FetchedSeries = Infer<typeof fetchedSchema>;
export type SeriesRefMessage = ObjectOf<typeof refShape>;

const exportFormat = literal('png', 'svg', 'csv');
export type ExportFormat = Infer<typeof exportFormat>;

const count = number;

const curvesToHost = messages({
  ready: {},
  state: { state: viewStateSchema },
  openRun: { runKey: string },
  error: { message: string },
  fetch: {
    id,
    xAxis: string,
    refs: array(object(refShape)),
    /** The visible range; the whole series when absent. */
    xMin: optional(finite),
    xMax: optional(finite),
    /** Pixel columns of the plot area. */
    buckets: range(1, Infinity),
    logX: boolean,
  },
  export: { id, format: exportFormat, name: string, data: union(string, uint8) },
  saveView: { state: viewStateSchema },
  /**
   * After each draw: what was drawn and how long it took (status line, tests and benchmarks). `series` of
   * `seriesTotal` have arrived; `complete` when they all have and every chart is drawn.
   */
  rendered: { charts: count, lines: count, seriesShown: count, millis: number, aggregateMillis: number, series: count, seriesTotal: count, complete: boolean },
});

const hostToCurves = messages({
  data: {
    runs: array(runSchema),
    series: array(seriesSchema),
    state: viewStateSchema,
    /**
     * What of `state` the webview takes: everything (true or absent: first data, a saved view), only the
     * run selection — runKeys, query, hiddenRuns — (`'selection'`: new ticks, Compare Selected Runs), or
     * nothing (false: the host only refreshed data). Taking only the selection keeps the groupings, axes
     * and aggregation the user changed while the new data was on its way.
     */
    adopt: optional(union(boolean, literal('selection'))),
    queryError: optional(problemSchema),
    /** Indexed runs in total (the query's universe). */
    totalRuns: optional(number),
    /** Identifies this data set; its remaining series follow in `seriesChunk` messages with this id. */
    dataId: id,
    /** Series in the whole data set (this message's plus its chunks'). */
    seriesTotal: id,
  },
  /** More series of the data set `dataId`, in order; the set is complete when all seriesTotal have come. */
  seriesChunk: { dataId: id, series: array(seriesSchema) },
  loading: { message: string },
  /** Part of the reply to fetch `id`; the reply ends with its `fetchResult` (which carries the rest). */
  fetchPart: { id, series: array(fetchedSchema) },
  fetchResult: { id, series: array(fetchedSchema), errors: strings, millis: number },
  exported: { id, path: optional(string) },
  requestError: requestErrorFields,
});

export const CURVES_PROTOCOL = panelProtocol({
  name: 'curves',
  toHost: curvesToHost,
  toWebview: hostToCurves,
  requests: { fetch: { parts: 'fetchPart', reply: 'fetchResult' }, export: { reply: 'exported' } },
});

export type CurvesToHost = MessageOf<typeof curvesToHost.defs>;
export type HostToCurves = MessageOf<typeof hostToCurves.defs>;
export type FetchRequest = Extract<CurvesToHost, { type: 'fetch' }>;
export const isCurvesToHost = curvesToHost.is;
export const isHostToCurves = hostToCurves.is;
