// Run lines stroked straight onto the chart's canvas, for charts with many runs. Chart.js spends
// most of a draw per data set (a PointElement per point, option resolvers, metas, garbage): at
// 1,000 runs × 8 charts that was seconds. Chart.js keeps the axes, grid and layout; this plugin
// strokes the per-run lines (and their faint unsmoothed copies) from the plot spec with the
// chart's own scales (log axes and zoom ranges included), clipped to the plot area, and does the
// hover: the nearest run line is highlighted (in every chart, through onHover) and its name and
// value shown in a tooltip drawn like Chart.js' and mirrored into the card's readout.
import { Chart, type Plugin } from 'chart.js';
import type { CurvesViewState } from '../../src/protocol/curves';
import { withAlpha } from './format';
import type { PlotLine, PlotSpec } from './plot';
import { tooltipLines, tooltipTitle } from './readout';

/** From how many run lines in one chart the chart strokes them itself (fewer: Chart.js data sets). */
export const FAST_LINES_MIN = 100;

/** Whether a line is stroked by this plugin in a chart that uses it (the rest stays Chart.js'). */
export const isFastRole = (l: PlotLine) => l.role === 'line' || l.role === 'raw';

export function usesFastLines(spec: PlotSpec): boolean {
  let n = 0;
  for (const l of spec.lines) if (l.role === 'line' && ++n > FAST_LINES_MIN) return true;
  return false;
}

export interface FastHover {
  line: PlotLine;
  /** Index into the line's arrays. */
  i: number;
  /** Pixel position of that point (CSS px). */
  x: number;
  y: number;
}

export interface FastLines {
  lines: PlotLine[];
  /** The run highlighted in every chart (hoverId), or none. */
  highlight?: string;
  /** The point under the mouse in this chart, for its tooltip. */
  hover?: FastHover;
  /** Pixel coordinates per line at the current placement (x NaN: point left out; y NaN: the line breaks). */
  pixels: Float32Array[];
  placement?: string;
  /** The lines stroked once per placement, normal and faded (see layer()). */
  layers: { normal?: HTMLCanvasElement; faded?: HTMLCanvasElement };
  /** An idle callback is due to stroke the faded layer. */
  idle?: boolean;
}

export function fastLinesOf(spec: PlotSpec): FastLines {
  return { lines: spec.lines.filter(isFastRole), pixels: [], layers: {} };
}

const dimmed = new Map<string, string>();
function dim(color: string): string {
  let c = dimmed.get(color);
  if (c === undefined) dimmed.set(color, (c = withAlpha(color, 0.25)));
  return c;
}

/** Projects one line with the chart's scales, as Chart.js places the points of a data set. */
function project(chart: Chart, l: PlotLine, state: CurvesViewState, out: Float32Array | undefined): Float32Array {
  const n = l.xs.length;
  const px = out && out.length === 2 * n ? out : new Float32Array(2 * n);
  const sx = chart.scales.x;
  const sy = chart.scales.y;
  for (let i = 0; i < n; i++) {
    const x = l.xs[i];
    const y = l.ys[i];
    // A point without a place on the x axis is left out (the line joins its neighbours); a value
    // without one on the y axis breaks the line, as in points() for Chart.js data sets.
    px[2 * i] = Number.isFinite(x) && (!state.logX || x > 0) ? sx.getPixelForValue(x) : NaN;
    px[2 * i + 1] = Number.isFinite(y) && (!state.logY || y > 0) ? sy.getPixelForValue(y) : NaN;
  }
  return px;
}

function stroke(ctx: CanvasRenderingContext2D, l: PlotLine, px: Float32Array, color: string, width: number): void {
  let placed = 0;
  let last = -1;
  ctx.beginPath();
  let pen = false;
  for (let i = 0; i < px.length; i += 2) {
    const x = px[i];
    if (x !== x) continue;
    placed++;
    last = i;
    const y = px[i + 1];
    if (y !== y) {
      pen = false;
      continue;
    }
    if (pen) ctx.lineTo(x, y);
    else ctx.moveTo(x, y);
    pen = true;
  }
  ctx.strokeStyle = color;
  ctx.lineWidth = width;
  ctx.setLineDash(l.dash);
  ctx.stroke();
  // A line of one point would be invisible: Chart.js draws it as a dot (pointRadius 3).
  if (placed === 1 && px[last + 1] === px[last + 1]) {
    ctx.beginPath();
    ctx.setLineDash([]);
    ctx.arc(px[last], px[last + 1], 3, 0, 2 * Math.PI);
    ctx.fillStyle = color;
    ctx.fill();
  }
}

/**
 * Many runs are drawn 1 px wide: the canvas strokes a line of at most one device pixel as a
 * hairline, several times faster in software raster (the workbench's) than 1.5 px, and a thousand
 * lines read better thin. The hovered run keeps its full width plus the highlight's.
 */
const thin = (l: PlotLine) => Math.min(l.width, 1);

/** What the lines' pixels depend on: canvas size, plot area and the scales' ranges. */
function placement(chart: Chart): string {
  const a = chart.chartArea;
  const { x, y } = chart.scales;
  return [chart.canvas.width, chart.canvas.height, a.left, a.top, a.right, a.bottom, x.min, x.max, y.min, y.max].join(' ');
}

/** Strokes every line onto `ctx`, in Chart.js' order (the first data set on top), faded or not. */
function strokeLines(ctx: CanvasRenderingContext2D, fast: FastLines, faded: boolean): void {
  for (let k = fast.lines.length - 1; k >= 0; k--) {
    const l = fast.lines[k];
    stroke(ctx, l, fast.pixels[k], faded && l.role !== 'raw' ? dim(l.color) : l.color, thin(l));
  }
}

/**
 * The run lines, normal or faded, as an image of the chart's canvas size: stroking a thousand
 * lines is the cost of a draw, and hovering only changes which one run is drawn on top, so each
 * look is stroked once per placement and copied onto the chart on every later draw.
 */
function layer(chart: Chart, fast: FastLines, faded: boolean): HTMLCanvasElement {
  const cached = faded ? fast.layers.faded : fast.layers.normal;
  if (cached) return cached;
  const out = document.createElement('canvas');
  out.width = chart.canvas.width;
  out.height = chart.canvas.height;
  const ctx = out.getContext('2d')!;
  ctx.setTransform(chart.ctx.getTransform());
  const a = chart.chartArea;
  ctx.beginPath();
  ctx.rect(a.left, a.top, a.right - a.left, a.bottom - a.top);
  ctx.clip();
  strokeLines(ctx, fast, faded);
  if (faded) fast.layers.faded = out;
  else fast.layers.normal = out;
  return out;
}

/** Strokes the faded layer while the page is idle, so that the first hover answers as fast as the next. */
function prepareFaded(chart: Chart, fast: FastLines, where: string): void {
  if (fast.idle) return;
  fast.idle = true;
  requestIdleCallback(() => {
    fast.idle = false;
    // Destroyed (ctx null) or placed anew since: the next draw asks again.
    if (!chart.ctx || fast.placement !== where || fast.layers.faded) return;
    // A one-pixel read makes the canvas raster its strokes now rather than at the first hover.
    layer(chart, fast, true).getContext('2d')!.getImageData(0, 0, 1, 1);
  });
}

/** Draws the run lines (from the cached layer) and the highlighted run above all. */
function drawLines(chart: Chart, fast: FastLines, state: CurvesViewState): void {
  const where = placement(chart);
  if (fast.placement !== where) {
    fast.placement = where;
    fast.layers = {};
    fast.lines.forEach((l, k) => (fast.pixels[k] = project(chart, l, state, fast.pixels[k])));
  }
  const { ctx, chartArea: a } = chart;
  const { lines, highlight } = fast;
  const image = layer(chart, fast, highlight !== undefined);
  if (!fast.layers.faded) prepareFaded(chart, fast, where);
  ctx.save();
  ctx.setTransform(1, 0, 0, 1, 0, 0);
  ctx.drawImage(image, 0, 0);
  ctx.restore();
  if (highlight === undefined) return;
  ctx.save();
  ctx.beginPath();
  ctx.rect(a.left, a.top, a.right - a.left, a.bottom - a.top);
  ctx.clip();
  for (let k = lines.length - 1; k >= 0; k--) {
    const l = lines[k];
    if (l.role !== 'raw' && l.hoverId === highlight) stroke(ctx, l, fast.pixels[k], l.color, l.width + 1.5);
  }
  ctx.restore();
}

/**
 * The run line nearest to the mouse: the vertical distance to a segment under the mouse's x, else
 * the distance to a point (a line that ends before the mouse, or a lone point between gaps).
 */
export function nearestLine(fast: FastLines, mx: number, my: number): FastHover | undefined {
  let best: FastHover | undefined;
  let bestD = Infinity;
  fast.lines.forEach((l, k) => {
    const px = fast.pixels[k];
    if (l.role !== 'line' || !px) return;
    let prev = -1;
    for (let i = 0; i < px.length; i += 2) {
      const x = px[i];
      const y = px[i + 1];
      if (x !== x) continue;
      if (y !== y) {
        prev = -1;
        continue;
      }
      const d = Math.hypot(x - mx, y - my);
      if (d < bestD) {
        bestD = d;
        best = { line: l, i: i / 2, x, y };
      }
      if (prev >= 0) {
        const x0 = px[prev];
        const y0 = px[prev + 1];
        if ((mx - x0) * (mx - x) <= 0 && x !== x0) {
          const at = y0 + ((y - y0) * (mx - x0)) / (x - x0);
          const dv = Math.abs(at - my);
          if (dv < bestD) {
            bestD = dv;
            const near = Math.abs(mx - x0) < Math.abs(mx - x) ? prev : i;
            best = { line: l, i: near / 2, x: px[near], y: px[near + 1] };
          }
        }
      }
      prev = i;
    }
  });
  return best;
}

/** The tooltip's text lines (title first), or none. */
export function fastReadout(fast: FastLines, state: CurvesViewState): string[] {
  const h = fast.hover;
  return h ? [tooltipTitle(state.xAxis, h.line.xs[h.i]), ...tooltipLines(h.line, h.i)] : [];
}

/** A tooltip box in Chart.js' default look, beside the hovered point and kept inside the chart. */
function drawTooltip(chart: Chart, fast: FastLines, state: CurvesViewState): void {
  const h = fast.hover;
  if (!h) return;
  const [title, ...body] = fastReadout(fast, state);
  const { ctx } = chart;
  const family = Chart.defaults.font.family ?? 'sans-serif';
  const pad = 6;
  const lineH = 15;
  const swatch = 10;
  ctx.save();
  ctx.font = `bold 12px ${family}`;
  let w = ctx.measureText(title).width;
  ctx.font = `12px ${family}`;
  for (const b of body) w = Math.max(w, swatch + 4 + ctx.measureText(b).width);
  w += 2 * pad;
  const hgt = 2 * pad + lineH * (1 + body.length);
  let x = h.x + 8;
  if (x + w > chart.width) x = h.x - 8 - w;
  x = Math.max(0, x);
  const y = Math.min(Math.max(0, h.y - hgt / 2), Math.max(0, chart.height - hgt));
  ctx.fillStyle = 'rgba(0,0,0,0.8)';
  ctx.beginPath();
  ctx.roundRect(x, y, w, hgt, 6);
  ctx.fill();
  ctx.textBaseline = 'middle';
  ctx.fillStyle = '#fff';
  ctx.font = `bold 12px ${family}`;
  ctx.fillText(title, x + pad, y + pad + lineH / 2);
  ctx.font = `12px ${family}`;
  body.forEach((b, k) => {
    const ty = y + pad + lineH * (k + 1.5);
    ctx.fillStyle = h.line.color;
    ctx.fillRect(x + pad, ty - swatch / 2, swatch, swatch);
    ctx.fillStyle = '#fff';
    ctx.fillText(b, x + pad + swatch + 4, ty);
  });
  // The hovered point, as Chart.js' hover radius shows it.
  ctx.beginPath();
  ctx.arc(h.x, h.y, 3, 0, 2 * Math.PI);
  ctx.fillStyle = h.line.color;
  ctx.fill();
  ctx.restore();
}

/** The plugin of one chart; `onHover` gets the run under the mouse (highlighted in every chart). */
export function fastLinesPlugin(fast: FastLines, state: CurvesViewState, onHover: (hoverId: string | undefined) => void): Plugin<'line'> {
  return {
    id: 'runlensFastLines',
    beforeDatasetsDraw(chart) {
      drawLines(chart as unknown as Chart, fast, state);
    },
    afterDraw(chart) {
      drawTooltip(chart as unknown as Chart, fast, state);
    },
    afterEvent(_chart, args) {
      const e = args.event;
      // Leaving the plot area ends the hover (runlensHoverOut ends the highlight).
      if (e.type === 'mouseout' || !args.inChartArea || e.x === null || e.y === null) {
        if (fast.hover) {
          fast.hover = undefined;
          args.changed = true;
        }
        return;
      }
      if (e.type !== 'mousemove') return;
      const hit = nearestLine(fast, e.x, e.y);
      if (hit?.line !== fast.hover?.line || hit?.i !== fast.hover?.i) {
        fast.hover = hit;
        args.changed = true;
      }
      onHover(hit?.line.hoverId);
    },
  };
}

/** Highlights a run (or none) in a chart whose lines this plugin strokes; redraws only on a change. */
export function highlightFast(chart: Chart, fast: FastLines, hoverId: string | undefined): void {
  if (fast.highlight === hoverId) return;
  fast.highlight = hoverId;
  chart.draw();
}
