// Scatter mode: x = any column, y = any column, on the same axis models as the parallel coordinates (so a
// log toggle and a brush mean the same in both). A categorical x spreads its runs with deterministic jitter
// and draws a box per category; group mode marks each group's mean; the trend line is least squares or
// LOESS fitted in the drawn (log or linear) coordinates.
import { axisTicks, positionOnAxis, type AxisModel } from '../../src/core/params/axis';
import { cellNumber } from '../../src/core/params/cells';
import { groupValue } from '../../src/core/params/group-lines';
import { boxStats, jitterOffset, leastSquares, loess } from '../../src/core/params/scatter';
import type { ParamsViewState } from '../../src/protocol/params';
import type { ThemeColors } from '../shared/theme';
import { axisOf, BEST_COLOUR, labelOf, type Data, type View } from './model';

export interface ScatterLayout {
  left: number;
  right: number;
  top: number;
  bottom: number;
  x: AxisModel;
  y: AxisModel;
  /** Per run: pixel x, y (NaN when it cannot be placed). */
  px: Float32Array;
  py: Float32Array;
}

export function scatterLayout(data: Data, state: ParamsViewState, width: number, height: number): ScatterLayout | undefined {
  if (!data.cells.has(state.scatterX) || !data.cells.has(state.scatterY)) return undefined;
  const x = axisOf(data, state, state.scatterX);
  const y = axisOf(data, state, state.scatterY);
  const l = { left: 70, right: width - 30, top: 24, bottom: height - 56 };
  const n = data.runs.length;
  const px = new Float32Array(n);
  const py = new Float32Array(n);
  const cats = Math.max(1, x.categories.length);
  for (let i = 0; i < n; i++) {
    const a = x.positions[i];
    const b = y.positions[i];
    if (a < 0 || b < 0) {
      px[i] = py[i] = NaN;
      continue;
    }
    const jitter = x.scale === 'categorical' ? jitterOffset(i, 0.5 / cats) : 0;
    px[i] = l.left + (padded(a, x) + jitter) * (l.right - l.left);
    py[i] = l.bottom - padded(b, y) * (l.bottom - l.top);
  }
  return { ...l, x, y, px, py };
}

/** Categorical axes keep half a slot free at both ends so the boxes fit. */
function padded(p: number, axis: AxisModel): number {
  if (axis.scale !== 'categorical') return 0.04 + p * 0.92;
  const n = Math.max(1, axis.categories.length);
  return (p * (n - 1) + 0.5) / n;
}

export function drawScatter(canvas: HTMLCanvasElement, width: number, height: number, data: Data, state: ParamsViewState, view: View, colors: ThemeColors, highlighted: number, hovered: number, dragging?: [number, number, number, number]): ScatterLayout | undefined {
  const dpr = window.devicePixelRatio || 1;
  canvas.width = Math.round(width * dpr);
  canvas.height = Math.round(height * dpr);
  canvas.style.width = `${width}px`;
  canvas.style.height = `${height}px`;
  const ctx = canvas.getContext('2d')!;
  ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
  ctx.clearRect(0, 0, width, height);
  const s = scatterLayout(data, state, width, height);
  ctx.font = '11px sans-serif';
  if (!s) {
    ctx.fillStyle = colors.muted;
    ctx.fillText('Pick an x and a y column.', 20, 40);
    return undefined;
  }
  const X = (p: number) => s.left + padded(p, s.x) * (s.right - s.left);
  const Y = (p: number) => s.bottom - padded(p, s.y) * (s.bottom - s.top);
  // axes and ticks
  ctx.strokeStyle = colors.muted;
  ctx.fillStyle = colors.muted;
  ctx.beginPath();
  ctx.moveTo(s.left, s.top);
  ctx.lineTo(s.left, s.bottom);
  ctx.lineTo(s.right, s.bottom);
  ctx.stroke();
  ctx.textAlign = 'center';
  for (const t of axisTicks(s.x)) ctx.fillText(t.label.length > 16 ? `${t.label.slice(0, 15)}…` : t.label, X(t.position), s.bottom + 14);
  ctx.textAlign = 'right';
  for (const t of axisTicks(s.y)) ctx.fillText(t.label, s.left - 5, Y(t.position) + 3);
  ctx.fillStyle = colors.foreground;
  ctx.font = 'bold 11px sans-serif';
  ctx.textAlign = 'center';
  ctx.fillText(labelOf(data, state.scatterX) + (s.x.scale === 'log' ? ' (log)' : ''), (s.left + s.right) / 2, s.bottom + 32);
  ctx.save();
  ctx.translate(14, (s.top + s.bottom) / 2);
  ctx.rotate(-Math.PI / 2);
  ctx.fillText(labelOf(data, state.scatterY) + (s.y.scale === 'log' ? ' (log)' : ''), 0, 0);
  ctx.restore();
  ctx.font = '11px sans-serif';
  const unplaced = s.px.reduce((a, v) => a + (Number.isNaN(v) ? 1 : 0), 0);
  if (unplaced) {
    ctx.fillStyle = colors.muted;
    ctx.textAlign = 'right';
    ctx.fillText(`${unplaced} runs without a finite x or y (∅ / NaN/∞) not drawn`, s.right, s.bottom + 48);
  }
  // boxes per category of a categorical x
  const yCells = data.cells.get(state.scatterY)!;
  if (s.x.scale === 'categorical') {
    ctx.strokeStyle = colors.foreground;
    ctx.globalAlpha = 0.6;
    s.x.categories.forEach((c, k) => {
      const vals = yCells.flatMap((v, i) => (s.x.positions[i] >= 0 && s.x.categories[Math.round((s.x.flip ? 1 - s.x.positions[i] : s.x.positions[i]) * Math.max(0, s.x.categories.length - 1))] === c ? [cellNumber(v) ?? NaN] : []));
      const b = boxStats(vals);
      if (!b) return;
      const p = s.x.categories.length > 1 ? k / (s.x.categories.length - 1) : 0.5;
      const cx = X(s.x.flip ? 1 - p : p);
      const w = Math.min(40, (0.6 * (s.right - s.left)) / s.x.categories.length);
      const y = (v: number) => Y(positionOnAxis(s.y, v));
      ctx.strokeRect(cx - w / 2, y(b.q3), w, y(b.q1) - y(b.q3));
      ctx.beginPath();
      ctx.moveTo(cx - w / 2, y(b.median));
      ctx.lineTo(cx + w / 2, y(b.median));
      ctx.moveTo(cx, y(b.q3));
      ctx.lineTo(cx, y(b.high));
      ctx.moveTo(cx, y(b.q1));
      ctx.lineTo(cx, y(b.low));
      ctx.stroke();
    });
    ctx.globalAlpha = 1;
  }
  // points
  const n = data.runs.length;
  for (let i = 0; i < n; i++) {
    if (Number.isNaN(s.px[i])) continue;
    const on = !view.anyBrush || view.mask[i] === 1;
    ctx.globalAlpha = on ? 0.85 : 0.15;
    ctx.fillStyle = on ? view.colours[i] : colors.muted;
    ctx.beginPath();
    ctx.arc(s.px[i], s.py[i], 3, 0, 2 * Math.PI);
    ctx.fill();
  }
  ctx.globalAlpha = 1;
  // group means
  if (state.groupMode) {
    const xCells = data.cells.get(state.scatterX)!;
    view.groups.forEach((g, k) => {
      const gx = positionOnAxis(s.x, groupValue(xCells, g.members));
      const gy = positionOnAxis(s.y, groupValue(yCells, g.members));
      if (gx < 0 || gy < 0) return;
      const cx = X(gx);
      const cy = Y(gy);
      ctx.fillStyle = view.groupColours[k];
      ctx.strokeStyle = colors.foreground;
      ctx.beginPath();
      ctx.moveTo(cx, cy - 6);
      ctx.lineTo(cx + 6, cy);
      ctx.lineTo(cx, cy + 6);
      ctx.lineTo(cx - 6, cy);
      ctx.closePath();
      ctx.fill();
      ctx.stroke();
    });
  }
  // trend in drawn coordinates
  if (state.trend !== 'none' && s.x.scale !== 'categorical') {
    const xs = Float64Array.from(s.px);
    const ys = Float64Array.from(s.py);
    ctx.strokeStyle = colors.foreground;
    ctx.lineWidth = 2;
    ctx.setLineDash([6, 4]);
    ctx.beginPath();
    if (state.trend === 'linear') {
      const fit = leastSquares(xs, ys);
      if (fit) {
        ctx.moveTo(s.left, fit.intercept + fit.slope * s.left);
        ctx.lineTo(s.right, fit.intercept + fit.slope * s.right);
        ctx.fillStyle = colors.muted;
        ctx.fillText(`least squares, R² = ${fit.r2.toFixed(2)}`, s.right, s.top + 4);
      }
    } else {
      const at = Array.from({ length: 60 }, (_, k) => s.left + ((s.right - s.left) * k) / 59);
      const fit = loess(xs, ys, at, 0.5);
      let started = false;
      at.forEach((x, k) => {
        if (!Number.isFinite(fit[k])) return;
        if (started) ctx.lineTo(x, fit[k]);
        else ctx.moveTo(x, fit[k]);
        started = true;
      });
    }
    ctx.stroke();
    ctx.setLineDash([]);
    ctx.lineWidth = 1;
  }
  for (const [i, r] of [
    [highlighted, 6],
    [hovered, 5],
  ]) {
    if (i < 0 || Number.isNaN(s.px[i])) continue;
    ctx.strokeStyle = colors.foreground;
    ctx.lineWidth = 2;
    ctx.beginPath();
    ctx.arc(s.px[i], s.py[i], r, 0, 2 * Math.PI);
    ctx.stroke();
  }
  if (view.best && !state.groupMode && !Number.isNaN(s.px[view.best.index])) {
    const i = view.best.index;
    ctx.strokeStyle = BEST_COLOUR;
    ctx.lineWidth = 3;
    ctx.beginPath();
    ctx.arc(s.px[i], s.py[i], 7, 0, 2 * Math.PI);
    ctx.stroke();
    ctx.fillStyle = BEST_COLOUR;
    ctx.textAlign = 'left';
    ctx.font = 'bold 11px sans-serif';
    ctx.fillText(`best by ${labelOf(data, state.bestBy)}: ${view.best.label}`, s.px[i] + 10, s.py[i] - 8);
  }
  if (dragging) {
    ctx.fillStyle = 'rgba(120,170,255,0.2)';
    ctx.fillRect(Math.min(dragging[0], dragging[2]), Math.min(dragging[1], dragging[3]), Math.abs(dragging[2] - dragging[0]), Math.abs(dragging[3] - dragging[1]));
  }
  ctx.lineWidth = 1;
  return s;
}

/** The brushed rectangle as axis positions [x lo, x hi], [y lo, y hi] (undoing the padding). */
export function rectPositions(s: ScatterLayout, x0: number, y0: number, x1: number, y1: number): { x: [number, number]; y: [number, number] } {
  const unpad = (t: number, axis: AxisModel) => {
    if (axis.scale !== 'categorical') return (t - 0.04) / 0.92;
    const n = Math.max(1, axis.categories.length);
    return n > 1 ? (t * n - 0.5) / (n - 1) : 0.5;
  };
  const px = (x: number) => unpad((x - s.left) / (s.right - s.left), s.x);
  const py = (y: number) => unpad((s.bottom - y) / (s.bottom - s.top), s.y);
  const xs = [px(x0), px(x1)].sort((a, b) => a - b) as [number, number];
  const ys = [py(y0), py(y1)].sort((a, b) => a - b) as [number, number];
  // a jittered category is ±0.25 slot wide: widen so a rectangle around a cloud keeps it
  if (s.x.scale === 'categorical') {
    const half = 0.3 / Math.max(1, s.x.categories.length - 1);
    xs[0] -= half;
    xs[1] += half;
  }
  return { x: xs, y: ys };
}

export function pointAt(s: ScatterLayout, x: number, y: number): number {
  let best = -1;
  let d = 36;
  for (let i = 0; i < s.px.length; i++) {
    const dd = (s.px[i] - x) ** 2 + (s.py[i] - y) ** 2;
    if (dd < d) {
      d = dd;
      best = i;
    }
  }
  return best;
}
