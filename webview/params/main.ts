// The Params panel's webview: parallel coordinates and scatter over the columns the host sends, drawn on one
// canvas. Drag on an axis to brush (several ranges per axis; click a category or a ∅ / NaN lane to toggle
// it; click inside a range to remove it); the brushed runs go to the host as the shared selection. Hover
// shows a run's values, a click highlights it in every panel. The view state is kept with setState (hide /
// show, reload) and sent to the host, which reads new columns when axes or colour/best-by change.
import { MISSING_LANE, NONFINITE_LANE, formatNumber } from '../../src/core/params/axis';
import { addRange, brushedMask, MISSING_CATEGORY, NONFINITE_CATEGORY, removeRangeAt, toggleCategory } from '../../src/core/params/brush';
import { DEFAULT_PARAMS_STATE, PARAMS_PROTOCOL, paramsViewState, type HostToParams, type ParamsToHost, type ParamsViewState } from '../../src/protocol/params';
import { el } from '../shared/dom';
import { hostApi, onHostMessage } from '../shared/host-api';
import { requestClient } from '../shared/requests';
import { onThemeChange, themeColors } from '../shared/theme';
import { moveAxisTo, renderAxisHeaders, renderImportance, renderToolbar, type ControlHooks } from './controls';
import { parallelSvg, plottedCsv, scatterSvg } from './export';
import { pngDataUrl } from '../shared/png-export';
import { axisAt, positionAt, titleAt, yOf, type Layout } from './layout';
import { brushAxes, buildView, dataOf, labelOf, refreshMask, type Data, type View } from './model';
import './params.css';
import { drawAddedRuns, drawParallel, runAt, type DrawInput } from './parcoords';
import { drawScatter, pointAt, rectPositions, type ScatterLayout } from './scatter';

const api = hostApi();
const post = (m: ParamsToHost) => api.postMessage(m);
const requests = requestClient<ParamsToHost, HostToParams>(post, PARAMS_PROTOCOL.requests);

let state: ParamsViewState = paramsViewState(api.getState()) ?? DEFAULT_PARAMS_STATE;
let data: Data | undefined;
let view: View | undefined;
let layout: Layout | undefined;
let scatter: ScatterLayout | undefined;
let status = 'Waiting for runs…';
let highlighted = -1;
let hovered = -1;
let external: Set<number> | undefined;
let externalKeys: string[] = [];
let highlightKey: string | null = null;
let drag: { axis: number; p0: number; p1: number } | { x0: number; y0: number; x1: number; y1: number } | { moveAxis: number; x: number } | undefined;

const app = document.getElementById('app') ?? document.body;
const toolbar = el('div', 'toolbar');
const stage = el('div', 'stage');
const heads = el('div', 'axis-heads');
const canvas = el('canvas', 'plot');
const tooltip = el('div', 'tooltip');
// the range being dragged: an element over the canvas, so a frame need not redraw the lines under it
const dragBox = el('div', 'drag-box');
dragBox.hidden = true;
// where a dragged axis title would land
const axisDrop = el('div', 'axis-drop');
axisDrop.hidden = true;
tooltip.hidden = true;
const legend = el('div', 'legend');
const side = el('div', 'side');
const importance = el('div');
side.append(importance);
stage.append(heads, canvas, dragBox, axisDrop, tooltip);
app.append(toolbar, legend, stage, side);

const hooks: ControlHooks = {
  state: () => state,
  data: () => data,
  update,
  exportAs: (format) => void exportAs(format),
  brushedKeys: () => (data && view?.anyBrush ? data.runs.flatMap((r, i) => (view!.mask[i] ? [r.key] : [])) : []),
  revealInRuns: (keys) => post({ type: 'revealInRuns', keys }),
};

function size(): [number, number] {
  const width = Math.max(480, app.clientWidth - 4);
  const height = Math.max(320, Math.min(640, window.innerHeight - toolbar.offsetHeight - 150));
  return [width, height];
}

function indexOfKey(key: string | null): number {
  return key && data ? data.runs.findIndex((r) => r.key === key) : -1;
}

function syncExternal(): void {
  if (!data || !externalKeys.length) {
    external = undefined;
    return;
  }
  const wanted = new Set(externalKeys);
  external = new Set(data.runs.flatMap((r, i) => (wanted.has(r.key) ? [i] : [])));
}

function drawInput(colors = themeColors()): DrawInput {
  return { view: view!, brushes: state.brushes, groupMode: state.groupMode, external, highlighted, hovered, colors };
}

/** Redraws the canvas only (brushing, hover): no DOM rebuilt. */
function draw(): number {
  if (!data || !view) return 0;
  const started = performance.now();
  const [w, h] = size();
  const colors = themeColors();
  if (state.mode === 'scatter') {
    const d = drag && 'x0' in drag ? ([drag.x0, drag.y0, drag.x1, drag.y1] as [number, number, number, number]) : undefined;
    scatter = drawScatter(canvas, w, h, data, state, view, colors, highlighted, hovered, d);
    layout = undefined;
  } else {
    layout = drawParallel(canvas, w, h, drawInput(colors));
    scatter = undefined;
  }
  return performance.now() - started;
}

function renderLegend(): void {
  legend.replaceChildren();
  const c = view?.colourLegend;
  if (!c) return;
  legend.append(el('span', 'legend-title', `colour: ${c.label}`));
  if ('categories' in c) {
    for (const [label, colour] of c.categories) {
      const item = el('span', 'legend-item');
      const sw = el('span', 'swatch');
      sw.style.background = colour;
      item.append(sw, document.createTextNode(label));
      legend.append(item);
    }
  } else {
    const bar = el('span', 'legend-bar');
    bar.style.background = `linear-gradient(to right, ${c.low}, ${c.high})`;
    legend.append(el('span', undefined, c.reversed ? ' worst' : ' low'), bar, el('span', undefined, c.reversed ? 'best (lower is better)' : 'high'));
  }
}

/** Full render: the derived view, toolbar, headers, canvas; reports the time to the host. */
function render(): void {
  if (!data) {
    renderToolbar(toolbar, hooks, status);
    return;
  }
  const started = performance.now();
  view = buildView(data, state);
  syncExternal();
  highlighted = indexOfKey(highlightKey);
  renderToolbar(toolbar, hooks, status);
  renderLegend();
  draw();
  if (layout && state.mode === 'parallel') renderAxisHeaders(heads, layout, view, hooks);
  else heads.replaceChildren();
  renderImportance(importance, data);
  const millis = performance.now() - started;
  // what the workbench tests wait on (the Curves panel reports the same way)
  document.body.dataset.rendered = JSON.stringify({ runs: data.runs.length, axes: view.axes.length, mode: state.mode, millis, brushed: brushedCount() });
  post({ type: 'rendered', runs: data.runs.length, axes: view.axes.length, millis, mode: state.mode });
}

function persist(): void {
  api.setState(state);
  post({ type: 'state', state });
}

function update(patch: Partial<ParamsViewState>): void {
  state = { ...state, ...patch };
  persist();
  if ('brushes' in patch) sendBrushed();
  render();
}

function brushedCount(): number {
  return view && view.anyBrush ? view.mask.reduce((a, m) => a + m, 0) : 0;
}

function sendBrushed(): void {
  if (!data || !view) return;
  refreshMask(view, data, state);
  const keys = hooks.brushedKeys();
  post({ type: 'brushed', keys });
  document.body.dataset.brushed = String(keys.length);
}

function setBrushes(brushes: ParamsViewState['brushes']): void {
  state = { ...state, brushes };
  persist();
  sendBrushed();
  draw();
  renderToolbar(toolbar, hooks, status);
}

// ---- pointer: brushing, hover, click ----
function local(e: MouseEvent): [number, number] {
  const r = canvas.getBoundingClientRect();
  return [e.clientX - r.left, e.clientY - r.top];
}

canvas.addEventListener('mousedown', (e) => {
  if (!data || !view) return;
  const [x, y] = local(e);
  if (scatter) {
    drag = { x0: x, y0: y, x1: x, y1: y };
    return;
  }
  if (!layout) return;
  const title = titleAt(layout, x, y);
  if (title >= 0) {
    drag = { moveAxis: title, x };
    e.preventDefault();
    return;
  }
  const k = axisAt(layout, x);
  if (k < 0 || y < layout.top - 6) return;
  const axis = view.axes[k];
  // the lanes: click toggles them like categories
  for (const [lane, name] of [
    [MISSING_LANE, MISSING_CATEGORY],
    [NONFINITE_LANE, NONFINITE_CATEGORY],
  ] as Array<[number, string]>) {
    if (Math.abs(y - yOf(layout, lane)) <= 7) {
      setBrushes(toggleCategory(state.brushes, axis.id, name));
      return;
    }
  }
  if (y > layout.bottom + 6) return;
  const p = positionAt(layout, y);
  drag = { axis: k, p0: p, p1: p };
  e.preventDefault();
});

window.addEventListener('mousemove', (e) => {
  if (!data || !view) return;
  const [x, y] = local(e);
  if (drag && 'axis' in drag && layout) {
    drag.p1 = positionAt(layout, y);
    brushFrame(drag.axis, drag.p0, drag.p1);
    return;
  }
  if (drag && 'moveAxis' in drag && layout) {
    drag.x = x;
    const to = axisAt(layout, x, Infinity);
    axisDrop.hidden = false;
    axisDrop.style.left = `${layout.axisX[to] + (to > drag.moveAxis ? 4 : to < drag.moveAxis ? -6 : -1)}px`;
    axisDrop.style.top = `${canvas.offsetTop + layout.top - 36}px`;
    axisDrop.style.height = `${layout.bottom - layout.top + 36}px`;
    return;
  }
  if (drag && 'x0' in drag) {
    drag.x1 = x;
    drag.y1 = y;
    draw();
    return;
  }
  if (e.target !== canvas) return;
  const cursor = layout && titleAt(layout, x, y) >= 0 ? 'grab' : '';
  if (canvas.style.cursor !== cursor) canvas.style.cursor = cursor;
  const i = scatter ? pointAt(scatter, x, y) : layout ? runAt(layout, view, x, y) : -1;
  if (i !== hovered) {
    hovered = i;
    draw();
  }
  showTooltip(i, x, y);
});

/**
 * One frame of a drag on an axis: the runs inside the brush as it would be now are emphasised at once; when
 * the range only grew, only the runs it gained are drawn (drawAddedRuns), else the whole canvas.
 */
function brushFrame(k: number, p0: number, p1: number): void {
  if (!data || !view || !layout) return;
  const [lo, hi] = [Math.min(p0, p1), Math.max(p0, p1)];
  const x = layout.axisX[k];
  dragBox.hidden = false;
  dragBox.style.left = `${x - 7}px`;
  dragBox.style.top = `${canvas.offsetTop + yOf(layout, hi)}px`;
  dragBox.style.height = `${(hi - lo) * (layout.bottom - layout.top)}px`;
  const preview = addRange(state.brushes, view.axes[k].id, [lo, hi]);
  const before = view.mask;
  const wasBrushed = view.anyBrush;
  const mask = brushedMask(brushAxes(data, state, view.axes), preview, data.runs.length);
  const added: number[] = [];
  let grew = wasBrushed && !state.groupMode && !external;
  for (let i = 0; i < mask.length && grew; i++) {
    if (before[i] && !mask[i]) grew = false;
    else if (!before[i] && mask[i]) added.push(i);
  }
  view.mask = mask;
  view.anyBrush = true;
  const [w, h] = size();
  if (grew) drawAddedRuns(canvas, w, h, drawInput(), added);
  else draw();
}

window.addEventListener('mouseup', (e) => {
  if (!drag || !data || !view) return;
  const d = drag;
  drag = undefined;
  dragBox.hidden = true;
  if ('moveAxis' in d) {
    axisDrop.hidden = true;
    if (!layout) return;
    const to = axisAt(layout, d.x, Infinity);
    if (to !== d.moveAxis && to >= 0) update({ axes: moveAxisTo(state.axes, view.axes[d.moveAxis].id, view.axes[to].id) });
    return;
  }
  if ('axis' in d && layout) {
    const axis = view.axes[d.axis];
    const [lo, hi] = [Math.min(d.p0, d.p1), Math.max(d.p0, d.p1)];
    const pixels = (hi - lo) * (layout.bottom - layout.top);
    if (pixels >= 4) setBrushes(addRange(state.brushes, axis.id, [lo, hi]));
    else if (axis.scale === 'categorical' && axis.categories.length) {
      const n = axis.categories.length;
      const raw = axis.flip ? 1 - d.p0 : d.p0;
      const c = axis.categories[Math.round(raw * (n - 1))];
      setBrushes(toggleCategory(state.brushes, axis.id, c));
    } else setBrushes(removeRangeAt(state.brushes, axis.id, d.p0));
    return;
  }
  if ('x0' in d && scatter) {
    const [x, y] = local(e);
    if (Math.abs(x - d.x0) + Math.abs(y - d.y0) < 5) {
      clickRun(pointAt(scatter, x, y));
      draw();
      return;
    }
    const r = rectPositions(scatter, d.x0, d.y0, d.x1, d.y1);
    let brushes = addRange(state.brushes, state.scatterX, r.x);
    brushes = addRange(brushes, state.scatterY, r.y);
    setBrushes(brushes);
  }
});

canvas.addEventListener('click', (e) => {
  if (!layout || !view || scatter) return;
  const [x, y] = local(e);
  if (axisAt(layout, x) >= 0 || titleAt(layout, x, y) >= 0) return;
  clickRun(runAt(layout, view, x, y));
  draw();
});

canvas.addEventListener('mouseleave', () => {
  tooltip.hidden = true;
  if (hovered >= 0) {
    hovered = -1;
    draw();
  }
});

function clickRun(i: number): void {
  if (!data) return;
  const key = i >= 0 && i !== highlighted ? data.runs[i].key : null;
  highlightKey = key;
  highlighted = indexOfKey(key);
  post({ type: 'highlight', key });
}

function cellText(id: string, i: number): string {
  const v = data!.cells.get(id)?.[i];
  if (v === null || v === undefined) return '∅';
  return typeof v === 'number' ? formatNumber(v) : v;
}

function showTooltip(i: number, x: number, y: number): void {
  if (i < 0 || !data || !view) {
    tooltip.hidden = true;
    return;
  }
  const run = data.runs[i];
  const ids = state.mode === 'scatter' ? [state.scatterX, state.scatterY] : view.axes.map((a) => a.id);
  const lines = [run.name, run.group ? `group: ${run.group}` : '', ...ids.map((id) => `${labelOf(data!, id)} = ${cellText(id, i)}`)].filter(Boolean);
  tooltip.textContent = lines.join('\n');
  tooltip.hidden = false;
  tooltip.style.left = `${Math.max(0, Math.min(x + 14, canvas.clientWidth - 440))}px`;
  tooltip.style.top = `${y + 14}px`;
}

async function exportAs(format: 'png' | 'svg' | 'csv'): Promise<void> {
  if (!data || !view) return;
  const colors = themeColors();
  const [w, h] = size();
  let payload: string;
  if (format === 'png') payload = pngDataUrl(canvas, colors);
  else if (format === 'csv') payload = plottedCsv(data, state, view);
  else if (state.mode === 'scatter' && scatter) payload = scatterSvg(w, h, scatter, view, colors, labelOf(data, state.scatterX), labelOf(data, state.scatterY));
  else payload = parallelSvg(w, h, view, colors, state.groupMode);
  const reply = await requests.request((id) => ({ type: 'export', id, format, name: state.mode === 'scatter' ? `params-scatter` : 'params', data: payload }));
  status = reply.type === 'exported' ? (reply.path ? `Saved ${reply.path}` : 'Export cancelled') : `Export failed: ${(reply as { message?: string }).message ?? ''}`;
  renderToolbar(toolbar, hooks, status);
}

onHostMessage(PARAMS_PROTOCOL.toWebview.is, (msg) => {
  if (requests.settle(msg)) return;
  switch (msg.type) {
    case 'loading':
      status = msg.message;
      renderToolbar(toolbar, hooks, status);
      return;
    case 'data':
      data = dataOf(msg);
      if (msg.adopt) {
        state = msg.state;
        api.setState(state);
      }
      status = `${data.runs.length} runs${msg.totalRuns > data.runs.length ? ` of ${msg.totalRuns}` : ''}`;
      render();
      return;
    case 'selection':
      externalKeys = msg.keys;
      syncExternal();
      draw();
      return;
    case 'highlight':
      highlightKey = msg.key;
      highlighted = indexOfKey(msg.key);
      draw();
      return;
    default:
      return;
  }
});

window.addEventListener('resize', () => render());
onThemeChange(() => draw());
window.addEventListener('error', (e) => post({ type: 'error', message: String(e.message) }));
render();
post({ type: 'ready' });
