// Wires health into the extension: the background HealthService, the Diagnostics view, run badges in the Runs
// view, and the commands (Open Finding in Curves, Reveal Checkpoint, Copy Checkpoint Path, Average Checkpoints…).
import * as fsp from 'node:fs/promises';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { QuietGate } from '../../core/util/quiet-gate';
import type { MetricGoals } from '../settings';
import { averagingScript, weightFileIn } from '../../core/health/average-script';
import { checkpointMarker, findingView, markedView } from '../../core/health/curves-view';
import { thresholdOverrides } from '../../core/health/thresholds';
import type { CheckpointEntry, Finding } from '../../core/health/types';
import { listDir } from '../../core/util/fs';
import { DEFAULT_VIEW_STATE } from '../../protocol/curves';
import type { IndexService } from '../indexing/index-service';
import { CurvesPanel } from '../panels/curves-panel';
import type { SeriesService } from '../series/series-service';
import { DiagnosticsTreeProvider, type DiagnosticsNode } from './diagnostics-tree';
import { HealthService, type HealthCacheStore } from './health-service';
import { RunDecorations } from './run-decorations';

export interface HealthDeps {
  extensionUri: vscode.Uri;
  index: IndexService;
  series: SeriesService;
  log: vscode.LogOutputChannel;
  quiet?: QuietGate;
  /** `runlens.metricGoals`: the direction of each metric for the rules and the best markers. */
  goals?: MetricGoals;
}

export interface HealthApi {
  health: HealthService;
  diagnostics: DiagnosticsTreeProvider;
}

/** A checkpoint path from a Diagnostics node or a Runs-view checkpoint leaf (both have contextValue 'checkpoint'). */
function checkpointPath(arg: unknown): string | undefined {
  if (typeof arg === 'string') return arg;
  if (typeof arg !== 'object' || arg === null) return undefined;
  const node = arg as DiagnosticsNode | { kind: 'leaf'; path?: string };
  if (node.kind === 'checkpoint') return node.entry.path;
  return 'path' in node && typeof node.path === 'string' ? node.path : undefined;
}

/** The weight file to average for a checkpoint: the file itself, or the weights inside an HF checkpoint folder. */
async function weightFile(p: string): Promise<string | undefined> {
  const st = await fsp.stat(p).catch(() => undefined);
  if (!st) return undefined;
  if (!st.isDirectory()) return p;
  const name = weightFileIn((await listDir(p)).files);
  return name && path.join(p, name);
}

/** The health checks kept in the extension's own storage (per workspace), written atomically. */
function healthCacheFile(context: vscode.ExtensionContext): HealthCacheStore {
  const file = path.join((context.storageUri ?? context.globalStorageUri).fsPath, 'health-checks.json');
  return {
    path: file,
    load: () => fsp.readFile(file, 'utf8').catch((err: NodeJS.ErrnoException) => (err.code === 'ENOENT' ? undefined : Promise.reject(err))),
    async save(text) {
      await fsp.mkdir(path.dirname(file), { recursive: true });
      const tmp = `${file}.${process.pid}.tmp`;
      await fsp.writeFile(tmp, text);
      await fsp.rename(tmp, file);
    },
  };
}

export function registerHealth(context: vscode.ExtensionContext, deps: HealthDeps): HealthApi {
  const health = new HealthService({
    index: deps.index,
    series: deps.series,
    log: deps.log,
    quiet: deps.quiet,
    store: healthCacheFile(context),
    options: () => {
      const cfg = vscode.workspace.getConfiguration('runlens');
      return { thresholds: thresholdOverrides(cfg.get('health.thresholds')), objective: cfg.get<string>('primaryMetric') || undefined, goals: deps.goals?.current };
    },
  });
  const diagnostics = new DiagnosticsTreeProvider(health, (key) => {
    const run = deps.index.runsByKey([key])[0];
    return run && (run.name || run.id);
  });
  const view = vscode.window.createTreeView('runlens.diagnostics', { treeDataProvider: diagnostics, canSelectMany: true, showCollapseAll: true });
  const describe = () => {
    const r = health.current();
    const loud = r?.findings.filter((f) => f.severity !== 'info').length ?? 0;
    view.badge = loud ? { value: loud, tooltip: `${loud} health findings (errors and warnings)` } : undefined;
  };
  const decorations = new RunDecorations(health);
  const checkpoints = (): CheckpointEntry[] => health.current()?.checkpoints ?? [];

  context.subscriptions.push(
    health,
    diagnostics,
    view,
    decorations,
    vscode.window.registerFileDecorationProvider(decorations),
    health.onDidChange(describe),
    ...(deps.goals ? [deps.goals.onDidChange(() => health.schedule())] : []),
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (e.affectsConfiguration('runlens.health') || e.affectsConfiguration('runlens.primaryMetric')) health.schedule();
    }),
    vscode.commands.registerCommand('runlens.refreshDiagnostics', () => health.run({ fresh: true })),
    vscode.commands.registerCommand('runlens.openFinding', (f?: Finding) => {
      if (!f) return;
      CurvesPanel.show(deps, [f.runId], findingView(CurvesPanel.currentState() ?? DEFAULT_VIEW_STATE, f));
      vscode.window.setStatusBarMessage(`Runlens: ${f.rule} at step ${f.step} — ${f.message}`, 10_000);
    }),
    vscode.commands.registerCommand('runlens.markCheckpointInCurves', async (arg?: unknown) => {
      const p = checkpointPath(arg) ?? (await pickCheckpoints(checkpoints(), false))?.[0];
      const entry = p === undefined ? undefined : checkpoints().find((c) => c.path === p);
      if (!entry) {
        if (p !== undefined) void vscode.window.showInformationMessage(`Runlens: ${p} is not a checkpoint of an indexed run (yet).`);
        return;
      }
      const marker = checkpointMarker(entry);
      if (!marker) return void vscode.window.showInformationMessage(`Runlens: ${path.basename(entry.path)} names no step to mark.`);
      CurvesPanel.show(deps, [entry.runId], markedView(CurvesPanel.currentState() ?? DEFAULT_VIEW_STATE, entry.runId, marker));
    }),
    vscode.commands.registerCommand('runlens.revealCheckpoint', async (arg?: unknown) => {
      const p = checkpointPath(arg) ?? (await pickCheckpoints(checkpoints(), false))?.[0];
      if (!p) return;
      const local = vscode.env.uiKind === vscode.UIKind.Desktop && !vscode.env.remoteName;
      const canOpenOS = local && (await vscode.commands.getCommands(true)).includes('revealFileInOS');
      await vscode.commands.executeCommand(canOpenOS ? 'revealFileInOS' : 'revealInExplorer', vscode.Uri.file(p));
    }),
    vscode.commands.registerCommand('runlens.copyCheckpointPath', async (arg?: unknown) => {
      const p = checkpointPath(arg) ?? (await pickCheckpoints(checkpoints(), false))?.[0];
      if (!p) return;
      await vscode.env.clipboard.writeText(p);
      vscode.window.setStatusBarMessage(`Runlens: copied ${p}`, 3000);
    }),
    vscode.commands.registerCommand('runlens.averageCheckpoints', async (arg?: unknown, selected?: unknown[]) => {
      const fromView = (selected?.length ? selected : arg ? [arg] : []).map(checkpointPath).filter((p): p is string => !!p);
      const picked = fromView.length >= 2 ? fromView : await pickCheckpoints(checkpoints(), true);
      if (!picked || picked.length < 2) {
        if (picked) void vscode.window.showInformationMessage('Runlens: pick at least two checkpoints to average.');
        return;
      }
      const files: string[] = [];
      for (const p of picked) {
        const f = await weightFile(p);
        if (!f) return void vscode.window.showWarningMessage(`Runlens: no weight file found in ${p}`);
        files.push(f);
      }
      // an untitled editor: Runlens never runs the script nor writes into the experiment folders
      const doc = await vscode.workspace.openTextDocument({ language: 'python', content: averagingScript(files) });
      await vscode.window.showTextDocument(doc, { preview: false });
    }),
  );
  health.schedule();
  return { health, diagnostics };
}

async function pickCheckpoints(all: readonly CheckpointEntry[], many: boolean): Promise<string[] | undefined> {
  if (!all.length) {
    void vscode.window.showInformationMessage('Runlens: no checkpoints found next to the indexed runs.');
    return undefined;
  }
  const items = all.map((c) => ({ label: path.basename(c.path), description: [c.step !== null ? `step ${c.step}` : '', c.markers.join(', ')].filter(Boolean).join(' · '), detail: c.path, path: c.path }));
  if (many) return (await vscode.window.showQuickPick(items, { canPickMany: true, title: 'Runlens: checkpoints to average', matchOnDetail: true }))?.map((i) => i.path);
  const one = await vscode.window.showQuickPick(items, { title: 'Runlens: pick a checkpoint', matchOnDetail: true });
  return one && [one.path];
}
