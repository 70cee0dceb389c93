// Parallel coordinates on one canvas: axes with ticks, the ∅ and NaN/∞ lanes with their counts, a line per
// run (batched into one path per colour so 1,000 runs × 12 axes draw in a few strokes), runs outside the
// brush in faint grey, group lines with their min–max bands, the highlighted and hovered runs, and the best
// run bold on top with its rank at every other axis.
import { axisTicks } from '../../src/core/params/axis';
import { MISSING_CATEGORY, NONFINITE_CATEGORY, type Brushes } from '../../src/core/params/brush';
import { rankLabel } from '../../src/core/params/best';
import type { ThemeColors } from '../shared/theme';
import { layoutOf, yOf, type Layout, LANE_GAP } from './layout';
import { lineGeometry, subsetPaths, traceInto } from './line-paths';
import { BEST_COLOUR, type View } from './model';

export interface DrawInput {
  view: View;
  brushes: Brushes;
  groupMode: boolean;
  /** Run indices chosen in another panel (emphasised when there is no own brush), or undefined. */
  external?: Set<number>;
  highlighted: number;
  hovered: number;
  colors: ThemeColors;
}

function traceGroup(ctx: CanvasRenderingContext2D, l: Layout, positions: Float32Array): void {
  for (let k = 0; k < positions.length; k++) {
    const y = yOf(l, positions[k]);
    if (k === 0) ctx.moveTo(l.axisX[k], y);
    else ctx.lineTo(l.axisX[k], y);
  }
}

function drawAxes(ctx: CanvasRenderingContext2D, l: Layout, d: DrawInput): void {
  const { view, colors } = d;
  ctx.font = '11px sans-serif';
  ctx.lineWidth = 1;
  view.axes.forEach((axis, k) => {
    const x = l.axisX[k];
    ctx.strokeStyle = colors.muted;
    ctx.beginPath();
    ctx.moveTo(x, l.top);
    ctx.lineTo(x, l.bottom);
    ctx.stroke();
    ctx.fillStyle = colors.foreground;
    ctx.textAlign = 'center';
    ctx.font = 'bold 11px sans-serif';
    const title = view.labels[k] + (axis.scale === 'log' ? ' (log)' : '') + (axis.flip ? ' ↓' : '');
    ctx.fillText(title.length > 28 ? `${title.slice(0, 27)}…` : title, x, l.top - 22);
    ctx.font = '11px sans-serif';
    ctx.textAlign = 'right';
    ctx.fillStyle = colors.muted;
    const ticks = axisTicks(axis);
    const every = Math.max(1, Math.ceil(ticks.length / Math.max(2, Math.floor((l.bottom - l.top) / 14))));
    ticks.forEach((t, i) => {
      if (i % every) return;
      const y = yOf(l, t.position);
      ctx.beginPath();
      ctx.moveTo(x - 3, y);
      ctx.lineTo(x, y);
      ctx.stroke();
      ctx.fillText(t.label.length > 14 ? `${t.label.slice(0, 13)}…` : t.label, x - 5, y + 3);
    });
    // lanes: ∅ (missing) and NaN/∞, with counts, only when some run is there
    const lanes: Array<[number, string, number]> = [
      [l.bottom + LANE_GAP, MISSING_CATEGORY, axis.missing],
      [l.bottom + 2 * LANE_GAP, NONFINITE_CATEGORY, axis.nonFinite.nan + axis.nonFinite.posInf + axis.nonFinite.negInf],
    ];
    for (const [y, name, count] of lanes) {
      if (!count) continue;
      ctx.fillStyle = colors.muted;
      ctx.fillRect(x - 4, y - 4, 8, 8);
      ctx.textAlign = 'left';
      ctx.fillText(`${name} ${count}`, x + 7, y + 4);
    }
  });
}

function drawBrushes(ctx: CanvasRenderingContext2D, l: Layout, d: DrawInput): void {
  ctx.fillStyle = 'rgba(120,170,255,0.28)';
  ctx.strokeStyle = 'rgba(120,170,255,0.9)';
  d.view.axes.forEach((axis, k) => {
    const b = d.brushes[axis.id];
    for (const [lo, hi] of b?.ranges ?? []) {
      const y0 = yOf(l, hi);
      const y1 = yOf(l, lo);
      ctx.fillRect(l.axisX[k] - 7, y0 - 2, 14, y1 - y0 + 4);
      ctx.strokeRect(l.axisX[k] - 7, y0 - 2, 14, y1 - y0 + 4);
    }
    // a ticked ∅ or NaN/∞ lane
    for (const [name, y] of [
      [MISSING_CATEGORY, l.bottom + LANE_GAP],
      [NONFINITE_CATEGORY, l.bottom + 2 * LANE_GAP],
    ] as Array<[string, number]>) {
      if (b?.categories.includes(name)) ctx.fillRect(l.axisX[k] - 7, y - 7, 14, 14);
    }
    if (axis.scale === 'categorical' && b?.categories.length) {
      axis.categories.forEach((c, i) => {
        if (!b.categories.includes(c)) return;
        const p = axis.categories.length > 1 ? i / (axis.categories.length - 1) : 0.5;
        const y = yOf(l, axis.flip ? 1 - p : p);
        ctx.fillRect(l.axisX[k] - 7, y - 6, 14, 12);
      });
    }
  });
}

/** The rank label of the best run at each axis, on a background so lines do not hide it. */
function drawRanks(ctx: CanvasRenderingContext2D, l: Layout, d: DrawInput, positions: ArrayLike<number>): void {
  const best = d.view.best!;
  ctx.font = 'bold 11px sans-serif';
  ctx.textAlign = 'left';
  best.ranks.forEach((r, k) => {
    if (!r) return;
    const text = rankLabel(r, d.view.labels[k]);
    const short = `rank ${r.rank} of ${r.of}`;
    const label = ctx.measureText(text).width < 150 ? text : short;
    const x = l.axisX[k] + 8;
    const y = yOf(l, positions[k]) - 6;
    const w = ctx.measureText(label).width + 6;
    ctx.fillStyle = d.colors.background;
    ctx.globalAlpha = 0.85;
    ctx.fillRect(x - 3, y - 11, w, 15);
    ctx.globalAlpha = 1;
    ctx.fillStyle = BEST_COLOUR;
    ctx.fillText(label, x, y);
  });
}

/**
 * The layer that does not change while brushing: axes, ticks, lanes and every run's line in faint grey. It is
 * drawn once per view (new data, axes, colours, size or theme) into an offscreen canvas; a brushing frame then
 * copies it and strokes only the runs inside the brush. A view nobody brushes never needs it: the first paint
 * draws the axes straight onto the plot and builds this layer when the page is idle (prepareStaticLayer).
 */
let cache: { view: View; key: string; canvas: HTMLCanvasElement } | undefined;
/** A faint layer being built in slices of FAINT_SLICE lines (prepareStaticLayer), and how far it got. */
let building: { view: View; key: string; canvas: HTMLCanvasElement; l: Layout; next: number } | undefined;
const FAINT_SLICE = 600;

const staticKey = (width: number, height: number, dpr: number, d: DrawInput) => `${width}x${height}@${dpr} ${d.colors.foreground} ${d.colors.muted} ${d.groupMode}`;

/** Starts (or finds) the build of this view's faint layer: axes drawn, no lines yet. */
function beginStatic(width: number, height: number, dpr: number, l: Layout, d: DrawInput, key: string): NonNullable<typeof building> {
  if (building && building.view === d.view && building.key === key) return building;
  const canvas = building?.canvas ?? cache?.canvas ?? document.createElement('canvas');
  if (cache?.canvas === canvas) cache = undefined;
  canvas.width = Math.round(width * dpr);
  canvas.height = Math.round(height * dpr);
  const ctx = canvas.getContext('2d')!;
  ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
  ctx.clearRect(0, 0, width, height);
  drawAxes(ctx, l, d);
  building = { view: d.view, key, canvas, l, next: d.groupMode || !d.view.axes.length ? d.view.mask.length : 0 };
  return building;
}

/** Strokes the next `slices` slices of faint lines; when all are drawn the layer becomes the cache. */
function continueStatic(b: NonNullable<typeof building>, d: DrawInput, dpr: number, slices: number): void {
  const ctx = b.canvas.getContext('2d')!;
  ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
  ctx.lineWidth = 1;
  ctx.strokeStyle = d.colors.muted;
  ctx.globalAlpha = 0.12;
  const g = lineGeometry(b.view, b.l);
  const n = b.view.mask.length;
  // the same slice boundaries whether built at once or in the background, so both paint the same pixels
  for (let s = 0; s < slices && b.next < n; s++) {
    const path = new Path2D();
    const end = Math.min(n, b.next + FAINT_SLICE);
    for (let i = b.next; i < end; i++) traceInto(path, g, i);
    ctx.stroke(path);
    b.next = end;
  }
  ctx.globalAlpha = 1;
  if (b.next >= n) {
    cache = { view: b.view, key: b.key, canvas: b.canvas };
    building = undefined;
  }
}

/** The faint layer of this view, finishing its build now if it is not ready. */
function staticLayer(width: number, height: number, dpr: number, l: Layout, d: DrawInput): HTMLCanvasElement {
  const key = staticKey(width, height, dpr, d);
  if (cache && cache.view === d.view && cache.key === key) return cache.canvas;
  const b = beginStatic(width, height, dpr, l, d, key);
  continueStatic(b, d, dpr, Infinity);
  return b.canvas;
}

let idle = 0;
/**
 * Builds the faint layer after the first paint (not in the frame that shows the data, which it would delay by
 * 40 ms at 1,000 runs), a slice per task so no task is long at 5,000 runs; the first brushing frame then
 * finds it ready (or finishes what is left). A newer draw re-arms it.
 */
function prepareStaticLayer(width: number, height: number, dpr: number, l: Layout, d: DrawInput): void {
  window.clearTimeout(idle);
  const key = staticKey(width, height, dpr, d);
  if (cache && cache.view === d.view && cache.key === key) return;
  const step = () => {
    const b = beginStatic(width, height, dpr, l, d, key);
    continueStatic(b, d, dpr, 1);
    if (building) idle = window.setTimeout(step, 0);
  };
  idle = window.setTimeout(step, 250);
}

/** Lines per task when a redraw strokes a subset of the runs: above it the rest follow in animation frames. */
export const LINES_PER_SLICE = 600;
let pending = 0;

function cancelSlices(canvas: HTMLCanvasElement): void {
  if (pending) cancelAnimationFrame(pending);
  pending = 0;
  delete canvas.dataset.slicing;
}

export function drawParallel(canvas: HTMLCanvasElement, width: number, height: number, d: DrawInput): Layout {
  cancelSlices(canvas);
  window.clearTimeout(idle);
  const dpr = window.devicePixelRatio || 1;
  if (canvas.width !== Math.round(width * dpr) || canvas.height !== Math.round(height * dpr)) {
    canvas.width = Math.round(width * dpr);
    canvas.height = Math.round(height * dpr);
    canvas.style.width = `${width}px`;
    canvas.style.height = `${height}px`;
  }
  const ctx = canvas.getContext('2d')!;
  const { view } = d;
  const l = layoutOf(width, height, view.axes.length);
  ctx.setTransform(1, 0, 0, 1, 0, 0);
  ctx.clearRect(0, 0, canvas.width, canvas.height);
  if (!view.axes.length) return l;
  const everyRun = !d.groupMode && !view.anyBrush && !d.external;
  if (everyRun) {
    // every line is drawn in colour: the faint layer would be hidden under it
    ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
    drawAxes(ctx, l, d);
    prepareStaticLayer(width, height, dpr, l, d);
  } else {
    ctx.drawImage(staticLayer(width, height, dpr, l, d), 0, 0);
    ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
  }
  const n = view.mask.length;
  const emphasised = (i: number) => (view.anyBrush ? view.mask[i] === 1 : d.external ? d.external.has(i) : true);
  ctx.lineJoin = 'miter';
  if (d.groupMode) {
    view.groups.forEach((g, gi) => {
      const colour = view.groupColours[gi];
      const on = g.members.some(emphasised);
      // the band: min–max of the members on each axis
      // dozens of overlapping bands would fill the plot: fainter the more groups there are
      ctx.globalAlpha = (on ? 1 : 0.3) * Math.min(0.14, 2.5 / view.groups.length);
      ctx.fillStyle = colour;
      ctx.beginPath();
      g.bands.forEach((b, k) => (k === 0 ? ctx.moveTo(l.axisX[k], yOf(l, b ? b[1] : g.positions[k])) : ctx.lineTo(l.axisX[k], yOf(l, b ? b[1] : g.positions[k]))));
      for (let k = g.bands.length - 1; k >= 0; k--) ctx.lineTo(l.axisX[k], yOf(l, g.bands[k] ? g.bands[k]![0] : g.positions[k]));
      ctx.closePath();
      ctx.fill();
      ctx.globalAlpha = on ? 0.95 : 0.2;
      ctx.strokeStyle = on ? colour : d.colors.muted;
      ctx.lineWidth = 1.6;
      ctx.beginPath();
      traceGroup(ctx, l, g.positions);
      ctx.stroke();
    });
    ctx.globalAlpha = 1;
  } else if (everyRun) {
    strokePaths(ctx, view, lineGeometry(view, l).byColour);
  } else {
    // the emphasised runs over the faint layer, batched per colour; many of them go in slices, one per
    // animation frame, so narrowing a brush over 5,000 runs never blocks the page for a whole redraw
    const on: number[] = [];
    for (let i = 0; i < n; i++) if (emphasised(i)) on.push(i);
    if (on.length > LINES_PER_SLICE) {
      strokeRuns(ctx, l, view, on.slice(0, LINES_PER_SLICE));
      let from = LINES_PER_SLICE;
      canvas.dataset.slicing = '1';
      const next = () => {
        pending = 0;
        const c = canvas.getContext('2d')!;
        c.setTransform(dpr, 0, 0, dpr, 0, 0);
        strokeRuns(c, l, view, on.slice(from, from + LINES_PER_SLICE));
        from += LINES_PER_SLICE;
        if (from < on.length) pending = requestAnimationFrame(next);
        else {
          drawOverlays(c, l, d);
          delete canvas.dataset.slicing;
        }
      };
      pending = requestAnimationFrame(next);
      return l;
    }
    strokeRuns(ctx, l, view, on);
  }
  drawOverlays(ctx, l, d);
  return l;
}

/** Brushes, the highlighted and hovered runs and the best run, over the lines. */
function drawOverlays(ctx: CanvasRenderingContext2D, l: Layout, d: DrawInput): void {
  const n = d.view.mask.length;
  drawBrushes(ctx, l, d);
  for (const [i, colour, w] of [
    [d.highlighted, d.colors.foreground, 2.5],
    [d.hovered, d.colors.foreground, 2],
  ] as Array<[number, string, number]>) {
    if (i < 0 || i >= n) continue;
    ctx.strokeStyle = colour;
    ctx.lineWidth = w;
    ctx.beginPath();
    traceInto(ctx, lineGeometry(d.view, l), i);
    ctx.stroke();
  }
  drawBest(ctx, l, d);
}

function strokePaths(ctx: CanvasRenderingContext2D, view: View, paths: Map<string, Path2D>): void {
  ctx.lineWidth = 1;
  ctx.globalAlpha = view.mask.length > 600 ? 0.45 : 0.75;
  for (const [colour, path] of paths) {
    ctx.strokeStyle = colour;
    ctx.stroke(path);
  }
  ctx.globalAlpha = 1;
}

/** Lines of these runs in their colours, one path per colour. */
function strokeRuns(ctx: CanvasRenderingContext2D, l: Layout, view: View, runs: readonly number[]): void {
  strokePaths(ctx, view, subsetPaths(view, lineGeometry(view, l), runs));
}

function drawBest(ctx: CanvasRenderingContext2D, l: Layout, d: DrawInput): void {
  const { view } = d;
  if (!view.best) return;
  const positions = d.groupMode ? view.groups[view.best.index].positions : Float32Array.from(view.axes, (a) => a.positions[view.best!.index]);
  ctx.strokeStyle = BEST_COLOUR;
  ctx.lineWidth = 3.5;
  ctx.beginPath();
  traceGroup(ctx, l, positions);
  ctx.stroke();
  drawRanks(ctx, l, d, positions);
}

/**
 * A brush being dragged wider only adds runs: their lines go over what is drawn (and the best run back on
 * top), instead of a whole redraw — what keeps a brushing frame within 16 ms at 1,000 runs on a software canvas.
 */
export function drawAddedRuns(canvas: HTMLCanvasElement, width: number, height: number, d: DrawInput, added: readonly number[]): void {
  const dpr = window.devicePixelRatio || 1;
  const ctx = canvas.getContext('2d')!;
  ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
  const l = layoutOf(width, height, d.view.axes.length);
  strokeRuns(ctx, l, d.view, added);
  drawBest(ctx, l, d);
}

/** The run whose line passes nearest the pointer (within 5 px), or -1. */
export function runAt(l: Layout, view: View, x: number, y: number, only?: (i: number) => boolean): number {
  const k = l.axisX.findIndex((ax, j) => j < l.axisX.length - 1 && x >= ax && x <= l.axisX[j + 1]);
  if (k < 0) return -1;
  const t = (x - l.axisX[k]) / (l.axisX[k + 1] - l.axisX[k]);
  let best = -1;
  let dist = 5;
  const a = view.axes[k].positions;
  const b = view.axes[k + 1].positions;
  for (let i = 0; i < a.length; i++) {
    if (only && !only(i)) continue;
    const yi = yOf(l, a[i]) * (1 - t) + yOf(l, b[i]) * t;
    const d = Math.abs(yi - y);
    if (d < dist) {
      dist = d;
      best = i;
    }
  }
  return best;
}
