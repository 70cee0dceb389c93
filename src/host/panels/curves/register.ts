// Everything the Curves explorer adds to VS Code, registered from one call in extension.ts:
// Save View… / open / delete saved views, the "Saved Views" tree node, following the tree's ticks.
import * as vscode from 'vscode';
import type { IndexService } from '../../indexing/index-service';
import type { SeriesService } from '../../series/series-service';
import type { RunsTreeProvider } from '../../tree/runs-tree';
import type { TreeNode } from '../../tree/tree-nodes';
import { viewState, type CurvesViewState } from '../../../protocol/curves';
import { CurvesPanel } from '../curves-panel';
import { portableView, resolvedView } from '../../../core/runs/run-keys';
import { describeView, SavedViews } from './saved-views';

export interface CurvesDeps {
  extensionUri: vscode.Uri;
  index: IndexService;
  tree: RunsTreeProvider;
  log: vscode.LogOutputChannel;
  series: SeriesService;
}

/** A saved view's name from a tree node, a plain name, or a pick. */
async function viewName(arg: unknown, views: SavedViews, title: string): Promise<string | undefined> {
  if (typeof arg === 'string') return arg;
  const node = arg as TreeNode | undefined;
  if (node && node.kind === 'savedView') return node.name;
  const pick = await vscode.window.showQuickPick(
    views.list().map((v) => ({ label: v.name, description: describeView(v.state) })),
    { title },
  );
  return pick?.label;
}

const workspaceBases = () => (vscode.workspace.workspaceFolders ?? []).map((f) => f.uri.fsPath);

export function registerCurves(context: vscode.ExtensionContext, deps: CurvesDeps): void {
  const views = new SavedViews(context.workspaceState);
  // Saved views name their runs by portable keys (root relative to the workspace folder), so they
  // survive moving or re-cloning the workspace; opening one maps them back to the index's keys.
  const portable = (state: CurvesViewState) => portableView(state, deps.index.runs(), workspaceBases());
  const resolved = (state: CurvesViewState) => resolvedView(state, deps.index.runs(), workspaceBases());
  deps.tree.setSavedViews({ list: () => views.list().map((v) => ({ name: v.name, description: describeView(v.state) })), onDidChange: views.onDidChange });
  context.subscriptions.push(
    views,
    vscode.commands.registerCommand('runlens.saveView', async (arg?: unknown) => {
      const state: CurvesViewState | undefined = viewState(arg) ?? CurvesPanel.currentState();
      if (!state) {
        void vscode.window.showInformationMessage('Runlens: open the Curves panel (Compare Selected Runs) to save its view.');
        return;
      }
      const name = (
        await vscode.window.showInputBox({
          title: 'Runlens: Save View',
          prompt: 'A name for this Curves view (runs, groupings, aggregation, axes, smoothing, zoom)',
          value: state.query.trim() || undefined,
          validateInput: (v) => (v.trim() ? undefined : 'Enter a name'),
        })
      )?.trim();
      if (!name) return;
      if (views.get(name)) {
        const ok = await vscode.window.showWarningMessage(`A saved view named "${name}" exists. Replace it?`, { modal: true }, 'Replace');
        if (ok !== 'Replace') return;
      }
      await views.save(name, portable(state));
      vscode.window.setStatusBarMessage(`Runlens: saved view "${name}"`, 3000);
    }),
    vscode.commands.registerCommand('runlens.openSavedView', async (arg?: unknown) => {
      const name = await viewName(arg, views, 'Open a saved Curves view');
      const view = name ? views.get(name) : undefined;
      if (!view) return;
      const state = resolved(view.state);
      CurvesPanel.show(deps, state.runKeys, state);
    }),
    vscode.commands.registerCommand('runlens.deleteSavedView', async (arg?: unknown) => {
      const name = await viewName(arg, views, 'Delete a saved Curves view');
      if (name) await views.delete(name);
    }),
    deps.tree.onDidChangeSelection((keys) => CurvesPanel.followTicks(keys)),
  );
}
