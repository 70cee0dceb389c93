// The Curves panel (host side): sends index previews of the selected runs (ticks or query), answers
// full-resolution requests (zoom, non-step x axes) and export requests, and keeps the view state
// across hide/show (the webview re-sends `ready` and gets the newest data) and reloads (serializer).
// Handshake, validation, request replies and the serializer are the panel host's (panel-host.ts).
import * as vscode from 'vscode';
import { errorMessage } from '../../core/util/fs';
import { chunkBySize, MAX_MESSAGE_BYTES } from '../../protocol/packing';
import { CURVES_PROTOCOL, DEFAULT_VIEW_STATE, viewState, type CurvesToHost, type CurvesViewState, type HostToCurves } from '../../protocol/curves';
import type { MetricGoals } from '../settings';
import type { IndexService } from '../indexing/index-service';
import type { SeriesService } from '../series/series-service';
import { CurvesFetcher } from './curves/fetcher';
import { saveExport } from './curves/save-export';
import { curvesDataMessages, selectRuns, type Adopt } from './curves-message';
import type { Replier } from './panel-channel';
import { PanelHost, type PanelController, type PanelView } from './panel-host';

export const CURVES_VIEW_TYPE = 'runlens.curves';

export interface CurvesPanelDeps {
  extensionUri: vscode.Uri;
  index: IndexService;
  log: vscode.LogOutputChannel;
  /** Zoom and non-step x axes read through it (the one cache, off the host thread). */
  series: SeriesService;
  /** runlens.metricGoals (src/host/settings.ts): `best` in the run query's metric terms. */
  goals?: MetricGoals;
}

/** State fields that change which runs or series the host sends. */
const SELECTION_FIELDS = ['runKeys', 'query', 'metrics', 'split'] as const;

type CurvesRequest = Extract<CurvesToHost, { type: 'fetch' | 'export' }>;
type CurvesNotice = Exclude<CurvesToHost, CurvesRequest | { type: 'ready' }>;

let host: PanelHost<typeof CURVES_PROTOCOL, CurvesViewState, CurvesPanel> | undefined;

/** The one Curves panel host (created on first use: every caller passes the same deps). */
function curvesHost(deps: CurvesPanelDeps): PanelHost<typeof CURVES_PROTOCOL, CurvesViewState, CurvesPanel> {
  host ??= new PanelHost(
    {
      viewType: CURVES_VIEW_TYPE,
      title: 'Runlens: Curves',
      entry: 'curves',
      column: vscode.ViewColumn.Active,
      protocol: CURVES_PROTOCOL,
      create: (view, state) => new CurvesPanel(view, deps, state),
      // A full state (a saved view) replaces the current one; show() after replaceSelection passes the panel's own.
      update: (panel, state) => panel.showState(state),
      restore: (saved) => viewState(saved) ?? DEFAULT_VIEW_STATE,
    },
    deps,
  );
  return host;
}

export class CurvesPanel implements PanelController<typeof CURVES_PROTOCOL> {
  /** Numbers the data sets sent, so the webview can tell a late chunk of an older set from the current. */
  private nextDataId = 1;
  private state: CurvesViewState;
  private readonly fetcher: CurvesFetcher;
  private readonly listener: vscode.Disposable;
  /** Counts sendData calls, so an older one's previews that arrive late are dropped. */
  private dataRequest = 0;
  /** A dropped sendData asked the webview to adopt (some of) the host's state: the one that wins still does. */
  private adoptPending: Adopt = false;

  /** Opens (or reveals) the panel on these runs; a full state (a saved view) replaces the current one. */
  static show(deps: CurvesPanelDeps, runKeys: string[], state?: CurvesViewState): CurvesPanel {
    const open = curvesHost(deps).get();
    // An open panel on new runs keeps the view the user built; a saved view replaces it whole.
    if (open && !state) {
      open.replaceSelection(runKeys, '');
      return curvesHost(deps).show(open.state);
    }
    return curvesHost(deps).show(state ?? { ...(open?.state ?? DEFAULT_VIEW_STATE), runKeys, query: '' });
  }

  /** Restores the panel after a reload (activation event onWebviewPanel:runlens.curves). */
  static registerSerializer(deps: CurvesPanelDeps): vscode.Disposable {
    return vscode.Disposable.from(curvesHost(deps).registerSerializer(), curvesHost(deps));
  }

  static isOpen(): boolean {
    return host?.get() !== undefined;
  }

  /** The open panel's newest state (for "Save View…" from the command palette). */
  static currentState(): CurvesViewState | undefined {
    return host?.get()?.state;
  }

  /** The tree's ticks changed: a panel that shows ticked runs (no query) follows them. */
  static followTicks(runKeys: string[]): void {
    const p = host?.get();
    if (!p || p.state.query.trim() || !runKeys.length) return;
    p.replaceSelection(runKeys, p.state.query);
  }

  constructor(
    private readonly view: PanelView<HostToCurves>,
    private readonly deps: CurvesPanelDeps,
    state: CurvesViewState,
  ) {
    this.state = state;
    this.fetcher = new CurvesFetcher({ runs: (keys) => deps.index.runsByKey(keys), read: deps.series.read });
    this.listener = deps.index.onDidChange(() => void this.sendData(false));
  }

  replaceState(state: CurvesViewState): void {
    this.state = state;
    void this.sendData(true);
  }

  showState(state: CurvesViewState): void {
    if (state !== this.state) this.replaceState(state);
  }

  /** New runs (ticks, Compare Selected Runs): the webview takes the selection and keeps the rest of its view. */
  replaceSelection(runKeys: string[], query: string): void {
    this.state = { ...this.state, runKeys, query, hiddenRuns: this.state.hiddenRuns.filter((k) => runKeys.includes(k)) };
    void this.sendData('selection');
  }

  /** A new webview (first open, or shown again after hiding): the newest data, with the host's state. */
  onReady(): void {
    void this.sendData(true);
  }

  onMessage(msg: CurvesNotice): void {
    switch (msg.type) {
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
    }
  }

  async onRequest(msg: CurvesRequest, reply: Replier<HostToCurves>): Promise<void> {
    switch (msg.type) {
      case 'fetch': {
        const started = performance.now();
        const res = await this.fetcher.fetch(msg);
        for (const e of res.errors) this.deps.log.warn(`curves: ${e}`);
        // Parts first, so no message exceeds the size limit; the final reply carries the last part.
        const parts = chunkBySize(res.series, MAX_MESSAGE_BYTES);
        for (const part of parts.slice(0, -1)) reply.part({ type: 'fetchPart', id: msg.id, series: part });
        reply.done({ type: 'fetchResult', id: msg.id, series: parts[parts.length - 1]!, errors: res.errors, millis: performance.now() - started });
        return;
      }
      case 'export':
        try {
          const path = await saveExport(msg.format, msg.name, msg.data);
          reply.done({ type: 'exported', id: msg.id, ...(path ? { path } : {}) });
        } catch (err) {
          reply.fail(`could not save: ${errorMessage(err)}`);
        }
        return;
    }
  }

  /** Builds the data message from the index previews; only the newest state is ever sent. */
  private async sendData(adopt: Adopt): Promise<void> {
    if (!this.view.ready) return;
    const selection = selectRuns(this.state, () => this.deps.index.runs(), this.deps.goals?.current);
    const runs = this.deps.index.runsByKey(selection.runKeys);
    // Previews come from the index worker: a newer sendData that started meanwhile wins.
    const request = ++this.dataRequest;
    // The widest wish wins: a whole state over a selection over nothing.
    if (adopt === true || (adopt === 'selection' && this.adoptPending === false)) this.adoptPending = adopt;
    const previews = await this.deps.index.previews(runs.map((r) => r.key));
    if (request !== this.dataRequest || !this.view.ready) return;
    const messages = curvesDataMessages(runs, previews, this.state, {
      adopt: this.adoptPending,
      queryError: selection.queryError,
      totalRuns: this.state.query.trim() ? this.deps.index.runs().length : undefined,
      dataId: this.nextDataId++,
    });
    this.adoptPending = false;
    this.view.post(messages);
  }

  dispose(): void {
    this.listener.dispose();
  }
}
