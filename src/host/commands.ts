// Command handlers of the Runs view. Each takes what it needs; none holds state of its own.
import * as vscode from 'vscode';
import type { IndexedRun } from '../core/index/types';
import type { IndexService } from './indexing/index-service';
import type { SeriesService } from './series/series-service';
import { CurvesPanel } from './panels/curves-panel';
import type { RunsTreeProvider } from './tree/runs-tree';
import type { TreeNode } from './tree/tree-nodes';
import { addResultsTable } from './tables/add-results-table';
import { registerRunsViewCommands } from './tree/runs-view-commands';

export interface CommandDeps {
  extensionUri: vscode.Uri;
  index: IndexService;
  tree: RunsTreeProvider;
  log: vscode.LogOutputChannel;
  series: SeriesService;
}

/** Commands get a tree node (context menu), a run key (panels, tests) or nothing (palette). */
function runFrom(arg: unknown, deps: CommandDeps): IndexedRun | undefined {
  if (typeof arg === 'string') return deps.index.runsByKey([arg])[0];
  const node = arg as TreeNode | undefined;
  if (node && node.kind === 'run') return node.run;
  return undefined;
}

async function pickRun(deps: CommandDeps, title: string): Promise<IndexedRun | undefined> {
  const runs = deps.index.runs();
  const pick = await vscode.window.showQuickPick(
    runs.map((r) => ({ label: r.name || r.id, description: `${r.experiment} · ${r.format}`, detail: r.path, run: r })),
    { title, matchOnDescription: true, matchOnDetail: true },
  );
  return pick?.run;
}

export function registerCommands(deps: CommandDeps): vscode.Disposable[] {
  return [
    ...registerRunsViewCommands(deps.tree),
    vscode.commands.registerCommand('runlens.refresh', () => deps.index.refresh()),
    vscode.commands.registerCommand('runlens.compareSelected', async (arg?: unknown) => {
      let keys = Array.isArray(arg) && arg.every((k) => typeof k === 'string') ? (arg as string[]) : deps.tree.selectedRunKeys();
      if (!keys.length) {
        const runs = deps.index.runs();
        const picks = await vscode.window.showQuickPick(
          runs.map((r) => ({ label: r.name || r.id, description: `${r.experiment} · ${r.format}`, key: r.key })),
          { canPickMany: true, title: 'Runlens: pick runs to compare (or tick them in the Runs view)' },
        );
        keys = picks?.map((p) => p.key) ?? [];
      }
      if (keys.length) CurvesPanel.show(deps, keys);
    }),
    vscode.commands.registerCommand('runlens.revealRunFolder', async (arg?: unknown) => {
      const run = runFrom(arg, deps) ?? (await pickRun(deps, 'Reveal the folder of run…'));
      if (!run) return;
      // A tracking server's run has no folder here: its path is the run's page in MLflow's UI.
      if (run.format === 'mlflow-server') return void vscode.env.openExternal(vscode.Uri.parse(run.path));
      // Remote windows (SSH, WSL, containers, code-server) have no OS file manager on the logs' machine
      // (code-server has no revealFileInOS at all): reveal the folder in the Explorer instead.
      const local = vscode.env.uiKind === vscode.UIKind.Desktop && !vscode.env.remoteName;
      const canOpenOS = local && (await vscode.commands.getCommands(true)).includes('revealFileInOS');
      await vscode.commands.executeCommand(canOpenOS ? 'revealFileInOS' : 'revealInExplorer', vscode.Uri.file(run.path));
    }),
    vscode.commands.registerCommand('runlens.copyRunId', async (arg?: unknown) => {
      const run = runFrom(arg, deps) ?? (await pickRun(deps, 'Copy the id of run…'));
      if (!run) return;
      await vscode.env.clipboard.writeText(run.id);
      vscode.window.setStatusBarMessage(`Runlens: copied run id ${run.id}`, 3000);
    }),
    vscode.commands.registerCommand('runlens.addFolder', async (arg?: unknown) => {
      const uri =
        arg instanceof vscode.Uri
          ? arg
          : (await vscode.window.showOpenDialog({ canSelectFolders: true, canSelectFiles: false, title: 'Add a folder of experiment logs to Runlens' }))?.[0];
      if (!uri) return;
      const cfg = vscode.workspace.getConfiguration('runlens');
      const roots = cfg.get<string[]>('roots') ?? [];
      if (!roots.includes(uri.fsPath)) {
        const target = vscode.workspace.workspaceFolders?.length ? vscode.ConfigurationTarget.Workspace : vscode.ConfigurationTarget.Global;
        await cfg.update('roots', [...roots, uri.fsPath], target);
      }
      await deps.index.refresh();
    }),
    // The setting change it makes triggers the re-index.
    vscode.commands.registerCommand('runlens.addResultsTable', (arg?: unknown) => addResultsTable(arg instanceof vscode.Uri ? arg : undefined)),
  ];
}
