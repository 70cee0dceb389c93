// The Runs Table's Pivot tab: its controls (pivot-view), building the pivot on the host (the core computes it
// from full-resolution reads) and exporting it. The tab keeps the newest pivot and its error; the table's
// state (spec, statistic) stays in main.ts's view state.
import type { HostToTable, TablePivot, TableToHost, TableViewState } from '../../src/protocol/table';
import { el } from '../shared/dom';
import type { RequestClient } from '../shared/requests';
import { pivotChoices, pivotControls, pivotTable } from './pivot-view';

type Catalog = Extract<HostToTable, { type: 'catalog' }>;

export interface PivotTabDeps {
  area: HTMLElement;
  requests: RequestClient<TableToHost, HostToTable>;
  state(): TableViewState;
  setState(patch: Partial<TableViewState>): void;
  catalog(): Catalog | undefined;
  /** The runs the table is limited to (the shared selection), if any. */
  onlyKeys(): ReadonlySet<string> | undefined;
  /** An export's reply: the table shows the notice. */
  exported(reply: Extract<HostToTable, { id: number }>): void;
}

export class PivotTab {
  private pivot: TablePivot | undefined;
  private error = '';

  constructor(private readonly deps: PivotTabDeps) {}

  /** True once a pivot was built (the tab does not rebuild it on every visit). */
  get built(): boolean {
    return this.pivot !== undefined;
  }

  draw(): void {
    const { area, state, catalog } = this.deps;
    const c = catalog();
    area.replaceChildren();
    area.append(
      pivotControls(pivotChoices(c?.columns ?? [], c?.contextKeys ?? [], c?.params ?? []), state().pivot, state().statistic, {
        build: (spec, statistic) => {
          const only = this.deps.onlyKeys();
          this.deps.setState({ pivot: { ...spec, query: state().query, ...(only ? { keys: [...only] } : {}) }, statistic });
          void this.build();
        },
        setStatistic: (statistic) => {
          this.deps.setState({ statistic });
          this.draw();
        },
        exportPivot: (format, to) =>
          void this.deps.requests
            .request((id) => ({ type: 'export', id, what: 'pivot', format, to, keys: [], columns: [], groupBy: this.pivot?.groupBy ?? [], statistic: state().statistic }))
            .then((reply) => this.deps.exported(reply)),
      }),
    );
    if (this.error) area.append(el('div', 'query-error', this.error));
    if (this.pivot) area.append(pivotTable(this.pivot, state().statistic));
    else if (!this.error) area.append(el('p', 'hint', 'Choose a metric, its summary and what to pivot by, then build the pivot.'));
  }

  async build(): Promise<void> {
    const spec = this.deps.state().pivot;
    if (!spec) return;
    this.error = '';
    this.deps.area.classList.add('busy');
    const reply = await this.deps.requests.request((id) => ({ type: 'pivot', id, spec }));
    this.deps.area.classList.remove('busy');
    if (reply.type === 'pivotResult') this.pivot = reply.pivot;
    else if (reply.type === 'requestError') {
      this.pivot = undefined;
      this.error = reply.message;
    }
    this.draw();
  }
}
