// The readable (non-JSON) output of `runlens index`.
import type { ReadError } from '../core/model';
import { seriesLabel } from '../core/model';
import type { IndexedRun } from '../core/index/types';
import { formatNumber } from '../core/util/numbers';
import { terminalText } from './terminal-text';

/** Columns padded to their widest cell; every cell is made terminal-safe first. */
export function paddedTable(cells: string[][]): string {
  const rows = cells.map((r) => r.map((c) => terminalText(c ?? '')));
  const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => (r[i] ?? '').length)));
  return rows.map((r) => r.map((c, i) => (c ?? '').padEnd(widths[i])).join('  ').trimEnd()).join('\n') + '\n';
}

const clip = (s: string, n: number) => (s.length > n ? s.slice(0, n - 1) + '…' : s);

export function renderRunsTable(runs: IndexedRun[], errors: ReadError[]): string {
  const rows: string[][] = [['FORMAT', 'EXPERIMENT', 'NAME', 'STATUS', 'PARAMS', 'SERIES', 'CKPTS', 'ID']];
  for (const r of runs) {
    rows.push([
      r.format,
      clip(r.experiment, 24),
      clip(r.name || '(unnamed)', 32) + (r.error ? ' ⚠' : ''),
      r.status,
      String(Object.keys(r.params).length),
      String(r.series.length),
      String(r.checkpoints.length),
      clip(r.id, 36),
    ]);
  }
  let out = paddedTable(rows);
  const metricRows: string[][] = [['RUN', 'SERIES', 'COUNT', 'LAST', 'MIN', 'MAX']];
  for (const r of runs.slice(0, 50)) {
    for (const s of r.series.slice(0, 12)) {
      metricRows.push([clip(r.name || r.id, 32), clip(seriesLabel(s), 40), String(s.count), formatNumber(s.last), formatNumber(s.min), formatNumber(s.max)]);
    }
  }
  if (metricRows.length > 1) out += '\n' + paddedTable(metricRows);
  if (errors.length) {
    out += `\n${errors.length} problem(s):\n`;
    for (const e of errors) out += `  ${terminalText(e.path)}: ${terminalText(e.message)}\n`;
  }
  return out;
}
