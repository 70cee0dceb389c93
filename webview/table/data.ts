// The table's data set as the host sends it (tableStart, tableRuns…, tableColumns…, tableEnd), assembled
// into columns of values index-aligned with the runs. A part of an older data set is dropped.
import type { CellValue } from '../../src/core/runs/column-values';
import type { HostToTable, TableColumnMeta, TableColumnValues, TableRunRecord } from '../../src/protocol/table';

export interface TableData {
  dataId: number;
  columns: TableColumnMeta[];
  runs: TableRunRecord[];
  values: Map<string, TableColumnValues>;
  errors: string[];
  totalRuns: number;
  millis: number;
}

/** A cell's value: a number (NaN and ±inf included), a text, or null when the run has none. */
export function cellOf(v: TableColumnValues | undefined, row: number): CellValue {
  if (!v) return null;
  if (v.numbers) return v.present?.[row] ? v.numbers[row] : null;
  return v.texts?.[row] ?? null;
}

/** The column's cells for every run (sorting, grouping and "only columns that differ" read them). */
export function cellsOf(v: TableColumnValues | undefined, rows: number): CellValue[] {
  const out: CellValue[] = new Array(rows);
  for (let i = 0; i < rows; i++) out[i] = cellOf(v, i);
  return out;
}

/** [step the value is at, step asked for] of an approximate cell. */
export function approxOf(v: TableColumnValues | undefined, row: number): [number, number] | undefined {
  const hit = v?.approx?.find((a) => a[0] === row);
  return hit ? [hit[1], hit[2]] : undefined;
}

export class TableAssembler {
  private pending: TableData | undefined;

  /** Takes one table message; returns the data set when its last part arrived. */
  take(msg: Extract<HostToTable, { type: 'tableStart' | 'tableRuns' | 'tableColumns' | 'tableEnd' }>): TableData | undefined {
    if (msg.type === 'tableStart') {
      this.pending = { dataId: msg.dataId, columns: msg.columns, runs: [], values: new Map(), errors: [], totalRuns: msg.totalRuns, millis: 0 };
      return undefined;
    }
    const p = this.pending;
    if (!p || p.dataId !== msg.dataId) return undefined;
    if (msg.type === 'tableRuns') p.runs.push(...msg.runs);
    else if (msg.type === 'tableColumns') for (const c of msg.columns) p.values.set(c.id, c);
    else {
      p.errors = msg.errors;
      p.millis = msg.millis;
      this.pending = undefined;
      return p;
    }
    return undefined;
  }
}
