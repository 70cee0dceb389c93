// Number, time and colour helpers of the Curves webview.

export function formatValue(v: number): string {
  if (Number.isNaN(v)) return 'NaN';
  if (!Number.isFinite(v)) return v > 0 ? '∞' : '-∞';
  const a = Math.abs(v);
  return a !== 0 && (a < 1e-3 || a >= 1e6) ? v.toExponential(3) : String(Number(v.toPrecision(5)));
}

/** Milliseconds as a short duration: 850ms, 42s, 3m 05s, 2h 04m, 3d 4h. */
export function formatDuration(ms: number): string {
  if (!Number.isFinite(ms)) return formatValue(ms);
  const sign = ms < 0 ? '-' : '';
  const a = Math.abs(ms);
  if (a < 1000) return `${sign}${Math.round(a)}ms`;
  const s = a / 1000;
  if (s < 60) return `${sign}${Number(s.toPrecision(3))}s`;
  const m = Math.floor(s / 60);
  const pad = (n: number) => String(Math.floor(n)).padStart(2, '0');
  if (m < 60) return `${sign}${m}m ${pad(s % 60)}s`;
  const h = Math.floor(m / 60);
  if (h < 48) return `${sign}${h}h ${pad(m % 60)}m`;
  return `${sign}${Math.floor(h / 24)}d ${h % 24}h`;
}

export function formatWallTime(ms: number, withDate = true): string {
  if (!Number.isFinite(ms)) return formatValue(ms);
  const d = new Date(ms);
  const pad = (n: number) => String(n).padStart(2, '0');
  const time = `${pad(d.getHours())}:${pad(d.getMinutes())}`;
  return withDate ? `${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${time}` : time;
}

/** Tick / tooltip text of an x value for the chosen axis. */
export function formatX(xAxis: string, v: number): string {
  if (xAxis === 'relative-time') return formatDuration(v);
  if (xAxis === 'wall-time') return formatWallTime(v);
  return formatValue(v);
}

export function xAxisLabel(xAxis: string): string {
  if (xAxis === 'relative-time') return 'time since start';
  if (xAxis === 'wall-time') return 'wall time';
  if (xAxis.startsWith('metric:')) return xAxis.slice(7);
  return xAxis;
}

/** The colour with an alpha, for hex (#rgb, #rrggbb), rgb() and hsl() theme colours. */
export function withAlpha(color: string, alpha: number): string {
  const c = color.trim();
  const hex = /^#([0-9a-f]{3}|[0-9a-f]{6})$/i.exec(c);
  if (hex) {
    const h = hex[1].length === 3 ? [...hex[1]].map((x) => x + x).join('') : hex[1];
    const n = parseInt(h, 16);
    return `rgba(${(n >> 16) & 255}, ${(n >> 8) & 255}, ${n & 255}, ${alpha})`;
  }
  const fn = /^(rgb|hsl)a?\((.*)\)$/i.exec(c);
  if (fn) {
    const parts = fn[2].split('/')[0].trim();
    return parts.includes(',') ? `${fn[1]}a(${parts}, ${alpha})` : `${fn[1]}(${parts} / ${alpha})`;
  }
  return c;
}

/** Line dash patterns for the dash grouping, first = solid. */
export const DASHES: number[][] = [[], [6, 4], [2, 3], [10, 4, 2, 4], [1, 5], [14, 5], [6, 2, 1, 2, 1, 2]];
