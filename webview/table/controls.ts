// The table tab's controls: the run filter, rows as runs or seed groups, the group statistic, "only columns that
// differ", the column picker and the export buttons. They only report what the user chose; main.ts applies it.
import type { Statistic } from '../../src/core/runs/pivot';
import type { TableViewState } from '../../src/protocol/table';
import { button, el } from '../shared/dom';

export type ExportFormat = 'csv' | 'md' | 'latex';

export interface ControlActions {
  setQuery(query: string): void;
  setGrouped(grouped: boolean): void;
  setGroupBy(params: string[]): void;
  setStatistic(s: Statistic): void;
  setOnlyDiffering(on: boolean): void;
  toggleColumns(): void;
  exportTable(format: ExportFormat, to: 'clipboard' | 'file'): void;
}

const FILTER_DEBOUNCE_MS = 120;

function checkbox(cls: string, checked: boolean, label: string, onChange: (on: boolean) => void): { label: HTMLLabelElement; box: HTMLInputElement } {
  const l = el('label', 'field');
  const box = el('input', cls);
  box.type = 'checkbox';
  box.checked = checked;
  box.addEventListener('change', () => onChange(box.checked));
  l.append(box, document.createTextNode(` ${label}`));
  return { label: l, box };
}

export function tableControls(state: TableViewState, defaultGroups: string[], act: ControlActions): HTMLElement[] {
  const filter = el('input', 'table-filter');
  filter.placeholder = 'filter runs: lr<1e-4 status=finished name~xlmr';
  filter.value = state.query;
  filter.spellcheck = false;
  let timer: number | undefined;
  filter.addEventListener('input', () => {
    window.clearTimeout(timer);
    timer = window.setTimeout(() => act.setQuery(filter.value), FILTER_DEBOUNCE_MS);
  });
  const groups = checkbox('group-toggle', state.grouped, 'group seeds by ', (on) => act.setGrouped(on));
  const groupBy = el('input', 'group-by');
  groupBy.placeholder = defaultGroups.join(', ') || 'params';
  groupBy.value = state.groupBy.join(', ');
  groupBy.addEventListener('change', () => act.setGroupBy(groupBy.value.split(',').map((s) => s.trim()).filter(Boolean)));
  groups.label.append(groupBy);
  const stat = el('select', 'table-stat');
  for (const s of ['median', 'mean'] as const) {
    const o = el('option', undefined, s === 'median' ? 'median [min, max]' : 'mean ± sd');
    o.value = s;
    o.selected = state.statistic === s;
    stat.append(o);
  }
  stat.addEventListener('change', () => act.setStatistic(stat.value as Statistic));
  const differ = checkbox('only-differing', state.onlyDiffering, 'only columns that differ', (on) => act.setOnlyDiffering(on));
  const format = el('select', 'export-format');
  for (const [v, l] of [['csv', 'CSV'], ['md', 'Markdown'], ['latex', 'LaTeX']]) {
    const o = el('option', undefined, l);
    o.value = v;
    format.append(o);
  }
  return [
    filter,
    groups.label,
    stat,
    differ.label,
    button('Columns…', 'columns-button', () => act.toggleColumns()),
    format,
    button('Copy', 'export-copy', () => act.exportTable(format.value as ExportFormat, 'clipboard')),
    button('Save…', 'export-save', () => act.exportTable(format.value as ExportFormat, 'file')),
  ];
}

export interface PickerActions {
  /** The table's column ids in order. */
  current(): string[];
  /** Every column the index knows. */
  catalog: string[];
  hidden(): string[];
  /** Adds (or shows) a column; the parse error when the text is no column. */
  add(text: string): string | undefined;
  hide(id: string): void;
}

/** Add any column by its id (`f1[lang=de]:at(f1[lang=en]:best)`), or tick the ones the index knows. */
export function columnPicker(act: PickerActions): HTMLElement {
  const picker = el('div', 'column-picker');
  const add = el('input', 'column-add');
  add.placeholder = 'add a column: f1[lang=de]:at(f1[lang=en]:best), params.lr, eval_loss:min';
  add.spellcheck = false;
  const error = el('div', 'column-error');
  const search = el('input', 'column-search');
  search.placeholder = 'search columns';
  const list = el('div', 'column-list');
  const fill = () => {
    list.replaceChildren();
    const ids = act.current();
    const hidden = act.hidden();
    const all = [...new Set([...ids, ...act.catalog])];
    const q = search.value.trim().toLowerCase();
    for (const id of all.filter((c) => !q || c.toLowerCase().includes(q)).slice(0, 400)) {
      const row = el('label', 'column-option');
      const box = el('input');
      box.type = 'checkbox';
      box.checked = ids.includes(id) && !hidden.includes(id);
      box.addEventListener('change', () => (box.checked ? act.add(id) : act.hide(id)));
      row.append(box, document.createTextNode(` ${id}`));
      list.append(row);
    }
  };
  add.addEventListener('keydown', (e) => {
    if (e.key !== 'Enter' || !add.value.trim()) return;
    const err = act.add(add.value.trim());
    error.textContent = err ?? '';
    if (!err) {
      add.value = '';
      fill();
    }
  });
  search.addEventListener('input', fill);
  fill();
  picker.append(add, error, search, list);
  return picker;
}
