// Table values for many runs without holding the extension host: readRows (core) over slices of runs, with a
// turn of the event loop between slices, so 1,000 runs read through the series service keep the host
// responsive; a newer computation cancels an older one between slices. No 'vscode' import.
import type { IndexedRun } from '../../../core/index/types';
import type { ReadSeriesOf } from '../../../core/model';
import { readRows, type ColumnOptions, type RunRow } from '../../../core/runs/column-values';
import type { Column } from '../../../core/runs/columns';

export const ROWS_PER_SLICE = 25;

export interface SlicedRows {
  rows: RunRow[];
  errors: string[];
}

const turn = () => new Promise<void>((resolve) => setImmediate(resolve));

/** readRows over slices; undefined when `cancelled()` turned true meanwhile. */
export async function readRowsSliced(
  runs: readonly IndexedRun[],
  columns: readonly Column[],
  read: ReadSeriesOf,
  options: ColumnOptions & { cancelled?: () => boolean; progress?: (done: number, total: number) => void } = {},
): Promise<SlicedRows | undefined> {
  const rows: RunRow[] = [];
  const errors: string[] = [];
  for (let i = 0; i < runs.length; i += ROWS_PER_SLICE) {
    if (options.cancelled?.()) return undefined;
    const res = await readRows(runs.slice(i, i + ROWS_PER_SLICE), columns, read, options);
    rows.push(...res.rows);
    errors.push(...res.errors.map((e) => `${e.path}: ${e.message}`));
    options.progress?.(rows.length, runs.length);
    await turn();
  }
  return options.cancelled?.() ? undefined : { rows, errors };
}
