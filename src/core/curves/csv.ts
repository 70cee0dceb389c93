// CSV of what a chart plots: one row per point, long format (chart, line, x, y…), so pandas or a
// spreadsheet pivots it as needed. Numbers are written in full precision (shortest round-trip
// text); NaN and ±Infinity are written as nan / inf / -inf, which pandas and numpy read back.

export function csvNumber(v: number): string {
  if (Number.isNaN(v)) return 'nan';
  if (v === Infinity) return 'inf';
  if (v === -Infinity) return '-inf';
  return String(v);
}

/** Quotes a field when it holds a comma, quote, newline or leading/trailing space (RFC 4180). */
export function csvField(v: string | number): string {
  if (typeof v === 'number') return csvNumber(v);
  return /[",\r\n]|^\s|\s$/.test(v) ? `"${v.replace(/"/g, '""')}"` : v;
}

export function csvText(header: readonly string[], rows: Iterable<ReadonlyArray<string | number>>): string {
  const out = [header.map(csvField).join(',')];
  for (const row of rows) out.push(row.map(csvField).join(','));
  return out.join('\r\n') + '\r\n';
}

export interface RawLine {
  chart: string;
  /** The run's display name. */
  run: string;
  runKey: string;
  /** Series label (metric · context). */
  series: string;
  x: ArrayLike<number>;
  y: ArrayLike<number>;
  /** Per-point min/max when the points are buckets (index preview or zoom re-read). */
  min?: ArrayLike<number>;
  max?: ArrayLike<number>;
  /** Smoothed y, when smoothing is on. */
  smoothed?: ArrayLike<number>;
}

/** Raw curves: chart, series, run, run_key, <x>, y[, y_min, y_max][, y_smoothed]. */
export function rawCurvesCsv(xLabel: string, lines: readonly RawLine[]): string {
  const buckets = lines.some((l) => l.min && l.max);
  const smooth = lines.some((l) => l.smoothed);
  const header = ['chart', 'series', 'run', 'run_key', xLabel, 'y', ...(buckets ? ['y_min', 'y_max'] : []), ...(smooth ? ['y_smoothed'] : [])];
  function* rows() {
    for (const l of lines) {
      for (let i = 0; i < l.x.length; i++) {
        const row: Array<string | number> = [l.chart, l.series, l.run, l.runKey, l.x[i], l.y[i]];
        if (buckets) row.push(l.min ? l.min[i] : l.y[i], l.max ? l.max[i] : l.y[i]);
        if (smooth) row.push(l.smoothed ? l.smoothed[i] : '');
        yield row;
      }
    }
  }
  return csvText(header, rows());
}

export interface AggregatedLine {
  chart: string;
  /** Group label, e.g. `learning_rate=3e-05`. */
  group: string;
  x: ArrayLike<number>;
  n: ArrayLike<number>;
  centre: ArrayLike<number>;
  lower: ArrayLike<number>;
  upper: ArrayLike<number>;
}

/** Aggregated groups: chart, group, <x>, n, <centre>, lower, upper (centre/band names in the header). */
export function aggregatedCsv(xLabel: string, centre: string, band: string, lines: readonly AggregatedLine[]): string {
  const header = ['chart', 'group', xLabel, 'n', centre, `${band}_lower`, `${band}_upper`];
  function* rows() {
    for (const l of lines) for (let i = 0; i < l.x.length; i++) yield [l.chart, l.group, l.x[i], l.n[i], l.centre[i], l.lower[i], l.upper[i]];
  }
  return csvText(header, rows());
}
