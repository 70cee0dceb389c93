// CodeLens above tracking calls (mlflow.start_run, wandb.init, Trainer(…), …): how many indexed runs this
// script produced and the best of them by the objective the script declares; clicking opens Curves for them.
import * as vscode from 'vscode';
import type { Objective } from '../../core/runs/objective';
import { formatNumber } from '../../core/util/numbers';
import { findTrackingCalls } from './python-calls';
import type { ScriptRunsCache } from './script-runs';

/** Curves stays responsive with this many runs; a sweep of thousands opens with its best ones. */
export const MAX_RUNS_TO_COMPARE = 100;

/** Where the ranking metric came from, in words for the tooltip. */
export function objectiveOrigin(objective: Objective): string {
  switch (objective.source) {
    case 'setting':
      return 'the runlens.primaryMetric setting';
    case 'script':
      return `declared by ${objective.via} in this script`;
    case 'run':
      return `recorded by the runs: ${objective.via}`;
    default:
      return 'guessed from the metric names; set metric_for_best_model or runlens.primaryMetric to choose';
  }
}

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
    const { ranked, objective } = await this.cache.runsOf(doc);
    if (!ranked.length) return [];
    const text = doc.getText();
    const calls = findTrackingCalls(text, this.cache.tree(doc));
    // One lens per tracker, over its first call (start_run, wandb.init, TrainingArguments(…)): the same numbers
    // over every log_metric would only repeat themselves; and one lens per line, not a runs lens plus a best lens.
    const seen = new Set<string>();
    const lenses: vscode.CodeLens[] = [];
    const keys = ranked.slice(0, MAX_RUNS_TO_COMPARE).map((r) => r.run.key);
    const best = ranked[0];
    const count = ranked.length === 1 ? '1 run' : `${ranked.length} runs`;
    const hasBest = objective !== undefined && !Number.isNaN(best.best);
    const title = `$(graph-line) ${count} of this script${hasBest ? ` · best ${objective.key} ${formatNumber(best.best)} (${best.run.name || best.run.id})` : ''}`;
    const tooltip = [
      `Open Curves for ${keys.length < ranked.length ? `the ${keys.length} best of ` : ''}the runs whose entry point is this file.`,
      objective ? `Ranked by ${objective.goal === 'min' ? 'lowest' : 'highest'} ${objective.key} over all steps (${objectiveOrigin(objective)}).` : '',
    ]
      .filter(Boolean)
      .join('\n');
    for (const call of calls) {
      if (seen.has(call.tracker)) continue;
      seen.add(call.tracker);
      const range = doc.lineAt(doc.positionAt(call.from).line).range;
      lenses.push(new vscode.CodeLens(range, { title, tooltip, command: 'runlens.compareSelected', arguments: [keys] }));
    }
    return lenses;
  }

  dispose(): void {
    this.subscription.dispose();
    this.changed.dispose();
  }
}
