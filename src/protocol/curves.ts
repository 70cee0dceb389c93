// Curves panel protocol: the only messages host and webview exchange, validated on receipt.
// Requests (`fetch`, `export`) carry an id and get exactly one reply with that id: their result or
// `requestError` (DESIGN.md §4). Series travel as typed arrays: Float32 for index previews (against
// step), Float64 for full-resolution re-reads (wall-clock x in epoch ms does not fit a float32); every
// message is packed (protocol/packing: one buffer per message) and none exceeds MAX_MESSAGE_BYTES, so
// previews arrive as a `data` message and `seriesChunk`s, and a fetch reply as `fetchPart`s then its
// `fetchResult`.
import { isBoolean, isNumber, isObject, isString, isStringArray, makeMessageGuard } from './validate';

export interface CurvesRun {
  key: string;
  name: string;
  experiment: string;
  format: string;
  params: Record<string, string>;
  status?: string;
  tags?: Record<string, string>;
  /** Epoch ms; the zero of the relative-time axis. */
  startTime?: number;
}

/** One series preview: bucketed points (x = step, last, min, max) from the index. */
export interface CurvesSeries {
  runKey: string;
  key: string;
  context: Record<string, string | number | boolean | null>;
  label: string;
  x: Float32Array;
  last: Float32Array;
  min: Float32Array;
  max: Float32Array;
  count: number;
  nanCount: number;
}

export type CentreChoice = 'none' | 'mean' | 'median' | 'min' | 'max';
export type BandChoice = 'none' | 'minmax' | 'sd' | 'se' | 'ci95';
export type SmoothingChoice = 'none' | 'ema' | 'ma';
/** 'step' | 'epoch' | 'relative-time' | 'wall-time' | 'metric:<key>' (another metric of the same run). */
export type XAxisChoice = string;

export interface CurvesViewState {
  /** The runs shown when `query` is empty: the tree's ticks (or a saved view's runs). */
  runKeys: string[];
  /** Run filter (src/core/query) over every indexed run; when set it replaces `runKeys`. */
  query: string;
  hiddenRuns: string[];
  /** Hidden legend entries `dim=value` for colour/dash dimensions other than 'run'. */
  hiddenGroups: string[];
  /** Context chips switched off, `key=value`. */
  hiddenContexts: string[];
  /** Metrics shown (families when split); empty = all. */
  metrics: string[];
  /** Text chart titles must contain. */
  filter: string;
  /** Metric-family split: `f1_de` → f1 × suffix=de. */
  split: boolean;
  colorBy: string;
  dashBy: string;
  /** 'auto' | 'none' | a dimension (see core/curves/dimensions). */
  facetBy: string;
  centre: CentreChoice;
  band: BandChoice;
  xAxis: XAxisChoice;
  logX: boolean;
  logY: boolean;
  ignoreOutliers: boolean;
  smoothing: SmoothingChoice;
  smoothWeight: number;
  smoothWindow: number;
  /** Per chart id: the zoomed x range, in the units of `xAxis`. */
  zoom: Record<string, [number, number]>;
}

export const DEFAULT_VIEW_STATE: CurvesViewState = {
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
};

const CENTRES = ['none', 'mean', 'median', 'min', 'max'];
const BANDS = ['none', 'minmax', 'sd', 'se', 'ci95'];
const SMOOTHINGS = ['none', 'ema', 'ma'];

const isZoom = (v: unknown): v is Record<string, [number, number]> =>
  isObject(v) && Object.values(v).every((r) => Array.isArray(r) && r.length === 2 && r.every((x) => isNumber(x) && Number.isFinite(x)));

const FIELD_CHECKS: { [K in keyof CurvesViewState]: (v: unknown) => boolean } = {
  runKeys: isStringArray,
  query: isString,
  hiddenRuns: isStringArray,
  hiddenGroups: isStringArray,
  hiddenContexts: isStringArray,
  metrics: isStringArray,
  filter: isString,
  split: isBoolean,
  colorBy: isString,
  dashBy: isString,
  facetBy: isString,
  centre: (v) => CENTRES.includes(v as string),
  band: (v) => BANDS.includes(v as string),
  xAxis: isString,
  logX: isBoolean,
  logY: isBoolean,
  ignoreOutliers: isBoolean,
  smoothing: (v) => SMOOTHINGS.includes(v as string),
  smoothWeight: (v) => isNumber(v) && v >= 0 && v < 1,
  smoothWindow: (v) => isNumber(v) && Number.isInteger(v) && v >= 1 && v <= 1001,
  zoom: isZoom,
};

/**
 * A complete view state from a stored or received one. Missing fields take their defaults, so
 * states saved by an older version (or a partial one from a test) still load; a present field of
 * the wrong type makes the whole state invalid (undefined), rather than being silently replaced.
 */
export function viewState(v: unknown): CurvesViewState | undefined {
  if (!isObject(v)) return undefined;
  const out: Record<string, unknown> = { ...DEFAULT_VIEW_STATE };
  for (const [k, check] of Object.entries(FIELD_CHECKS)) {
    if (v[k] === undefined) continue;
    if (!check(v[k])) return undefined;
    out[k] = v[k];
  }
  return out as unknown as CurvesViewState;
}

export const isCurvesViewState = (v: unknown): v is CurvesViewState => viewState(v) !== undefined;

export interface QueryProblem {
  message: string;
  start: number;
  end: number;
}

/** One full-resolution series re-read for a range, bucketed per pixel column (min/max/last). */
export interface FetchedSeries {
  runKey: string;
  key: string;
  context: Record<string, string | number | boolean | null>;
  x: Float64Array;
  last: Float64Array;
  min: Float64Array;
  max: Float64Array;
  /** NaN points in range (drawn as gaps, counted here). */
  nan: number;
  /** Points read from the source for this series. */
  points: number;
  /** Nearest points outside the range, so the line runs into the chart's edges. */
  before: { x: number; y: number } | null;
  after: { x: number; y: number } | null;
}

export interface SeriesRefMessage {
  runKey: string;
  key: string;
  context: Record<string, string | number | boolean | null>;
}

export interface FetchRequest {
  type: 'fetch';
  id: number;
  xAxis: XAxisChoice;
  refs: SeriesRefMessage[];
  /** The visible range; the whole series when absent. */
  xMin?: number;
  xMax?: number;
  /** Pixel columns of the plot area. */
  buckets: number;
  logX: boolean;
}

export type HostToCurves =
  | {
      type: 'data';
      runs: CurvesRun[];
      series: CurvesSeries[];
      state: CurvesViewState;
      /** False when the host only refreshed data: the webview keeps its own (newer) state. */
      adopt?: boolean;
      queryError?: QueryProblem;
      /** Indexed runs in total (the query's universe). */
      totalRuns?: number;
      /** Identifies this data set; its remaining series follow in `seriesChunk` messages with this id. */
      dataId: number;
      /** Series in the whole data set (this message's plus its chunks'). */
      seriesTotal: number;
    }
  /** More series of the data set `dataId`, in order; the set is complete when all seriesTotal have come. */
  | { type: 'seriesChunk'; dataId: number; series: CurvesSeries[] }
  | { type: 'loading'; message: string }
  /** Part of the reply to fetch `id`; the reply ends with its `fetchResult` (which carries the rest). */
  | { type: 'fetchPart'; id: number; series: FetchedSeries[] }
  | { type: 'fetchResult'; id: number; series: FetchedSeries[]; errors: string[]; millis: number }
  | { type: 'exported'; id: number; path?: string }
  | { type: 'requestError'; id: number; message: string };

export type ExportFormat = 'png' | 'svg' | 'csv';

export type CurvesToHost =
  | { type: 'ready' }
  | { type: 'state'; state: CurvesViewState }
  | { type: 'openRun'; runKey: string }
  | { type: 'error'; message: string }
  | FetchRequest
  | { type: 'export'; id: number; format: ExportFormat; name: string; data: Uint8Array | string }
  | { type: 'saveView'; state: CurvesViewState }
  /**
   * After each draw: what was drawn and how long it took (status line, tests and benchmarks). `series` of
   * `seriesTotal` have arrived; `complete` when they all have and every chart is drawn.
   */
  | { type: 'rendered'; charts: number; lines: number; seriesShown: number; millis: number; aggregateMillis: number; series: number; seriesTotal: number; complete: boolean };

const isContext = (v: unknown): boolean =>
  isObject(v) && Object.values(v).every((x) => x === null || isString(x) || isNumber(x) || isBoolean(x));

const isRef = (v: unknown): boolean => isObject(v) && isString(v.runKey) && isString(v.key) && isContext(v.context);
const isId = (v: unknown): v is number => isNumber(v) && Number.isInteger(v) && v >= 0;
const isOptNumber = (v: unknown): boolean => v === undefined || (isNumber(v) && Number.isFinite(v));

export const isCurvesToHost = makeMessageGuard<CurvesToHost>({
  ready: () => true,
  state: (m) => isCurvesViewState(m.state),
  openRun: (m) => isString(m.runKey),
  error: (m) => isString(m.message),
  fetch: (m) =>
    isId(m.id) &&
    isString(m.xAxis) &&
    Array.isArray(m.refs) &&
    m.refs.every(isRef) &&
    isOptNumber(m.xMin) &&
    isOptNumber(m.xMax) &&
    isNumber(m.buckets) &&
    m.buckets >= 1 &&
    isBoolean(m.logX),
  export: (m) => isId(m.id) && ['png', 'svg', 'csv'].includes(m.format as string) && isString(m.name) && (isString(m.data) || m.data instanceof Uint8Array),
  saveView: (m) => isCurvesViewState(m.state),
  rendered: (m) =>
    isNumber(m.charts) && isNumber(m.lines) && isNumber(m.seriesShown) && isNumber(m.millis) && isNumber(m.aggregateMillis) && isNumber(m.series) && isNumber(m.seriesTotal) && isBoolean(m.complete),
});

const isFloat32 = (v: unknown): v is Float32Array => v instanceof Float32Array;
const isFloat64 = (v: unknown): v is Float64Array => v instanceof Float64Array;
const isEdge = (v: unknown): boolean => v === null || (isObject(v) && isNumber(v.x) && isNumber(v.y));

const isCurvesSeries = (v: unknown): boolean =>
  isObject(v) &&
  isString(v.runKey) &&
  isString(v.key) &&
  isContext(v.context) &&
  isString(v.label) &&
  isFloat32(v.x) &&
  isFloat32(v.last) &&
  isFloat32(v.min) &&
  isFloat32(v.max) &&
  isNumber(v.count) &&
  isNumber(v.nanCount);

const isFetchedSeries = (v: unknown): boolean =>
  isRef(v) &&
  isObject(v) &&
  isFloat64(v.x) &&
  isFloat64(v.last) &&
  isFloat64(v.min) &&
  isFloat64(v.max) &&
  isNumber(v.nan) &&
  isNumber(v.points) &&
  isEdge(v.before) &&
  isEdge(v.after);

const isCurvesRun = (v: unknown): boolean =>
  isObject(v) && isString(v.key) && isString(v.name) && isString(v.experiment) && isString(v.format) && isObject(v.params);

const isProblem = (v: unknown): boolean => v === undefined || (isObject(v) && isString(v.message) && isNumber(v.start) && isNumber(v.end));

export const isHostToCurves = makeMessageGuard<HostToCurves>({
  data: (m) =>
    Array.isArray(m.runs) &&
    m.runs.every(isCurvesRun) &&
    Array.isArray(m.series) &&
    m.series.every(isCurvesSeries) &&
    isCurvesViewState(m.state) &&
    (m.adopt === undefined || isBoolean(m.adopt)) &&
    isProblem(m.queryError) &&
    isId(m.dataId) &&
    isId(m.seriesTotal),
  seriesChunk: (m) => isId(m.dataId) && Array.isArray(m.series) && m.series.every(isCurvesSeries),
  loading: (m) => isString(m.message),
  fetchPart: (m) => isId(m.id) && Array.isArray(m.series) && m.series.every(isFetchedSeries),
  fetchResult: (m) => isId(m.id) && Array.isArray(m.series) && m.series.every(isFetchedSeries) && isStringArray(m.errors) && isNumber(m.millis),
  exported: (m) => isId(m.id) && (m.path === undefined || isString(m.path)),
  requestError: (m) => isId(m.id) && isString(m.message),
});
