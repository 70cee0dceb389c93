// The data model every reader produces and every consumer (index, CLI, host, panels) reads.
// Pure types plus tiny helpers: no I/O, no 'vscode'.
import type { SeriesSummary } from './index/types';

export type SourceFormat =
  | 'mlflow-file'
  | 'mlflow-db'
  | 'hf-trainer'
  | 'lightning-csv'
  | 'aim'
  | 'tensorboard'
  | 'wandb'
  | 'optuna'
  | 'table'
  | 'mlflow-server';

export type RunStatus = 'running' | 'finished' | 'failed' | 'killed' | 'scheduled' | 'pruned' | 'unknown';

export type ContextValue = string | number | boolean | null;
/** A series is identified by (key, context); e.g. f1 with {lang: "de", subset: "val"}. Empty object when none. */
export type SeriesContext = Record<string, ContextValue>;

/** Full-resolution points of one series, in append (file/log) order. */
export interface SeriesPoints {
  steps: Float64Array;
  /** NaN and ±Infinity are kept as such. */
  values: Float64Array;
  /** Epoch at each point when the format logs one (NaN where unknown). */
  epochs?: Float64Array;
  /** Wall time at each point in epoch milliseconds (NaN where unknown). */
  times?: Float64Array;
}

export interface SeriesRef {
  key: string;
  context: SeriesContext;
}

export interface Series extends SeriesRef {
  points: SeriesPoints;
}

export interface Checkpoint {
  step: number | null;
  epoch?: number | null;
  /** Absolute path of the checkpoint file or folder. */
  path: string;
  /** Size on disk (folders: sum of their files). */
  bytes: number;
  kind?: string;
}

export interface RunInfo {
  format: SourceFormat;
  /** The tool's own id (MLflow run uuid, `version_3`, output folder name, Aim hash, …). */
  id: string;
  experiment: string;
  name: string;
  status: RunStatus;
  /**
   * Absolute path of the run's folder, or of the file that holds it (SQLite stores); for a tracking server,
   * the run's page in the server's UI (`http://host/#/experiments/1/runs/<id>`).
   */
  path: string;
  /** Absolute path of the source root this run was listed from (store folder, .db file, …), or a server's URL. */
  root: string;
  /** Epoch milliseconds. */
  startTime?: number;
  endTime?: number;
  gitCommit?: string;
  /** The script the run recorded as its entry point (mlflow.source.name, W&B program, …). */
  entryPoint?: string;
  parentId?: string;
  deleted?: boolean;
  params: Record<string, string>;
  tags: Record<string, string>;
  /** Scalar results that are not series (HF final train_runtime, W&B summary-only values, best_metric…). */
  summary?: Record<string, number>;
  checkpoints: Checkpoint[];
  /** Format-specific facts worth showing (e.g. best_model_checkpoint); JSON-serialisable. */
  extra?: Record<string, unknown>;
  /** Problems reading parts of this run; the run still loads. */
  warnings?: string[];
  /** Set when the run could not be read at all; shown as a warning on the run. */
  error?: string;
}

export interface ReadError {
  path: string;
  message: string;
  runId?: string;
}

export interface ListResult {
  runs: RunInfo[];
  errors: ReadError[];
  /**
   * The source could not be reached as a whole (a tracking server offline): the index keeps the runs it has
   * for this root, and `errors` says why.
   */
  unreachable?: boolean;
  /**
   * Part of this listing was decided from the clock (a run called running because its files were written
   * a moment ago): it can change with no file changing, so a reader that readsOnlyBelowRoot has its source
   * listed again by the next pass instead of kept unlisted.
   */
  changesWithTime?: boolean;
}

export interface SeriesResult {
  series: Series[];
  errors: ReadError[];
  /** The points are a sample (ReadSeriesOptions.maxPoints), fine to draw, wrong for best/min/max. */
  sampled?: boolean;
}

/** Where one reader found data: a store folder, a .db file, a run folder… */
export interface SourceRoot {
  format: SourceFormat;
  path: string;
}

/** One directory as discovery sees it. */
export interface DirListing {
  path: string;
  dirs: string[];
  files: string[];
  /**
   * Entries whose names are not valid UTF-8, shown with \xNN escapes. Node's string paths
   * cannot name them (they would be re-encoded), so they are reported rather than read.
   */
  undecodable?: string[];
  /** The names in `dirs` that are symlinks (their real path is elsewhere). */
  linkedDirs?: string[];
  /** FIFOs, sockets and devices here (never opened), with what they are ("a FIFO (named pipe)"). */
  special?: Array<{ name: string; kind: string }>;
  /** Set when the folder exists but could not be listed (EACCES, EIO…): why. */
  unreadable?: string;
}

export interface DetectResult {
  roots: SourceRoot[];
  /** Child folder names that discovery must not descend into (already covered by a root). */
  skip?: string[];
  /** When true, nothing below this directory is scanned further by any reader. */
  stop?: boolean;
}

export interface ListOptions {
  includeDeleted?: boolean;
  signal?: AbortSignal;
  /** Readers that list in pages (a tracking server) hand over each page as it arrives. */
  onPage?: (runs: RunInfo[]) => void;
}

export interface ReadSeriesOptions {
  /** Only these series; all when omitted. */
  only?: SeriesRef[];
  signal?: AbortSignal;
  /** Only points with steps in [start, end] (either end open). A hint: readers of local files return everything. */
  range?: { start?: number; end?: number };
  /**
   * Enough points to draw, about this many per series: a reader that can sample at the source (a tracking server)
   * returns a down-sampled curve and marks the result `sampled`. Never set for summaries (best/min/max).
   */
  maxPoints?: number;
}

/**
 * Full-resolution reads of some series of a run, whoever does them: the CLI calls the run's reader directly
 * (readerSeries), the extension the series service (cached, off the extension-host thread). Never throws for
 * a broken file: problems come back in `errors`.
 */
export type ReadSeriesOf = (run: RunInfo, only: SeriesRef[], signal?: AbortSignal) => Promise<SeriesResult>;

/** Every format implements this; one format never imports another. */
export interface SourceReader {
  readonly format: SourceFormat;
  detect(dir: DirListing): DetectResult | Promise<DetectResult>;
  listRuns(root: SourceRoot, options?: ListOptions): Promise<ListResult>;
  readSeries(run: RunInfo, options?: ReadSeriesOptions): Promise<SeriesResult>;
  /**
   * listRuns and readSeries read nothing but the files below `root.path` (and its -wal sibling): while no file
   * or folder there changed (core/index/fingerprint.ts treeFingerprint), the indexer keeps the stored runs
   * without listing them. Only for readers where that holds (a tracking server or a setting read elsewhere: no);
   * a listing that also depends on the clock says so each time (ListResult.changesWithTime).
   */
  readonly readsOnlyBelowRoot?: boolean;
  /**
   * The run's change detector when its data is not files below `run.path` (a tracking server: status, end time
   * and latest metric timestamps as listed). Without it the indexer stats the files below `run.path`.
   */
  fingerprint?(run: RunInfo): string | Promise<string>;
  /**
   * Only the points logged since `stored` (the run's series as the index keeps them), per series, in append
   * order; undefined when the reader cannot tell them apart here (the indexer then reads the whole run).
   */
  readNewPoints?(run: RunInfo, stored: SeriesSummary[], options?: { signal?: AbortSignal }): Promise<SeriesResult | undefined>;
}

/** Globally unique key of a run across all sources. */
export function runKey(run: Pick<RunInfo, 'format' | 'root' | 'id'>): string {
  return `${run.format}|${run.root}|${run.id}`;
}

/** Canonical text of a context, for keys and storage: sorted keys, JSON. */
export function contextKey(context: SeriesContext): string {
  const keys = Object.keys(context).sort();
  if (keys.length === 0) return '{}';
  const sorted: SeriesContext = {};
  for (const k of keys) sorted[k] = context[k];
  return JSON.stringify(sorted);
}

export function seriesId(ref: SeriesRef): string {
  return `${ref.key}${contextKey(ref.context) === '{}' ? '' : ' ' + contextKey(ref.context)}`;
}

/** Human label: `f1 · lang=de, subset=val`. */
export function seriesLabel(ref: SeriesRef): string {
  const entries = Object.keys(ref.context)
    .sort()
    .map((k) => `${k}=${String(ref.context[k])}`);
  return entries.length ? `${ref.key} · ${entries.join(', ')}` : ref.key;
}

export function emptyPoints(): SeriesPoints {
  return { steps: new Float64Array(0), values: new Float64Array(0) };
}
