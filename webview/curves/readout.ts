// Tooltip text of a hovered point: one shared wording for the Chart.js tooltip (aggregates, few
// runs) and the run lines the chart strokes itself (many runs, fast-lines.ts).
import { formatValue, formatX, xAxisLabel } from './format';
import type { PlotLine } from './plot';

const BAND_NAMES: Record<string, string> = { minmax: 'min–max', sd: '± SD', se: '± SE', ci95: '95 % CI' };

export function tooltipTitle(xAxis: string, x: number): string {
  return `${xAxisLabel(xAxis)} ${formatX(xAxis, x)}`;
}

/** The tooltip lines of point `i` (index into the line's arrays) of a run line or group centre. */
export function tooltipLines(l: PlotLine, i: number): string[] {
  const y = l.rawYs[i];
  if (l.role === 'centre' && l.agg) {
    const a = l.agg;
    const band = a.band !== 'none' && Number.isFinite(a.lower[i]) && Number.isFinite(a.upper[i]) ? ` · ${BAND_NAMES[a.band]} ${formatValue(a.lower[i])} … ${formatValue(a.upper[i])}` : '';
    const sm = l.ys !== l.rawYs ? ` (smoothed ${formatValue(l.ys[i])})` : '';
    // Two lines per group: a chart card is narrower than one long line, and the tooltip is clipped to it.
    return [a.group, `${a.centre} ${formatValue(y)}${sm}${band} · n=${a.n[i]}`];
  }
  const range = l.min && l.max && l.min[i] !== l.max[i] ? ` [${formatValue(l.min[i])} … ${formatValue(l.max[i])}]` : '';
  const sm = l.ys !== l.rawYs ? ` (smoothed ${formatValue(l.ys[i])})` : '';
  return [`${l.label}: ${formatValue(y)}${range}${sm}`];
}
