// Side-by-side comparison of two or more runs: the params whose values differ (and how many agree), and each
// metric column's value per run with its delta against the first run (the reference).
import type { CellValue } from './column-values';
import { paramIdentity } from './groups';

export interface ComparedRun {
  name: string;
  params: Record<string, string>;
  /** Metric column values by column id. */
  metrics: Record<string, CellValue>;
}

export interface SideBySide {
  /** Params that differ between the runs: the value of each run ('' when absent). */
  params: Array<{ key: string; values: string[] }>;
  /** How many params every run has with the same value. */
  sameParams: number;
  /** Per metric column: each run's value and its difference to the first run (null when either is not a number). */
  metrics: Array<{ id: string; values: CellValue[]; deltas: Array<number | null> }>;
}

export function sideBySide(runs: readonly ComparedRun[], metricIds: readonly string[]): SideBySide {
  const keys = new Set<string>();
  for (const r of runs) for (const k of Object.keys(r.params)) keys.add(k);
  const params: SideBySide['params'] = [];
  let sameParams = 0;
  for (const key of [...keys].sort((a, b) => a.localeCompare(b))) {
    const values = runs.map((r) => r.params[key]);
    if (new Set(values.map(paramIdentity)).size > 1) params.push({ key, values: values.map((v) => v ?? '') });
    else sameParams++;
  }
  const metrics = metricIds.map((id) => {
    const values = runs.map((r) => r.metrics[id] ?? null);
    const ref = values[0];
    const deltas = values.map((v) => (typeof v === 'number' && typeof ref === 'number' ? v - ref : null));
    return { id, values, deltas };
  });
  return { params, sameParams, metrics };
}
