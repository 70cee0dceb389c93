// The Curves panel (host side): sends index previews of the chosen runs; keeps view state across
// hide/show (the webview re-sends `ready` and gets the newest data) and window reloads (serializer).
import * as vscode from 'vscode';
import { isCurvesToHost, isCurvesViewState, type CurvesViewState } from '../../protocol/curves';
import { curvesDataMessage } from './curves-message';
import type { IndexService } from '../indexing/index-service';
import { panelOptions, renderPanelHtml } from './webview-html';

export const CURVES_VIEW_TYPE = 'runlens.curves';

export class CurvesPanel implements vscode.Disposable {
  private static current: CurvesPanel | undefined;
  private ready = false;
  private state: CurvesViewState;
  private readonly disposables: vscode.Disposable[] = [];

  static show(deps: { extensionUri: vscode.Uri; index: IndexService; log: vscode.LogOutputChannel }, runKeys: string[]): CurvesPanel {
    if (CurvesPanel.current) {
      CurvesPanel.current.setRuns(runKeys);
      CurvesPanel.current.panel.reveal();
      return CurvesPanel.current;
    }
    const panel = vscode.window.createWebviewPanel(CURVES_VIEW_TYPE, 'Runlens: Curves', vscode.ViewColumn.Active, panelOptions(deps.extensionUri));
    return (CurvesPanel.current = new CurvesPanel(panel, deps, { runKeys, hiddenRuns: [], logY: false, filter: '' }));
  }

  static revive(panel: vscode.WebviewPanel, deps: { extensionUri: vscode.Uri; index: IndexService; log: vscode.LogOutputChannel }, saved: unknown): void {
    panel.webview.options = panelOptions(deps.extensionUri);
    const state = isCurvesViewState(saved) ? saved : { runKeys: [], hiddenRuns: [], logY: false, filter: '' };
    CurvesPanel.current?.dispose();
    CurvesPanel.current = new CurvesPanel(panel, deps, state);
  }

  static isOpen(): boolean {
    return CurvesPanel.current !== undefined;
  }

  private constructor(
    readonly panel: vscode.WebviewPanel,
    private readonly deps: { extensionUri: vscode.Uri; index: IndexService; log: vscode.LogOutputChannel },
    state: CurvesViewState,
  ) {
    this.state = state;
    panel.iconPath = vscode.Uri.joinPath(deps.extensionUri, 'media', 'runlens.svg');
    panel.webview.html = renderPanelHtml(panel.webview, deps.extensionUri, 'curves', 'Runlens: Curves');
    this.disposables.push(
      panel.webview.onDidReceiveMessage((m) => this.onMessage(m)),
      panel.onDidDispose(() => this.dispose()),
      // A hidden webview is torn down (retainContextWhenHidden is off); it says `ready` again when shown.
      panel.onDidChangeViewState(() => {
        if (!panel.visible) this.ready = false;
      }),
      deps.index.onDidChange(() => this.sendData()),
    );
  }

  setRuns(runKeys: string[]): void {
    this.state = { ...this.state, runKeys, hiddenRuns: this.state.hiddenRuns.filter((k) => runKeys.includes(k)) };
    this.sendData();
  }

  private onMessage(raw: unknown): void {
    if (!isCurvesToHost(raw)) {
      this.deps.log.warn(`curves: dropped an unknown message ${JSON.stringify(raw)?.slice(0, 200)}`);
      return;
    }
    switch (raw.type) {
      case 'ready':
        this.ready = true;
        this.sendData();
        return;
      case 'state':
        this.state = raw.state;
        return;
      case 'openRun':
        void vscode.commands.executeCommand('runlens.revealRunFolder', raw.runKey);
        return;
      case 'error':
        this.deps.log.error(`curves webview: ${raw.message}`);
        return;
    }
  }

  /** Builds the data message from the index previews; only the newest state is ever sent. */
  private sendData(): void {
    if (!this.ready) return;
    const runs = this.deps.index.runsByKey(this.state.runKeys);
    const msg = curvesDataMessage(runs, this.deps.index.previews(runs.map((r) => r.key)), this.state);
    void this.panel.webview.postMessage(msg);
  }

  dispose(): void {
    if (CurvesPanel.current === this) CurvesPanel.current = undefined;
    while (this.disposables.length) this.disposables.pop()!.dispose();
    this.panel.dispose();
  }
}
