// CodeLens above tracking calls (mlflow.start_run, wandb.init, Trainer(…), …): how many indexed runs this
// script produced and the best of them by the primary metric; clicking opens Curves for them.
import * as vscode from 'vscode';
import { formatNumber } from '../../core/util/numbers';
import { findTrackingCalls } from './python-calls';
import type { ScriptRunsCache } from './script-runs';

/** Curves stays responsive with this many runs; a sweep of thousands opens with its best ones. */
export const MAX_RUNS_TO_COMPARE = 100;

export class TrackingCodeLensProvider implements vscode.CodeLensProvider {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChangeCodeLenses = this.changed.event;

  private readonly subscription: vscode.Disposable;

  constructor(private readonly cache: ScriptRunsCache) {
    // Run counts and best values change with the index: ask VS Code to re-query the lenses.
    this.subscription = cache.onDidChange(() => this.changed.fire());
  }

  async provideCodeLenses(doc: vscode.TextDocument): Promise<vscode.CodeLens[]> {
    if (doc.uri.scheme !== 'file') return [];
    const { ranked, objective } = await this.cache.runsOf(doc.uri.fsPath);
    if (!ranked.length) return [];
    const text = doc.getText();
    const calls = findTrackingCalls(text, this.cache.tree(doc));
    // One pair of lenses per tracker, over its first call (start_run, wandb.init, TrainingArguments(…)): the
    // same numbers over every log_metric would only repeat themselves.
    const seen = new Set<string>();
    const lenses: vscode.CodeLens[] = [];
    const keys = ranked.slice(0, MAX_RUNS_TO_COMPARE).map((r) => r.run.key);
    const best = ranked[0];
    for (const call of calls) {
      if (seen.has(call.tracker)) continue;
      seen.add(call.tracker);
      const range = doc.lineAt(doc.positionAt(call.from).line).range;
      const count = ranked.length === 1 ? '1 run' : `${ranked.length} runs`;
      lenses.push(
        new vscode.CodeLens(range, {
          title: `$(graph-line) ${count} of this script`,
          tooltip: `Open Curves for ${keys.length < ranked.length ? `the ${keys.length} best of ` : ''}the runs whose entry point is this file`,
          command: 'runlens.compareSelected',
          arguments: [keys],
        }),
      );
      if (objective && !Number.isNaN(best.best)) {
        lenses.push(
          new vscode.CodeLens(range, {
            title: `best ${objective.key} ${formatNumber(best.best)} (${best.run.name || best.run.id})`,
            tooltip: `${objective.goal === 'min' ? 'Lowest' : 'Highest'} ${objective.key} over all steps; open Curves for this run`,
            command: 'runlens.compareSelected',
            arguments: [[best.run.key]],
          }),
        );
      }
    }
    return lenses;
  }

  dispose(): void {
    this.subscription.dispose();
    this.changed.dispose();
  }
}
