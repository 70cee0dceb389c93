// Reads Runlens settings; the one place that knows their names.
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { Goal } from '../core/runs/declared-objective';
import { parseMetricGoals } from '../core/runs/metric-goals';

export interface RunlensSettings {
  roots: string[];
  includeDeleted: boolean;
  maxDepth: number;
  excludedNames: string[];
  /** `runlens.tables` as written; the worker validates it. */
  tables: unknown;
  baseDir: string;
}

export function readSettings(): RunlensSettings {
  const cfg = vscode.workspace.getConfiguration('runlens');
  const folders = vscode.workspace.workspaceFolders ?? [];
  const base = folders[0]?.uri.fsPath ?? process.cwd();
  const roots = (cfg.get<string[]>('roots') ?? []).map((r) => (path.isAbsolute(r) ? r : path.join(base, r)));
  return {
    roots,
    includeDeleted: cfg.get<boolean>('showDeletedRuns') ?? false,
    maxDepth: cfg.get<number>('maxScanDepth') ?? 8,
    excludedNames: excludedFolderNames(),
    tables: cfg.get<unknown>('tables') ?? [],
    baseDir: base,
  };
}

/** files.exclude patterns of the form `**\/name` (the common ones) become folder names to skip. */
function excludedFolderNames(): string[] {
  const exclude = vscode.workspace.getConfiguration('files').get<Record<string, boolean>>('exclude') ?? {};
  return Object.entries(exclude)
    .filter(([pattern, on]) => on && /^\*\*\/[^*?/{}[\]]+$/.test(pattern))
    .map(([pattern]) => pattern.slice(3));
}

export function workspaceScanFolders(settings: RunlensSettings): string[] {
  const folders = (vscode.workspace.workspaceFolders ?? []).map((f) => f.uri.fsPath);
  return [...new Set([...folders, ...settings.roots])];
}

/** `runlens.metricGoals`: the direction of `best` per metric, for every panel, the Runs view and its filter. */
export interface MetricGoals {
  readonly current: Record<string, Goal>;
  /** Fires when the setting changes: views that compute `best` recompute. */
  readonly onDidChange: vscode.Event<void>;
}

/** The one reader of `runlens.metricGoals` (created in extension.ts, handed to every panel in its deps). */
export class MetricGoalsSetting implements MetricGoals, vscode.Disposable {
  private value: Record<string, Goal>;
  private readonly emitter = new vscode.EventEmitter<void>();
  readonly onDidChange = this.emitter.event;
  private readonly subscription: vscode.Disposable;

  constructor(private readonly log?: (message: string) => void) {
    this.value = this.read();
    this.subscription = vscode.workspace.onDidChangeConfiguration((e) => {
      if (!e.affectsConfiguration('runlens.metricGoals')) return;
      this.value = this.read();
      this.emitter.fire();
    });
  }

  get current(): Record<string, Goal> {
    return this.value;
  }

  private read(): Record<string, Goal> {
    const { goals, problems } = parseMetricGoals(vscode.workspace.getConfiguration('runlens').get<unknown>('metricGoals'));
    for (const p of problems) this.log?.(p);
    return goals;
  }

  dispose(): void {
    this.subscription.dispose();
    this.emitter.dispose();
  }
}
