// Series chips (metric names, and each metric's context keys with their values: f1 × lang ∈ {de,
// en, …}) and the legends of the colour and dash groupings. Clicking toggles; built with DOM
// calls so colours go through CSSOM (inline style attributes break the CSP).
import type { CatalogEntry, Legend } from '../../src/core/curves';
import { colourSlot, hiddenGroupId } from '../../src/core/curves';
import type { CurvesViewState } from '../../src/protocol/curves';
import { DASHES } from './format';

function chip(text: string, pressed: boolean, onClick: () => void, title?: string): HTMLButtonElement {
  const b = document.createElement('button');
  b.className = 'chip';
  b.textContent = text;
  b.setAttribute('aria-pressed', String(pressed));
  if (title) b.title = title;
  b.addEventListener('click', onClick);
  return b;
}

const toggle = (list: readonly string[], v: string) => (list.includes(v) ? list.filter((x) => x !== v) : [...list, v]);

export function renderChips(el: HTMLElement, catalog: CatalogEntry[], state: CurvesViewState, change: (p: Partial<CurvesViewState>) => void): void {
  const metrics = document.createElement('div');
  metrics.className = 'chip-row';
  const label = document.createElement('span');
  label.className = 'chip-label';
  label.textContent = 'Series';
  metrics.append(label, chip('all', state.metrics.length === 0, () => change({ metrics: [] }), 'Show every metric but the system ones (__system__…: pick those by their chips)'));
  for (const c of catalog) {
    metrics.append(chip(c.metric, state.metrics.includes(c.metric), () => change({ metrics: toggle(state.metrics, c.metric) }), `${c.series} series`));
  }
  const rows: HTMLElement[] = [metrics];
  const shown = catalog.filter((c) => c.contexts.length && (state.metrics.length === 0 || state.metrics.includes(c.metric)));
  for (const c of shown.slice(0, 12)) {
    for (const ctx of c.contexts) {
      const row = document.createElement('div');
      row.className = 'chip-row context';
      const head = document.createElement('span');
      head.className = 'chip-label';
      head.textContent = `${c.metric} × ${ctx.key} ∈`;
      row.append(head);
      for (const v of ctx.values) {
        const id = `${ctx.key}=${v}`;
        row.append(chip(v, !state.hiddenContexts.includes(id), () => change({ hiddenContexts: toggle(state.hiddenContexts, id) }), `${ctx.key}=${v}: click to show or hide`));
      }
      rows.push(row);
    }
  }
  const box = document.createElement('div');
  box.className = `chip-rows${chipsExpanded ? '' : ' collapsed'}`;
  box.append(...rows);
  const more = document.createElement('button');
  more.className = 'chip chips-toggle';
  more.addEventListener('click', () => {
    chipsExpanded = !chipsExpanded;
    box.classList.toggle('collapsed', !chipsExpanded);
    setToggleText();
  });
  const setToggleText = () => {
    more.textContent = chipsExpanded ? 'fewer' : `more… (${catalog.length} metrics)`;
    more.setAttribute('aria-expanded', String(chipsExpanded));
  };
  setToggleText();
  el.replaceChildren(box, more);
  // Offered only when the chips do not fit in their collapsed height (one measurement per render).
  more.hidden = !chipsExpanded && box.scrollHeight <= box.clientHeight + 1;
}

/** Whether the series chips show all their rows; with many metrics they take two lines until opened. */
let chipsExpanded = false;

function dashSwatch(dash: number[], color: string): SVGSVGElement {
  const ns = 'http://www.w3.org/2000/svg';
  const svg = document.createElementNS(ns, 'svg');
  svg.setAttribute('width', '24');
  svg.setAttribute('height', '6');
  svg.classList.add('dash-swatch');
  const line = document.createElementNS(ns, 'line');
  for (const [k, v] of [['x1', '0'], ['x2', '24'], ['y1', '3'], ['y2', '3'], ['stroke', color], ['stroke-width', '2'], ['stroke-dasharray', dash.join(' ') || 'none']]) line.setAttribute(k, v);
  svg.append(line);
  return svg;
}

export interface LegendOptions {
  palette: string[];
  foreground: string;
  state: CurvesViewState;
  change: (p: Partial<CurvesViewState>) => void;
}

/** One legend block per active grouping (colour, dash); a click hides or shows that group. */
export function renderLegends(el: HTMLElement, color: Legend, dash: Legend, o: LegendOptions): void {
  const blocks: HTMLElement[] = [];
  const hide = (legend: Legend, value: string) => {
    if (legend.dim === 'run') o.change({ hiddenRuns: toggle(o.state.hiddenRuns, value) });
    else o.change({ hiddenGroups: toggle(o.state.hiddenGroups, hiddenGroupId(legend.dim, value)) });
  };
  for (const [legend, kind] of [[color, 'colour'], [dash, 'dash']] as const) {
    if (legend.dim === 'none' || (kind === 'dash' && legend.entries.length === 0)) continue;
    const block = document.createElement('div');
    block.className = 'legend';
    block.setAttribute('role', 'list');
    block.dataset.kind = kind;
    if (legend.dim !== 'run' || kind === 'dash') {
      const title = document.createElement('span');
      title.className = 'legend-title';
      title.textContent = `${kind === 'colour' ? 'Colour' : 'Dash'} · ${legend.label}`;
      block.append(title);
    }
    for (const e of legend.entries) {
      const item = document.createElement('button');
      item.setAttribute('role', 'listitem');
      item.className = `legend-item${e.hidden ? ' hidden' : ''}`;
      item.dataset.value = e.value;
      item.title = `${legend.label}: ${e.label} — click to ${e.hidden ? 'show' : 'hide'}`;
      if (kind === 'colour') {
        const slot = colourSlot(e.index, o.palette.length, DASHES.length);
        // Past the palette the lines are dashed (without a dash grouping): the swatch shows it.
        if (slot.dash && o.state.dashBy === 'none') item.append(dashSwatch(DASHES[slot.dash], o.palette[slot.color]));
        else {
          const swatch = document.createElement('span');
          swatch.className = 'swatch';
          swatch.style.background = o.palette[slot.color];
          item.append(swatch);
        }
      } else item.append(dashSwatch(DASHES[e.index % DASHES.length], o.foreground));
      item.append(e.label);
      item.addEventListener('click', () => hide(legend, e.value));
      block.append(item);
    }
    blocks.push(block);
  }
  el.replaceChildren(...blocks);
}
