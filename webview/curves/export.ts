// Export of one chart: PNG (the canvas on the theme background), SVG (core/curves/svg from what
// Chart.js drew, in pixels) and CSV of the plotted data (aggregated groups or raw per-run curves).
// The webview cannot write files: it sends the content and the host asks where to save it.
import { aggregatedCsv, chartSvg, rawCurvesCsv, type SvgBand, type SvgLine } from '../../src/core/curves';
import type { ExportFormat } from '../../src/protocol/curves';
import { pngDataUrl } from '../shared/png-export';
import type { ThemeColors } from '../shared/theme';
import type { ChartView } from './charts';
import { xAxisLabel } from './format';
import { request } from './requests';
import { model } from './state';

/** Pixel coordinates of a line as drawn, NaN where the chart breaks it. */
function pixels(view: ChartView, xs: ArrayLike<number>, ys: ArrayLike<number>): Float64Array {
  const { x, y } = view.chart!.scales;
  const { logX, logY } = model.state;
  const out = new Float64Array(xs.length * 2);
  for (let i = 0; i < xs.length; i++) {
    const ok = Number.isFinite(xs[i]) && Number.isFinite(ys[i]) && (!logX || xs[i] > 0) && (!logY || ys[i] > 0);
    out[2 * i] = ok ? x.getPixelForValue(xs[i]) : NaN;
    out[2 * i + 1] = ok ? y.getPixelForValue(ys[i]) : NaN;
  }
  return out;
}

export function svgText(view: ChartView, colors: ThemeColors): string {
  const chart = view.chart!;
  const spec = view.spec!;
  const a = chart.chartArea;
  const lines: SvgLine[] = [];
  const bands: SvgBand[] = [];
  for (let i = 0; i < spec.lines.length; i++) {
    const l = spec.lines[i];
    if (l.role === 'lower') continue;
    if (l.role === 'upper') {
      const lower = spec.lines[i - 1];
      bands.push({ color: l.fill ?? l.color, opacity: 1, upper: pixels(view, l.xs, l.ys), lower: pixels(view, lower.xs, lower.ys) });
      continue;
    }
    lines.push({ color: l.color, width: l.width, dash: l.dash, points: pixels(view, l.xs, l.ys) });
  }
  const tickList = (axis: 'x' | 'y') =>
    chart.scales[axis].ticks.map((t) => ({ at: chart.scales[axis].getPixelForValue(t.value), label: String(t.label ?? '') }));
  return chartSvg({
    width: chart.width,
    height: chart.height,
    title: view.layout.title,
    background: colors.background,
    foreground: colors.foreground,
    muted: colors.muted,
    grid: colors.grid,
    fontFamily: getComputedStyle(document.body).fontFamily,
    area: { left: a.left, top: a.top, right: a.right, bottom: a.bottom },
    xTicks: tickList('x'),
    yTicks: tickList('y'),
    xLabel: xAxisLabel(model.state.xAxis),
    bands,
    lines,
  });
}

/** CSV of what the chart plots; `raw` forces per-run curves even when groups are aggregated. */
export function csvText(view: ChartView, raw: boolean): string {
  const spec = view.spec!;
  const xLabel = xAxisLabel(model.state.xAxis);
  if (!raw && model.state.centre !== 'none') {
    const centres = spec.lines.filter((l) => l.role === 'centre' && l.agg);
    return aggregatedCsv(
      xLabel,
      model.state.centre,
      model.state.band,
      centres.map((l) => ({ chart: view.layout.title, group: l.label, x: l.xs, n: l.agg!.n, centre: l.rawYs, lower: l.agg!.lower, upper: l.agg!.upper })),
    );
  }
  const runs = new Map(model.runs.map((r) => [r.key, r.name]));
  const visible = view.layout.members.filter((m) => !m.hidden);
  if (raw && model.state.centre !== 'none') {
    return rawCurvesCsv(
      xLabel,
      visible.map((m) => ({ chart: view.layout.title, series: m.series.label, run: runs.get(m.series.runKey) ?? m.series.runKey, runKey: m.series.runKey, x: m.series.x, y: m.series.last, min: m.series.min, max: m.series.max })),
    );
  }
  return rawCurvesCsv(
    xLabel,
    spec.lines
      .filter((l) => l.role === 'line')
      .map((l) => ({
        chart: view.layout.title,
        series: l.seriesLabel ?? '',
        run: l.label,
        runKey: l.runKey ?? '',
        x: l.xs,
        y: l.rawYs,
        min: l.min,
        max: l.max,
        smoothed: l.ys !== l.rawYs ? l.ys : undefined,
      })),
  );
}

/** Sends the export to the host; resolves to a status line for the user. */
export async function exportChart(view: ChartView, format: ExportFormat | 'csv-raw', colors: ThemeColors): Promise<string> {
  if (!view.chart || !view.spec) return 'Nothing drawn yet to export.';
  const data = format === 'png' ? pngDataUrl(view.chart!.canvas, colors) : format === 'svg' ? svgText(view, colors) : csvText(view, format === 'csv-raw');
  const fmt: ExportFormat = format === 'csv-raw' ? 'csv' : format;
  const reply = await request((id) => ({ type: 'export', id, format: fmt, name: view.layout.title + (format === 'csv-raw' ? ' raw' : ''), data }));
  if (reply.type === 'exported') return reply.path ? `Saved ${reply.path}` : 'Export cancelled.';
  return reply.type === 'requestError' ? `Export failed: ${reply.message}` : '';
}
