// Runs Table panel (browser side): the toolbar (filter, rows as runs or groups, columns, export), the
// virtualised grid (webview/shared/virtual-grid), the Pivot and Compare tabs. The host sends the values;
// filtering, sorting and grouping happen here, through the core (query, cell-order, groups).
import { allSame } from '../../src/core/runs/cell-order';
import { ColumnError, parseColumn } from '../../src/core/runs/columns';
import { TABLE_PROTOCOL, tableViewState, isHostToTable, type HostToTable, type TableToHost, type TableViewState } from '../../src/protocol/table';
import { button, el } from '../shared/dom';
import { hostApi, onHostMessage } from '../shared/host-api';
import { requestClient } from '../shared/requests';
import { VirtualGrid, type GridColumn } from '../shared/virtual-grid';
import { groupCellText, valueText } from './cells';
import { compareView } from './compare-view';
import { approxOf, cellOf, TableAssembler, type TableData } from './data';
import { closeHeaderMenu, openHeaderMenu, withSummary } from './header-menu';
import { columnPicker, tableControls } from './controls';
import { droppedColumn, movedColumn, replacedColumn } from './column-list';
import { PivotTab } from './pivot-tab';
import { displayRows, type DisplayRow, type RowsResult } from './rows';
import './table.css';

type Catalog = Extract<HostToTable, { type: 'catalog' }>;

const api = hostApi();
const post = (msg: TableToHost) => api.postMessage(msg);
const requests = requestClient<TableToHost, HostToTable>(post, TABLE_PROTOCOL.requests);

let state: TableViewState = tableViewState(api.getState()) ?? tableViewState({})!;
let data: TableData | undefined;
let catalog: Catalog | undefined;
let shared: { keys: string[]; origin: string } = { keys: [], origin: '' };
/** The shared selection the user dismissed with the chip's ×: the table stops filtering to it. */
let dismissed: string[] | undefined;
let highlighted: string | null = null;
const selected = new Set<string>();
let anchor: number | undefined;
const expanded = new Set<string>();
let result: RowsResult = { rows: [], matched: 0 };
/** The host's answer to the newest query with metric terms, and the query it is asking about. */
let hostFiltered: { query: string; keys: ReadonlySet<string> } | undefined;
let askingHost: string | undefined;
let shownColumns: string[] = [];
let progress = '';
let notice = '';
const assembler = new TableAssembler();

const app = document.getElementById('app')!;
app.classList.add('table-app');
const toolbar = el('div', 'toolbar table-toolbar');
const tabsRow = el('div', 'row tabs');
const controls = el('div', 'row table-controls');
const selectionBar = el('div', 'row selection-bar');
const messageRow = el('div', 'row messages');
toolbar.append(tabsRow, controls, selectionBar, messageRow);
const tableArea = el('div', 'table-area');
const pivotArea = el('div', 'pivot-area');
const compareArea = el('div', 'compare-area');
app.append(toolbar, tableArea, pivotArea, compareArea);
const pivotTab = new PivotTab({
  area: pivotArea,
  requests,
  state: () => state,
  setState: (patch) => setState(patch),
  catalog: () => catalog,
  onlyKeys: () => onlyKeys(),
  exported: (reply) => showExported(reply),
});

function save(): void {
  api.setState(state);
}

function setState(patch: Partial<TableViewState>, { notify = true } = {}): void {
  state = { ...state, ...patch };
  save();
  if (notify) post({ type: 'state', state });
}

// ---- rows and columns -------------------------------------------------------------------------------

function onlyKeys(): ReadonlySet<string> | undefined {
  if (!state.followSelection || !shared.keys.length || shared.origin === 'table' || dismissed === shared.keys) return undefined;
  return new Set(shared.keys);
}

const groupParamsOf = () => (state.groupBy.length ? state.groupBy : catalog?.groupParams ?? []);

function columnIds(): string[] {
  if (!data) return [];
  return state.columns.length ? state.columns.filter((id) => data!.values.has(id)) : data.columns.map((c) => c.id);
}

function recomputeRows(action: 'sort' | 'filter' | 'group' | 'paint'): void {
  if (!data) return;
  const started = performance.now();
  const ids = columnIds();
  const metas = ids.map((id) => data!.columns.find((c) => c.id === id)).filter((c) => c !== undefined);
  result = displayRows(data, { query: state.query, hostFiltered, onlyKeys: onlyKeys(), sort: state.sort, groupBy: state.grouped ? groupParamsOf() : undefined, statistic: state.statistic, expanded, columns: metas });
  let visible = ids.filter((id) => !state.hidden.includes(id));
  if (state.onlyDiffering) {
    const runRows = result.rows.flatMap((r) => (r.kind === 'run' ? [r.index] : r.group.rows.map((m) => m.index)));
    visible = visible.filter((id) => {
      const v = data!.values.get(id);
      return !allSame(runRows.map((i) => cellOf(v, i)));
    });
  }
  shownColumns = visible;
  if (result.needsHost) void askHost(result.needsHost);
  drawGrid();
  post({ type: 'timing', action, millis: performance.now() - started, rows: result.rows.length, columns: shownColumns.length });
  drawMessages();
  drawSelectionBar();
}

// ---- the grid ---------------------------------------------------------------------------------------

const grid = new VirtualGrid(tableArea, {
  renderHeader: (col, cell) => renderHeader(col, cell),
  renderCell: (row, col, cell) => renderCell(row, col, cell),
  rowClass: (row) => rowClass(result.rows[row]),
  onCellClick: (row, _col, e) => clickRow(row, e),
});

function widthOf(id: string): number {
  const meta = data?.columns.find((c) => c.id === id);
  if (state.grouped && meta?.kind === 'metric') return 190;
  return Math.min(220, Math.max(90, id.length * 7 + 34));
}

function drawGrid(): void {
  const cols: GridColumn[] = [{ id: '', width: state.grouped ? 320 : 240 }, ...shownColumns.map((id) => ({ id, width: widthOf(id) }))];
  grid.setData(result.rows.length, cols);
}

function rowClass(r: DisplayRow | undefined): string {
  if (!r || !data) return '';
  if (r.kind === 'group') return 'group-row';
  const key = data.runs[r.index].key;
  return [selected.has(key) ? 'selected' : '', key === highlighted ? 'highlighted' : '', r.member ? 'member' : ''].filter(Boolean).join(' ');
}

function renderHeader(col: number, cell: HTMLElement): void {
  if (col === 0) {
    cell.textContent = state.grouped ? 'group / run' : 'run';
    return;
  }
  const id = shownColumns[col - 1];
  const label = el('span', 'col-label', id);
  label.title = id;
  const sort = state.sort?.column === id ? (state.sort.desc ? ' ▼' : ' ▲') : '';
  const arrow = el('span', 'sort-mark', sort);
  const menu = el('button', 'col-menu', '▾');
  menu.type = 'button';
  menu.title = 'Summary, sort, move, hide';
  menu.addEventListener('click', (e) => {
    e.stopPropagation();
    openHeaderMenu(menu, id, {
      metricColumns: shownColumns.filter((c) => withSummary(c, 'last') !== undefined),
      setSummary: (s) => replaceColumn(id, withSummary(id, s)),
      sort: (desc) => sortBy(id, desc),
      move: (d) => moveColumn(id, d),
      hide: () => {
        setState({ hidden: [...state.hidden, id] });
        recomputeRows('paint');
      },
    });
  });
  label.addEventListener('click', () => sortBy(id, state.sort?.column === id ? !state.sort.desc : false));
  cell.draggable = true;
  cell.ondragstart = (e) => e.dataTransfer?.setData('text/x-runlens-column', id);
  cell.ondragover = (e) => e.preventDefault();
  cell.ondrop = (e) => {
    e.preventDefault();
    const from = e.dataTransfer?.getData('text/x-runlens-column');
    if (from && from !== id) dropColumn(from, id);
  };
  cell.classList.toggle('sorted', !!sort);
  cell.append(label, arrow, menu);
}

function renderCell(row: number, col: number, cell: HTMLElement): void {
  const r = result.rows[row];
  if (!r || !data) {
    cell.textContent = '';
    return;
  }
  if (col === 0) {
    if (r.kind === 'group') {
      const label = Object.entries(r.group.group).map(([k, v]) => `${k}=${v}`).join(', ') || '(all runs)';
      cell.textContent = `${r.expanded ? '▾' : '▸'} ${label} (n=${r.group.n})`;
      cell.title = `${label}: ${r.group.n} runs — click to ${r.expanded ? 'collapse' : 'expand'}`;
    } else {
      const run = data.runs[r.index];
      cell.textContent = r.member ? `   ${run.name}` : run.name;
      cell.title = `${run.name} · ${run.experiment} · ${run.format}`;
    }
    return;
  }
  const id = shownColumns[col - 1];
  const values = data.values.get(id);
  const t = r.kind === 'group' ? groupCellText(r.group.values[id], state.statistic) : valueText(cellOf(values, r.index), approxOf(values, r.index));
  cell.textContent = t.text;
  cell.classList.add(...t.cls.split(' '));
  if (t.title) cell.title = t.title;
}

function keyOf(r: DisplayRow | undefined): string | undefined {
  return r && r.kind === 'run' && data ? data.runs[r.index].key : undefined;
}

function clickRow(row: number, e: MouseEvent): void {
  const r = result.rows[row];
  if (!r) return;
  if (r.kind === 'group') {
    if (expanded.has(r.id)) expanded.delete(r.id);
    else expanded.add(r.id);
    recomputeRows('group');
    return;
  }
  const key = keyOf(r)!;
  if (e.shiftKey && anchor !== undefined) {
    const [a, b] = anchor < row ? [anchor, row] : [row, anchor];
    for (let i = a; i <= b; i++) {
      const k = keyOf(result.rows[i]);
      if (k) selected.add(k);
    }
  } else if (e.ctrlKey || e.metaKey) {
    if (selected.has(key)) selected.delete(key);
    else selected.add(key);
    anchor = row;
  } else {
    selected.clear();
    selected.add(key);
    anchor = row;
  }
  highlighted = key;
  post({ type: 'highlight', key });
  post({ type: 'select', keys: [...selected] });
  grid.refresh();
  drawSelectionBar();
  if (state.tab === 'compare') drawCompare();
}

// ---- column edits -----------------------------------------------------------------------------------

function sortBy(id: string, desc: boolean): void {
  setState({ sort: { column: id, desc } });
  recomputeRows('sort');
}

function currentIds(): string[] {
  return state.columns.length ? [...state.columns] : columnIds();
}

function replaceColumn(id: string, next: string | undefined): void {
  const ids = replacedColumn(currentIds(), id, next);
  if (!ids || !next) return;
  setState({ columns: ids, sort: state.sort?.column === id ? { column: next, desc: state.sort.desc } : state.sort });
  progress = 'computing…';
  drawMessages();
}

function moveColumn(id: string, delta: number): void {
  const ids = movedColumn(currentIds(), id, delta);
  if (!ids) return;
  setState({ columns: ids });
  recomputeRows('paint');
}

function dropColumn(from: string, onto: string): void {
  const ids = droppedColumn(currentIds(), from, onto);
  if (!ids) return;
  setState({ columns: ids });
  recomputeRows('paint');
}

function addColumn(text: string): string | undefined {
  try {
    const c = parseColumn(text);
    const ids = currentIds();
    if (ids.includes(c.id)) {
      setState({ hidden: state.hidden.filter((h) => h !== c.id) });
      recomputeRows('paint');
    } else {
      setState({ columns: [...ids, c.id], hidden: state.hidden.filter((h) => h !== c.id) });
      progress = 'computing…';
      drawMessages();
    }
    return undefined;
  } catch (err) {
    if (err instanceof ColumnError) return err.message;
    throw err;
  }
}

// ---- toolbar ----------------------------------------------------------------------------------------

function drawTabs(): void {
  tabsRow.replaceChildren();
  for (const [tab, label] of [['table', 'Table'], ['pivot', 'Pivot'], ['compare', 'Compare']] as const) {
    const b = button(label, `tab${state.tab === tab ? ' active' : ''}`, () => {
      setState({ tab });
      showTab();
    });
    b.dataset.tab = tab;
    b.setAttribute('aria-pressed', String(state.tab === tab));
    tabsRow.append(b);
  }
  tabsRow.append(el('span', 'status', data ? `${result.matched} of ${data.runs.length} runs` : 'loading…'));
}

function drawControls(): void {
  controls.replaceChildren(
    ...tableControls(state, catalog?.groupParams ?? [], {
      setQuery: (query) => {
        setState({ query });
        recomputeRows('filter');
      },
      setGrouped: (grouped) => {
        setState({ grouped });
        recomputeRows('group');
      },
      setGroupBy: (groupBy) => {
        setState({ groupBy });
        recomputeRows('group');
      },
      setStatistic: (statistic) => {
        setState({ statistic });
        recomputeRows('paint');
      },
      setOnlyDiffering: (onlyDiffering) => {
        setState({ onlyDiffering });
        recomputeRows('paint');
      },
      toggleColumns: () => toggleColumnPicker(),
      exportTable: (format, to) => void exportTable(format, to),
    }),
  );
}

let picker: HTMLElement | undefined;

function toggleColumnPicker(): void {
  if (picker) {
    picker.remove();
    picker = undefined;
    return;
  }
  picker = columnPicker({
    current: () => currentIds(),
    catalog: catalog?.columns.map((c) => c.id) ?? [],
    hidden: () => state.hidden,
    add: (text) => addColumn(text),
    hide: (id) => {
      setState({ hidden: [...state.hidden, id] });
      recomputeRows('paint');
    },
  });
  controls.append(picker);
}

function drawSelectionBar(): void {
  selectionBar.replaceChildren();
  const only = onlyKeys();
  if (only) {
    const chip = el('span', 'chip selection-chip', `filtered to selection (${only.size}) `);
    chip.setAttribute('aria-pressed', 'true');
    chip.append(
      button('×', 'chip-clear', () => {
        dismissed = shared.keys;
        recomputeRows('filter');
      }, 'Show every run again'),
    );
    selectionBar.append(chip);
  }
  if (selected.size) {
    const keys = [...selected];
    selectionBar.append(
      el('span', 'selected-count', `${selected.size} selected`),
      button('Open in Curves', 'open-curves', () => post({ type: 'openInCurves', keys })),
      button('Reveal in Runs view', 'reveal-runs', () => post({ type: 'revealInRuns', keys })),
      button(`Compare (${selected.size})`, 'compare-button', () => {
        setState({ tab: 'compare' });
        showTab();
      }),
      button('Clear', 'clear-selection', () => {
        selected.clear();
        post({ type: 'select', keys: [] });
        grid.refresh();
        drawSelectionBar();
      }),
    );
  }
  selectionBar.hidden = !selectionBar.childElementCount;
}

/** A query with metric terms goes to the host (it has the series summaries); its answer redraws the rows. */
async function askHost(query: string): Promise<void> {
  if (askingHost === query) return;
  askingHost = query;
  const reply = await requests.request((id) => ({ type: 'filter', id, query }));
  if (askingHost === query) askingHost = undefined;
  if (reply.type !== 'filtered') {
    notice = `filter: ${(reply as { message?: string }).message ?? 'failed'}`;
    drawMessages();
    return;
  }
  if (state.query !== query) return;
  hostFiltered = { query, keys: new Set(reply.keys) };
  recomputeRows('filter');
}

function drawMessages(): void {
  messageRow.replaceChildren();
  if (result.needsHost) messageRow.append(el('span', 'progress', 'filtering on the indexed series summaries…'));
  if (result.error) {
    const err = el('div', 'query-error', `filter: ${result.error.message} (at character ${result.error.start + 1})`);
    messageRow.append(err);
  }
  if (progress) messageRow.append(el('span', 'progress', progress));
  if (notice) messageRow.append(el('span', 'notice', notice));
  if (data?.errors.length) {
    const e = el('span', 'read-errors', `${data.errors.length} runs could not be read`);
    e.title = data.errors.slice(0, 20).join('\n');
    messageRow.append(e);
  }
  messageRow.hidden = !messageRow.childElementCount;
  drawTabs();
}

// ---- export, pivot, compare -------------------------------------------------------------------------

function shownKeys(): string[] {
  if (!data) return [];
  return result.rows.flatMap((r) => (r.kind === 'run' ? [data!.runs[r.index].key] : []));
}

async function exportTable(format: 'csv' | 'md' | 'latex', to: 'clipboard' | 'file'): Promise<void> {
  if (!data) return;
  // grouped: every run of the groups shown (the host groups them again with the core)
  const keys = state.grouped ? result.rows.flatMap((r) => (r.kind === 'group' ? r.group.rows.map((m) => data!.runs[m.index].key) : [])) : shownKeys();
  const reply = await requests.request((id) => ({ type: 'export', id, what: 'table', format, to, keys, columns: shownColumns, groupBy: state.grouped ? groupParamsOf() : [], statistic: state.statistic }));
  showExported(reply);
}

function showExported(reply: Extract<HostToTable, { id: number }>): void {
  notice = reply.type === 'exported' ? (reply.copied ? 'Copied to the clipboard.' : reply.path ? `Saved ${reply.path}` : '') : reply.type === 'requestError' ? reply.message : '';
  drawMessages();
  if (state.tab === 'pivot') pivotTab.draw();
}

function drawCompare(): void {
  compareArea.replaceChildren();
  if (!data) return;
  const index = new Map(data.runs.map((r, i) => [r.key, i]));
  const metricIds = shownColumns.filter((id) => data!.values.get(id)?.numbers);
  const runs = [...selected].flatMap((k) => {
    const i = index.get(k);
    if (i === undefined) return [];
    const run = data!.runs[i];
    return [{ name: run.name, params: run.params, metrics: Object.fromEntries(metricIds.map((id) => [id, cellOf(data!.values.get(id), i)])) }];
  });
  compareArea.append(compareView(runs, metricIds));
}

function showTab(): void {
  closeHeaderMenu();
  tableArea.hidden = state.tab !== 'table';
  pivotArea.hidden = state.tab !== 'pivot';
  compareArea.hidden = state.tab !== 'compare';
  controls.hidden = state.tab !== 'table';
  if (state.tab === 'pivot') pivotTab.draw();
  if (state.tab === 'compare') drawCompare();
  if (state.tab === 'table') recomputeRows('paint');
  drawTabs();
}

// ---- host messages ----------------------------------------------------------------------------------

onHostMessage(isHostToTable, (msg) => {
  try {
    if (requests.settle(msg)) return;
    switch (msg.type) {
      case 'catalog':
        catalog = msg;
        drawControls();
        if (state.tab === 'pivot' && !pivotTab.built) pivotTab.draw();
        return;
      case 'tableStart':
      case 'tableRuns':
      case 'tableColumns':
      case 'tableEnd': {
        const done = assembler.take(msg);
        if (!done) return;
        data = done;
        // new data: the index changed, so would the host's answer to a metric filter
        hostFiltered = undefined;
        progress = '';
        recomputeRows('paint');
        if (state.tab === 'compare') drawCompare();
        return;
      }
      case 'progress':
        progress = `reading ${msg.done} of ${msg.total} runs…`;
        drawMessages();
        return;
      case 'state':
        if (JSON.stringify(msg.state) === JSON.stringify(state)) return;
        state = msg.state;
        save();
        drawControls();
        showTab();
        if (state.tab === 'pivot' && state.pivot && !pivotTab.built) void pivotTab.build();
        return;
      case 'selection':
        shared = { keys: msg.keys, origin: msg.origin };
        if (msg.origin !== 'table') {
          selected.clear();
          for (const k of msg.keys) selected.add(k);
        }
        recomputeRows('filter');
        return;
      case 'highlight':
        highlighted = msg.key;
        grid.refresh();
        return;
      default:
        return;
    }
  } catch (err) {
    post({ type: 'error', message: err instanceof Error ? `${err.message}\n${err.stack ?? ''}` : String(err) });
  }
});

drawTabs();
drawControls();
showTab();
// The host's state wins at the start (it restored this webview's saved state, or a command chose one).
post({ type: 'ready' });
