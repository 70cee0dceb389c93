// Chart.js drawing of the chart grid: one card per chart, lines and bands from buildPlot, bucket
// min–max spikes, tooltips with the group's n / centre / band, hover highlight across all charts.
import {
  Chart,
  Filler,
  Interaction,
  LinearScale,
  LineController,
  LineElement,
  LogarithmicScale,
  PointElement,
  Tooltip,
  type ChartDataset,
  type InteractionItem,
  type InteractionModeFunction,
  type Plugin,
} from 'chart.js';
import type { ChartLayout } from '../../src/core/curves';
import type { CurvesSeries, CurvesViewState } from '../../src/protocol/curves';
import type { ThemeColors } from '../shared/theme';
import { fastLinesOf, fastLinesPlugin, fastReadout, highlightFast, isFastRole, usesFastLines, type FastLines } from './fast-lines';
import { formatValue, formatX, withAlpha, xAxisLabel } from './format';
import { markerOf, markerPlugin, withMarker } from './marker';
import type { PlotLine, PlotSpec } from './plot';
import { tooltipLines, tooltipTitle } from './readout';

Chart.register(LineController, LineElement, PointElement, LinearScale, LogarithmicScale, Tooltip, Filler);

declare module 'chart.js' {
  interface InteractionModeMap {
    runlensGroups: InteractionModeFunction;
  }
}

/** How far (CSS px) from the mouse a group's nearest point may be and still be reported (more for sparse curves). */
const GROUP_HOVER_PX = 40;

/**
 * Hover over aggregates: every group's centre point nearest to the mouse's x. Chart.js' 'nearest'
 * picks one element over all datasets, usually a band edge, which the tooltip then filters out,
 * leaving no tooltip at all; groups also sit on different x grids, so 'index' cannot pair them.
 */
Interaction.modes.runlensGroups = (chart, e) => {
  const area = chart.chartArea;
  const x = e.x;
  if (x === null || !area || x < area.left - GROUP_HOVER_PX || x > area.right + GROUP_HOVER_PX) return [];
  const items: InteractionItem[] = [];
  chart.data.datasets.forEach((ds, datasetIndex) => {
    if ((ds as unknown as LineDataset).line.role !== 'centre' || !chart.isDatasetVisible(datasetIndex)) return;
    const elements = chart.getDatasetMeta(datasetIndex).data;
    // Sparse curves (a few epochs across the chart) answer between their points too.
    const spacing = elements.length > 1 ? Math.abs(elements[elements.length - 1].x - elements[0].x) / (elements.length - 1) : 0;
    let best = -1;
    let distance = Math.max(GROUP_HOVER_PX, spacing * 0.6);
    for (let i = 0; i < elements.length; i++) {
      const el = elements[i] as unknown as { x: number; y: number; skip?: boolean };
      const d = Math.abs(el.x - x);
      if (el.skip || !Number.isFinite(el.y) || d > distance) continue;
      best = i;
      distance = d;
    }
    if (best >= 0) items.push({ element: elements[best], datasetIndex, index: best });
  });
  return items;
};

export interface ChartView {
  id: string;
  layout: ChartLayout<CurvesSeries>;
  card: HTMLElement;
  box: HTMLElement;
  note: HTMLElement;
  /** Visually hidden live text of the tooltip: for screen readers (the tooltip is canvas pixels), and tests. */
  readout?: HTMLElement;
  chart?: Chart<'line'>;
  spec?: PlotSpec;
  /** Set when the chart strokes its many run lines itself (fast-lines.ts) instead of Chart.js data sets. */
  fast?: FastLines;
}

type Point = { x: number; y: number; i: number };
type LineDataset = ChartDataset<'line', Point[]> & { line: PlotLine };

/** Per-column min–max of bucketed lines, drawn faintly so a spike inside a bucket stays visible. */
function spikesPlugin(spec: PlotSpec): Plugin<'line'> {
  return {
    id: 'runlensSpikes',
    beforeDatasetsDraw(chart) {
      const { ctx, chartArea, scales } = chart;
      ctx.save();
      ctx.beginPath();
      ctx.rect(chartArea.left, chartArea.top, chartArea.right - chartArea.left, chartArea.bottom - chartArea.top);
      ctx.clip();
      // From the spec rather than the data sets: with many runs the lines are no data sets (fast-lines.ts).
      for (const l of spec.lines) {
        if (l.role !== 'line' || !l.min || !l.max) continue;
        ctx.strokeStyle = withAlpha(l.color, 0.25);
        ctx.lineWidth = 1;
        ctx.beginPath();
        for (let i = 0; i < l.xs.length; i++) {
          const lo = l.min[i];
          const hi = l.max[i];
          if (!(hi > lo) || !Number.isFinite(lo) || !Number.isFinite(hi)) continue;
          const x = scales.x.getPixelForValue(l.xs[i]);
          ctx.moveTo(x, scales.y.getPixelForValue(lo));
          ctx.lineTo(x, scales.y.getPixelForValue(hi));
        }
        ctx.stroke();
      }
      ctx.restore();
    },
  };
}

/** Mirrors the tooltip into the card's readout after each draw (the tooltip updates on events). */
function readoutPlugin(view: ChartView, state: CurvesViewState): Plugin<'line'> {
  return {
    id: 'runlensReadout',
    afterDraw(chart) {
      if (!view.readout) return;
      const t = chart.tooltip;
      const lines = view.fast ? fastReadout(view.fast, state) : t && t.getActiveElements().length && t.opacity > 0 ? [...t.title, ...t.body.flatMap((b) => b.lines)] : [];
      const text = lines.join('\n');
      if (view.readout.textContent !== text) view.readout.textContent = text;
    },
  };
}

function points(l: PlotLine, state: CurvesViewState): Point[] {
  const out: Point[] = [];
  for (let i = 0; i < l.xs.length; i++) {
    const x = l.xs[i];
    if (!Number.isFinite(x) || (state.logX && x <= 0)) continue;
    const y = l.ys[i];
    // Non-finite values cannot be placed on a scale: the line breaks there (the tooltip tells).
    out.push({ x, y: Number.isFinite(y) && (!state.logY || y > 0) ? y : NaN, i });
  }
  return out;
}

function datasetOf(l: PlotLine, state: CurvesViewState): LineDataset {
  const data = points(l, state);
  return {
    line: l,
    label: l.label,
    data,
    borderColor: l.color,
    backgroundColor: l.fill ?? l.color,
    borderWidth: l.width,
    borderDash: l.dash,
    fill: l.role === 'upper' ? '-1' : false,
    pointRadius: data.length === 1 && (l.role === 'line' || l.role === 'centre') ? 3 : 0,
    pointHoverRadius: l.role === 'line' || l.role === 'centre' ? 3 : 0,
    spanGaps: false,
    tension: 0,
  };
}

function dataXRange(spec: PlotSpec, logX: boolean): [number, number] | undefined {
  let lo = Infinity;
  let hi = -Infinity;
  for (const l of spec.lines) {
    for (let i = 0; i < l.xs.length; i++) {
      const x = l.xs[i];
      if (!Number.isFinite(x) || (logX && x <= 0)) continue;
      if (x < lo) lo = x;
      if (x > hi) hi = x;
    }
  }
  return hi > lo ? [lo, hi] : undefined;
}

export interface DrawOptions {
  state: CurvesViewState;
  colors: ThemeColors;
  onHover: (hoverId: string | undefined) => void;
  /** CSS pixels of the chart box (every card has the same). */
  size: { width: number; height: number };
}

/** (Re)creates the Chart.js chart of one card from its plot. */
export function drawChart(view: ChartView, spec: PlotSpec, opts: DrawOptions): void {
  const { state, colors } = opts;
  view.chart?.destroy();
  view.spec = spec;
  const canvas = view.box.querySelector('canvas')!;
  // Fixed size instead of Chart.js' responsive mode: measuring each container while charts are
  // created forces a layout per chart (half the first-paint time at 10+ charts). The grid
  // resizes the charts itself when its width changes.
  canvas.width = opts.size.width;
  canvas.height = opts.size.height;
  const zoom = state.zoom[view.id];
  const marker = markerOf(view.layout, state);
  const xRange = withMarker(dataXRange(spec, state.logX), marker);
  // What is marked, readable by tests and the workbench suite (the line itself is canvas pixels).
  if (marker) view.card.dataset.marker = String(marker.step);
  else delete view.card.dataset.marker;
  const aggregated = spec.lines.some((l) => l.role === 'centre');
  // Many run lines: Chart.js draws the axes (and any other line), the plugin strokes the runs.
  const fast = usesFastLines(spec) ? fastLinesOf(spec) : undefined;
  view.fast = fast;
  const grid = { color: colors.grid };
  // includeBounds off: explicit ranges (zoom, outlier fit) should not print odd numbers like 2.4097 as ticks.
  const ticks = { color: colors.muted, maxTicksLimit: 6, includeBounds: false };
  view.chart = new Chart<'line', Point[]>(canvas, {
    type: 'line',
    data: { datasets: (fast ? spec.lines.filter((l) => !isFastRole(l)) : spec.lines).map((l) => datasetOf(l, state)) },
    plugins: [
      spikesPlugin(spec),
      ...(fast ? [fastLinesPlugin(fast, state, opts.onHover)] : []),
      readoutPlugin(view, state),
      ...(marker ? [markerPlugin(marker, colors)] : []),
      {
        // Chart.js calls onHover only inside the plot area: leaving it (for the axes, the card's
        // header or another card) must end the highlight too, or the other lines stay faded.
        id: 'runlensHoverOut',
        afterEvent: (_chart, args) => {
          if (!args.inChartArea || args.event.type === 'mouseout') opts.onHover(undefined);
        },
      },
    ],
    options: {
      animation: false,
      responsive: false,
      maintainAspectRatio: false,
      parsing: false,
      normalized: true,
      interaction: aggregated ? { mode: 'runlensGroups', intersect: false } : { mode: 'nearest', intersect: false, axis: 'xy' },
      // The plugin reports the hovered run of a chart it draws (Chart.js finds no element there).
      onHover: fast ? undefined : (e, active) => {
        // Aggregates report every group at the mouse's x: highlight the one nearest in y.
        let nearest = active[0];
        if (e.y !== null) for (const a of active) if (Math.abs(a.element.y - e.y) < Math.abs(nearest.element.y - e.y)) nearest = a;
        const ds = nearest ? (view.chart?.data.datasets[nearest.datasetIndex] as unknown as LineDataset | undefined) : undefined;
        opts.onHover(ds?.line.hoverId);
      },
      scales: {
        x: {
          type: state.logX ? 'logarithmic' : 'linear',
          // Fit the data, not the next round tick (a curve ending at step 1190 reaches the right
          // edge); set as min/max rather than bounds: 'data', which would put ticks at odd values.
          min: zoom?.[0] ?? xRange?.[0],
          max: zoom?.[1] ?? xRange?.[1],
          title: { display: true, text: xAxisLabel(state.xAxis), color: colors.muted },
          ticks: { ...ticks, callback: (v) => formatX(state.xAxis, Number(v)) },
          grid,
        },
        y: {
          type: state.logY ? 'logarithmic' : 'linear',
          min: spec.yRange?.min,
          max: spec.yRange?.max,
          ticks: { ...ticks, callback: (v) => formatValue(Number(v)) },
          grid,
        },
      },
      plugins: {
        legend: { display: false },
        tooltip: {
          filter: (item) => {
            const role = (item.dataset as unknown as LineDataset).line.role;
            return role === 'line' || role === 'centre';
          },
          // Groups top to bottom as drawn.
          itemSort: (a, b) => (b.raw as Point).y - (a.raw as Point).y,
          callbacks: {
            title: (items) => (items.length ? tooltipTitle(state.xAxis, (items[0].raw as Point).x) : ''),
            label: (item) => tooltipLines((item.dataset as unknown as LineDataset).line, (item.raw as Point).i),
          },
        },
      },
    },
  });
  const notes = [
    spec.loading ? 'reading full resolution…' : '',
    spec.errors.length ? `${spec.errors.length} problem(s): ${spec.errors[0]}` : '',
    zoom ? 'zoomed · double-click to reset' : '',
    croppedNote(spec),
  ].filter(Boolean);
  view.note.textContent = notes.join(' · ');
  view.note.title = [...spec.errors, spec.yRange?.above || spec.yRange?.below ? 'Untick "Ignore outliers" to fit the y axis to every point.' : ''].filter(Boolean).join('\n');
  view.card.classList.toggle('loading', spec.loading);
}

/** "Ignore outliers" leaves points out of the y range: say how many, so no data goes missing unseen. */
export function croppedNote(spec: PlotSpec): string {
  const r = spec.yRange;
  if (!r || (!r.above && !r.below)) return '';
  const n = (k: number) => `${k} point${k === 1 ? '' : 's'}`;
  const parts = [r.above ? `↑ ${n(r.above)} above` : '', r.below ? `↓ ${n(r.below)} below` : ''].filter(Boolean);
  return `${parts.join(', ')} the y range (outliers ignored)`;
}

/** Emphasises the hovered run / group in every chart and fades the rest. */
export function applyHighlight(views: Iterable<ChartView>, hoverId: string | undefined): void {
  for (const v of views) {
    if (!v.chart) continue;
    if (v.fast) {
      highlightFast(v.chart as unknown as Chart, v.fast, hoverId);
      continue;
    }
    for (const ds of v.chart.data.datasets as unknown as LineDataset[]) {
      const l = ds.line;
      if (l.role !== 'line' && l.role !== 'centre') continue;
      const on = hoverId !== undefined && l.hoverId === hoverId;
      ds.borderWidth = on ? l.width + 1.5 : l.width;
      ds.borderColor = hoverId === undefined || on ? l.color : withAlpha(l.color, 0.25);
    }
    v.chart.update('none');
  }
}
