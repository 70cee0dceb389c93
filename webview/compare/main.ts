// Compare panel (browser side). Compare tab: a metric column and grouping params, per group the seed dots,
// mean ± sd and CI, the group and pairwise tables with verdicts, a warning when the groups differ in more
// params than the grouping. Selection tab: selection and target columns, the selection table and the chart of
// selected vs oracle per target. The host computes everything; this draws it and sends choices back. Every
// string from logs reaches the DOM through textContent (el) or SVG text nodes.
import { groupLabel, groupsTable, pairsTable, selectionTable } from '../../src/core/compare/compare-tables';
import type { CompareJson } from '../../src/core/compare/compare-groups';
import { splitColumnList } from '../../src/core/runs/columns';
import { valueTableGrid, type ValueTable } from '../../src/core/runs/export';
import type { SelectionJson } from '../../src/core/selection/selection-json';
import { formatNumber } from '../../src/core/util/numbers';
import { COMPARE_PROTOCOL, compareViewState, isHostToCompare, type CompareExportFormat, type CompareExportTable, type CompareTab, type CompareToHost, type CompareViewState, type HostToCompare } from '../../src/protocol/compare';
import { el } from '../shared/dom';
import { hostApi, onHostMessage } from '../shared/host-api';
import { requestClient } from '../shared/requests';
import { onThemeChange } from '../shared/theme';
import { groupsChart, selectionChart } from './charts';
import './compare.css';

const api = hostApi();
const post = (m: CompareToHost) => api.postMessage(m);
const requests = requestClient<CompareToHost, HostToCompare>(post, COMPARE_PROTOCOL.requests);

type Options = Extract<HostToCompare, { type: 'state' }>['options'];
const model: {
  state: CompareViewState;
  options?: Options;
  compare?: CompareJson | null;
  compareMessage?: string;
  selection?: SelectionJson | null;
  selectionMessage?: string;
  loading: Partial<Record<CompareTab, string>>;
  picked: Set<number>;
  status: string;
} = { state: compareViewState.parse(api.getState()) ?? compareViewState.parse({})!, loading: {}, picked: new Set(), status: '' };

const app = document.getElementById('app')!;

function setState(next: Partial<CompareViewState>): void {
  model.state = { ...model.state, ...next };
  api.setState(model.state);
  post({ type: 'setState', state: model.state });
  render();
}

function tabs(): HTMLElement {
  const bar = el('div', 'tabs');
  for (const [id, label] of [['compare', 'Compare groups'], ['selection', 'Model selection']] as const) {
    const b = el('button', `tab${model.state.tab === id ? ' active' : ''}`, label);
    b.type = 'button';
    b.dataset.tab = id;
    b.setAttribute('aria-selected', String(model.state.tab === id));
    b.addEventListener('click', () => {
      model.state = { ...model.state, tab: id };
      api.setState(model.state);
      render();
    });
    bar.append(b);
  }
  bar.append(el('span', 'status', model.options ? `${model.options.runCount} runs${model.status ? ` · ${model.status}` : ''}` : ''));
  return bar;
}

function datalist(id: string, values: string[]): HTMLDataListElement {
  const list = el('datalist');
  list.id = id;
  for (const v of values) {
    const o = el('option');
    o.value = v;
    list.append(o);
  }
  return list;
}

/**
 * Text typed into a field and not committed yet (Enter or leaving the field commits): results arrive and the
 * panel re-renders while the user types (the first computation, an index change), and the field must keep it.
 */
const drafts = new Map<string, string>();
let focusedField: string | undefined;

function textField(label: string, value: string, name: string, onCommit: (v: string) => void, list?: string): HTMLElement {
  const wrap = el('label', 'field grow', label);
  const input = el('input', 'text');
  input.value = drafts.get(name) ?? value;
  input.name = name;
  input.spellcheck = false;
  if (list) input.setAttribute('list', list);
  const commit = () => {
    if (!drafts.has(name)) return;
    drafts.delete(name);
    onCommit(input.value.trim());
  };
  input.addEventListener('input', () => drafts.set(name, input.value));
  input.addEventListener('change', commit);
  input.addEventListener('keydown', (e) => {
    if (e.key === 'Enter') commit();
  });
  input.addEventListener('focus', () => (focusedField = name));
  input.addEventListener('blur', () => {
    if (focusedField === name) focusedField = undefined;
  });
  // the re-rendered field takes the focus back, caret at the end, so typing goes on
  if (focusedField === name)
    queueMicrotask(() => {
      input.focus();
      input.setSelectionRange(input.value.length, input.value.length);
    });
  wrap.append(input);
  return wrap;
}

function exportButtons(table: CompareExportTable): HTMLElement {
  const box = el('span', 'exports');
  for (const [format, label] of [['csv', 'CSV'], ['md', 'Markdown'], ['latex', 'LaTeX']] as Array<[CompareExportFormat, string]>) {
    const b = el('button', 'export', label);
    b.type = 'button';
    b.dataset.export = `${table}:${format}`;
    b.title = `Save the ${table} table as ${label}`;
    b.addEventListener('click', async () => {
      const reply = await requests.request((id) => ({ type: 'export', id, table, format }));
      model.status = reply.type === 'exported' ? (reply.path ? `saved ${reply.path}` : 'export cancelled') : `export failed: ${reply.type === 'requestError' ? reply.message : ''}`;
      render();
    });
    box.append(b);
  }
  return box;
}

function tableEl(t: ValueTable, cls: string, cellClass?: (row: number, col: number) => string | undefined): HTMLTableElement {
  const grid = valueTableGrid(t);
  const table = el('table', `values ${cls}`);
  const head = el('tr');
  for (const h of grid.header) head.append(el('th', undefined, h));
  table.append(el('thead'));
  table.tHead!.append(head);
  const body = el('tbody');
  grid.rows.forEach((r, i) => {
    const tr = el('tr');
    r.forEach((c, j) => {
      const td = el('td', [c.numeric ? 'num' : '', cellClass?.(i, j) ?? ''].join(' ').trim() || undefined, c.text);
      tr.append(td);
    });
    body.append(tr);
  });
  table.append(body);
  return table;
}

function section(title: string, table: CompareExportTable | undefined, ...content: Node[]): HTMLElement {
  const s = el('section', 'card');
  const h = el('header');
  h.append(el('h3', undefined, title));
  if (table) h.append(exportButtons(table));
  s.append(h, ...content);
  return s;
}

function pickGroup(i: number): void {
  const r = model.compare;
  if (!r) return;
  if (model.picked.has(i)) model.picked.delete(i);
  else model.picked.add(i);
  post({ type: 'pickRuns', runKeys: [...model.picked].flatMap((k) => r.groups[k]?.runKeys ?? []) });
  render();
}

function compareTab(): HTMLElement[] {
  const s = model.state;
  const o = model.options;
  const controls = el('div', 'toolbar');
  const row = el('div', 'row');
  const metrics = o?.metrics ?? [];
  const sel = s.selectBy || metrics[0] || '';
  const suggestions = metrics.flatMap((m) => [`${m}:best`, `${m}:last`, ...(sel && m !== sel ? [`${m}:at(${sel}:best)`] : [])]);
  row.append(textField('Metric column', s.metric, 'metric', (v) => setState({ metric: v }), 'compare-metrics'), datalist('compare-metrics', suggestions));
  controls.append(row);
  const chips = el('div', 'row chips-row');
  chips.append(el('span', 'chip-label', 'Group by'));
  const by = s.by.length ? s.by : model.compare?.by ?? o?.defaultBy ?? [];
  for (const p of o?.params ?? []) {
    const chip = el('button', 'chip', p);
    chip.type = 'button';
    chip.dataset.param = p;
    chip.setAttribute('aria-pressed', String(by.includes(p)));
    chip.addEventListener('click', () => setState({ by: by.includes(p) ? by.filter((x) => x !== p) : [...by, p] }));
    chips.append(chip);
  }
  if (s.by.length) {
    const reset = el('button', 'link', 'default grouping');
    reset.type = 'button';
    reset.addEventListener('click', () => setState({ by: [] }));
    chips.append(reset);
  }
  controls.append(chips);
  const out: HTMLElement[] = [controls];
  if (model.loading.compare) out.push(el('p', 'loading', model.loading.compare));
  const r = model.compare;
  if (!r) {
    out.push(el('p', 'empty', model.compareMessage ?? 'Waiting for the host…'));
    return out;
  }
  if (r.alsoDiffer.length) out.push(el('p', 'warning', `⚠ The compared groups also differ in ${r.alsoDiffer.join(', ')}, which the grouping (${r.by.join(', ') || 'nothing'}) does not separate: a difference may come from those params, not from the grouping.`));
  if (r.empty.length) out.push(el('p', 'note', `No value of ${r.metric} in ${r.empty.length} group(s): ${r.empty.map(groupLabel).join('; ')}`));
  const width = Math.max(480, Math.min(app.clientWidth - 40, 1100));
  out.push(section(`${r.metric} by ${r.by.join(', ') || '(all runs)'}`, undefined, groupsChart(r, model.picked, pickGroup, width)));
  out.push(section('Groups', 'groups', tableEl(groupsTable(r), 'groups', (i) => (model.picked.has(i) ? 'picked' : undefined))));
  const verdictCol = pairsTable(r).header.length - 1;
  out.push(
    section(
      'Pairs (Welch t-test, Holm-corrected across the pairs shown)',
      'pairs',
      tableEl(pairsTable(r), 'pairs', (i, j) => (j === verdictCol ? `verdict verdict-${r.pairs[i].verdict}` : undefined)),
      el('p', 'note', 'diff = mean(A) − mean(B); CI: Welch 95 % CI of the difference; P(A>B) = Mann–Whitney U / (n_A·n_B). "A better" needs Holm p < 0.05 and a CI that excludes 0; "within seed noise": the CI contains 0 and |diff| is no larger than the seed sd.'),
    ),
  );
  return out;
}

function selectionTab(): HTMLElement[] {
  const s = model.state;
  const metrics = model.options?.metrics ?? [];
  const controls = el('div', 'toolbar');
  const row = el('div', 'row');
  row.append(
    textField('Select by', s.selectBy, 'selectBy', (v) => setState({ selectBy: v }), 'selection-metrics'),
    textField('Targets', s.targets.join(', '), 'targets', (v) => setState({ targets: splitColumnList(v) }), undefined),
    datalist('selection-metrics', metrics),
  );
  const unit = el('label', 'field', 'Candidates');
  const select = el('select');
  select.name = 'unit';
  for (const [v, label] of [['step', 'every (run, step)'], ['run', 'each run at its best step']] as const) {
    const o = el('option', undefined, label);
    o.value = v;
    o.selected = s.unit === v;
    select.append(o);
  }
  select.addEventListener('change', () => setState({ unit: select.value === 'run' ? 'run' : 'step' }));
  unit.append(select);
  row.append(unit);
  controls.append(row);
  const out: HTMLElement[] = [controls];
  if (model.loading.selection) out.push(el('p', 'loading', model.loading.selection));
  const r = model.selection;
  if (!r) {
    out.push(el('p', 'empty', model.selectionMessage ?? 'Waiting for the host…'));
    return out;
  }
  const first = r.targets[0];
  const notBest = r.targets.filter((t) => t.selected.rank > 1);
  const summary = el('p', 'summary');
  summary.append(
    el('strong', undefined, `${first.selected.runName} at step ${first.selected.step}`),
    document.createTextNode(` is best on ${r.by} (${r.selectionGoal}). `),
    document.createTextNode(
      notBest.length
        ? `It is not the best on ${notBest.map((t) => `${t.metric} (rank ${t.selected.rank} of ${t.candidates}, regret ${formatNumber(t.regret)})`).join(', ')}. Mean regret ${formatNumber(r.meanRegret)}.`
        : 'It is also the best on every target.',
    ),
  );
  out.push(summary);
  if (r.missing.length) out.push(el('p', 'note', `No candidates for ${r.missing.join(', ')}`));
  const width = Math.max(480, Math.min(app.clientWidth - 40, 1100));
  out.push(section('Selected vs oracle per target', undefined, selectionChart(r, width)));
  const regretCols = new Set([9, 11, 13]);
  out.push(
    section(
      'Selection',
      'selection',
      tableEl(selectionTable(r), 'selection', (i, j) => (regretCols.has(j) && i < r.targets.length && [r.targets[i].regret, r.targets[i].last.regret, r.targets[i].seedMedian.regret][[9, 11, 13].indexOf(j)] > 0 ? 'regret' : undefined)),
      el(
        'p',
        'note',
        `Candidates: (run, step) pairs where ${r.by} and the target are both logged${r.unit === 'run' ? ', each run at its step where the selection metric is best' : ''}. Rank among the candidates on the target; regret = oracle − selected (≥ 0). Last step: the selected run's last candidate step; seed median: the median over the seeds of its configuration (${r.configParams.join(', ') || 'all runs'}), each at its best selection step. Kendall τ-b between selection and target over the candidates.`,
      ),
    ),
  );
  return out;
}

function render(): void {
  const scrollY = window.scrollY;
  app.replaceChildren(tabs(), ...(model.state.tab === 'compare' ? compareTab() : selectionTab()));
  window.scrollTo(0, scrollY);
  const r = model.compare;
  const report = { tab: model.state.tab, groups: r?.groups.length ?? 0, pairs: r?.pairs.length ?? 0, targets: model.selection?.targets.length ?? 0 };
  document.body.dataset.rendered = JSON.stringify(report);
  post({ type: 'rendered', ...report });
}

onHostMessage(isHostToCompare, (msg) => {
  if (requests.settle(msg)) return;
  switch (msg.type) {
    case 'state':
      // keep the tab the user is on; take the rest (defaults filled in by the host)
      model.state = { ...msg.state, tab: model.state.tab };
      model.options = msg.options;
      api.setState(model.state);
      break;
    case 'compare':
      model.compare = msg.result;
      model.compareMessage = msg.message;
      model.loading.compare = undefined;
      model.picked.clear();
      break;
    case 'selection':
      model.selection = msg.result;
      model.selectionMessage = msg.message;
      model.loading.selection = undefined;
      break;
    case 'loading':
      model.loading[msg.tab] = msg.message;
      break;
    case 'selected': {
      // another panel changed the selection: mark the groups whose runs are all in it
      const keys = new Set(msg.runKeys);
      model.picked = new Set((model.compare?.groups ?? []).flatMap((g, i) => (g.runKeys.length && g.runKeys.every((k) => keys.has(k)) ? [i] : [])));
      break;
    }
    default:
      return;
  }
  render();
});
onThemeChange(render);
window.addEventListener('resize', () => render());
render();
post({ type: 'ready' });
