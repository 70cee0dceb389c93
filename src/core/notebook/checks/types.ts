// The shape of one check: it reads the shared context and emits findings. The sink fills in the id and
// the catalogue's default severity, so a check only names a severity when its sub-rule differs.
import type { NotebookContext } from '../context';
import type { CellRange, QuickFix, Severity } from '../model';

export interface Emitted {
  cell: number | null;
  message: string;
  severity?: Severity;
  range?: CellRange;
  fileLine?: number;
  fileColumn?: number;
  fixes?: QuickFix[];
}

export type Sink = (finding: Emitted) => void;

export interface CheckDef {
  id: string;
  run(ctx: NotebookContext, emit: Sink): void;
}

/** A one-line range inside a cell. */
export function lineRange(line: number, column = 0, endColumn?: number): CellRange {
  return { line, column, endLine: line, endColumn: endColumn ?? column + 1 };
}

/** A list shortened for messages: `a, b, c and 4 more`. */
export function listSome(items: (string | number)[], max = 5): string {
  const shown = items.slice(0, max).map(String);
  return items.length > max ? `${shown.join(', ')} and ${items.length - max} more` : shown.join(', ');
}
