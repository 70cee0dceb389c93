// Drag to zoom (x range), Shift+drag to pan, double-click to reset; and the full-resolution
// requests a chart needs: when zoomed, or on any x axis but step (the index previews are against
// step). The host re-reads the series and buckets them per pixel column of the plot area.
import type { CurvesViewState } from '../../src/protocol/curves';
import type { ChartView } from './charts';
import { request } from './requests';
import { model, refId } from './state';

/** Whether a chart must draw re-read data rather than the index previews. */
export function needsFull(state: CurvesViewState, chartId: string): boolean {
  return state.xAxis !== 'step' || state.zoom[chartId] !== undefined;
}

function plotColumns(view: ChartView): number {
  const w = view.chart?.chartArea ? view.chart.chartArea.right - view.chart.chartArea.left : view.box.clientWidth - 50;
  return Math.max(16, Math.min(4096, Math.round(w * (window.devicePixelRatio || 1))));
}

/**
 * Asks the host for the chart's series at full resolution unless the data it holds (or is
 * loading) was asked for the same axis, range and width. `onLoaded` redraws the chart.
 */
export function ensureFullRes(view: ChartView, onLoaded: (chartId: string) => void): void {
  const { state } = model;
  if (!needsFull(state, view.id)) return;
  const refs = view.layout.members.map((m) => ({ runKey: m.series.runKey, key: m.series.key, context: m.series.context }));
  const zoom = state.zoom[view.id];
  const buckets = plotColumns(view);
  const want = JSON.stringify([state.xAxis, state.logX, zoom ?? null, refs.map(refId).sort()]);
  const have = model.fullRes.get(view.id);
  // A wider chart than asked for: re-ask only when it grew noticeably, not for a pixel.
  if (have && have.want === want && (have.status === 'loading' || have.buckets >= buckets * 0.8)) return;
  const entry = { want, status: 'loading' as const, series: have?.want === want ? have.series : new Map(), errors: [] as string[], buckets };
  model.fullRes.set(view.id, entry);
  void request((id) => ({ type: 'fetch', id, xAxis: state.xAxis, refs, ...(zoom ? { xMin: zoom[0], xMax: zoom[1] } : {}), buckets, logX: state.logX })).then((reply) => {
    // A newer request for this chart replaced this one: its answer is stale.
    if (model.fullRes.get(view.id) !== entry) return;
    const done = { want, status: 'done' as const, series: new Map(), errors: [] as string[], buckets };
    if (reply.type === 'fetchResult') {
      for (const s of reply.series) done.series.set(refId(s), s);
      done.errors = reply.errors;
    } else if (reply.type === 'requestError') done.errors = [reply.message];
    model.fullRes.set(view.id, done);
    onLoaded(view.id);
  });
}

export interface ZoomHandlers {
  onZoom: (chartId: string, range: [number, number]) => void;
  onReset: (chartId: string) => void;
}

/** Wires the mouse gestures of one chart card. */
export function attachZoom(view: ChartView, handlers: ZoomHandlers): void {
  const brush = view.box.querySelector('.zoom-brush') as HTMLElement;
  const canvas = view.box.querySelector('canvas')!;
  let start: { x: number; shift: boolean } | undefined;
  const localX = (e: MouseEvent) => e.clientX - canvas.getBoundingClientRect().left;
  const area = () => view.chart?.chartArea;

  canvas.addEventListener('mousedown', (e) => {
    const a = area();
    if (e.button !== 0 || !a) return;
    const x = localX(e);
    if (x < a.left || x > a.right) return;
    start = { x, shift: e.shiftKey };
    e.preventDefault();
  });
  window.addEventListener('mousemove', (e) => {
    const a = area();
    if (!start || start.shift || !a) return;
    const x = Math.min(a.right, Math.max(a.left, localX(e)));
    brush.hidden = false;
    // CSSOM, not a style attribute: the CSP forbids inline styles.
    brush.style.left = `${Math.min(start.x, x)}px`;
    brush.style.width = `${Math.abs(x - start.x)}px`;
    brush.style.top = `${a.top}px`;
    brush.style.height = `${a.bottom - a.top}px`;
  });
  window.addEventListener('mouseup', (e) => {
    if (!start) return;
    const s = start;
    start = undefined;
    brush.hidden = true;
    const a = area();
    const scale = view.chart?.scales.x;
    if (!a || !scale) return;
    const x = Math.min(a.right, Math.max(a.left, localX(e)));
    if (Math.abs(x - s.x) < 5) return;
    if (s.shift) {
      // Pan: move the visible range by the drag distance (in log space on a log axis, as drawn).
      const dx = s.x - x;
      handlers.onZoom(view.id, [scale.getValueForPixel(a.left + dx)!, scale.getValueForPixel(a.right + dx)!]);
    } else {
      const lo = scale.getValueForPixel(Math.min(s.x, x))!;
      const hi = scale.getValueForPixel(Math.max(s.x, x))!;
      if (Number.isFinite(lo) && Number.isFinite(hi) && hi > lo) handlers.onZoom(view.id, [lo, hi]);
    }
  });
  canvas.addEventListener('dblclick', () => handlers.onReset(view.id));
}
