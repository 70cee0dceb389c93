// What one chart draws, computed from its layout, its data (index preview or full-resolution
// re-read) and the view state: per-run lines, or per-group centre + band (aggregated over seeds),
// smoothed with the raw curve kept faintly underneath, and the y range (outliers ignored).
import { chartYRange, type ChartYRange } from '../../src/core/analysis';
import { aggregateGroups, colourSlot, dimensionLabel, MISSING, smoothed, type ChartLayout, type ChartMember, type CurveData } from '../../src/core/curves';
import type { CurvesSeries, CurvesViewState } from '../../src/protocol/curves';
import { DASHES, withAlpha } from './format';
import { refId, type FullRes } from './state';

export type LineRole = 'line' | 'raw' | 'centre' | 'lower' | 'upper';

export interface PlotLine {
  role: LineRole;
  /** What hover highlights: the run key (per-run lines) or the group key (aggregates). */
  hoverId: string;
  label: string;
  color: string;
  width: number;
  dash: number[];
  xs: ArrayLike<number>;
  /** What is drawn (smoothed when smoothing is on). */
  ys: ArrayLike<number>;
  /** Unsmoothed values, for the tooltip and the CSV. */
  rawYs: ArrayLike<number>;
  min?: ArrayLike<number>;
  max?: ArrayLike<number>;
  runKey?: string;
  seriesLabel?: string;
  /** The group's aggregate; `group` is its label without the run count (the tooltip shows n per x). */
  agg?: { group: string; centre: string; band: string; n: ArrayLike<number>; lower: ArrayLike<number>; upper: ArrayLike<number> };
  /** Band fill colour (on 'upper'). */
  fill?: string;
}

export interface PlotSpec {
  lines: PlotLine[];
  /** With the number of data points it leaves out ("ignore outliers"), for the chart's note. */
  yRange?: ChartYRange;
  loading: boolean;
  errors: string[];
  aggregateMillis: number;
}

export interface PlotContext {
  state: CurvesViewState;
  /** Run key → name to show (Layout.runNames). */
  runNames: Map<string, string>;
  palette: string[];
  colorIndex: Map<string, number>;
  dashIndex: Map<string, number>;
  full?: FullRes;
  /** Whether this chart must show full-resolution data (zoomed, or an x axis other than step). */
  needsFull: boolean;
  width: number;
}

type Member = ChartMember<CurvesSeries>;

/** The points of one member: full resolution when available and wanted, else the index preview. */
function dataOf(m: Member, ctx: PlotContext): (CurveData & { min?: ArrayLike<number>; max?: ArrayLike<number> }) | undefined {
  if (ctx.needsFull) {
    const f = ctx.full?.series.get(refId(m.series));
    // Until the re-read arrives, a zoomed step chart shows the preview: the starting picture.
    if (!f) return ctx.state.xAxis === 'step' ? { x: m.series.x, y: m.series.last, min: m.series.min, max: m.series.max } : undefined;
    if (!f.before && !f.after) return { x: f.x, y: f.last, min: f.min, max: f.max };
    // Edge points outside the zoomed range let the line run into the chart's borders.
    const edges = (e: { x: number; y: number } | null) => (e ? [e] : []);
    const pts = [...edges(f.before).map((e) => [e.x, e.y, e.y, e.y]), ...Array.from(f.x, (x, i) => [x, f.last[i], f.min[i], f.max[i]]), ...edges(f.after).map((e) => [e.x, e.y, e.y, e.y])];
    return { x: pts.map((p) => p[0]), y: pts.map((p) => p[1]), min: pts.map((p) => p[2]), max: pts.map((p) => p[3]) };
  }
  return { x: m.series.x, y: m.series.last, min: m.series.min, max: m.series.max };
}

function groupLabel(m: Member, ctx: PlotContext): string {
  const part = (dim: string, v: string) => {
    if (dim === 'none') return '';
    if (dim === 'run') return ctx.runNames.get(v) ?? v;
    return `${dimensionLabel(dim)}=${v === MISSING ? '(not set)' : v}`;
  };
  return [part(ctx.state.colorBy, m.colorValue), part(ctx.state.dashBy, m.dashValue)].filter(Boolean).join(', ') || 'all runs';
}

export function buildPlot(chart: ChartLayout<CurvesSeries>, ctx: PlotContext): PlotSpec {
  const { state } = ctx;
  const smoothing = { mode: state.smoothing, weight: state.smoothWeight, window: state.smoothWindow };
  const slot = (m: Member) => colourSlot(ctx.colorIndex.get(m.colorValue) ?? 0, ctx.palette.length, DASHES.length);
  const colorOf = (m: Member) => ctx.palette[slot(m).color];
  // The dash grouping sets the dash; without one, dashes continue the colours past the palette.
  const dashOf = (m: Member) => (state.dashBy === 'none' ? DASHES[slot(m).dash] : DASHES[(ctx.dashIndex.get(m.dashValue) ?? 0) % DASHES.length]);
  const lines: PlotLine[] = [];
  const visible = chart.members.filter((m) => !m.hidden);
  const loading = ctx.needsFull && (!ctx.full || ctx.full.status === 'loading') && visible.some((m) => !ctx.full?.series.has(refId(m.series)));
  let aggregateMillis = 0;

  if (state.centre === 'none') {
    for (const m of visible) {
      const d = dataOf(m, ctx);
      if (!d) continue;
      const color = colorOf(m);
      const name = ctx.runNames.get(m.series.runKey) ?? m.series.runKey;
      const sm = smoothed(d.y, smoothing);
      const base = { hoverId: m.series.runKey, label: name, dash: dashOf(m), xs: d.x, rawYs: d.y, min: d.min, max: d.max, runKey: m.series.runKey, seriesLabel: m.series.label };
      if (sm) lines.push({ ...base, role: 'raw', color: withAlpha(color, 0.22), width: 1, ys: d.y });
      lines.push({ ...base, role: 'line', color, width: 1.5, ys: sm ?? d.y });
    }
  } else {
    const started = performance.now();
    const groups = aggregateGroups(visible, (m) => dataOf(m, ctx), {
      centre: state.centre,
      band: state.band,
      logX: state.logX,
      logY: state.logY,
      maxPoints: Math.max(64, Math.round(ctx.width)),
    });
    aggregateMillis = performance.now() - started;
    for (const g of groups) {
      const first = visible.find((m) => m.groupKey === g.groupKey)!;
      const color = colorOf(first);
      const label = `${groupLabel(first, ctx)} (n=${g.runKeys.length})`;
      const a = g.agg;
      const sm = smoothed(a.centre, smoothing);
      const base = { hoverId: g.groupKey, label, dash: dashOf(first), xs: a.x, rawYs: a.centre, agg: { group: groupLabel(first, ctx), centre: state.centre, band: state.band, n: a.n, lower: a.lower, upper: a.upper } };
      if (state.band !== 'none') {
        const lower = smoothed(a.lower, smoothing) ?? a.lower;
        const upper = smoothed(a.upper, smoothing) ?? a.upper;
        lines.push({ ...base, role: 'lower', color: 'transparent', width: 0, ys: lower });
        lines.push({ ...base, role: 'upper', color: 'transparent', width: 0, ys: upper, fill: withAlpha(color, 0.18) });
      }
      if (sm) lines.push({ ...base, role: 'raw', color: withAlpha(color, 0.3), width: 1, ys: a.centre });
      lines.push({ ...base, role: 'centre', color, width: 2, ys: sm ?? a.centre });
    }
  }
  return { lines, yRange: yRangeOf(lines, state, state.zoom[chart.id]), loading, errors: ctx.full?.errors ?? [], aggregateMillis };
}

/** The y range to show (see chartYRange); points counted as cropped only inside the zoomed x range. */
function yRangeOf(lines: PlotLine[], state: CurvesViewState, zoom: [number, number] | undefined): ChartYRange | undefined {
  const drawn = lines.filter((l) => l.role !== 'raw').map((l) => l.ys);
  const data = lines
    .filter((l) => l.role === 'line' || l.role === 'centre')
    .map((l) => (zoom ? Array.from(l.ys).filter((_, i) => l.xs[i] >= zoom[0] && l.xs[i] <= zoom[1]) : l.ys));
  return chartYRange(drawn, data, { ignoreOutliers: state.ignoreOutliers, log: state.logY });
}
