// The run selection shared by every panel: brushing in Params, selecting rows in the Runs Table, picking
// groups in Compare all set it; the other panels follow it (the table filters to it, Curves can open it, the
// Runs view can reveal it). The highlighted run is separate: a click on one line or row bolds that run in
// every open panel. `origin` names the panel that made the change, so it does not react to its own echo.
import * as vscode from 'vscode';

export interface SelectionChange {
  /** Run keys (index keys); empty = no selection (every shown run counts). */
  readonly keys: readonly string[];
  readonly origin: string;
}

export interface HighlightChange {
  readonly key: string | undefined;
  readonly origin: string;
}

export class RunSelection implements vscode.Disposable {
  private current: SelectionChange = { keys: [], origin: '' };
  private highlightedKey: HighlightChange = { key: undefined, origin: '' };
  private readonly changed = new vscode.EventEmitter<SelectionChange>();
  private readonly highlightChanged = new vscode.EventEmitter<HighlightChange>();
  readonly onDidChange = this.changed.event;
  readonly onDidHighlight = this.highlightChanged.event;

  get keys(): readonly string[] {
    return this.current.keys;
  }

  get highlighted(): string | undefined {
    return this.highlightedKey.key;
  }

  set(keys: readonly string[], origin: string): void {
    const unique = [...new Set(keys)];
    if (unique.length === this.current.keys.length && unique.every((k, i) => k === this.current.keys[i])) return;
    this.current = { keys: unique, origin };
    this.changed.fire(this.current);
  }

  highlight(key: string | undefined, origin: string): void {
    if (key === this.highlightedKey.key) return;
    this.highlightedKey = { key, origin };
    this.highlightChanged.fire(this.highlightedKey);
  }

  dispose(): void {
    this.changed.dispose();
    this.highlightChanged.dispose();
  }
}
