// The Compare panel (host side): fills in the defaults, runs the two analyses of src/core/compare/run-analyses
// on the chosen runs through the shared series service (deps.series.read), posts the results on channels
// (a hidden panel comes back with them), turns picked groups into the shared run selection (origin
// 'compare'), and saves the tables as CSV / Markdown / LaTeX (src/core/runs/export.ts).
import * as vscode from 'vscode';
import { comparisonParams, type CompareJson } from '../../../core/compare/compare-groups';
import { groupsTable, pairsTable, selectionTable } from '../../../core/compare/compare-tables';
import { compareRuns, selectRuns } from '../../../core/compare/run-analyses';
import type { IndexedRun } from '../../../core/index/types';
import { toLatex, toMarkdown, valueTableCsv, valueTableGrid, type ValueTable } from '../../../core/runs/export';
import { metricColumnIds, selectionDefaults } from '../../../core/selection/defaults';
import type { SelectionJson } from '../../../core/selection/selection-json';
import { errorMessage } from '../../../core/util/fs';
import { COMPARE_PROTOCOL, compareViewState, type CompareExportFormat, type CompareToHost, type CompareViewState, type HostToCompare } from '../../../protocol/compare';
import type { IndexService } from '../../indexing/index-service';
import type { SeriesService } from '../../series/series-service';
import { followIndex, type IndexFollower } from '../follow-index';
import type { Replier } from '../panel-channel';
import { PanelHost, type PanelController, type PanelView } from '../panel-host';
import type { MetricGoals } from '../../settings';
import type { RunSelection } from '../run-selection';

export const COMPARE_VIEW_TYPE = 'runlens.compare';
const ORIGIN = 'compare';

export interface ComparePanelDeps {
  extensionUri: vscode.Uri;
  index: IndexService;
  log: vscode.LogOutputChannel;
  series: SeriesService;
  selection: RunSelection;
  /** runlens.metricGoals (src/host/settings.ts): the direction of `best` per metric. */
  goals?: MetricGoals;
}

type Host = PanelHost<typeof COMPARE_PROTOCOL, CompareViewState, ComparePanel>;
let host: Host | undefined;

function compareHost(deps: ComparePanelDeps): Host {
  host ??= new PanelHost(
    {
      viewType: COMPARE_VIEW_TYPE,
      title: 'Runlens: Compare',
      entry: 'compare',
      styles: ['compare.css'],
      column: vscode.ViewColumn.Active,
      protocol: COMPARE_PROTOCOL,
      create: (view, state) => new ComparePanel(view, deps, state),
      update: (panel, state) => panel.setState(state),
      // the webview keeps its view state (vscode.setState); VS Code hands it back after a reload
      restore: (saved) => compareViewState.parse(saved) ?? compareViewState.parse({})!,
    },
    deps,
  );
  return host;
}

const EXPORT_FILTERS: Record<CompareExportFormat, [string, string]> = { csv: ['CSV table', 'csv'], md: ['Markdown table', 'md'], latex: ['LaTeX table', 'tex'] };

export function tableText(t: ValueTable, format: CompareExportFormat): string {
  return format === 'csv' ? valueTableCsv(t) : format === 'md' ? toMarkdown(valueTableGrid(t)) : toLatex(valueTableGrid(t));
}

export class ComparePanel implements PanelController<typeof COMPARE_PROTOCOL> {
  private state: CompareViewState;
  private compare: CompareJson | undefined;
  private selectionResult: SelectionJson | undefined;
  /** Counts computations, so a slower older one does not overwrite a newer result. */
  private generation = { compare: 0, selection: 0 };
  private readonly disposables: vscode.Disposable[] = [];
  private follower: IndexFollower | undefined;

  /** Opens (or reveals) the panel on these runs (empty: every indexed run). */
  static show(deps: ComparePanelDeps, runKeys: string[], tab?: CompareViewState['tab']): ComparePanel {
    const open = compareHost(deps).get();
    const base = open?.current ?? compareViewState.parse({})!;
    return compareHost(deps).show({ ...base, runKeys, tab: tab ?? base.tab });
  }

  static registerSerializer(deps: ComparePanelDeps): vscode.Disposable {
    return vscode.Disposable.from(compareHost(deps).registerSerializer(), compareHost(deps));
  }

  /** The open panel (tests). */
  static current(): ComparePanel | undefined {
    return host?.get();
  }

  constructor(
    private readonly view: PanelView<HostToCompare>,
    private readonly deps: ComparePanelDeps,
    state: CompareViewState,
  ) {
    this.state = state;
    this.disposables.push(
      deps.selection.onDidChange((c) => {
        if (c.origin !== ORIGIN) this.view.post({ type: 'selected', runKeys: [...c.keys] }, 'selected');
      }),
    );
    if (deps.goals)
      this.disposables.push(
        deps.goals.onDidChange(() => {
          const runs = this.runs();
          void this.computeCompare(runs);
          void this.computeSelection(runs);
        }),
      );
    this.setState(state);
    // New runs, grown series, a finished run: recompute both tabs once the index settles.
    this.follower = followIndex((l) => deps.index.onDidChange(l), () => this.runs(), () => this.setState(this.state, true));
    this.disposables.push(this.follower);
  }

  get current(): CompareViewState {
    return this.state;
  }

  get results(): { compare?: CompareJson; selection?: SelectionJson } {
    return { compare: this.compare, selection: this.selectionResult };
  }

  private runs(): IndexedRun[] {
    return this.state.runKeys.length ? this.deps.index.runsByKey([...this.state.runKeys]) : this.deps.index.runs();
  }

  /** Fills the defaults (objective, its sibling metrics, the varying params) and recomputes what changed (all with `force`: the runs changed). */
  setState(next: CompareViewState, force = false): void {
    const runs = this.runs();
    const before = this.state;
    const defaults = selectionDefaults(runs);
    const state: CompareViewState = {
      ...next,
      metric: next.metric || (defaults ? `${defaults.by}:best` : ''),
      selectBy: next.selectBy || defaults?.by || '',
      targets: next.targets.length ? next.targets : defaults?.targets ?? [],
    };
    this.state = state;
    const params = [...new Set(runs.flatMap((r) => Object.keys(r.params)))].sort();
    this.view.post({ type: 'state', state, options: { metrics: metricColumnIds(runs), params, defaultBy: comparisonParams(runs), runCount: runs.length } }, 'state');
    const same = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((x, i) => x === b[i]);
    const runsChanged = force || !same(before.runKeys, state.runKeys) || !this.compare;
    if (runsChanged) this.follower?.rebase();
    if (runsChanged || before.metric !== state.metric || !same(before.by, state.by) || !this.compare) void this.computeCompare(runs);
    if (runsChanged || before.selectBy !== state.selectBy || !same(before.targets, state.targets) || before.unit !== state.unit || !this.selectionResult) void this.computeSelection(runs);
  }

  private logErrors(errors: ReadonlyArray<{ path: string; message: string }>): void {
    for (const e of errors.slice(0, 20)) this.deps.log.warn(`compare: ${e.path}: ${e.message}`);
  }

  private async computeCompare(runs: IndexedRun[]): Promise<void> {
    const gen = ++this.generation.compare;
    const { metric, by } = this.state;
    if (!metric) {
      this.view.post({ type: 'compare', result: null, message: 'Pick a metric column to compare groups on.' }, 'compare');
      return;
    }
    this.view.post({ type: 'loading', tab: 'compare', message: `Reading ${metric} of ${runs.length} runs…` });
    try {
      const res = await compareRuns(runs, metric, by, this.deps.series.read, { goals: this.deps.goals?.current });
      if (gen !== this.generation.compare) return;
      this.logErrors(res.errors);
      this.compare = res.ok ? res.json : undefined;
      this.view.post(res.ok ? { type: 'compare', result: res.json } : { type: 'compare', result: null, message: res.message }, 'compare');
    } catch (err) {
      if (gen === this.generation.compare) this.view.post({ type: 'compare', result: null, message: errorMessage(err) }, 'compare');
    }
  }

  private async computeSelection(runs: IndexedRun[]): Promise<void> {
    const gen = ++this.generation.selection;
    const { selectBy, targets, unit } = this.state;
    if (!selectBy || !targets.length) {
      this.view.post({ type: 'selection', result: null, message: 'Pick a selection metric and at least one target metric.' }, 'selection');
      return;
    }
    this.view.post({ type: 'loading', tab: 'selection', message: `Reading ${selectBy} and ${targets.length} targets of ${runs.length} runs…` });
    try {
      const res = await selectRuns(runs, selectBy, targets, this.deps.series.read, { unit, goals: this.deps.goals?.current });
      if (gen !== this.generation.selection) return;
      this.logErrors(res.errors);
      this.selectionResult = res.ok ? res.json : undefined;
      this.view.post(res.ok ? { type: 'selection', result: res.json } : { type: 'selection', result: null, message: res.message }, 'selection');
    } catch (err) {
      if (gen === this.generation.selection) this.view.post({ type: 'selection', result: null, message: errorMessage(err) }, 'selection');
    }
  }

  onMessage(msg: Exclude<CompareToHost, { type: 'ready' | 'export' }>): void {
    if (msg.type === 'setState') this.setState(msg.state);
    else if (msg.type === 'pickRuns') this.deps.selection.set(msg.runKeys, ORIGIN);
    else if (msg.type === 'error') this.deps.log.error(`compare webview: ${msg.message}`);
    else if (msg.type === 'rendered') this.lastRendered = msg;
  }

  /** What the webview last reported drawing (tests). */
  lastRendered: Extract<CompareToHost, { type: 'rendered' }> | undefined;

  async onRequest(msg: Extract<CompareToHost, { type: 'export' }>, reply: Replier<HostToCompare>): Promise<void> {
    const table = msg.table === 'selection' ? this.selectionResult && selectionTable(this.selectionResult) : this.compare && (msg.table === 'groups' ? groupsTable(this.compare) : pairsTable(this.compare));
    if (!table) throw new Error(`nothing to export yet (${msg.table})`);
    const [label, ext] = EXPORT_FILTERS[msg.format];
    const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
    const name = `${msg.table}.${ext}`;
    const uri = await vscode.window.showSaveDialog({ title: `Runlens: save the ${msg.table} table`, filters: { [label]: [ext] }, defaultUri: folder ? vscode.Uri.joinPath(folder, name) : undefined });
    if (uri) await vscode.workspace.fs.writeFile(uri, Buffer.from(tableText(table, msg.format), 'utf8'));
    reply.done({ type: 'exported', id: msg.id, path: uri?.fsPath });
  }

  dispose(): void {
    while (this.disposables.length) this.disposables.pop()!.dispose();
  }
}
