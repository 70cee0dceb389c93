// Params panel protocol (parallel coordinates and scatter over params and metric summaries): the only messages
// host and webview exchange, validated on receipt. The host reads the columns the view needs (readRows through
// the shared series service) and sends them whole: numeric columns as a Float64Array (NaN/±inf survive the
// trip) with a missing mask, text columns as texts. Everything else — scales, brushing, colour, best-by ranks,
// group lines, scatter fits — happens in the webview on the pure core/params functions. The brushed runs go
// back as the shared run selection, a clicked run as the shared highlight.
import { array, boolean, float64, id, literal, messages, nullable, number, object, optional, panelProtocol, record, requestErrorFields, string, tuple, uint8, union, withDefaults, type Infer, type MessageOf, type ObjectOf } from './schema';

const strings = array(string);
const scale = literal('linear', 'log', 'categorical');
const goal = literal('min', 'max');
const brushSchema = object({ ranges: array(tuple(number, number)), categories: strings });

const viewStateShape = {
  /** The runs shown; empty = every indexed run. */
  runKeys: strings,
  /** Axis columns, left to right (column ids as the table writes them: params.lr, f1_en:best, …). */
  axes: strings,
  /** Per-column scale chosen by hand (absent: the suggested one); the scatter's log toggles set it too. */
  scales: record(scale),
  /** Axes drawn upside down. */
  flips: strings,
  /** Categorical axes ordered by the colour metric's mean instead of by value. */
  orderByMetric: strings,
  /** '' = one colour; a column id = the sequential palette over that axis; 'group' = a colour per configuration group. */
  colorBy: string,
  /** '' = none; a column id: its best run (group) drawn bold on top with its rank on every other axis. */
  bestBy: string,
  /** Configuration groups (seeds collapsed) as one line + band instead of the seed lines. */
  groupMode: boolean,
  brushes: record(brushSchema),
  mode: literal('parallel', 'scatter'),
  scatterX: string,
  scatterY: string,
  trend: literal('none', 'linear', 'loess'),
  /** Objective of the importance list ('' = the last metric axis). */
  objective: string,
};

export const DEFAULT_PARAMS_STATE: ObjectOf<typeof viewStateShape> = {
  runKeys: [],
  axes: [],
  scales: {},
  flips: [],
  orderByMetric: [],
  colorBy: '',
  bestBy: '',
  groupMode: false,
  brushes: {},
  mode: 'parallel',
  scatterX: '',
  scatterY: '',
  trend: 'none',
  objective: '',
};

const viewStateSchema = withDefaults(viewStateShape, DEFAULT_PARAMS_STATE);
export type ParamsViewState = Infer<typeof viewStateSchema>;
export type AxisScaleChoice = Infer<typeof scale>;
/** A saved or partial state, completed with defaults; undefined when a present field is of the wrong type. */
export const paramsViewState = (v: unknown): ParamsViewState | undefined => viewStateSchema.parse(v);

const runSchema = object({ key: string, name: string, experiment: string, group: string });
export type ParamsRun = Infer<typeof runSchema>;

const columnSchema = object({
  id: string,
  label: string,
  kind: literal('param', 'tag', 'field', 'metric'),
  /** Metric columns: which direction is better (the run's declaration, else the name). */
  goal: optional(goal),
  numbers: optional(float64),
  missing: optional(uint8),
  text: optional(array(nullable(string))),
});
export type ParamsColumn = Infer<typeof columnSchema>;

const importanceSchema = object({
  objective: string,
  n: number,
  top: number,
  shown: boolean,
  params: array(object({ param: string, spearman: number, pedAnova: number })),
});
export type ParamsImportance = Infer<typeof importanceSchema>;

export type ParamsExportFormat = 'png' | 'svg' | 'csv';

const hostToParams = messages({
  data: {
    dataId: id,
    runs: array(runSchema),
    columns: array(columnSchema),
    /** Columns the axis picker offers. */
    available: strings,
    /** The host's state; the webview adopts it when `adopt` (first open, default axes, a restored panel). */
    state: viewStateSchema,
    adopt: boolean,
    importance: optional(importanceSchema),
    /** Column ids that did not parse, with why; unreadable runs. */
    errors: strings,
    totalRuns: number,
  },
  loading: { message: string },
  /** The shared selection changed in another panel. */
  selection: { keys: strings, origin: string },
  highlight: { key: nullable(string) },
  exported: { id, path: optional(string) },
  requestError: requestErrorFields,
});

const paramsToHost = messages({
  ready: {},
  state: { state: viewStateSchema },
  /** The brushed runs (empty: no brush). */
  brushed: { keys: strings },
  highlight: { key: nullable(string) },
  /** Tick these runs in the Runs view and bring it forward (the command the Runs Table uses). */
  revealInRuns: { keys: strings },
  export: { id, format: literal('png', 'svg', 'csv'), name: string, data: union(string, uint8) },
  rendered: { runs: number, axes: number, millis: number, mode: literal('parallel', 'scatter') },
  error: { message: string },
});

export const PARAMS_PROTOCOL = panelProtocol({ name: 'params', toHost: paramsToHost, toWebview: hostToParams, requests: { export: { reply: 'exported' } } });

export type HostToParams = MessageOf<typeof hostToParams.defs>;
export type ParamsToHost = MessageOf<typeof paramsToHost.defs>;
