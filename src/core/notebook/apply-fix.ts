// Applies a readiness quick fix to .ipynb text and returns the new text, the same edits the VS Code host
// makes through WorkspaceEdit/NotebookEdit. Used to check fixes end to end on copies of real notebooks
// (and usable by a future `runlens notebook --fix`). The input is never modified in place.
import type { QuickFix } from './model';

type Json = Record<string, unknown>;

function sourceOf(cell: Json): string {
  const s = cell.source;
  return Array.isArray(s) ? s.join('') : typeof s === 'string' ? s : '';
}

/** nbformat's list form: one string per line, each but the last ending in \n. */
function toLines(text: string): string[] {
  return text === '' ? [] : text.split(/(?<=\n)/);
}

function offsetOf(text: string, line: number, column: number): number {
  let offset = 0;
  for (let i = 0; i < line; i++) {
    const next = text.indexOf('\n', offset);
    if (next === -1) return text.length;
    offset = next + 1;
  }
  return Math.min(offset + column, text.length);
}

export function applyQuickFix(notebookText: string, fix: QuickFix): string {
  const nb = JSON.parse(notebookText) as Json;
  const cells = Array.isArray(nb.cells) ? (nb.cells as Json[]) : [];
  switch (fix.kind) {
    case 'replace':
    case 'insert-text': {
      const cell = cells[fix.cell];
      if (!cell) throw new Error(`no cell ${fix.cell}`);
      const text = sourceOf(cell);
      const [start, end, insert] =
        fix.kind === 'replace'
          ? [offsetOf(text, fix.range.line, fix.range.column), offsetOf(text, fix.range.endLine, fix.range.endColumn), fix.text]
          : [offsetOf(text, fix.line, fix.column), offsetOf(text, fix.line, fix.column), fix.text];
      cell.source = toLines(text.slice(0, start) + insert + text.slice(end));
      break;
    }
    case 'insert-cell': {
      const cell: Json = { cell_type: fix.cellType, metadata: {}, source: toLines(fix.source) };
      if (fix.cellType === 'code') Object.assign(cell, { execution_count: null, outputs: [] });
      if (typeof nb.nbformat_minor === 'number' && nb.nbformat_minor >= 5) cell.id = `readiness-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`;
      cells.splice(Math.min(fix.index, cells.length), 0, cell);
      break;
    }
    case 'delete-notebook-metadata': {
      const metadata = (nb.metadata ?? {}) as Json;
      delete metadata[fix.key];
      break;
    }
  }
  return JSON.stringify(nb, null, 1) + '\n';
}
