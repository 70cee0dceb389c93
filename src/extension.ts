// activate(): builds the host objects and registers them; nothing else.
import * as path from 'node:path';
import * as vscode from 'vscode';
import { registerCodeNavigation } from './host/codelens';
import { registerCommands } from './host/commands';
import { registerHealth, type HealthApi } from './host/health/register';
import { IndexService } from './host/indexing/index-service';
import { registerNotebookReadiness } from './host/notebook';
import { trackedRunsLookup } from './host/notebook-tracking';
import { CurvesPanel } from './host/panels/curves-panel';
import { registerCurves } from './host/panels/curves/register';
import { registerCompare } from './host/panels/compare/register';
import { registerParams } from './host/panels/params/register';
import { RunSelection } from './host/panels/run-selection';
import { registerTable } from './host/panels/table/register';
import { entryRoot } from './core/sources/mlflow-server/server-settings';
import { QuietGate } from './core/util/quiet-gate';
import { InProcessSeriesService, type SeriesService } from './host/series/series-service';
import { createSeriesService } from './host/series/worker-series-service';
import { readerFor } from './core/sources/registry';
import { MetricGoalsSetting } from './host/settings';
import { RunsTreeProvider } from './host/tree/runs-tree';
import { watchLogs } from './host/watcher';
import { registerAddServer } from './host/mlflow-servers/add-server-command';
import { pollLiveServerRuns } from './host/mlflow-servers/polling';
import { MlflowServerSources } from './host/mlflow-servers/server-sources';

export interface RunlensApi {
  index: IndexService;
  tree: RunsTreeProvider;
  series: SeriesService;
  selection: RunSelection;
  /** Curve/sweep health and checkpoints (the Diagnostics view and the run badges). */
  health: HealthApi;
  /** Panel activity the background work gives way to. */
  quiet: QuietGate;
  /** Resolves when the first indexing pass has finished (tests wait on it). */
  ready: Promise<void>;
}

export async function activate(context: vscode.ExtensionContext): Promise<RunlensApi> {
  const log = vscode.window.createOutputChannel('Runlens', { log: true });
  const servers = new MlflowServerSources(context, log);
  // Panel traffic and indexing passes; the background health pass waits until they have been still for a moment.
  const quiet = new QuietGate({ quietMs: 2000, maxWaitMs: 15_000 });
  const index = new IndexService({ extensionUri: context.extensionUri, storageUri: context.storageUri ?? context.globalStorageUri, log, servers, activity: quiet });
  // runlens.metricGoals, read once here: every panel and the Runs view take `best` directions from it
  const goals = new MetricGoalsSetting((m) => log.warn(m));
  // a configured server's name labels its runs in the tree
  const serverName = (root: string) => servers.entries().find((e) => entryRoot(e).path === root)?.name;
  const tree = new RunsTreeProvider(index, { memento: context.workspaceState, goals, serverName });
  const view = vscode.window.createTreeView('runlens.runs', { treeDataProvider: tree, canSelectMany: true, showCollapseAll: true });
  tree.attachView(view);
  // Full-resolution reads for every panel (one cache); the shared run selection and highlight.
  // Reads and their cache live in the series worker thread; on the host thread only if no thread can start.
  const indexed = (key: string) => index.runsByKey([key])[0];
  const dist = vscode.Uri.joinPath(context.extensionUri, 'dist').fsPath;
  const series: SeriesService = createSeriesService({
    entry: { file: path.join(dist, 'series-worker.js') },
    wasmPath: path.join(dist, 'sql-wasm.wasm'),
    indexed,
    fallback: () => new InProcessSeriesService({ readerFor, indexed }),
    log: (level, message) => log[level](`series: ${message}`),
  });
  const selection = new RunSelection();
  const deps = { extensionUri: context.extensionUri, index, tree, log, series, selection, goals, quiet };
  context.subscriptions.push(
    log,
    goals,
    index,
    tree,
    series,
    selection,
    view,
    view.onDidChangeCheckboxState((e) => {
      quiet.touch();
      tree.applyCheckboxChanges(e.items);
    }),
    view.onDidChangeSelection(() => quiet.touch()),
    ...registerCommands(deps),
    CurvesPanel.registerSerializer(deps),
    watchLogs((paths) => void index.reindex(paths)),
    vscode.workspace.onDidChangeConfiguration((e) => {
      // Readiness profiles and metric goals are not index settings (goals: MetricGoalsSetting.onDidChange).
      // Readiness profiles are not index settings: they re-analyse notebooks (readiness-service), not re-index.
      if (e.affectsConfiguration('runlens') && !e.affectsConfiguration('runlens.notebookReadiness') && !e.affectsConfiguration('runlens.metricGoals')) void index.refresh();
    }),
    vscode.workspace.onDidChangeWorkspaceFolders(() => void index.refresh()),
    registerAddServer(servers, log),
    pollLiveServerRuns(index, servers),
    vscode.workspace.onDidGrantWorkspaceTrust(() => void index.refresh()),
  );
  registerCodeNavigation(context, { index, selectedRunKeys: () => tree.selectedRunKeys() });
  registerNotebookReadiness(context, { lookup: trackedRunsLookup(index) });
  registerCurves(context, deps);
  registerTable(context, deps);
  registerCompare(context, deps);
  registerParams(context, deps);
  const health = registerHealth(context, deps);
  await index.loadPersisted();
  // Warm start: the persisted runs are already in the tree, so the catch-up pass stays in the status bar.
  const ready = index.refresh({ quiet: index.hasRuns() });
  return { index, tree, series, selection, health, quiet, ready };
}

export function deactivate(): void {
  /* disposables registered on the context do the cleanup */
}
