// Shapes of the results-table source: a .csv / .json / .jsonl file with one row per run that the
// user adds explicitly (command "Add Results Table…" or the `runlens.tables` setting).

/** One cell as parsed: CSV cells are strings, JSON cells keep their JSON type. */
export type TableCell = string | number | boolean | null;

export interface TableRow {
  /** 1-based line in the file where the row starts (JSON arrays: 1-based item number). */
  line: number;
  cells: TableCell[];
}

export type TableKind = 'csv' | 'json' | 'jsonl';

export interface TableProblem {
  /** 1-based line (CSV, JSONL) or item number (JSON) when the problem is in one row. */
  line?: number;
  message: string;
}

export interface ParsedTable {
  kind: TableKind;
  header: string[];
  rows: TableRow[];
  problems: TableProblem[];
}

/**
 * Which column plays which part. Column names are the file's header names (JSON: flattened keys
 * such as `params.lr`). A column in none of the lists is guessed when the file is read, so a
 * mapping saved before new columns were added keeps working.
 */
export interface TableMapping {
  /** Unique run id; the row number when absent. */
  idColumn?: string;
  /** Display name; the id when absent. */
  nameColumn?: string;
  /** Experiment (group) of the row; the file name when absent. */
  experimentColumn?: string;
  /** Run status text (Completed, Failed, …). */
  statusColumn?: string;
  /** Start / end time: ISO text or epoch seconds / milliseconds. */
  startTimeColumn?: string;
  endTimeColumn?: string;
  /** Columns shown as params (configuration). */
  paramColumns: string[];
  /** Numeric result columns: each becomes a key of run.summary. */
  metricColumns: string[];
  /** Descriptive text kept as tags (ARNs, paths, notes). */
  tagColumns?: string[];
  /** Columns not shown at all. */
  ignored: string[];
}

/** One entry of the `runlens.tables` setting, and what "Add Results Table…" stores. */
export interface TableRootOptions {
  /** Absolute path of the table file (the setting may hold workspace-relative paths; see tableRootsFromSetting). */
  file: string;
  /** The user's choices; columns it does not mention are guessed. */
  mapping?: Partial<TableMapping>;
}
