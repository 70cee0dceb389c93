// The Params explorer's commands: Runlens: Open Params Explorer (palette and the Runs view title) opens the
// panel on the ticked runs, or on every run when none is ticked; Open Run Selection in Curves opens Curves on
// the shared run selection (what Params brushed, or another panel selected).
import * as vscode from 'vscode';
import type { RunsTreeProvider } from '../../tree/runs-tree';
import { CurvesPanel, type CurvesPanelDeps } from '../curves-panel';
import { ParamsPanel, type ParamsPanelDeps } from './params-panel';

export function registerParams(context: vscode.ExtensionContext, deps: ParamsPanelDeps & CurvesPanelDeps & { tree: RunsTreeProvider }): void {
  context.subscriptions.push(
    ParamsPanel.registerSerializer(deps),
    vscode.commands.registerCommand('runlens.openParams', (keys?: unknown) => {
      const runKeys = Array.isArray(keys) && keys.every((k) => typeof k === 'string') ? (keys as string[]) : deps.tree.selectedRunKeys();
      ParamsPanel.show(deps, runKeys);
    }),
    vscode.commands.registerCommand('runlens.openSelectionInCurves', () => {
      const keys = [...deps.selection.keys];
      if (!keys.length) {
        void vscode.window.showInformationMessage('Runlens: no run selection yet (brush an axis in the Params explorer).');
        return;
      }
      CurvesPanel.show(deps, keys);
    }),
  );
}
