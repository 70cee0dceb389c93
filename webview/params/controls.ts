// The toolbar, the axis header buttons and the importance list of the Params panel. Every control only
// changes the view state through `update`; main.ts redraws from the state.
import type { ParamsViewState } from '../../src/protocol/params';
import { el } from '../shared/dom';
import type { Layout } from './layout';
import { scaleOf, type Data, type View } from './model';
import { logAllowed } from '../../src/core/params/axis-scale';
import { formatNumber } from '../../src/core/params/axis';

export interface ControlHooks {
  state(): ParamsViewState;
  data(): Data | undefined;
  update(patch: Partial<ParamsViewState>): void;
  exportAs(format: 'png' | 'svg' | 'csv'): void;
  /** The brushed runs' keys (empty: no brush). */
  brushedKeys(): string[];
  revealInRuns(keys: string[]): void;
}

function select(id: string, options: Array<[string, string]>, value: string, onChange: (v: string) => void): HTMLSelectElement {
  const s = el('select');
  s.id = id;
  for (const [v, label] of options) {
    const o = el('option', undefined, label);
    o.value = v;
    s.append(o);
  }
  s.value = value;
  s.addEventListener('change', () => onChange(s.value));
  return s;
}

function button(id: string, text: string, title: string, onClick: () => void): HTMLButtonElement {
  const b = el('button', 'chip', text);
  b.id = id;
  b.title = title;
  b.addEventListener('click', onClick);
  return b;
}

function check(id: string, text: string, value: boolean, onChange: (v: boolean) => void): HTMLLabelElement {
  const label = el('label', 'field');
  const box = el('input');
  box.type = 'checkbox';
  box.id = id;
  box.checked = value;
  box.addEventListener('change', () => onChange(box.checked));
  label.append(box, document.createTextNode(text));
  return label;
}

const metricIds = (data: Data) => data.available.filter((id) => !id.startsWith('params.'));

// The add-axis field lives across toolbar rebuilds: data arriving while someone types must not wipe the text.
let addField: { add: HTMLInputElement; list: HTMLDataListElement; hooks?: ControlHooks } | undefined;

function submitAxis(hooks: ControlHooks, add: HTMLInputElement): void {
  const id = add.value.trim();
  if (id && !hooks.state().axes.includes(id)) hooks.update({ axes: [...hooks.state().axes, id] });
  add.value = '';
}

function addAxisField(hooks: ControlHooks): { add: HTMLInputElement; list: HTMLDataListElement } {
  if (!addField) {
    const add = el('input');
    add.id = 'add-axis';
    add.placeholder = 'add an axis: params.lr, f1_de:best, f1[lang=de]:at(f1[lang=en]:best)';
    add.size = 48;
    add.setAttribute('list', 'axis-options');
    const list = el('datalist');
    list.id = 'axis-options';
    const field = { add, list, hooks };
    add.addEventListener('keydown', (e) => {
      if (e.key === 'Enter' && field.hooks) submitAxis(field.hooks, add);
    });
    addField = field;
  }
  addField.hooks = hooks;
  const available = hooks.data()?.available ?? [];
  if (addField.list.childElementCount !== available.length) {
    addField.list.replaceChildren(
      ...available.map((id) => {
        const o = el('option');
        o.value = id;
        return o;
      }),
    );
  }
  return addField;
}

/** Rebuilds the toolbar for the current state and data (cheap: a few dozen elements). */
export function renderToolbar(root: HTMLElement, hooks: ControlHooks, status: string): void {
  const state = hooks.state();
  const data = hooks.data();
  const typing = addField !== undefined && document.activeElement === addField.add;
  root.replaceChildren();
  const row1 = el('div', 'row');
  row1.append(
    button('mode-parallel', 'Parallel', 'Parallel coordinates', () => hooks.update({ mode: 'parallel' })),
    button('mode-scatter', 'Scatter', 'Scatter of two columns', () => {
      const s = hooks.state();
      const axes = s.axes;
      hooks.update({ mode: 'scatter', scatterX: s.scatterX || axes[0] || '', scatterY: s.scatterY || axes[axes.length - 1] || '' });
    }),
  );
  row1.querySelector(`#mode-${state.mode}`)?.setAttribute('aria-pressed', 'true');
  const columnOptions: Array<[string, string]> = data ? [...data.columns.values()].map((c) => [c.id, c.label]) : [];
  const colour = el('label', 'field', 'Colour by');
  colour.append(select('color-by', [['', 'none'], ['group', 'configuration group'], ...columnOptions], state.colorBy, (v) => hooks.update({ colorBy: v })));
  const bestOptions = data ? [...new Set([...state.axes.filter((id) => data.columns.get(id)?.kind === 'metric'), ...metricIds(data)])] : [];
  const best = el('label', 'field', 'Highlight the best by');
  best.append(select('best-by', [['', 'none'], ...bestOptions.map((id): [string, string] => [id, id])], state.bestBy, (v) => hooks.update({ bestBy: v })));
  row1.append(colour, best, check('group-mode', 'groups (seeds collapsed)', state.groupMode, (v) => hooks.update({ groupMode: v })));
  row1.append(
    el('span', 'sep'),
    button('export-png', 'PNG', 'Export the view as PNG', () => hooks.exportAs('png')),
    button('export-svg', 'SVG', 'Export the view as SVG', () => hooks.exportAs('svg')),
    button('export-csv', 'CSV', 'Export the plotted values as CSV', () => hooks.exportAs('csv')),
    el('span', 'status', status),
  );
  const row2 = el('div', 'row');
  if (state.mode === 'parallel') {
    const { add, list } = addAxisField(hooks);
    const submit = () => submitAxis(hooks, add);
    row2.append(add, list, button('add-axis-button', 'Add axis', 'Add this column as an axis', submit));
  } else if (data) {
    const options: Array<[string, string]> = [...new Set([...state.axes, ...data.available])].map((id) => [id, id]);
    const x = el('label', 'field', 'x');
    x.append(select('scatter-x', options, state.scatterX, (v) => hooks.update({ scatterX: v })));
    const y = el('label', 'field', 'y');
    y.append(select('scatter-y', options, state.scatterY, (v) => hooks.update({ scatterY: v })));
    const logToggle = (id: string, axisId: string, text: string) => {
      const cells = data.cells.get(axisId) ?? [];
      const label = check(id, text, scaleOf(data, state, axisId) === 'log', (v) => hooks.update({ scales: { ...hooks.state().scales, [axisId]: v ? 'log' : 'linear' } }));
      if (!logAllowed(cells)) {
        label.classList.add('disabled');
        (label.querySelector('input') as HTMLInputElement).disabled = true;
      }
      return label;
    };
    const trend = el('label', 'field', 'trend');
    trend.append(select('trend', [['none', 'none'], ['linear', 'least squares'], ['loess', 'LOESS']], state.trend, (v) => hooks.update({ trend: v as ParamsViewState['trend'] })));
    row2.append(x, y, logToggle('log-x', state.scatterX, 'log x'), logToggle('log-y', state.scatterY, 'log y'), trend);
  }
  if (Object.keys(state.brushes).length) {
    const keys = hooks.brushedKeys();
    const reveal = button('reveal-runs', `Reveal in Runs view (${keys.length})`, 'Tick the brushed runs in the Runs view and show it', () => hooks.revealInRuns(hooks.brushedKeys()));
    reveal.disabled = !keys.length;
    row2.append(reveal, button('clear-brushes', 'Clear brushes', 'Remove every brush', () => hooks.update({ brushes: {} })));
  }
  root.append(row1, row2);
  if (data?.errors.length) root.append(el('div', 'query-error', data.errors.slice(0, 3).join('\n')));
  if (typing && addField?.add.isConnected) addField.add.focus();
}

/** Buttons over each axis: move left/right, flip, log, order categories by the colour metric, remove. */
/**
 * The axis order with `id` moved to where `target` stands (after it when moving right, before it when moving
 * left): what the ◀ ▶ buttons and dragging an axis title both do.
 */
export function moveAxisTo(axes: readonly string[], id: string, target: string): string[] {
  const from = axes.indexOf(id);
  const to = axes.indexOf(target);
  if (from < 0 || to < 0 || from === to) return [...axes];
  const out = axes.filter((a) => a !== id);
  out.splice(to, 0, id);
  return out;
}

export function renderAxisHeaders(root: HTMLElement, layout: Layout, view: View, hooks: ControlHooks): void {
  root.replaceChildren();
  const state = hooks.state();
  const data = hooks.data();
  view.axes.forEach((axis, k) => {
    const box = el('div', 'axis-head');
    box.style.left = `${layout.axisX[k]}px`;
    box.dataset.axis = axis.id;
    const index = state.axes.indexOf(axis.id);
    const move = (to: number) => {
      const axes = hooks.state().axes;
      if (to >= 0 && to < axes.length) hooks.update({ axes: moveAxisTo(axes, axis.id, axes[to]) });
    };
    const mini = (cls: string, text: string, title: string, fn: () => void) => {
      const b = el('button', `axis-btn ${cls}`, text);
      b.title = title;
      b.addEventListener('click', fn);
      return b;
    };
    box.append(
      mini('left', '◀', 'Move left', () => move(index - 1)),
      mini('flip', '⇅', 'Flip the axis', () => {
        const flips = hooks.state().flips;
        hooks.update({ flips: flips.includes(axis.id) ? flips.filter((f) => f !== axis.id) : [...flips, axis.id] });
      }),
    );
    if (axis.scale !== 'categorical' && data && logAllowed(data.cells.get(axis.id) ?? [])) {
      const b = mini('log', 'log', axis.scale === 'log' ? 'Linear scale' : 'Log scale', () => hooks.update({ scales: { ...hooks.state().scales, [axis.id]: axis.scale === 'log' ? 'linear' : 'log' } }));
      b.setAttribute('aria-pressed', String(axis.scale === 'log'));
      box.append(b);
    }
    if (axis.scale === 'categorical' && state.colorBy && state.colorBy !== 'group') {
      const on = state.orderByMetric.includes(axis.id);
      const b = mini('order', '↕μ', on ? 'Order by value' : 'Order by the mean of the colour metric', () =>
        hooks.update({ orderByMetric: on ? hooks.state().orderByMetric.filter((x) => x !== axis.id) : [...hooks.state().orderByMetric, axis.id] }),
      );
      b.setAttribute('aria-pressed', String(on));
      box.append(b);
    }
    box.append(
      mini('right', '▶', 'Move right', () => move(index + 1)),
      mini('remove', '✕', 'Remove the axis', () => hooks.update({ axes: hooks.state().axes.filter((a) => a !== axis.id) })),
    );
    root.append(box);
  });
}

export function renderImportance(root: HTMLElement, data: Data | undefined): void {
  root.replaceChildren();
  const imp = data?.importance;
  if (!imp) return;
  const title = el('div', 'importance-title', `Parameter importance for ${imp.objective} — based on ${imp.n} runs`);
  root.append(title);
  if (!imp.shown) {
    root.append(el('div', 'empty', `Hidden: importance needs at least 10 runs with a finite ${imp.objective} and a value of every param (${imp.n} here).`));
    return;
  }
  const table = el('table', 'importance');
  const head = el('tr');
  head.append(el('th', undefined, 'param'), el('th', undefined, 'PED-ANOVA'), el('th', undefined, 'Spearman ρ'));
  table.append(head);
  for (const p of imp.params) {
    const tr = el('tr');
    const bar = el('td');
    const fill = el('span', 'bar');
    fill.style.width = `${Math.round(p.pedAnova * 120)}px`;
    bar.append(fill, document.createTextNode(` ${(p.pedAnova * 100).toFixed(1)} %`));
    tr.append(el('td', undefined, p.param), bar, el('td', undefined, Number.isNaN(p.spearman) ? '—' : formatNumber(p.spearman)));
    table.append(tr);
  }
  root.append(table, el('div', 'empty', `PED-ANOVA top set: the best ${imp.top} runs (10 % quantile, at least 2).`));
}
