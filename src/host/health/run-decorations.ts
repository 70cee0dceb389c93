// Badges on runs in the Runs view: a FileDecoration on the run item's resourceUri (runlens-run:/<key>), red for
// non-finite values or divergence, yellow for other warnings, with every reason in the tooltip.
import * as vscode from 'vscode';
import type { HealthService } from './health-service';

export const RUN_URI_SCHEME = 'runlens-run';

/** The uri a run's tree item carries so decorations can find it. */
export function runUri(runKey: string): vscode.Uri {
  return vscode.Uri.from({ scheme: RUN_URI_SCHEME, path: `/${encodeURIComponent(runKey)}` });
}

export function runKeyOfUri(uri: vscode.Uri): string | undefined {
  return uri.scheme === RUN_URI_SCHEME ? decodeURIComponent(uri.path.slice(1)) : undefined;
}

export class RunDecorations implements vscode.FileDecorationProvider, vscode.Disposable {
  private readonly emitter = new vscode.EventEmitter<vscode.Uri | vscode.Uri[] | undefined>();
  readonly onDidChangeFileDecorations = this.emitter.event;
  private readonly subscription: vscode.Disposable;

  /** What each decorated run showed last, so a pass re-renders only the runs whose badge changed. */
  private shown = new Map<string, string>();

  constructor(private readonly health: HealthService) {
    this.subscription = health.onDidChange(() => this.fireChanged());
  }

  /**
   * Fires for the changed runs only: a change for every uri re-renders the whole Runs view, and a row re-rendered
   * while its tick box is being clicked loses the tick (the workbench UI test caught it).
   */
  private fireChanged(): void {
    const now = new Map<string, string>();
    for (const key of this.health.badgedRuns()) {
      const b = this.health.badge(key)!;
      now.set(key, `${b.severity}\u0000${b.reasons.join('\n')}`);
    }
    const changed = [...new Set([...now.keys(), ...this.shown.keys()])].filter((k) => now.get(k) !== this.shown.get(k));
    this.shown = now;
    if (changed.length) this.emitter.fire(changed.map(runUri));
  }

  provideFileDecoration(uri: vscode.Uri): vscode.FileDecoration | undefined {
    const key = runKeyOfUri(uri);
    const badge = key && this.health.badge(key);
    if (!badge) return undefined;
    const error = badge.severity === 'error';
    const shown = badge.reasons.slice(0, 3).join('\n') + (badge.reasons.length > 3 ? `\n… ${badge.reasons.length - 3} more in the Diagnostics view` : '');
    return new vscode.FileDecoration(error ? '!' : '⚠', shown, new vscode.ThemeColor(error ? 'list.errorForeground' : 'list.warningForeground'));
  }

  dispose(): void {
    this.subscription.dispose();
    this.emitter.dispose();
  }
}
