// registerNotebookReadiness(): diagnostics on the cells of open notebooks, quick fixes, and the
// Notebook Readiness panel (command runlens.notebookReadiness). Called once from activate().
import * as vscode from 'vscode';
import { ReadinessCodeActions } from './code-actions';
import { NotebookReadinessPanel } from './panel';
import { type ReadinessDeps, ReadinessService } from './readiness-service';

export function registerNotebookReadiness(context: vscode.ExtensionContext, deps: ReadinessDeps = {}): ReadinessService {
  const log = vscode.window.createOutputChannel('Runlens Notebook Readiness', { log: true });
  const service = new ReadinessService(deps);
  context.subscriptions.push(
    log,
    service,
    vscode.languages.registerCodeActionsProvider({ scheme: 'vscode-notebook-cell' }, new ReadinessCodeActions(service), {
      providedCodeActionKinds: ReadinessCodeActions.kinds,
    }),
    vscode.commands.registerCommand('runlens.notebookReadiness', () => NotebookReadinessPanel.show(context.extensionUri, service, log)),
    // Restores the panel after a reload (activation event onWebviewPanel:runlens.notebookReadiness).
    NotebookReadinessPanel.registerSerializer(context.extensionUri, service, log),
  );
  return service;
}
