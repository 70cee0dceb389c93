// The normalised notebook every check reads, and the finding shape every check produces.
// Sources and stream texts are already joined (nbformat joins list items with ''), so checks never see
// the list-or-string difference.

export type Severity = 'error' | 'warning' | 'info';
/** See profiles.ts: general (default), hand-in (the course's rules), publish. */
export type Profile = 'general' | 'hand-in' | 'publish';

export interface NbOutput {
  /** stream, display_data, execute_result, error (or an unknown type kept as is). */
  type: string;
  /** stream name: stdout / stderr. */
  name?: string;
  /** stream text, joined. */
  text?: string;
  /** display_data / execute_result mime bundle (JSON mimetypes hold JSON values, the rest joined strings). */
  data?: Record<string, unknown>;
  executionCount?: number | null;
  ename?: string;
  evalue?: string;
  traceback?: string[];
}

export interface NbCell {
  /** Position in the notebook's cell list (0-based); the `cell` of a finding. */
  index: number;
  /** code / markdown / raw, or an unknown type kept as is. */
  type: string;
  source: string;
  id?: string;
  metadata: Record<string, unknown>;
  tags: string[];
  /** Code cells only; null when never run (or stripped). */
  executionCount: number | null;
  outputs: NbOutput[];
  attachments?: Record<string, unknown>;
}

export interface Notebook {
  /** Base name of the file (title checks), e.g. `project_1.ipynb`. */
  fileName: string;
  nbformat: number | null;
  nbformatMinor: number | null;
  metadata: Record<string, unknown>;
  cells: NbCell[];
  /** Size of the raw file in characters (huge-file check). */
  rawSize: number;
  /** Set when the file was v3 and upgraded in memory. */
  upgradedFrom?: number;
}

/** A problem with the file format itself; becomes an `nb-invalid-format` finding. */
export interface FormatProblem {
  message: string;
  severity: Severity;
  cell: number | null;
  /** 1-based position in the raw .ipynb text when known. */
  line?: number;
  column?: number;
}

/** 0-based range inside the cell's (normalised) source. */
export interface CellRange {
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
}

/** What a quick fix does; the host turns it into a WorkspaceEdit / NotebookEdit. */
export type QuickFix =
  | { kind: 'replace'; title: string; cell: number; range: CellRange; text: string }
  | { kind: 'delete-notebook-metadata'; title: string; key: string }
  | { kind: 'insert-cell'; title: string; index: number; cellType: 'code' | 'markdown'; source: string }
  | { kind: 'insert-text'; title: string; cell: number; line: number; column: number; text: string };

export interface Finding {
  id: string;
  severity: Severity;
  /** 0-based cell index, or null for a notebook-level finding. */
  cell: number | null;
  message: string;
  range?: CellRange;
  /** Position in the raw file, for format errors. */
  fileLine?: number;
  fileColumn?: number;
  fixes?: QuickFix[];
}

export type Verdict = 'ready' | 'ready-with-warnings' | 'not-ready';
