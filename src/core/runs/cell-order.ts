// The order of table cells when a column is sorted, shared by the Runs Table panel and anything else that
// sorts columns: numbers by value (a param written `3e-05` sorts with `0.0001`), then text, NaN after every
// number, empty cells last in both directions (a run that did not log a metric never tops the table).
import type { CellValue } from './column-values';

/** A cell's sort rank: 0 number, 1 NaN, 2 text, 3 empty. Numbers written as text count as numbers. */
export function cellRank(v: CellValue | undefined): { rank: 0 | 1 | 2 | 3; num: number; text: string } {
  if (v === null || v === undefined || v === '') return { rank: 3, num: 0, text: '' };
  if (typeof v === 'number') return Number.isNaN(v) ? { rank: 1, num: 0, text: '' } : { rank: 0, num: v, text: '' };
  const n = v.trim() === '' ? NaN : Number(v);
  if (Number.isFinite(n)) return { rank: 0, num: n, text: v };
  return { rank: 2, num: 0, text: v };
}

/** Row indexes sorted by the column's cells (stable: equal cells keep their order); empty cells last either way. */
export function sortedIndexes(cells: ReadonlyArray<CellValue | undefined>, desc: boolean, rows?: readonly number[]): number[] {
  const order = rows ? [...rows] : cells.map((_, i) => i);
  const ranks = cells.map(cellRank);
  const dir = desc ? -1 : 1;
  order.sort((a, b) => {
    const x = ranks[a];
    const y = ranks[b];
    if (x.rank !== y.rank) {
      if (x.rank === 3 || y.rank === 3) return x.rank === 3 ? 1 : -1;
      return (x.rank - y.rank) * dir;
    }
    if (x.rank === 0 && x.num !== y.num) return (x.num - y.num) * dir;
    if (x.rank === 2 && x.text !== y.text) return x.text.localeCompare(y.text) * dir;
    return a - b;
  });
  return order;
}

/** Whether a column's cells are all the same (the "only columns that differ" switch hides it). */
export function allSame(cells: ReadonlyArray<CellValue | undefined>): boolean {
  if (cells.length < 2) return true;
  const key = (v: CellValue | undefined) => (typeof v === 'number' ? (Number.isNaN(v) ? 'NaN' : `#${v}`) : v === undefined || v === null ? '' : String(v));
  const first = key(cells[0]);
  return cells.every((c) => key(c) === first);
}
