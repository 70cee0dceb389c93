// The values of one Params axis for the shown runs, as the table computes them (CellValue: a number, a text,
// or null when the run has no value). A param logged as text ("3e-05", "True") counts as a number when it
// reads as one; an axis is numeric when every present value is a number (NaN and ±inf included: they get their
// own marker), else categorical. Pure: the host, the webview and the tests share it.
import type { CellValue } from '../runs/column-values';

/** A logged text as a number: '3e-05', ' 12 ', 'nan', 'inf', '-Infinity'; undefined when it is not one. */
export function numberOfText(v: string): number | undefined {
  const t = v.trim();
  if (!t) return undefined;
  const lower = t.toLowerCase();
  if (lower === 'nan') return NaN;
  if (lower === 'inf' || lower === '+inf' || lower === 'infinity' || lower === '+infinity') return Infinity;
  if (lower === '-inf' || lower === '-infinity') return -Infinity;
  const n = Number(t);
  return Number.isNaN(n) ? undefined : n;
}

/** The cell as a number, or undefined when it is missing or text that is no number. */
export function cellNumber(v: CellValue | undefined): number | undefined {
  if (v === null || v === undefined) return undefined;
  return typeof v === 'number' ? v : numberOfText(v);
}

/** Whether every present value reads as a number (an axis of only missing values is numeric too). */
export function isNumericColumn(values: readonly CellValue[]): boolean {
  return values.every((v) => v === null || cellNumber(v) !== undefined);
}

/** A numeric column as one array: NaN where the run has no value, and `missing` marking which those are. */
export interface NumericCells {
  numbers: Float64Array;
  missing: Uint8Array;
}

export function numericCells(values: readonly CellValue[]): NumericCells {
  const numbers = new Float64Array(values.length);
  const missing = new Uint8Array(values.length);
  values.forEach((v, i) => {
    const n = cellNumber(v);
    if (n === undefined) {
      numbers[i] = NaN;
      missing[i] = 1;
    } else numbers[i] = n;
  });
  return { numbers, missing };
}

/** The cells back from their wire form (numbers + missing mask, or texts). */
export function cellsOf(column: { numbers?: Float64Array; missing?: Uint8Array; text?: ReadonlyArray<string | null> }): CellValue[] {
  if (column.text) return [...column.text];
  const { numbers, missing } = column;
  if (!numbers) return [];
  return Array.from(numbers, (n, i) => (missing?.[i] ? null : n));
}
