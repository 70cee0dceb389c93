// The Curves panel (host side): sends index previews of the selected runs (ticks or query), answers
// full-resolution requests (zoom, non-step x axes) and export requests, and keeps the view state
// across hide/show (the webview re-sends `ready` and gets the newest data) and reloads (serializer).
import * as vscode from 'vscode';
import { readerFor } from '../../core/sources/registry';
import { errorMessage } from '../../core/util/fs';
import { chunkBySize, MAX_MESSAGE_BYTES } from '../../protocol/packing';
import { DEFAULT_VIEW_STATE, isCurvesToHost, viewState, type CurvesToHost, type CurvesViewState, type HostToCurves } from '../../protocol/curves';
import type { IndexService } from '../indexing/index-service';
import { CurvesFetcher } from './curves/fetcher';
import { saveExport } from './curves/save-export';
import { curvesDataMessages, selectRuns } from './curves-message';
import { fromWebview, postToWebview } from './webview-channel';
import { panelOptions, renderPanelHtml } from './webview-html';

export const CURVES_VIEW_TYPE = 'runlens.curves';

export interface CurvesPanelDeps {
  extensionUri: vscode.Uri;
  index: IndexService;
  log: vscode.LogOutputChannel;
}

/** State fields that change which runs or series the host sends. */
const SELECTION_FIELDS = ['runKeys', 'query', 'metrics', 'split'] as const;

export class CurvesPanel implements vscode.Disposable {
  private static current: CurvesPanel | undefined;
  private ready = false;
  /** Numbers the data sets sent, so the webview can tell a late chunk of an older set from the current. */
  private nextDataId = 1;
  private state: CurvesViewState;
  private readonly fetcher: CurvesFetcher;
  private readonly disposables: vscode.Disposable[] = [];
  /** Counts sendData calls, so an older one's previews that arrive late are dropped. */
  private dataRequest = 0;
  /** A dropped sendData asked the webview to adopt the host's state: the one that wins still does. */
  private adoptPending = false;

  /** Opens (or reveals) the panel on these runs; a full state (a saved view) replaces the current one. */
  static show(deps: CurvesPanelDeps, runKeys: string[], state?: CurvesViewState): CurvesPanel {
    const next = state ?? { ...(CurvesPanel.current?.state ?? DEFAULT_VIEW_STATE), runKeys, query: '' };
    if (CurvesPanel.current) {
      CurvesPanel.current.replaceState(next);
      CurvesPanel.current.panel.reveal();
      return CurvesPanel.current;
    }
    const panel = vscode.window.createWebviewPanel(CURVES_VIEW_TYPE, 'Runlens: Curves', vscode.ViewColumn.Active, panelOptions(deps.extensionUri));
    return (CurvesPanel.current = new CurvesPanel(panel, deps, next));
  }

  static revive(panel: vscode.WebviewPanel, deps: CurvesPanelDeps, saved: unknown): void {
    panel.webview.options = panelOptions(deps.extensionUri);
    CurvesPanel.current?.dispose();
    CurvesPanel.current = new CurvesPanel(panel, deps, viewState(saved) ?? DEFAULT_VIEW_STATE);
  }

  static isOpen(): boolean {
    return CurvesPanel.current !== undefined;
  }

  /** The open panel's newest state (for "Save View…" from the command palette). */
  static currentState(): CurvesViewState | undefined {
    return CurvesPanel.current?.state;
  }

  /** The tree's ticks changed: a panel that shows ticked runs (no query) follows them. */
  static followTicks(runKeys: string[]): void {
    const p = CurvesPanel.current;
    if (!p || p.state.query.trim() || !runKeys.length) return;
    p.replaceState({ ...p.state, runKeys, hiddenRuns: p.state.hiddenRuns.filter((k) => runKeys.includes(k)) });
  }

  private constructor(
    readonly panel: vscode.WebviewPanel,
    private readonly deps: CurvesPanelDeps,
    state: CurvesViewState,
  ) {
    this.state = state;
    this.fetcher = new CurvesFetcher({ runs: (keys) => deps.index.runsByKey(keys), readerFor });
    panel.iconPath = vscode.Uri.joinPath(deps.extensionUri, 'media', 'runlens.svg');
    panel.webview.html = renderPanelHtml(panel.webview, deps.extensionUri, 'curves', 'Runlens: Curves');
    this.disposables.push(
      panel.webview.onDidReceiveMessage((m) => void this.onMessage(m)),
      panel.onDidDispose(() => this.dispose()),
      // A hidden webview is torn down (retainContextWhenHidden is off); it says `ready` again when shown.
      panel.onDidChangeViewState(() => {
        if (!panel.visible) this.ready = false;
      }),
      deps.index.onDidChange(() => void this.sendData(false)),
    );
  }

  private replaceState(state: CurvesViewState): void {
    this.state = state;
    void this.sendData(true);
  }

  private post(msg: HostToCurves): void {
    void postToWebview(this.panel.webview, msg);
  }

  private async onMessage(wire: unknown): Promise<void> {
    const raw = fromWebview(wire);
    if (!isCurvesToHost(raw)) {
      this.deps.log.warn(`curves: dropped an unknown message ${JSON.stringify(raw)?.slice(0, 200)}`);
      return;
    }
    const msg: CurvesToHost = raw;
    switch (msg.type) {
      case 'ready':
        this.ready = true;
        void this.sendData(true);
        return;
      case 'state': {
        const before = this.state;
        this.state = msg.state;
        if (SELECTION_FIELDS.some((k) => JSON.stringify(before[k]) !== JSON.stringify(msg.state[k]))) void this.sendData(false);
        return;
      }
      case 'openRun':
        void vscode.commands.executeCommand('runlens.revealRunFolder', msg.runKey);
        return;
      case 'error':
        this.deps.log.error(`curves webview: ${msg.message}`);
        return;
      case 'rendered':
        this.deps.log.trace(`curves: drew ${msg.charts} charts, ${msg.lines} lines in ${msg.millis.toFixed(0)} ms`);
        return;
      case 'saveView':
        void vscode.commands.executeCommand('runlens.saveView', msg.state);
        return;
      case 'fetch':
        try {
          const started = performance.now();
          const res = await this.fetcher.fetch(msg);
          for (const e of res.errors) this.deps.log.warn(`curves: ${e}`);
          // Parts first, so no message exceeds the size limit; the final reply carries the last part.
          const parts = chunkBySize(res.series, MAX_MESSAGE_BYTES);
          for (const part of parts.slice(0, -1)) this.post({ type: 'fetchPart', id: msg.id, series: part });
          this.post({ type: 'fetchResult', id: msg.id, series: parts[parts.length - 1]!, errors: res.errors, millis: performance.now() - started });
        } catch (err) {
          this.post({ type: 'requestError', id: msg.id, message: errorMessage(err) });
        }
        return;
      case 'export':
        try {
          const path = await saveExport(msg.format, msg.name, msg.data);
          this.post({ type: 'exported', id: msg.id, ...(path ? { path } : {}) });
        } catch (err) {
          this.post({ type: 'requestError', id: msg.id, message: `could not save: ${errorMessage(err)}` });
        }
        return;
    }
  }

  /** Builds the data message from the index previews; only the newest state is ever sent. */
  private async sendData(adopt: boolean): Promise<void> {
    if (!this.ready) return;
    const selection = selectRuns(this.state, () => this.deps.index.runs());
    const runs = this.deps.index.runsByKey(selection.runKeys);
    // Previews come from the index worker: a newer sendData that started meanwhile wins.
    const request = ++this.dataRequest;
    this.adoptPending ||= adopt;
    const previews = await this.deps.index.previews(runs.map((r) => r.key));
    if (request !== this.dataRequest || !this.ready) return;
    const messages = curvesDataMessages(runs, previews, this.state, {
      adopt: this.adoptPending,
      queryError: selection.queryError,
      totalRuns: this.state.query.trim() ? this.deps.index.runs().length : undefined,
      dataId: this.nextDataId++,
    });
    this.adoptPending = false;
    for (const msg of messages) this.post(msg);
  }

  dispose(): void {
    if (CurvesPanel.current === this) CurvesPanel.current = undefined;
    this.ready = false;
    while (this.disposables.length) this.disposables.pop()!.dispose();
    this.fetcher.clear();
    this.panel.dispose();
  }
}
