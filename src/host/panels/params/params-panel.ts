// The Params panel (host side): reads the columns the view needs for the shown runs through the shared
// series service and sends them; the webview does the drawing, brushing and statistics. Its brushed runs
// become the shared run selection (origin 'params'), a clicked run the shared highlight; selections and
// highlights from other panels are forwarded to it. Handshake, validation, replies and the serializer are
// the panel host's (panel-host.ts).
import * as vscode from 'vscode';
import type { ReadSeriesOf } from '../../../core/model';
import { paramsViewData } from '../../../core/params/view-data';
import { errorMessage } from '../../../core/util/fs';
import { DEFAULT_PARAMS_STATE, PARAMS_PROTOCOL, paramsViewState, type HostToParams, type ParamsToHost, type ParamsViewState } from '../../../protocol/params';
import type { IndexService } from '../../indexing/index-service';
import type { Replier } from '../panel-channel';
import { PanelHost, type PanelController, type PanelView } from '../panel-host';
import type { RunSelection } from '../run-selection';
import type { MetricGoals } from '../../settings';
import { saveExport } from '../curves/save-export';

export const PARAMS_VIEW_TYPE = 'runlens.params';
export const PARAMS_ORIGIN = 'params';

export interface ParamsPanelDeps {
  extensionUri: vscode.Uri;
  index: IndexService;
  log: vscode.LogOutputChannel;
  series: { read: ReadSeriesOf };
  selection: RunSelection;
  /** runlens.metricGoals (src/host/settings.ts): the direction of `best` per metric. */
  goals?: MetricGoals;
}

/** State fields that change which columns or runs the host reads. */
const DATA_FIELDS = ['runKeys', 'axes', 'colorBy', 'bestBy', 'scatterX', 'scatterY', 'objective'] as const;

type ParamsRequest = Extract<ParamsToHost, { type: 'export' }>;
type ParamsNotice = Exclude<ParamsToHost, ParamsRequest | { type: 'ready' }>;

let host: PanelHost<typeof PARAMS_PROTOCOL, ParamsViewState, ParamsPanel> | undefined;

function paramsHost(deps: ParamsPanelDeps): PanelHost<typeof PARAMS_PROTOCOL, ParamsViewState, ParamsPanel> {
  host ??= new PanelHost(
    {
      viewType: PARAMS_VIEW_TYPE,
      title: 'Runlens: Params',
      entry: 'params',
      styles: ['params.css'],
      column: vscode.ViewColumn.Active,
      protocol: PARAMS_PROTOCOL,
      create: (view, state) => new ParamsPanel(view, deps, state),
      update: (panel, state) => panel.showRuns(state.runKeys),
      restore: (saved) => paramsViewState(saved) ?? DEFAULT_PARAMS_STATE,
    },
    deps,
  );
  return host;
}

export class ParamsPanel implements PanelController<typeof PARAMS_PROTOCOL> {
  private state: ParamsViewState;
  private dataId = 1;
  private request = 0;
  private readonly listeners: vscode.Disposable[];
  /** The next data message asks the webview to take the host's state (first open, default axes, new runs). */
  private adopt = true;

  static show(deps: ParamsPanelDeps, runKeys: string[]): ParamsPanel {
    return paramsHost(deps).show({ ...(paramsHost(deps).get()?.current ?? DEFAULT_PARAMS_STATE), runKeys });
  }

  static registerSerializer(deps: ParamsPanelDeps): vscode.Disposable {
    return vscode.Disposable.from(paramsHost(deps).registerSerializer(), paramsHost(deps));
  }

  static open(): ParamsPanel | undefined {
    return host?.get();
  }

  constructor(
    private readonly view: PanelView<HostToParams>,
    private readonly deps: ParamsPanelDeps,
    state: ParamsViewState,
  ) {
    this.state = state;
    this.listeners = [
      deps.index.onDidChange(() => void this.sendData()),
      ...(deps.goals ? [deps.goals.onDidChange(() => void this.sendData())] : []),
      deps.selection.onDidChange((e) => {
        if (e.origin !== PARAMS_ORIGIN) view.post({ type: 'selection', keys: [...e.keys], origin: e.origin }, 'selection');
      }),
      deps.selection.onDidHighlight((e) => {
        if (e.origin !== PARAMS_ORIGIN) view.post({ type: 'highlight', key: e.key ?? null }, 'highlight');
      }),
    ];
  }

  get current(): ParamsViewState {
    return this.state;
  }

  showRuns(runKeys: string[]): void {
    if (JSON.stringify(runKeys) === JSON.stringify(this.state.runKeys)) return;
    this.state = { ...this.state, runKeys, brushes: {} };
    this.adopt = true;
    void this.sendData();
  }

  onReady(): void {
    this.adopt = true;
    void this.sendData();
  }

  onMessage(msg: ParamsNotice): void {
    switch (msg.type) {
      case 'state': {
        const before = this.state;
        this.state = msg.state;
        if (DATA_FIELDS.some((k) => JSON.stringify(before[k]) !== JSON.stringify(msg.state[k]))) void this.sendData();
        return;
      }
      case 'brushed':
        this.deps.selection.set(msg.keys, PARAMS_ORIGIN);
        return;
      case 'highlight':
        this.deps.selection.highlight(msg.key ?? undefined, PARAMS_ORIGIN);
        return;
      case 'revealInRuns':
        void vscode.commands.executeCommand('runlens.revealRunsInView', msg.keys);
        return;
      case 'rendered':
        this.deps.log.trace(`params: drew ${msg.runs} runs × ${msg.axes} axes (${msg.mode}) in ${msg.millis.toFixed(0)} ms`);
        return;
      case 'error':
        this.deps.log.error(`params webview: ${msg.message}`);
        return;
    }
  }

  async onRequest(msg: ParamsRequest, reply: Replier<HostToParams>): Promise<void> {
    try {
      const path = await saveExport(msg.format, msg.name, msg.data);
      reply.done({ type: 'exported', id: msg.id, ...(path ? { path } : {}) });
    } catch (err) {
      reply.fail(`could not save: ${errorMessage(err)}`);
    }
  }

  private async sendData(): Promise<void> {
    if (!this.view.ready) return;
    const request = ++this.request;
    const runs = this.state.runKeys.length ? this.deps.index.runsByKey(this.state.runKeys) : this.deps.index.runs();
    this.view.post({ type: 'loading', message: `Reading ${runs.length} runs…` });
    // default axes only for a view that never had any (first open, new runs), not one the user emptied
    const data = await paramsViewData(runs, { ...this.state, fillDefaultAxes: this.adopt }, this.deps.series.read, { goals: this.deps.goals?.current });
    // a newer state or index change started meanwhile: its data wins
    if (request !== this.request || !this.view.ready) return;
    for (const e of data.errors) this.deps.log.warn(`params: ${e}`);
    const defaulted = data.axes.join('\n') !== this.state.axes.join('\n');
    if (defaulted) this.state = { ...this.state, axes: data.axes };
    this.view.post(
      {
        type: 'data',
        dataId: this.dataId++,
        runs: data.runs,
        columns: data.columns,
        available: data.available,
        state: this.state,
        adopt: this.adopt || defaulted,
        ...(data.importance ? { importance: data.importance } : {}),
        errors: data.errors,
        totalRuns: this.deps.index.runs().length,
      },
      'data',
    );
    this.adopt = false;
  }

  dispose(): void {
    for (const l of this.listeners) l.dispose();
  }
}
