// The chart grid: one card per chart of the layout (title, notes, export buttons, canvas, zoom
// brush), drawn through buildPlot + drawChart; single charts redraw when their full-resolution
// data arrives or their zoom changes.
import type { ChartLayout, Layout } from '../../src/core/curves';
import type { CurvesSeries, ExportFormat } from '../../src/protocol/curves';
import type { ThemeColors } from '../shared/theme';
import { applyHighlight, drawChart, type ChartView } from './charts';
import { buildPlot, type PlotContext } from './plot';
import { model } from './state';
import { attachZoom, ensureFullRes, needsFull, type ZoomHandlers } from './zoom';

export const views = new Map<string, ChartView>();

export interface GridHandlers extends ZoomHandlers {
  exportChart: (view: ChartView, format: ExportFormat | 'csv-raw') => void;
  hover: (hoverId: string | undefined) => void;
  /** A single chart was redrawn (its full-resolution data arrived): what the grid draws changed. */
  redrawn: (stats: DrawStats) => void;
}

export interface DrawStats {
  charts: number;
  /** Lines drawn: one per series, or one centre line per group when aggregating. */
  lines: number;
  /** Series drawn (not hidden by the legend, chips or filter), as members of lines or groups. */
  seriesShown: number;
  aggregateMillis: number;
}

let current: { layout: Layout<CurvesSeries>; colors: ThemeColors; handlers: GridHandlers; size: { width: number; height: number } } | undefined;

/** The size of a chart box, measured once per layout (all cards share the grid column width). */
function boxSize(box: HTMLElement): { width: number; height: number } {
  return { width: Math.max(100, box.clientWidth), height: Math.max(80, box.clientHeight) };
}

let observed: HTMLElement | undefined;
const resizer = new ResizeObserver(() => {
  const first = views.values().next().value as ChartView | undefined;
  if (!current || !first) return;
  const size = boxSize(first.box);
  if (size.width === current.size.width && size.height === current.size.height) return;
  current.size = size;
  for (const v of views.values()) v.chart?.resize(size.width, size.height);
});

function contextFor(view: ChartView): PlotContext {
  const { layout, colors } = current!;
  return {
    state: model.state,
    runNames: layout.runNames,
    palette: colors.palette,
    colorIndex: new Map(layout.color.entries.map((e) => [e.value, e.index])),
    dashIndex: new Map(layout.dash.entries.map((e) => [e.value, e.index])),
    full: model.fullRes.get(view.id),
    needsFull: needsFull(model.state, view.id),
    width: current!.size.width,
  };
}

function card(layout: ChartLayout<CurvesSeries>, handlers: GridHandlers): ChartView {
  const el = document.createElement('section');
  el.className = 'chart-card';
  el.dataset.chart = layout.id;
  const header = document.createElement('header');
  const h = document.createElement('h3');
  h.textContent = layout.title;
  h.title = layout.title;
  const note = document.createElement('span');
  note.className = 'chart-note';
  const actions = document.createElement('span');
  actions.className = 'chart-actions';
  header.append(h, note, actions);
  const box = document.createElement('div');
  box.className = 'chart-box';
  box.append(document.createElement('canvas'));
  const brush = document.createElement('div');
  brush.className = 'zoom-brush';
  brush.hidden = true;
  box.append(brush);
  const readout = document.createElement('p');
  readout.className = 'chart-readout';
  readout.setAttribute('aria-live', 'polite');
  el.append(header, box, readout);
  const view: ChartView = { id: layout.id, layout, card: el, box, note, readout };
  const formats: Array<[ExportFormat | 'csv-raw', string, string]> = [
    ['png', 'PNG', 'Save this chart as a PNG image'],
    ['svg', 'SVG', 'Save this chart as an SVG vector image'],
    ['csv', 'CSV', 'Save the plotted data as CSV (aggregated when a line aggregate is on)'],
  ];
  if (model.state.centre !== 'none') formats.push(['csv-raw', 'CSV raw', 'Save the per-run curves behind the aggregate as CSV']);
  for (const [format, text, title] of formats) {
    const b = document.createElement('button');
    b.className = 'chart-action';
    b.dataset.export = format;
    b.textContent = text;
    b.title = title;
    b.addEventListener('click', () => handlers.exportChart(view, format));
    actions.append(b);
  }
  return view;
}

function draw(view: ChartView): void {
  const { colors, handlers, size } = current!;
  drawChart(view, buildPlot(view.layout, contextFor(view)), { state: model.state, colors, onHover: handlers.hover, size });
}

/** Rebuilds every card for a new layout and draws it; returns what was drawn. */
export function renderGrid(container: HTMLElement, layout: Layout<CurvesSeries>, colors: ThemeColors, handlers: GridHandlers): DrawStats {
  for (const v of views.values()) v.chart?.destroy();
  views.clear();
  current = { layout, colors, handlers, size: { width: 400, height: 220 } };
  container.textContent = '';
  if (observed !== container) {
    observed = container;
    resizer.observe(container);
  }
  if (!layout.charts.length) {
    const empty = document.createElement('p');
    empty.className = 'empty';
    empty.textContent = model.series.length ? 'No chart matches the series selection or filter.' : model.runs.length ? 'The selected runs have no metrics.' : 'No runs selected: tick runs in the Runs view, or type a run filter above.';
    container.append(empty);
    return { charts: 0, lines: 0, seriesShown: 0, aggregateMillis: 0 };
  }
  const created = layout.charts.map((c) => card(c, handlers));
  container.append(...created.map((v) => v.card));
  current.size = boxSize(created[0].box);
  for (const view of created) {
    views.set(view.id, view);
    draw(view);
    attachZoom(view, handlers);
    ensureFullRes(view, redrawChart);
  }
  // A highlight no line of the new layout answers to (a regroup replaced runs by groups, or the
  // run left) would leave every line faded until the mouse came back: drop it.
  if (model.highlight !== undefined && ![...views.values()].some((v) => v.spec?.lines.some((l) => l.hoverId === model.highlight))) model.highlight = undefined;
  if (model.highlight) applyHighlight(views.values(), model.highlight);
  return drawnStats();
}

/** Charts, data lines (runs or group centres) and the series they show, drawn now, over every card. */
function drawnStats(): DrawStats {
  let lines = 0;
  let seriesShown = 0;
  let aggregateMillis = 0;
  for (const v of views.values()) {
    lines += v.spec?.lines.filter((l) => l.role === 'line' || l.role === 'centre').length ?? 0;
    seriesShown += v.layout.members.filter((m) => !m.hidden).length;
    aggregateMillis += v.spec?.aggregateMillis ?? 0;
  }
  return { charts: views.size, lines, seriesShown, aggregateMillis };
}

/** Redraws one chart (its full-resolution data arrived, or its zoom changed). */
export function redrawChart(chartId: string): void {
  const view = views.get(chartId);
  if (!view || !current) return;
  draw(view);
  ensureFullRes(view, redrawChart);
  if (model.highlight) applyHighlight([view], model.highlight);
  // Charts on another x axis than step draw nothing until their re-read arrives: recount.
  current.handlers.redrawn(drawnStats());
}

export function destroyCharts(): void {
  for (const v of views.values()) v.chart?.destroy();
  views.clear();
}
