// Brushing (decisions.md §1.8): an axis may hold several ranges and, on a categorical axis, a set of ticked
// categories; a run passes an axis when it falls in ANY of its ranges or categories (OR within an axis) and
// is brushed when it passes EVERY brushed axis (AND across axes). Ranges are kept in positions [lo, hi] of
// the axis as drawn (0 bottom, 1 top); the ∅ and NaN/inf lanes can be ticked like categories.
import { MISSING_LANE, NONFINITE_LANE, type AxisModel } from './axis';

export const MISSING_CATEGORY = '∅';
export const NONFINITE_CATEGORY = 'NaN/∞';

export interface AxisBrush {
  ranges: Array<[number, number]>;
  categories: string[];
}

export type Brushes = Record<string, AxisBrush>;

export function isEmptyBrush(b: AxisBrush | undefined): boolean {
  return !b || (b.ranges.length === 0 && b.categories.length === 0);
}

/** Adds a range to an axis; ranges that overlap the new one merge with it. */
export function addRange(brushes: Brushes, axis: string, range: [number, number]): Brushes {
  let [lo, hi] = range[0] <= range[1] ? range : [range[1], range[0]];
  const cur = brushes[axis] ?? { ranges: [], categories: [] };
  const kept: Array<[number, number]> = [];
  for (const [a, b] of cur.ranges) {
    if (b < lo || a > hi) kept.push([a, b]);
    else {
      lo = Math.min(lo, a);
      hi = Math.max(hi, b);
    }
  }
  kept.push([lo, hi]);
  kept.sort((x, y) => x[0] - y[0]);
  return { ...brushes, [axis]: { ranges: kept, categories: cur.categories } };
}

/** Removes the range that contains this position (a click inside a brush clears it). */
export function removeRangeAt(brushes: Brushes, axis: string, position: number): Brushes {
  const cur = brushes[axis];
  if (!cur) return brushes;
  const ranges = cur.ranges.filter(([a, b]) => position < a || position > b);
  return cleanup({ ...brushes, [axis]: { ranges, categories: cur.categories } }, axis);
}

/** Ticks or unticks a category (or the ∅ / NaN/∞ lane) of an axis. */
export function toggleCategory(brushes: Brushes, axis: string, category: string): Brushes {
  const cur = brushes[axis] ?? { ranges: [], categories: [] };
  const categories = cur.categories.includes(category) ? cur.categories.filter((c) => c !== category) : [...cur.categories, category];
  return cleanup({ ...brushes, [axis]: { ranges: cur.ranges, categories } }, axis);
}

export function clearAxis(brushes: Brushes, axis: string): Brushes {
  const out = { ...brushes };
  delete out[axis];
  return out;
}

function cleanup(brushes: Brushes, axis: string): Brushes {
  return isEmptyBrush(brushes[axis]) ? clearAxis(brushes, axis) : brushes;
}

/** Whether run i passes this axis's brush (categories by their index on the axis). */
function passes(axis: AxisModel, brush: AxisBrush, i: number, wantedCats: Set<number>): boolean {
  const p = axis.positions[i];
  if (p === MISSING_LANE) return brush.categories.includes(MISSING_CATEGORY);
  if (p === NONFINITE_LANE) return brush.categories.includes(NONFINITE_CATEGORY);
  for (const [lo, hi] of brush.ranges) if (p >= lo - 1e-6 && p <= hi + 1e-6) return true;
  if (axis.scale === 'categorical' && wantedCats.size) {
    const n = axis.categories.length;
    const raw = axis.flip ? 1 - p : p;
    const idx = n > 1 ? Math.round(raw * (n - 1)) : 0;
    return wantedCats.has(idx);
  }
  return false;
}

/**
 * 1 for each run inside every brushed axis, 0 otherwise; with no brush at all every run is in. Axes that
 * are not shown (a brush left on a removed axis) do not count.
 */
export function brushedMask(axes: readonly AxisModel[], brushes: Brushes, runCount: number, out: Uint8Array = new Uint8Array(runCount)): Uint8Array {
  out.fill(1);
  for (const axis of axes) {
    const brush = brushes[axis.id];
    if (isEmptyBrush(brush)) continue;
    const index = new Map(axis.categories.map((c, i) => [c, i]));
    const wanted = new Set(brush!.categories.map((c) => index.get(c)).filter((x): x is number => x !== undefined));
    for (let i = 0; i < runCount; i++) if (out[i] && !passes(axis, brush!, i, wanted)) out[i] = 0;
  }
  return out;
}

export function hasBrush(brushes: Brushes, axes: readonly { id: string }[]): boolean {
  return axes.some((a) => !isEmptyBrush(brushes[a.id]));
}
