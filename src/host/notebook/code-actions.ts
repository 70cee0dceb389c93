// Quick fixes for readiness diagnostics: `!pip` → `%pip`, `##Heading` → `## Heading`, insert the
// tracking link found in the outputs, insert a seed or title cell (NotebookEdit), remove
// metadata.widgets (notebook metadata edit). The core describes each fix; this turns it into an edit.
import * as vscode from 'vscode';
import type { QuickFix } from '../../core/notebook/model';
import type { ReadinessService } from './readiness-service';

/** The notebook that owns a cell document. */
export function notebookOfCell(cellDoc: vscode.TextDocument): vscode.NotebookDocument | undefined {
  return vscode.workspace.notebookDocuments.find((nb) => nb.getCells().some((c) => c.document === cellDoc || c.document.uri.toString() === cellDoc.uri.toString()));
}

/** notebook.metadata without `widgets` in whichever layout the ipynb serializer used. */
export function metadataWithout(metadata: Record<string, unknown>, key: string): Record<string, unknown> {
  const copy = { ...metadata };
  if (copy.metadata && typeof copy.metadata === 'object') {
    const inner = { ...(copy.metadata as Record<string, unknown>) };
    delete inner[key];
    copy.metadata = inner;
  }
  if (copy.custom && typeof copy.custom === 'object') {
    const custom = { ...(copy.custom as Record<string, unknown>) };
    if (custom.metadata && typeof custom.metadata === 'object') {
      const inner = { ...(custom.metadata as Record<string, unknown>) };
      delete inner[key];
      custom.metadata = inner;
    }
    copy.custom = custom;
  }
  delete copy[key];
  return copy;
}

export function editForFix(nb: vscode.NotebookDocument, fix: QuickFix): vscode.WorkspaceEdit | undefined {
  const edit = new vscode.WorkspaceEdit();
  switch (fix.kind) {
    case 'replace': {
      if (fix.cell >= nb.cellCount) return undefined;
      const doc = nb.cellAt(fix.cell).document;
      edit.replace(doc.uri, new vscode.Range(fix.range.line, fix.range.column, fix.range.endLine, fix.range.endColumn), fix.text);
      return edit;
    }
    case 'insert-text': {
      if (fix.cell >= nb.cellCount) return undefined;
      edit.insert(nb.cellAt(fix.cell).document.uri, new vscode.Position(fix.line, fix.column), fix.text);
      return edit;
    }
    case 'insert-cell': {
      const kind = fix.cellType === 'code' ? vscode.NotebookCellKind.Code : vscode.NotebookCellKind.Markup;
      const cell = new vscode.NotebookCellData(kind, fix.source, fix.cellType === 'code' ? 'python' : 'markdown');
      edit.set(nb.uri, [vscode.NotebookEdit.insertCells(Math.min(fix.index, nb.cellCount), [cell])]);
      return edit;
    }
    case 'delete-notebook-metadata':
      edit.set(nb.uri, [vscode.NotebookEdit.updateNotebookMetadata(metadataWithout(nb.metadata as Record<string, unknown>, fix.key))]);
      return edit;
  }
}

export class ReadinessCodeActions implements vscode.CodeActionProvider {
  static readonly kinds = [vscode.CodeActionKind.QuickFix];

  constructor(private readonly service: ReadinessService) {}

  provideCodeActions(document: vscode.TextDocument, _range: vscode.Range, context: vscode.CodeActionContext): vscode.CodeAction[] {
    const nb = notebookOfCell(document);
    if (!nb) return [];
    const actions: vscode.CodeAction[] = [];
    for (const diag of context.diagnostics) {
      if (diag.source !== 'Runlens') continue;
      for (const fix of this.service.fixes.get(diag) ?? []) {
        const edit = editForFix(nb, fix);
        if (!edit) continue;
        const action = new vscode.CodeAction(fix.title, vscode.CodeActionKind.QuickFix);
        action.edit = edit;
        action.diagnostics = [diag];
        action.isPreferred = fix.kind === 'replace';
        actions.push(action);
      }
    }
    return actions;
  }
}
