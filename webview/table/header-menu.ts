// The menu on a column header: the summary of a metric column (last, first, min, max, best, mean_last:k,
// at_step:S, at(<other column>)), sorting, moving and hiding. The new column id is written by the core
// (parseColumn / metricColumnId), so the panel, the CLI and the exports name it alike.
import { ColumnError, parseColumn } from '../../src/core/runs/columns';
import { metricColumnId } from '../../src/core/runs/table-columns';
import { el } from '../shared/dom';

export interface HeaderMenuActions {
  /** Other metric columns of the table (for at(…)). */
  metricColumns: string[];
  setSummary(summary: string): void;
  sort(desc: boolean): void;
  move(delta: number): void;
  hide(): void;
}

let open: HTMLElement | undefined;

export function closeHeaderMenu(): void {
  open?.remove();
  open = undefined;
}

/** A column id with another summary; undefined when the id is no metric column. */
export function withSummary(id: string, summary: string): string | undefined {
  try {
    const c = parseColumn(id);
    if (c.kind !== 'metric') return undefined;
    const next = metricColumnId(c.key, c.context, summary);
    parseColumn(next); // validates the summary text
    return next;
  } catch (err) {
    if (err instanceof ColumnError) return undefined;
    throw err;
  }
}

function item(label: string, run: () => void, cls = 'menu-item'): HTMLButtonElement {
  const b = el('button', cls, label);
  b.type = 'button';
  b.addEventListener('click', (e) => {
    e.stopPropagation();
    closeHeaderMenu();
    run();
  });
  return b;
}

/** A summary that takes a number (mean_last:k, at_step:S): a small field and OK. */
function numbered(prefix: string, placeholder: string, act: HeaderMenuActions): HTMLElement {
  const row = el('div', 'menu-row');
  const input = el('input', 'menu-input');
  input.type = 'number';
  input.placeholder = placeholder;
  input.addEventListener('click', (e) => e.stopPropagation());
  const ok = item(`${prefix}…`, () => {
    if (input.value.trim()) act.setSummary(`${prefix}:${input.value.trim()}`);
  });
  input.addEventListener('keydown', (e) => {
    if (e.key === 'Enter') ok.click();
  });
  row.append(ok, input);
  return row;
}

export function openHeaderMenu(anchor: HTMLElement, columnId: string, act: HeaderMenuActions): void {
  closeHeaderMenu();
  const menu = el('div', 'header-menu');
  menu.dataset.column = columnId;
  const metric = withSummary(columnId, 'last') !== undefined;
  if (metric) {
    menu.append(el('div', 'menu-title', 'Summary'));
    for (const s of ['last', 'first', 'min', 'max', 'best']) menu.append(item(s, () => act.setSummary(s)));
    menu.append(numbered('mean_last', 'k', act), numbered('at_step', 'step', act));
    const others = act.metricColumns.filter((c) => c !== columnId);
    if (others.length) {
      menu.append(el('div', 'menu-title', 'at the step where … is attained'));
      for (const o of others.slice(0, 30)) menu.append(item(`at(${o})`, () => act.setSummary(`at(${o})`)));
    }
    menu.append(el('hr'));
  }
  menu.append(
    item('Sort ascending', () => act.sort(false)),
    item('Sort descending', () => act.sort(true)),
    item('Move left', () => act.move(-1)),
    item('Move right', () => act.move(1)),
    item('Hide column', () => act.hide()),
  );
  const r = anchor.getBoundingClientRect();
  menu.style.left = `${Math.max(0, Math.min(r.left, window.innerWidth - 260))}px`;
  menu.style.top = `${r.bottom + 2}px`;
  document.body.append(menu);
  open = menu;
}

document.addEventListener('click', (e) => {
  if (open && !open.contains(e.target as Node)) closeHeaderMenu();
});
document.addEventListener('keydown', (e) => {
  if (e.key === 'Escape') closeHeaderMenu();
});
