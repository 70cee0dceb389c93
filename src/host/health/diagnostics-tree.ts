// The Diagnostics view: findings grouped by rule with counts (errors first), sweep findings per experiment, and a
// Checkpoints section (per run: each checkpoint with its step, size and markers; the disk keeping only last + best
// would free). Clicking a finding opens Curves on that run and series. Text from logs goes through visibleText.
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { CheckpointEntry, Finding, SweepFinding } from '../../core/health/types';
import { seriesLabel } from '../../core/model';
import { formatBytes } from '../tree/run-item';
import { visibleText } from '../../core/util/visible-text';
import type { HealthService } from './health-service';

export type DiagnosticsNode =
  | { kind: 'rule'; rule: string; severity: Finding['severity']; findings: Finding[] }
  | { kind: 'finding'; finding: Finding }
  | { kind: 'sweepRule'; rule: string; findings: SweepFinding[] }
  | { kind: 'sweep'; finding: SweepFinding }
  | { kind: 'checkpoints'; runs: Map<string, CheckpointEntry[]>; names: Map<string, string> }
  | { kind: 'checkpointRun'; runId: string; name: string; entries: CheckpointEntry[] }
  | { kind: 'checkpoint'; entry: CheckpointEntry }
  | { kind: 'status'; label: string };

const RANK = { error: 0, warning: 1, info: 2 } as const;
const ICONS = { error: ['error', 'list.errorForeground'], warning: ['warning', 'list.warningForeground'], info: ['info', undefined] } as const;
const icon = (s: Finding['severity']) => new vscode.ThemeIcon(ICONS[s][0], ICONS[s][1] ? new vscode.ThemeColor(ICONS[s][1]!) : undefined);

export class DiagnosticsTreeProvider implements vscode.TreeDataProvider<DiagnosticsNode>, vscode.Disposable {
  private readonly emitter = new vscode.EventEmitter<DiagnosticsNode | undefined>();
  readonly onDidChangeTreeData = this.emitter.event;
  private readonly subscription: vscode.Disposable;

  constructor(
    private readonly health: HealthService,
    /** The run's name in the index (checkpoints of runs without findings). */
    private readonly runName: (runKey: string) => string | undefined,
  ) {
    this.subscription = health.onDidChange(() => this.emitter.fire(undefined));
  }

  /** The rule groups as shown (tests read the counts). */
  ruleCounts(): Array<{ rule: string; severity: string; count: number }> {
    return this.roots().flatMap((n) => (n.kind === 'rule' ? [{ rule: n.rule, severity: n.severity, count: n.findings.length }] : n.kind === 'sweepRule' ? [{ rule: n.rule, severity: 'sweep', count: n.findings.length }] : []));
  }

  getChildren(node?: DiagnosticsNode): DiagnosticsNode[] {
    if (!node) return this.roots();
    switch (node.kind) {
      case 'rule':
        return node.findings.map((finding) => ({ kind: 'finding', finding }));
      case 'sweepRule':
        return node.findings.map((finding) => ({ kind: 'sweep', finding }));
      case 'checkpoints':
        return [...node.runs].map(([runId, entries]) => ({ kind: 'checkpointRun', runId, name: node.names.get(runId) ?? runId, entries }));
      case 'checkpointRun':
        return node.entries.map((entry) => ({ kind: 'checkpoint', entry }));
      default:
        return [];
    }
  }

  private roots(): DiagnosticsNode[] {
    const report = this.health.current();
    if (!report) return [{ kind: 'status', label: this.health.progress ? `Checking runs… ${this.health.progress.done}/${this.health.progress.total}` : 'Checking runs…' }];
    const byRule = new Map<string, Finding[]>();
    for (const f of report.findings) byRule.set(`${f.rule}\u0000${f.severity}`, [...(byRule.get(`${f.rule}\u0000${f.severity}`) ?? []), f]);
    const rules: DiagnosticsNode[] = [...byRule]
      .map(([id, findings]) => ({ kind: 'rule' as const, rule: id.split('\u0000')[0], severity: findings[0].severity, findings }))
      .sort((a, b) => RANK[a.severity] - RANK[b.severity] || b.findings.length - a.findings.length || a.rule.localeCompare(b.rule));
    const bySweep = new Map<string, SweepFinding[]>();
    for (const s of report.sweep) bySweep.set(s.rule, [...(bySweep.get(s.rule) ?? []), s]);
    const sweep: DiagnosticsNode[] = [...bySweep].map(([rule, findings]) => ({ kind: 'sweepRule', rule, findings }));
    const runs = new Map<string, CheckpointEntry[]>();
    for (const c of report.checkpoints) runs.set(c.runId, [...(runs.get(c.runId) ?? []), c]);
    const names = new Map(report.findings.map((f) => [f.runId, f.runName]));
    const out = [...rules, ...sweep];
    if (runs.size) out.push({ kind: 'checkpoints', runs, names: this.runNames(runs, names) });
    if (!out.length) out.push({ kind: 'status', label: 'No findings' });
    return out;
  }

  private runNames(runs: Map<string, CheckpointEntry[]>, known: Map<string, string>): Map<string, string> {
    return new Map([...runs.keys()].map((id) => [id, known.get(id) ?? this.runName(id) ?? id]));
  }

  getTreeItem(node: DiagnosticsNode): vscode.TreeItem {
    switch (node.kind) {
      case 'rule': {
        const item = new vscode.TreeItem(node.rule, vscode.TreeItemCollapsibleState.Collapsed);
        item.id = `rule:${node.rule}:${node.severity}`;
        item.description = `${node.findings.length}`;
        item.iconPath = icon(node.severity);
        item.contextValue = 'healthRule';
        return item;
      }
      case 'finding': {
        const f = node.finding;
        const item = new vscode.TreeItem(visibleText(f.runName), vscode.TreeItemCollapsibleState.None);
        item.id = `finding:${f.rule}:${f.runId}:${f.series}:${JSON.stringify(f.context)}`;
        item.description = `${visibleText(seriesLabel({ key: f.series, context: f.context }))} @ step ${f.step}`;
        item.tooltip = new vscode.MarkdownString().appendText(`${f.rule} · ${f.runName} · ${seriesLabel({ key: f.series, context: f.context })} @ step ${f.step}\n\n${f.message}`);
        item.iconPath = icon(f.severity);
        item.contextValue = 'healthFinding';
        item.command = { command: 'runlens.openFinding', title: 'Open in Curves', arguments: [f] };
        return item;
      }
      case 'sweepRule': {
        const item = new vscode.TreeItem(node.rule, vscode.TreeItemCollapsibleState.Collapsed);
        item.id = `sweepRule:${node.rule}`;
        item.description = `${node.findings.length} · sweep`;
        item.iconPath = new vscode.ThemeIcon('symbol-ruler');
        return item;
      }
      case 'sweep': {
        const s = node.finding;
        const item = new vscode.TreeItem(`${visibleText(s.experiment)} · ${visibleText(s.param)}`, vscode.TreeItemCollapsibleState.None);
        item.description = visibleText(s.message, 120);
        item.tooltip = new vscode.MarkdownString().appendText(s.message);
        item.iconPath = icon(s.severity);
        return item;
      }
      case 'checkpoints': {
        const all = [...node.runs.values()].flat();
        const item = new vscode.TreeItem('Checkpoints', vscode.TreeItemCollapsibleState.Collapsed);
        item.id = 'checkpoints';
        const total = all.reduce((n, c) => n + c.bytes, 0);
        item.description = `${all.length} · ${formatBytes(total)} · ${formatBytes(this.health.current()?.reclaimableBytes ?? 0)} reclaimable`;
        item.tooltip = 'Reclaimable: checkpoints with a step that are neither the last nor a best one. Runlens never deletes anything.';
        item.iconPath = new vscode.ThemeIcon('save-all');
        return item;
      }
      case 'checkpointRun': {
        const item = new vscode.TreeItem(visibleText(node.name), vscode.TreeItemCollapsibleState.Collapsed);
        item.id = `checkpointRun:${node.runId}`;
        const reclaimable = node.entries.filter((e) => !e.markers.length && e.step !== null).reduce((n, e) => n + e.bytes, 0);
        item.description = `${node.entries.length} · ${formatBytes(node.entries.reduce((n, c) => n + c.bytes, 0))}${reclaimable ? ` · ${formatBytes(reclaimable)} reclaimable` : ''}`;
        item.iconPath = new vscode.ThemeIcon('folder');
        return item;
      }
      case 'checkpoint': {
        const c = node.entry;
        const item = new vscode.TreeItem(visibleText(path.basename(c.path)), vscode.TreeItemCollapsibleState.None);
        item.id = `checkpoint:${c.path}`;
        item.description = [c.markers.length ? `[${c.markers.join(', ')}]` : '', c.step !== null ? `step ${c.step}` : '', formatBytes(c.bytes)].filter(Boolean).join(' · ');
        item.tooltip = new vscode.MarkdownString().appendText(`${c.path}${c.markers.length ? `\n\n${c.markers.join(', ')}` : ''}`);
        item.resourceUri = vscode.Uri.file(c.path);
        item.iconPath = new vscode.ThemeIcon(c.markers.length ? 'star-full' : 'save');
        item.contextValue = 'checkpoint';
        return item;
      }
      case 'status':
        return new vscode.TreeItem(node.label, vscode.TreeItemCollapsibleState.None);
    }
  }

  dispose(): void {
    this.subscription.dispose();
    this.emitter.dispose();
  }
}
