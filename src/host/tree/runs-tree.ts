// The Runs view: a TreeDataProvider over the index with tick boxes that select runs for comparison.
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { IndexedRun } from '../../core/index/types';
import { seriesLabel } from '../../core/model';
import { formatNumber } from '../../core/util/numbers';
import type { IndexService } from '../indexing/index-service';
import { experimentsOf, FORMAT_LABELS, groupRuns, type TreeNode } from './tree-nodes';
import { formatBytes, runTreeItem, seriesDescription } from './run-item';
import { savedViewTreeItem, type SavedViewsSource } from './saved-view-item';

export class RunsTreeProvider implements vscode.TreeDataProvider<TreeNode>, vscode.Disposable {
  private readonly emitter = new vscode.EventEmitter<TreeNode | undefined>();
  readonly onDidChangeTreeData = this.emitter.event;
  private readonly selected = new Set<string>();
  private readonly selectionEmitter = new vscode.EventEmitter<string[]>();
  readonly onDidChangeSelection = this.selectionEmitter.event;
  private readonly subscription: vscode.Disposable;
  private savedViews: SavedViewsSource | undefined;
  private savedViewsSubscription: vscode.Disposable | undefined;

  constructor(private readonly index: IndexService) {
    this.subscription = index.onDidChange(() => this.refresh());
  }

  refresh(): void {
    const known = new Set(this.index.runs().map((r) => r.key));
    for (const key of [...this.selected]) if (!known.has(key)) this.selected.delete(key);
    this.emitter.fire(undefined);
  }

  /** Shows a "Saved Views" node (Curves views saved by name) while there is at least one. */
  setSavedViews(source: SavedViewsSource): void {
    this.savedViews = source;
    this.savedViewsSubscription?.dispose();
    this.savedViewsSubscription = source.onDidChange(() => this.emitter.fire(undefined));
  }

  selectedRunKeys(): string[] {
    return [...this.selected];
  }

  setChecked(runKey: string, checked: boolean): void {
    if (checked) this.selected.add(runKey);
    else this.selected.delete(runKey);
    this.selectionEmitter.fire(this.selectedRunKeys());
  }

  getChildren(node?: TreeNode): TreeNode[] {
    if (!node) {
      const runs = this.index.runs();
      const errors = this.index.errors().filter((e) => !e.runId);
      const nodes = groupRuns(runs);
      if (errors.length)
        nodes.push({ kind: 'message', label: `${errors.length} problem(s) while reading`, tooltip: errors.map((e) => `${e.path}: ${e.message}`).join('\n') });
      if (this.savedViews?.list().length) nodes.push({ kind: 'savedViews' });
      return nodes;
    }
    switch (node.kind) {
      case 'source': {
        const exps = experimentsOf(node);
        // A source with one experiment shows its runs directly: one level less to click through.
        return exps.length === 1 ? (exps[0] as Extract<TreeNode, { kind: 'experiment' }>).runs.map((run) => ({ kind: 'run', run })) : exps;
      }
      case 'experiment':
        return node.runs.map((run) => ({ kind: 'run', run }));
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

  getTreeItem(node: TreeNode): vscode.TreeItem {
    switch (node.kind) {
      case 'source': {
        const item = new vscode.TreeItem(FORMAT_LABELS[node.format], vscode.TreeItemCollapsibleState.Expanded);
        item.id = `source:${node.format}|${node.root}`;
        item.description = relativeToWorkspace(node.root);
        item.tooltip = `${node.root}\n${node.runs.length} runs`;
        item.iconPath = new vscode.ThemeIcon('database');
        item.contextValue = 'source';
        return item;
      }
      case 'experiment': {
        const item = new vscode.TreeItem(node.name || '(no experiment)', vscode.TreeItemCollapsibleState.Expanded);
        item.id = `experiment:${node.format}|${node.root}|${node.name}`;
        item.description = `${node.runs.length} runs`;
        item.iconPath = new vscode.ThemeIcon('beaker');
        item.contextValue = 'experiment';
        return item;
      }
      case 'run':
        return runTreeItem(node.run, this.selected.has(node.run.key));
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
    this.subscription.dispose();
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

function relativeToWorkspace(p: string): string {
  const folder = vscode.workspace.getWorkspaceFolder(vscode.Uri.file(p));
  return folder ? path.relative(folder.uri.fsPath, p) || '.' : p;
}
