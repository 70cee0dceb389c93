// What the Compare panel adds to VS Code, from one call in extension.ts: the command runlens.openCompare
// (palette, Runs view title; on the ticked runs, else every indexed run) and the serializer that restores it.
import * as vscode from 'vscode';
import type { RunsTreeProvider } from '../../tree/runs-tree';
import { ComparePanel, type ComparePanelDeps } from './compare-panel';

export function registerCompare(context: vscode.ExtensionContext, deps: ComparePanelDeps & { tree: RunsTreeProvider }): void {
  context.subscriptions.push(
    ComparePanel.registerSerializer(deps),
    vscode.commands.registerCommand('runlens.openCompare', (arg?: unknown) => {
      const keys = Array.isArray(arg) && arg.every((k) => typeof k === 'string') ? (arg as string[]) : deps.tree.selectedRunKeys();
      ComparePanel.show(deps, keys);
    }),
  );
}
