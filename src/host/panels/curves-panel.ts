// The Curves panel (host side): sends index previews of the chosen runs; keeps view state across
// hide/show (the webview re-sends `ready` and gets the newest data) and window reloads (serializer).
import * as vscode from 'vscode';
import { decodePreview } from '../../core/analysis';
import { seriesLabel } from '../../core/model';
import { isCurvesToHost, isCurvesViewState, type CurvesSeries, type CurvesViewState, type HostToCurves } from '../../protocol/curves';
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
    const previews = this.deps.index.previews(runs.map((r) => r.key));
    const series: CurvesSeries[] = [];
    for (const run of runs) {
      for (const { summary, preview } of previews.get(run.key) ?? []) {
        const decoded = preview ? decodePreview(preview) : undefined;
        if (!decoded) continue;
        series.push({
          runKey: run.key,
          key: summary.key,
          context: summary.context,
          label: seriesLabel(summary),
          x: Float32Array.from(decoded.x),
          last: Float32Array.from(decoded.last),
          min: Float32Array.from(decoded.min),
          max: Float32Array.from(decoded.max),
          count: summary.count,
          nanCount: summary.nanCount,
        });
      }
    }
    const msg: HostToCurves = {
      type: 'data',
      runs: runs.map((r) => ({ key: r.key, name: r.name || r.id, experiment: r.experiment, format: r.format, params: r.params })),
      series,
      state: this.state,
    };
    void this.panel.webview.postMessage(msg);
  }

  dispose(): void {
    if (CurvesPanel.current === this) CurvesPanel.current = undefined;
    while (this.disposables.length) this.disposables.pop()!.dispose();
    this.panel.dispose();
  }
}
