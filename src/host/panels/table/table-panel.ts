// The Runs Table panel (host side): computes the table's columns for every indexed run through the shared
// series service (core readRows, in slices), sends them to the webview, which sorts, filters, groups and draws
// them; answers the pivot and export requests with core/runs; sets and follows the shared run selection.
// Handshake, validation, replies and the serializer are the panel host's (panel-host.ts).
import * as vscode from 'vscode';
import type { RunRow } from '../../../core/runs/column-values';
import { groupParams } from '../../../core/runs/groups';
import { columnCatalog, defaultColumns } from '../../../core/runs/table-columns';
import { errorMessage } from '../../../core/util/fs';
import { TABLE_PROTOCOL, type HostToTable, type TableToHost, type TableViewState } from '../../../protocol/table';
import type { IndexService } from '../../indexing/index-service';
import type { SeriesService } from '../../series/series-service';
import type { Replier } from '../panel-channel';
import type { PanelController, PanelView } from '../panel-host';
import type { RunSelection } from '../run-selection';
import type { MetricGoals } from '../../settings';
import { columnMeta, tableMessages } from './table-data';
import { computePivot, exportText, filteredKeys, parseColumnIds, pivotMessage, type BuiltPivot } from './table-requests';
import { readRowsSliced } from './table-rows';

export const TABLE_ORIGIN = 'table';

export interface TablePanelDeps {
  extensionUri: vscode.Uri;
  index: IndexService;
  series: SeriesService;
  selection: RunSelection;
  log: vscode.LogOutputChannel;
  /** runlens.metricGoals (src/host/settings.ts): the direction of `best` per metric. */
  goals?: MetricGoals;
}

type TableRequest = Extract<TableToHost, { type: 'pivot' | 'filter' | 'export' }>;
type TableNotice = Exclude<TableToHost, TableRequest | { type: 'ready' }>;

const EXTENSIONS = { csv: 'csv', md: 'md', latex: 'tex' } as const;

export class TablePanel implements PanelController<typeof TABLE_PROTOCOL> {
  private state: TableViewState;
  private computation = 0;
  private nextDataId = 1;
  /** The newest computed rows by run key, and their columns (exports take the rows the webview shows). */
  private rows = new Map<string, RunRow>();
  /** The column ids of the newest computation (the default columns when the state names none). */
  private computedColumns: string[] | undefined;
  private lastPivot: BuiltPivot | undefined;
  private readonly disposables: vscode.Disposable[] = [];

  constructor(
    private readonly view: PanelView<HostToTable>,
    private readonly deps: TablePanelDeps,
    state: TableViewState,
  ) {
    this.state = state;
    this.disposables.push(
      deps.index.onDidChange(() => {
        if (this.view.ready) {
          this.sendCatalog();
          void this.compute();
        }
      }),
      deps.selection.onDidChange((s) => this.view.post({ type: 'selection', keys: [...s.keys], origin: s.origin }, 'selection')),
      deps.selection.onDidHighlight((h) => this.view.post({ type: 'highlight', key: h.key ?? null }, 'highlight')),
    );
    if (deps.goals) this.disposables.push(deps.goals.onDidChange(() => this.view.ready && void this.compute()));
  }

  get viewState(): TableViewState {
    return this.state;
  }

  /** A command opened the table on this state (or a reload restored it): the webview adopts it. */
  adopt(state: TableViewState): void {
    const recompute = JSON.stringify(state.columns) !== JSON.stringify(this.computedColumns);
    this.state = state;
    this.view.post({ type: 'state', state }, 'state');
    if (recompute) void this.compute();
  }

  onReady(): void {
    this.view.post({ type: 'state', state: this.state }, 'state');
    this.view.post({ type: 'selection', keys: [...this.deps.selection.keys], origin: '' }, 'selection');
    this.view.post({ type: 'highlight', key: this.deps.selection.highlighted ?? null }, 'highlight');
    this.sendCatalog();
    void this.compute();
  }

  private sendCatalog(): void {
    const runs = this.deps.index.runs();
    const catalog = columnCatalog(runs);
    this.view.post({ type: 'catalog', columns: catalog.columns.map(columnMeta), params: catalog.params, contextKeys: catalog.contextKeys, groupParams: groupParams(runs) }, 'catalog');
  }

  onMessage(msg: TableNotice): void {
    switch (msg.type) {
      case 'state': {
        // The webview names the default columns once it has them: that is no change of columns.
        const recompute = msg.state.columns.length > 0 && JSON.stringify(msg.state.columns) !== JSON.stringify(this.computedColumns);
        // Not echoed: the webview already has it, and an echo could overtake its next change. A webview that
        // comes back after hiding gets it from onReady (posted after the channel's older copy is replayed).
        this.state = msg.state;
        if (recompute) void this.compute();
        return;
      }
      case 'select':
        this.deps.selection.set(msg.keys, TABLE_ORIGIN);
        return;
      case 'highlight':
        this.deps.selection.highlight(msg.key ?? undefined, TABLE_ORIGIN);
        return;
      case 'openInCurves':
        void vscode.commands.executeCommand('runlens.compareSelected', msg.keys);
        return;
      case 'revealInRuns':
        void vscode.commands.executeCommand('runlens.revealRunsInView', msg.keys);
        return;
      case 'timing':
        this.deps.log.trace(`runs table: ${msg.action} of ${msg.rows} rows × ${msg.columns} columns in ${msg.millis.toFixed(1)} ms`);
        return;
      case 'error':
        this.deps.log.error(`runs table webview: ${msg.message}`);
        return;
    }
  }

  async onRequest(msg: TableRequest, reply: Replier<HostToTable>): Promise<void> {
    if (msg.type === 'pivot') {
      this.lastPivot = await computePivot(this.deps.index.runs(), msg.spec, this.deps.series.read, this.deps.goals?.current);
      reply.done({ type: 'pivotResult', id: msg.id, pivot: pivotMessage(this.lastPivot) });
      return;
    }
    if (msg.type === 'filter') {
      reply.done({ type: 'filtered', id: msg.id, keys: filteredKeys(this.deps.index.runs(), msg.query, this.deps.goals?.current) });
      return;
    }
    const text = exportText(msg, this.rows, this.lastPivot);
    if (msg.to === 'clipboard') {
      await vscode.env.clipboard.writeText(text);
      reply.done({ type: 'exported', id: msg.id, copied: true });
      return;
    }
    const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
    const name = `${msg.what === 'pivot' ? 'pivot' : 'runs-table'}.${EXTENSIONS[msg.format]}`;
    const uri = await vscode.window.showSaveDialog({ title: `Runlens: save the ${msg.what} as ${msg.format.toUpperCase()}`, defaultUri: folder ? vscode.Uri.joinPath(folder, name) : undefined });
    if (!uri) {
      reply.done({ type: 'exported', id: msg.id });
      return;
    }
    try {
      await vscode.workspace.fs.writeFile(uri, Buffer.from(text, 'utf8'));
    } catch (err) {
      throw new Error(`could not save: ${errorMessage(err)}`);
    }
    reply.done({ type: 'exported', id: msg.id, path: uri.fsPath });
  }

  /** Every indexed run's row for the state's columns; only the newest computation posts. */
  private async compute(): Promise<void> {
    const request = ++this.computation;
    const started = performance.now();
    const runs = this.deps.index.runs();
    const columns = this.state.columns.length ? parseColumnIds(this.state.columns, runs, (m) => this.deps.log.warn(`runs table: ${m}`)) : defaultColumns(runs);
    this.computedColumns = this.state.columns.length ? [...this.state.columns] : columns.map((c) => c.id);
    const res = await readRowsSliced(runs, columns, this.deps.series.read, {
      goals: this.deps.goals?.current,
      cancelled: () => request !== this.computation,
      progress: (done, total) => {
        if (done < total) this.view.post({ type: 'progress', done, total });
      },
    });
    if (!res || request !== this.computation) return;
    for (const e of res.errors) this.deps.log.warn(`runs table: ${e}`);
    this.rows = new Map(res.rows.map((r) => [r.run.key, r]));
    this.view.post(tableMessages(this.nextDataId++, columns, res.rows, res.errors, performance.now() - started, runs.length), 'table');
  }

  dispose(): void {
    this.computation++;
    while (this.disposables.length) this.disposables.pop()!.dispose();
  }
}

