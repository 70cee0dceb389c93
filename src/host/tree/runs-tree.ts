// The Runs view: a TreeDataProvider over the index with tick boxes that select runs for comparison,
// a run filter (the Curves query language), a sort and a group-by param.
import * as path from 'node:path';
import * as vscode from 'vscode';
import { filterRuns, queryRunOf } from '../../core/query';
import type { IndexedRun } from '../../core/index/types';
import { seriesLabel } from '../../core/model';
import type { RunSort } from '../../core/runs/run-order';
import { formatNumber } from '../../core/util/numbers';
import type { IndexService } from '../indexing/index-service';
import type { MetricGoals } from '../settings';
import { parseServerRoot } from '../../core/sources/mlflow-server/server-root';
import { visibleText } from '../../core/util/visible-text';
import { childrenOf, FORMAT_LABELS, groupRuns, nodeId, type RunsNode, type TreeNode } from './tree-nodes';
import { formatBytes, runTreeItem, seriesDescription } from './run-item';
import { savedViewTreeItem, type SavedViewsSource } from './saved-view-item';
import { Ticks } from './ticks';
import { describeViewState, loadViewState, saveViewState, type RunsViewState } from './view-state';

export interface RunsTreeOptions {
  /** Where ticks and the view's filter, sort and grouping are kept (the workspace's state). */
  memento?: vscode.Memento;
  /** Folders run keys are kept relative to; the workspace folders by default. */
  bases?: () => readonly string[];
  /** runlens.metricGoals: the direction of `best` in the filter's metric terms and the column sort. */
  goals?: MetricGoals;
  /** The name a configured MLflow server root was given (runlens.mlflowServers' `name`). */
  serverName?: (root: string) => string | undefined;
}

type SourceNode = Extract<TreeNode, { kind: 'source' }>;

/** How long after the last tick the sources' "n ticked" counts are refreshed. */
const TICK_COUNT_DELAY_MS = 1200;

/** Context key true while a filter hides runs (shows "Clear Filter" in the view's title). */
const FILTER_CONTEXT = 'runlens.runsFiltered';

export class RunsTreeProvider implements vscode.TreeDataProvider<TreeNode>, vscode.Disposable {
  private readonly emitter = new vscode.EventEmitter<TreeNode | undefined>();
  readonly onDidChangeTreeData = this.emitter.event;
  private readonly ticks: Ticks;
  private readonly selectionEmitter = new vscode.EventEmitter<string[]>();
  readonly onDidChangeSelection = this.selectionEmitter.event;
  private readonly subscription: vscode.Disposable;
  private readonly goalsSubscription: vscode.Disposable | undefined;
  private savedViews: SavedViewsSource | undefined;
  private savedViewsSubscription: vscode.Disposable | undefined;
  private state: RunsViewState;
  /** Top-level source nodes for the current index version and filter (rebuilt on change, not per call). */
  private sources:
    | { runs: IndexedRun[]; filter: string; nodes: SourceNode[]; shown: number; sourceOf: Map<string, SourceNode> }
    | undefined;
  private view: vscode.TreeView<TreeNode> | undefined;
  private filterContext: boolean | undefined;
  /** Sources whose "n ticked" count is stale, refreshed once ticking pauses (ticksChanged). */
  private readonly staleSources = new Set<SourceNode>();
  private countTimer: NodeJS.Timeout | undefined;

  constructor(
    private readonly index: IndexService,
    private readonly options: RunsTreeOptions = {},
  ) {
    const bases = options.bases ?? (() => (vscode.workspace.workspaceFolders ?? []).map((f) => f.uri.fsPath));
    this.ticks = new Ticks(options.memento, bases, () => this.index.runs());
    this.state = loadViewState(options.memento);
    this.ticks.reconcile();
    this.subscription = index.onDidChange(() => this.refresh());
    this.goalsSubscription = options.goals?.onDidChange(() => this.refresh());
  }

  /** The view this provider fills: its description shows the active filter, grouping and sort. */
  attachView(view: vscode.TreeView<TreeNode>): void {
    this.view = view;
    this.updateDescription();
  }

  refresh(): void {
    this.sources = undefined;
    if (this.countTimer) clearTimeout(this.countTimer);
    this.countTimer = undefined;
    this.staleSources.clear();
    const changed = this.ticks.reconcile();
    this.emitter.fire(undefined);
    this.updateDescription();
    if (changed) this.selectionEmitter.fire(this.selectedRunKeys());
  }

  /** Shows a "Saved Views" node (Curves views saved by name) while there is at least one. */
  setSavedViews(source: SavedViewsSource): void {
    this.savedViews = source;
    this.savedViewsSubscription?.dispose();
    this.savedViewsSubscription = source.onDidChange(() => this.emitter.fire(undefined));
  }

  selectedRunKeys(): string[] {
    return this.ticks.keys();
  }

  /** One tick box. */
  setChecked(runKey: string, checked: boolean): void {
    if (this.ticks.set([runKey], checked)) this.ticksChanged([runKey]);
  }

  /** The view's checkbox event (several boxes when many rows were selected): one selection event. */
  applyCheckboxChanges(items: ReadonlyArray<readonly [TreeNode, vscode.TreeItemCheckboxState]>): void {
    const changed: string[] = [];
    for (const [node, state] of items) if (node.kind === 'run' && this.ticks.set([node.run.key], state === vscode.TreeItemCheckboxState.Checked)) changed.push(node.run.key);
    if (changed.length) this.ticksChanged(changed);
  }

  /**
   * The box itself already shows a single tick; what is stale is the "n ticked" count of its source and the
   * nodes between: refresh only those sources (the model's node objects, so VS Code knows them).
   */
  private ticksChanged(runKeys: string[]): void {
    const model = this.model();
    for (const k of runKeys) {
      const source = model.sourceOf.get(k);
      if (source) this.staleSources.add(source);
    }
    // Refreshing a source re-renders its runs: a tick clicked on one of them while that update is under way
    // is lost (the row comes back unticked). So the counts wait until the user has stopped ticking.
    if (this.countTimer) clearTimeout(this.countTimer);
    this.countTimer = setTimeout(() => this.flushCounts(), TICK_COUNT_DELAY_MS);
    this.selectionEmitter.fire(this.selectedRunKeys());
  }

  /** Sends the pending "n ticked" updates now (tests; a full refresh makes them moot). */
  flushCounts(): void {
    if (this.countTimer) clearTimeout(this.countTimer);
    this.countTimer = undefined;
    const sources = [...this.staleSources];
    this.staleSources.clear();
    for (const source of sources) this.emitter.fire(source);
  }

  /** Ticks or unticks many runs as one change: one tree update and one selection event. */
  setCheckedMany(runKeys: readonly string[], checked: boolean): void {
    if (!this.ticks.set(runKeys, checked)) return;
    this.emitter.fire(undefined);
    this.selectionEmitter.fire(this.selectedRunKeys());
  }

  /** Unticks every run, including stored ticks of runs not indexed now. */
  clearTicks(): void {
    if (!this.ticks.clear()) return;
    this.emitter.fire(undefined);
    this.selectionEmitter.fire(this.selectedRunKeys());
  }

  /** The runs under a source, experiment or param group, as shown (filter applied); every shown run without one. */
  runsUnder(node?: RunsNode): IndexedRun[] {
    return node ? node.runs : this.model().nodes.flatMap((s) => s.runs);
  }

  viewState(): Readonly<RunsViewState> {
    return this.state;
  }

  /** Sets the run filter; a query that does not parse is refused with its message (the filter stays as it was). */
  setFilter(query: string): { ok: true } | { ok: false; message: string } {
    const q = query.trim();
    if (q) {
      const res = filterRuns(q, []);
      if (!res.ok) return { ok: false, message: res.message };
    }
    this.update({ filter: q });
    return { ok: true };
  }

  setSort(sort: RunSort): void {
    this.update({ sort });
  }

  setGroupBy(param: string | undefined): void {
    this.update({ groupBy: param || undefined });
  }

  private update(patch: Partial<RunsViewState>): void {
    this.state = { ...this.state, ...patch };
    saveViewState(this.options.memento, this.state);
    this.sources = undefined;
    this.emitter.fire(undefined);
    this.updateDescription();
  }

  private model(): NonNullable<RunsTreeProvider['sources']> {
    const runs = this.index.runs();
    if (this.sources && this.sources.runs === runs && this.sources.filter === this.state.filter) return this.sources;
    let shown = runs;
    if (this.state.filter) {
      const res = filterRuns(this.state.filter, runs.map(queryRunOf), { goals: this.options.goals?.current });
      if (res.ok) {
        const keep = new Set(res.runs.map((r) => r.key));
        shown = runs.filter((r) => keep.has(r.key));
      }
    }
    const nodes = groupRuns(shown);
    const sourceOf = new Map(nodes.flatMap((n) => n.runs.map((r) => [r.key, n] as const)));
    this.sources = { runs, filter: this.state.filter, nodes, shown: shown.length, sourceOf };
    return this.sources;
  }

  /** What the view's description says: the active filter (with how many runs it shows), grouping and sort. */
  description(): string {
    const model = this.model();
    return describeViewState(this.state, model.shown, model.runs.length);
  }

  private updateDescription(): void {
    const filtered = Boolean(this.state.filter);
    if (filtered !== this.filterContext) void vscode.commands.executeCommand('setContext', FILTER_CONTEXT, (this.filterContext = filtered));
    if (this.view) this.view.description = this.description() || undefined;
  }

  getChildren(node?: TreeNode): TreeNode[] {
    if (!node) {
      const model = this.model();
      const nodes: TreeNode[] = [...model.nodes];
      if (this.state.filter && !model.shown && model.runs.length)
        nodes.push({ kind: 'message', label: `No run matches the filter ${this.state.filter}`, tooltip: 'Runlens: Clear Run Filter shows every run again.' });
      const errors = this.index.errors().filter((e) => !e.runId);
      if (errors.length)
        nodes.push({ kind: 'message', label: `${errors.length} problem(s) while reading`, tooltip: errors.map((e) => `${e.path}: ${e.message}`).join('\n') });
      if (this.savedViews?.list().length) nodes.push({ kind: 'savedViews' });
      return nodes;
    }
    switch (node.kind) {
      case 'source':
      case 'experiment':
      case 'runGroup':
        return childrenOf(node, this.state);
      case 'run':
        return runGroups(node.run);
      case 'group':
        return groupLeaves(node.group, node.run);
      case 'savedViews':
        return (this.savedViews?.list() ?? []).map((v) => ({ kind: 'savedView', name: v.name, description: v.description }));
      default:
        return [];
    }
  }

  /** "12 runs", plus how many of them are ticked. */
  private countDescription(runs: IndexedRun[]): string {
    let ticked = 0;
    for (const r of runs) if (this.ticks.has(r.key)) ticked++;
    return `${runs.length} run${runs.length === 1 ? '' : 's'}${ticked ? ` · ${ticked} ticked` : ''}`;
  }

  getTreeItem(node: TreeNode): vscode.TreeItem {
    switch (node.kind) {
      case 'source': {
        const item = new vscode.TreeItem(FORMAT_LABELS[node.format], vscode.TreeItemCollapsibleState.Expanded);
        item.id = nodeId(node);
        const server = node.format === 'mlflow-server';
        // A server whose last listing failed: its cached runs stay, marked offline, with the reason.
        const offline = server ? this.index.errors().find((e) => e.path === node.root && e.message.startsWith('offline:')) : undefined;
        item.description = `${server ? serverLabel(node.root, this.options.serverName?.(node.root)) : relativeToWorkspace(node.root)}${offline ? ' · offline' : ''} · ${this.countDescription(node.runs)}`;
        const rootsText = node.roots.length === 1 && node.roots[0] === node.root ? '' : `\n${node.roots.length} run folders below it`;
        item.tooltip = `${node.root}${rootsText}\n${node.runs.length} runs${offline ? `\n${offline.message} (cached runs shown)` : ''}`;
        item.iconPath = new vscode.ThemeIcon(server ? (offline ? 'cloud-offline' : 'cloud') : 'database');
        item.contextValue = 'source';
        return item;
      }
      case 'experiment': {
        const item = new vscode.TreeItem(node.name || '(no experiment)', vscode.TreeItemCollapsibleState.Expanded);
        item.id = nodeId(node);
        item.description = this.countDescription(node.runs);
        item.iconPath = new vscode.ThemeIcon('beaker');
        item.contextValue = 'experiment';
        return item;
      }
      case 'runGroup': {
        const item = new vscode.TreeItem(`${node.param} = ${node.value}`, vscode.TreeItemCollapsibleState.Expanded);
        item.id = nodeId(node);
        item.description = this.countDescription(node.runs);
        item.iconPath = new vscode.ThemeIcon('symbol-field');
        // Not "run…": the run context menus match /^run/.
        item.contextValue = 'paramGroup';
        return item;
      }
      case 'run':
        return runTreeItem(node.run, this.ticks.has(node.run.key), Date.now());
      case 'group': {
        const labels = { params: 'Params', metrics: 'Metrics', checkpoints: 'Checkpoints', summary: 'Summary' };
        const item = new vscode.TreeItem(labels[node.group], vscode.TreeItemCollapsibleState.Collapsed);
        item.id = `group:${node.group}:${node.run.key}`;
        item.iconPath = new vscode.ThemeIcon({ params: 'settings', metrics: 'graph-line', checkpoints: 'save-all', summary: 'list-flat' }[node.group]);
        if (node.group === 'checkpoints') item.description = formatBytes(node.run.checkpoints.reduce((a, c) => a + c.bytes, 0));
        return item;
      }
      case 'leaf': {
        const item = new vscode.TreeItem(node.label, vscode.TreeItemCollapsibleState.None);
        item.id = node.id;
        item.description = node.description;
        item.tooltip = node.tooltip;
        if (node.icon) item.iconPath = new vscode.ThemeIcon(node.icon);
        if (node.path) {
          item.resourceUri = vscode.Uri.file(node.path);
          item.contextValue = 'checkpoint';
        }
        return item;
      }
      case 'message': {
        const item = new vscode.TreeItem(node.label, vscode.TreeItemCollapsibleState.None);
        item.iconPath = new vscode.ThemeIcon('warning', new vscode.ThemeColor('list.warningForeground'));
        item.tooltip = node.tooltip;
        return item;
      }
      case 'savedViews':
      case 'savedView':
        return savedViewTreeItem(node);
    }
  }

  dispose(): void {
    if (this.countTimer) clearTimeout(this.countTimer);
    this.subscription.dispose();
    this.goalsSubscription?.dispose();
    this.savedViewsSubscription?.dispose();
    this.emitter.dispose();
    this.selectionEmitter.dispose();
  }
}

function runGroups(run: IndexedRun): TreeNode[] {
  const groups: TreeNode[] = [];
  if (run.error) groups.push({ kind: 'message', label: run.error, tooltip: run.error });
  if (Object.keys(run.params).length) groups.push({ kind: 'group', group: 'params', run });
  if (run.series.length) groups.push({ kind: 'group', group: 'metrics', run });
  if (Object.keys(run.summary ?? {}).length) groups.push({ kind: 'group', group: 'summary', run });
  if (run.checkpoints.length) groups.push({ kind: 'group', group: 'checkpoints', run });
  return groups;
}

function groupLeaves(group: 'params' | 'metrics' | 'checkpoints' | 'summary', run: IndexedRun): TreeNode[] {
  switch (group) {
    case 'params':
      return Object.entries(run.params).map(([k, v]) => ({
        kind: 'leaf',
        id: `param:${run.key}:${k}`,
        label: k,
        description: v.length > 80 ? v.slice(0, 79) + '…' : v,
        tooltip: v.length > 2000 ? v.slice(0, 2000) + `… [${v.length} chars]` : v,
      }));
    case 'metrics':
      return run.series.map((s) => ({
        kind: 'leaf',
        id: `series:${run.key}:${s.key}:${JSON.stringify(s.context)}`,
        label: seriesLabel(s),
        description: seriesDescription(s),
        tooltip: `${seriesLabel(s)}\nsteps ${formatNumber(s.firstStep)} … ${formatNumber(s.lastStep)}\nmin at step ${formatNumber(s.argminStep)}, max at step ${formatNumber(s.argmaxStep)}${s.nanCount ? `\n${s.nanCount} NaN values` : ''}`,
        icon: s.nanCount ? 'warning' : undefined,
      }));
    case 'summary':
      return Object.entries(run.summary ?? {}).map(([k, v]) => ({ kind: 'leaf', id: `summary:${run.key}:${k}`, label: k, description: formatNumber(v) }));
    case 'checkpoints':
      return run.checkpoints.map((c) => ({
        kind: 'leaf',
        id: `ckpt:${run.key}:${c.path}`,
        label: path.basename(c.path),
        description: [c.step !== null ? `step ${c.step}` : '', c.epoch !== undefined && c.epoch !== null ? `epoch ${c.epoch}` : '', formatBytes(c.bytes)].filter(Boolean).join(' · '),
        tooltip: c.path,
        icon: 'save',
        path: c.path,
      }));
  }
}

/** `host:port › experiment`: the whole URL is in the tooltip. */
/** "team › xlmr-ner": the server's configured name (its host when unnamed) and the experiment it is limited to. */
export function serverLabel(root: string, name?: string): string {
  const { baseUrl, experiment } = parseServerRoot(root);
  const host = baseUrl.replace(/^https?:\/\//, '');
  const shown = visibleText(name || host);
  return experiment ? `${shown} › ${visibleText(experiment)}` : shown;
}

function relativeToWorkspace(p: string): string {
  const folder = vscode.workspace.getWorkspaceFolder(vscode.Uri.file(p));
  return folder ? path.relative(folder.uri.fsPath, p) || '.' : p;
}
