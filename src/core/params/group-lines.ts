// Group mode: configuration groups (every param but the replicate-like ones, as the Runs table groups seeds)
// drawn as one line through the mean of their runs with a band from the lowest to the highest member on each
// axis. A text axis takes the value all members share, else the group is missing there.
import type { CellValue } from '../runs/column-values';
import { categoryOf } from './axis-scale';
import { cellNumber, isNumericColumn } from './cells';

/** The group's value on one axis from its members' values. */
export function groupValue(values: readonly CellValue[], members: readonly number[]): CellValue {
  const cells = members.map((i) => values[i]);
  if (isNumericColumn(cells)) {
    const nums = cells.map((v) => cellNumber(v)).filter((n): n is number => n !== undefined && Number.isFinite(n));
    if (nums.length) return nums.reduce((a, b) => a + b, 0) / nums.length;
    // no finite member: NaN when some member logged a non-finite value, else missing
    return cells.some((v) => v !== null) ? NaN : null;
  }
  const first = categoryOf(cells[0] ?? null);
  return cells.every((v) => categoryOf(v) === first) ? first : null;
}

/** The band [lowest, highest] member position on an axis (lanes ignored); undefined when no member is placed. */
export function groupBand(positions: ArrayLike<number>, members: readonly number[]): [number, number] | undefined {
  let lo = Infinity;
  let hi = -Infinity;
  for (const i of members) {
    const p = positions[i];
    if (p < 0) continue;
    if (p < lo) lo = p;
    if (p > hi) hi = p;
  }
  return lo <= hi ? [lo, hi] : undefined;
}
