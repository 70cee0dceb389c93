// Curves panel (browser): receives previews from the host and draws the chart grid.
import { isCurvesViewState, isHostToCurves, type CurvesRun, type CurvesSeries, type CurvesViewState, type CurvesToHost } from '../../src/protocol/curves';
import { hostApi, onHostMessage } from '../shared/host-api';
import { onThemeChange, themeColors } from '../shared/theme';
import { destroyCharts, renderGrid } from './chart-grid';

const api = hostApi();
const post = (msg: CurvesToHost) => api.postMessage(msg);

const saved = api.getState();
let state: CurvesViewState = isCurvesViewState(saved) ? saved : { runKeys: [], hiddenRuns: [], logY: false, filter: '' };
let runs: CurvesRun[] = [];
let series: CurvesSeries[] = [];

const app = document.getElementById('app')!;
app.innerHTML = `
  <header class="toolbar">
    <input id="filter" type="search" placeholder="Filter metrics (e.g. loss, lang=de)" aria-label="Filter metrics">
    <label><input id="logy" type="checkbox"> Log y</label>
    <span id="status" class="status"></span>
  </header>
  <div id="legend" class="legend" role="list"></div>
  <main id="grid" class="grid"></main>`;
const filterInput = document.getElementById('filter') as HTMLInputElement;
const logInput = document.getElementById('logy') as HTMLInputElement;
const status = document.getElementById('status')!;
const legend = document.getElementById('legend')!;
const grid = document.getElementById('grid')!;
filterInput.value = state.filter;
logInput.checked = state.logY;

function saveState(): void {
  api.setState(state);
  post({ type: 'state', state });
}

function colorOf(): (runKey: string) => string {
  const palette = themeColors().palette;
  const index = new Map(runs.map((r, i) => [r.key, i]));
  return (key) => palette[(index.get(key) ?? 0) % palette.length];
}

function render(): void {
  const colors = themeColors();
  const color = colorOf();
  const hidden = new Set(state.hiddenRuns);
  // Built with DOM calls, not innerHTML, so colours go through CSSOM (inline style attributes break the CSP).
  legend.replaceChildren(
    ...runs.map((r) => {
      const item = document.createElement('button');
      item.setAttribute('role', 'listitem');
      item.className = `legend-item${hidden.has(r.key) ? ' hidden' : ''}`;
      item.dataset.key = r.key;
      item.title = `${r.experiment} · ${r.format}\n${r.key}`;
      const swatch = document.createElement('span');
      swatch.className = 'swatch';
      swatch.style.background = color(r.key);
      item.append(swatch, r.name);
      return item;
    }),
  );
  renderGrid(grid, { runs, series, hiddenRuns: hidden, logY: state.logY, filter: state.filter, colors, colorOf: color });
  status.textContent = `${runs.length} runs · ${new Set(series.map((s) => s.label)).size} metrics`;
}

legend.addEventListener('click', (e) => {
  const item = (e.target as HTMLElement).closest('.legend-item') as HTMLElement | null;
  if (!item?.dataset.key) return;
  const key = item.dataset.key;
  const hidden = new Set(state.hiddenRuns);
  if (hidden.has(key)) hidden.delete(key);
  else hidden.add(key);
  state = { ...state, hiddenRuns: [...hidden] };
  saveState();
  render();
});

filterInput.addEventListener('input', () => {
  state = { ...state, filter: filterInput.value };
  saveState();
  render();
});

logInput.addEventListener('change', () => {
  state = { ...state, logY: logInput.checked };
  saveState();
  render();
});

onThemeChange(render);

onHostMessage(isHostToCurves, (msg) => {
  switch (msg.type) {
    case 'loading':
      status.textContent = msg.message;
      return;
    case 'data':
      runs = msg.runs;
      series = msg.series;
      state = { ...msg.state, filter: state.filter || msg.state.filter };
      filterInput.value = state.filter;
      logInput.checked = state.logY;
      api.setState(state);
      render();
      return;
  }
});

window.addEventListener('unload', destroyCharts);
post({ type: 'ready' });
