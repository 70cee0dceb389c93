// Which scale an axis takes (decisions.md §1.8): categorical when any present value is text (strings,
// booleans); log suggested when every finite value is > 0 and they span at least two decades, or when the
// distinct values look log-spaced (a 1e-5, 3e-5, 1e-4 learning-rate grid: even steps in log, not in value);
// else linear. Categories are ordered by value (numbers by value, then texts in natural order) or by the
// mean of the colour metric over the runs in each category.
import type { CellValue } from '../runs/column-values';
import type { Goal } from '../runs/declared-objective';
import { cellNumber, isNumericColumn, numberOfText } from './cells';

export type AxisScale = 'linear' | 'log' | 'categorical';

/** Distinct finite values, ascending. */
function distinctFinite(values: readonly CellValue[]): number[] {
  const set = new Set<number>();
  for (const v of values) {
    const n = cellNumber(v);
    if (n !== undefined && Number.isFinite(n)) set.add(n);
  }
  return [...set].sort((a, b) => a - b);
}

/**
 * Distinct positive values whose consecutive ratios are more even than their differences: the coefficient
 * of variation of log-gaps is below that of the gaps, and the values are not evenly spaced in value.
 * Needs at least 3 distinct values (two points are evenly spaced in any scale).
 */
export function looksLogSpaced(distinct: readonly number[]): boolean {
  if (distinct.length < 3 || distinct[0] <= 0) return false;
  const gaps: number[] = [];
  const logGaps: number[] = [];
  for (let i = 1; i < distinct.length; i++) {
    gaps.push(distinct[i] - distinct[i - 1]);
    logGaps.push(Math.log10(distinct[i]) - Math.log10(distinct[i - 1]));
  }
  const cv = (xs: number[]) => {
    const m = xs.reduce((a, b) => a + b, 0) / xs.length;
    const sd = Math.sqrt(xs.reduce((a, b) => a + (b - m) * (b - m), 0) / xs.length);
    return m > 0 ? sd / m : Infinity;
  };
  const linear = cv(gaps);
  // evenly spaced values (1, 2, 3, 4) stay linear whatever their log gaps say
  return linear > 0.25 && cv(logGaps) < linear;
}

/** The scale an axis should start with. */
export function suggestScale(values: readonly CellValue[]): AxisScale {
  if (!isNumericColumn(values)) return 'categorical';
  const distinct = distinctFinite(values);
  if (!distinct.length || distinct[0] <= 0) return 'linear';
  const decades = Math.log10(distinct[distinct.length - 1] / distinct[0]);
  return decades >= 2 || looksLogSpaced(distinct) ? 'log' : 'linear';
}

/** Whether a log scale can show these values (every finite value > 0). */
export function logAllowed(values: readonly CellValue[]): boolean {
  const d = distinctFinite(values);
  return isNumericColumn(values) && d.length > 0 && d[0] > 0;
}

const collator = new Intl.Collator(undefined, { numeric: true, sensitivity: 'base' });

/** A category's text: numbers (and texts that are numbers) as JS writes them, so '3e-05' and 0.00003 are one category. */
export function categoryOf(v: CellValue): string | null {
  if (v === null) return null;
  if (typeof v === 'number') return String(v);
  const n = numberOfText(v);
  return n !== undefined && Number.isFinite(n) ? String(n) : v;
}

/** Categories by value: numbers ascending, then texts in natural order (`v2` before `v10`). */
export function categoriesByValue(values: readonly CellValue[]): string[] {
  const set = new Set<string>();
  for (const v of values) {
    const c = categoryOf(v);
    if (c !== null) set.add(c);
  }
  return [...set].sort((a, b) => {
    const na = cellNumber(a);
    const nb = cellNumber(b);
    if (na !== undefined && nb !== undefined && Number.isFinite(na) && Number.isFinite(nb)) return na - nb;
    if (na !== undefined && Number.isFinite(na)) return -1;
    if (nb !== undefined && Number.isFinite(nb)) return 1;
    return collator.compare(a, b);
  });
}

/**
 * Categories by the mean of the colour metric over their runs, best last (the top of the axis): ascending
 * mean for a metric where higher is better, descending where lower is. Categories with no finite metric go first.
 */
export function categoriesByMetric(values: readonly CellValue[], metric: ArrayLike<number>, goal: Goal): string[] {
  const sums = new Map<string, { s: number; n: number }>();
  values.forEach((v, i) => {
    const c = categoryOf(v);
    if (c === null) return;
    const acc = sums.get(c) ?? { s: 0, n: 0 };
    const m = metric[i];
    if (Number.isFinite(m)) {
      acc.s += m;
      acc.n++;
    }
    sums.set(c, acc);
  });
  const byValue = categoriesByValue(values);
  const mean = (c: string) => {
    const a = sums.get(c)!;
    return a.n ? a.s / a.n : NaN;
  };
  const sign = goal === 'min' ? -1 : 1;
  return byValue
    .map((c, i) => ({ c, i, m: mean(c) }))
    .sort((a, b) => {
      if (Number.isNaN(a.m) || Number.isNaN(b.m)) return Number.isNaN(a.m) ? (Number.isNaN(b.m) ? a.i - b.i : -1) : 1;
      return sign * (a.m - b.m) || a.i - b.i;
    })
    .map((x) => x.c);
}
