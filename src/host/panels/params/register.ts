// The Params explorer's command: Runlens: Open Params Explorer (palette and the Runs view title) opens the
// panel on the ticked runs, or on every run when none is ticked.
import * as vscode from 'vscode';
import type { RunsTreeProvider } from '../../tree/runs-tree';
import { ParamsPanel, type ParamsPanelDeps } from './params-panel';

export function registerParams(context: vscode.ExtensionContext, deps: ParamsPanelDeps & { tree: RunsTreeProvider }): void {
  context.subscriptions.push(
    ParamsPanel.registerSerializer(deps),
    vscode.commands.registerCommand('runlens.openParams', (keys?: unknown) => {
      const runKeys = Array.isArray(keys) && keys.every((k) => typeof k === 'string') ? (keys as string[]) : deps.tree.selectedRunKeys();
      ParamsPanel.show(deps, runKeys);
    }),
  );
}
