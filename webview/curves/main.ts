// Curves panel (browser): receives previews from the host, lays them out into charts and groups,
// draws them, and asks the host for full resolution (zoom, other x axes) and for saving exports.
import { groupingDimensions, layoutCharts, viewOf, type Layout } from '../../src/core/curves';
// The parser alone: the query index also brings the evaluator, whose objective inference would bundle a Python parser.
import { parseQuery } from '../../src/core/query/parser';
import { isHostToCurves, viewState, type CurvesSeries, type CurvesViewState } from '../../src/protocol/curves';
import { onHostMessage } from '../shared/host-api';
import { onThemeChange, themeColors } from '../shared/theme';
import { applyHighlight } from './charts';
import { buildToolbar, showQueryError, syncControls } from './controls';
import { exportChart } from './export';
import { destroyCharts, redrawChart, renderGrid, views } from './grid';
import { renderChips, renderLegends } from './legends';
import { renderMarkerChip } from './marker';
import { settle } from './requests';
import { adoptState, dropZoomOfOtherRuns, model, post, updateState } from './state';

const app = document.getElementById('app')!;
buildToolbar(app, { change, saveView: () => post({ type: 'saveView', state: model.state }) });
const status = document.getElementById('status')!;
const grid = document.getElementById('grid')!;
const chips = document.getElementById('chips')!;
const legends = document.getElementById('legends')!;
const markerChip = document.getElementById('marker-chip')!;

/**
 * Fields whose change needs no new layout: zoom redraws only the affected chart; the query is
 * answered by the host with new data (debounced), so redrawing the old runs on every keystroke
 * (half a second each with many charts) bought nothing.
 */
const NO_LAYOUT: Array<keyof CurvesViewState> = ['zoom', 'query'];

function change(patch: Partial<CurvesViewState>): void {
  if ('xAxis' in patch || 'logX' in patch) {
    // Zoom ranges are in the old axis' units, and full-resolution data was bucketed for it.
    patch = { ...patch, zoom: {} };
    model.fullRes.clear();
  }
  if ('query' in patch) {
    // Parse here too, so a typo is marked as it is typed; the host filters the runs.
    const parsed = parseQuery(patch.query ?? '');
    model.queryError = parsed.ok ? undefined : { message: parsed.error.message, start: parsed.error.start, end: parsed.error.end };
    showQueryError(model.queryError, patch.query ?? '');
  }
  updateState(patch);
  if (Object.keys(patch).every((k) => NO_LAYOUT.includes(k as keyof CurvesViewState))) return;
  render();
}

function layoutNow(): Layout<CurvesSeries> {
  const s = model.state;
  return layoutCharts(model.runs, model.series, {
    split: s.split,
    facetBy: s.facetBy,
    colorBy: s.colorBy,
    dashBy: s.dashBy,
    metrics: s.metrics,
    hiddenContexts: s.hiddenContexts,
    filter: s.filter,
    hiddenRuns: s.hiddenRuns,
    hiddenGroups: s.hiddenGroups,
  });
}

const count = (n: number, what: string) => `${n} ${what}${n === 1 ? '' : 's'}`;

function describe(charts: number, lines: number, millis: number): string {
  const parts = [count(model.runs.length, 'run'), count(charts, 'chart'), count(lines, 'line')];
  if (model.state.query.trim() && model.totalRuns !== undefined) parts[0] = `${model.runs.length} of ${count(model.totalRuns, 'run')} match`;
  if (model.series.length < model.seriesTotal) parts.push(`loading ${model.series.length} of ${model.seriesTotal} series…`);
  parts.push(`${millis.toFixed(0)} ms`);
  return parts.join(' · ');
}

function render(): void {
  const started = performance.now();
  dropZoomOfOtherRuns();
  const colors = themeColors();
  const layout = layoutNow();
  syncControls(model.state, {
    dimensions: groupingDimensions(model.runs, model.series.map((s) => viewOf(s, layout.splits))),
    xMetrics: [...new Set(model.series.map((s) => s.key))].sort(),
  });
  showQueryError(model.queryError, model.state.query);
  renderChips(chips, layout.catalog, model.state, change);
  renderMarkerChip(markerChip, model.state, () => change({ marker: null }));
  renderLegends(legends, layout.color, layout.dash, { palette: colors.palette, foreground: colors.foreground, state: model.state, change });
  let millis = 0;
  const stats = renderGrid(grid, layout, colors, {
    onZoom: (id, range) => {
      change({ zoom: { ...model.state.zoom, [id]: range } });
      redrawChart(id);
    },
    onReset: (id) => {
      const zoom = { ...model.state.zoom };
      delete zoom[id];
      model.fullRes.delete(id);
      change({ zoom });
      redrawChart(id);
    },
    exportChart: (view, format) => {
      status.textContent = 'Exporting…';
      void exportChart(view, format, colors).then((text) => (status.textContent = text));
    },
    hover: (id) => {
      if (id === model.highlight) return;
      model.highlight = id;
      applyHighlight(views.values(), id);
    },
    redrawn: (now) => (status.textContent = describe(now.charts, now.lines, millis)),
  });
  millis = performance.now() - started;
  status.textContent = describe(stats.charts, stats.lines, millis);
  // Complete once a data set has arrived whole (not the empty panel before the first data).
  const complete = model.dataId >= 0 && model.series.length >= model.seriesTotal;
  const report = { charts: stats.charts, lines: stats.lines, seriesShown: stats.seriesShown, millis, aggregateMillis: stats.aggregateMillis, series: model.series.length, seriesTotal: model.seriesTotal, complete };
  // What was drawn, readable by tests in the real workbench (they cannot see the host's log).
  document.body.dataset.rendered = JSON.stringify({ ...report, runs: model.runs.length, dataId: model.dataId, renderedAt: performance.timeOrigin + performance.now() });
  post({ type: 'rendered', ...report });
}

/**
 * A data set arrives as a burst of chunks. Every full draw costs time proportional to what is drawn,
 * so drawing at each chunk would draw the first chunks again and again: draw once the set is
 * complete, and draw what has arrived only when the rest is slow to come (a remote window).
 */
const PARTIAL_DRAW_AFTER_MS = 800;
let frame: number | undefined;
let partialTimer: ReturnType<typeof setTimeout> | undefined;
function renderSoon(): void {
  clearTimeout(partialTimer);
  if (model.series.length < model.seriesTotal) {
    status.textContent = `loading ${model.series.length} of ${model.seriesTotal} series…`;
    partialTimer = setTimeout(() => render(), PARTIAL_DRAW_AFTER_MS);
    return;
  }
  if (frame !== undefined) return;
  frame = requestAnimationFrame(() => {
    frame = undefined;
    render();
  });
}

grid.addEventListener('mouseleave', () => {
  if (model.highlight === undefined) return;
  model.highlight = undefined;
  applyHighlight(views.values(), undefined);
});

onThemeChange(render);

onHostMessage(isHostToCurves, (msg) => {
  // Replies to requests (fetch, export) go to the request that waits for them.
  if (settle(msg)) return;
  switch (msg.type) {
    case 'loading':
      status.textContent = msg.message;
      return;
    case 'data':
      model.runs = msg.runs;
      model.series = msg.series;
      model.dataId = msg.dataId;
      model.seriesTotal = msg.seriesTotal;
      model.queryError = msg.queryError;
      model.totalRuns = msg.totalRuns;
      // New previews: re-read data may describe older points, drop it (charts re-ask).
      model.fullRes.clear();
      // The guard accepted the state; viewState fills fields an older host left out.
      if (msg.adopt === 'selection') {
        const { runKeys, query, hiddenRuns } = msg.state;
        adoptState({ ...model.state, runKeys, query, hiddenRuns });
      } else if (msg.adopt !== false) adoptState(viewState(msg.state) ?? model.state);
      renderSoon();
      return;
    case 'seriesChunk':
      // A chunk of an older data set (the selection changed meanwhile) is stale.
      if (msg.dataId !== model.dataId) return;
      model.series = model.series.concat(msg.series);
      renderSoon();
      return;
  }
});

window.addEventListener('unload', destroyCharts);
post({ type: 'ready' });
