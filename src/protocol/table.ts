// Runs Table panel protocol. Handshake: the webview posts `ready`, then its view state; the host answers
// with the column catalog and the table data. The table data is one data set sent as messages that stay under
// the size limit: `tableStart` (columns), `tableRuns` (run records, chunked), `tableColumns` (column values,
// chunked), `tableEnd`. Metric values travel as Float64Arrays (packed into one buffer, so NaN and ±inf
// arrive as themselves); text values as strings. Sort, filter, groups and the grid are the webview's; the
// pivot and the exports are requests the host answers with core/runs.
import {
  array, boolean, float64, id, literal, messages, nullable, number, object, optional, panelProtocol, record, requestErrorFields, string, tuple, uint8,
  withDefaults, type Infer, type MessageOf,
} from './schema';

const columnKind = literal('param', 'tag', 'field', 'metric');
const statistic = literal('median', 'mean');
const exportFormat = literal('csv', 'md', 'latex');

/** A column of the table as the core names it (src/core/runs/columns.ts), with its summary for metrics. */
const columnMeta = object({ id: string, kind: columnKind, key: string, summary: optional(string) });
export type TableColumnMeta = Infer<typeof columnMeta>;

/** What a run is in the table: its identity and what the run filter reads (core/query QueryRun). */
const runRecord = object({
  key: string,
  id: string,
  name: string,
  experiment: string,
  format: string,
  status: string,
  params: record(string),
  tags: record(string),
  summary: optional(record(number)),
  /** Last value of each context-free series (what `metrics.x` in the run filter reads). */
  metrics: optional(record(number)),
});
export type TableRunRecord = Infer<typeof runRecord>;

/**
 * One column's values, index-aligned with the runs of the data set. Metric columns: `numbers` (the value),
 * `present` (0 = no value), `steps` (NaN = unknown) and `approx` ([row, step the value is at, step asked for]).
 * Other columns: `texts`.
 */
const columnValues = object({
  id: string,
  numbers: optional(float64),
  present: optional(uint8),
  steps: optional(float64),
  approx: optional(array(tuple(number, number, number))),
  texts: optional(array(nullable(string))),
});
export type TableColumnValues = Infer<typeof columnValues>;

const pivotSpec = object({
  metric: string,
  summary: string,
  by: string,
  /** Params that define the rows; empty = the default seed groups (core groupParams). */
  groupBy: array(string),
  average: boolean,
  /** The table's run filter: the pivot covers the runs the table shows. */
  query: string,
  /** Run keys when the table is filtered to a selection. */
  keys: optional(array(string)),
});
export type TablePivotSpec = Infer<typeof pivotSpec>;

const stats = object({ n: number, mean: number, sd: number, median: number, min: number, max: number });
const pivotSchema = object({
  metric: string,
  summary: string,
  by: string,
  mode: literal('context', 'suffix', 'param'),
  goal: literal('min', 'max'),
  columns: array(string),
  groupBy: array(string),
  rows: array(object({ group: record(string), cells: record(stats), average: optional(stats) })),
});
export type TablePivot = Infer<typeof pivotSchema>;

/** The webview's view state (also what the serializer restores); absent fields take the defaults. */
const viewStateSchema = withDefaults(
  {
    /** Column ids in display order; empty = the host's default columns. */
    columns: array(string),
    hidden: array(string),
    sort: nullable(object({ column: string, desc: boolean })),
    query: string,
    /** Rows: runs, or configuration groups by these params (empty with grouped = the default seed groups). */
    grouped: boolean,
    groupBy: array(string),
    statistic,
    onlyDiffering: boolean,
    tab: literal('table', 'pivot', 'compare'),
    pivot: nullable(pivotSpec),
    /** Follow the shared run selection made in other panels. */
    followSelection: boolean,
  },
  { columns: [], hidden: [], sort: null, query: '', grouped: false, groupBy: [], statistic: 'median', onlyDiffering: false, tab: 'table', pivot: null, followSelection: true },
);
export type TableViewState = Infer<typeof viewStateSchema>;
export const DEFAULT_TABLE_STATE: TableViewState = viewStateSchema.parse({})!;
/** A saved or received state, completed with defaults; undefined when a present field is invalid. */
export const tableViewState = (v: unknown): TableViewState | undefined => viewStateSchema.parse(v);

const exportRequest = {
  id,
  what: literal('table', 'pivot'),
  format: exportFormat,
  to: literal('clipboard', 'file'),
  /** Table export: the shown rows (run keys, in order) and the shown columns (ids, in order). */
  keys: array(string),
  columns: array(string),
  /** Grouped rows: the params that define the groups (empty = runs). */
  groupBy: array(string),
  statistic,
};

const tableToHost = messages({
  ready: {},
  state: { state: viewStateSchema },
  select: { keys: array(string) },
  highlight: { key: nullable(string) },
  openInCurves: { keys: array(string) },
  revealInRuns: { keys: array(string) },
  pivot: { id, spec: pivotSpec },
  /** A run filter with metric column terms: the host evaluates it on the indexed runs' series summaries. */
  filter: { id, query: string },
  export: exportRequest,
  /** How long the webview's own work took (sort, filter, first grid paint): logged, and read by the bench. */
  timing: { action: literal('sort', 'filter', 'paint', 'group'), millis: number, rows: number, columns: number },
  error: { message: string },
});

const hostToTable = messages({
  catalog: {
    /** Every column the index knows (params, tags, fields, each metric key + context with `last`). */
    columns: array(columnMeta),
    params: array(string),
    /** Context keys of the metrics (`lang`, `subset`), for the pivot's "by". */
    contextKeys: array(string),
    /** The default seed-group params (core groupParams). */
    groupParams: array(string),
  },
  tableStart: { dataId: id, columns: array(columnMeta), runs: id, totalRuns: id },
  tableRuns: { dataId: id, runs: array(runRecord) },
  tableColumns: { dataId: id, columns: array(columnValues) },
  tableEnd: { dataId: id, errors: array(string), millis: number },
  progress: { done: id, total: id },
  /** Adopt this view state (a reload restored it, or a command opened the table on it). */
  state: { state: viewStateSchema },
  selection: { keys: array(string), origin: string },
  highlight: { key: nullable(string) },
  pivotResult: { id, pivot: pivotSchema },
  /** The keys of the runs that pass a `filter` request's query. */
  filtered: { id, keys: array(string) },
  exported: { id, path: optional(string), copied: optional(boolean) },
  requestError: requestErrorFields,
});

export const TABLE_PROTOCOL = panelProtocol({
  name: 'table',
  toHost: tableToHost,
  toWebview: hostToTable,
  requests: { pivot: { reply: 'pivotResult' }, filter: { reply: 'filtered' }, export: { reply: 'exported' } },
});

export type TableToHost = MessageOf<typeof tableToHost.defs>;
export type HostToTable = MessageOf<typeof hostToTable.defs>;
export const isHostToTable = hostToTable.is;
export const isTableToHost = tableToHost.is;
