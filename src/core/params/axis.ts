// One axis of the parallel coordinates (and of a scatter): where each run's value sits. Positions are 0 at
// the bottom and 1 at the top of the axis (flip swaps them). A run with no value goes to the ∅ lane under
// the axis (MISSING_LANE), never to an end of the range where it would look best or worst; NaN and ±inf go
// to their own marker (NONFINITE_LANE) below it. Both lanes carry their counts so the axis can say them.
import type { CellValue } from '../runs/column-values';
import { categoriesByValue, categoryOf, type AxisScale } from './axis-scale';
import { cellNumber } from './cells';

export const MISSING_LANE = -1;
export const NONFINITE_LANE = -2;

export interface AxisSpec {
  id: string;
  scale: AxisScale;
  flip?: boolean;
  /** Categorical axes: the order bottom to top (default: by value). */
  categories?: readonly string[];
}

export interface AxisModel {
  id: string;
  scale: AxisScale;
  flip: boolean;
  /** Numeric axes: the finite range [min, max] (log axes: of the positive values). */
  domain: [number, number];
  /** Categorical axes: the categories bottom to top. */
  categories: string[];
  /** Per run: position in [0, 1], or MISSING_LANE / NONFINITE_LANE. */
  positions: Float32Array;
  missing: number;
  /** NaN, +inf, −inf counts (non-positive values on a log axis count as NaN: log cannot place them). */
  nonFinite: { nan: number; posInf: number; negInf: number };
}

/** Position of a value in [0, 1] on a numeric domain (a one-value domain sits in the middle). */
export function scalePosition(v: number, domain: readonly [number, number], log: boolean): number {
  const [lo, hi] = log ? [Math.log10(domain[0]), Math.log10(domain[1])] : domain;
  const x = log ? Math.log10(v) : v;
  return hi > lo ? (x - lo) / (hi - lo) : 0.5;
}

/** The value at a position in [0, 1] (inverse of scalePosition; used to turn a brushed extent into values). */
export function valueAtPosition(p: number, domain: readonly [number, number], log: boolean): number {
  const [lo, hi] = log ? [Math.log10(domain[0]), Math.log10(domain[1])] : domain;
  const x = lo + p * (hi - lo);
  return log ? 10 ** x : x;
}

/** Position of category i of n: evenly spaced, a single category in the middle. */
export function categoryPosition(i: number, n: number): number {
  return n > 1 ? i / (n - 1) : 0.5;
}

export function buildAxis(spec: AxisSpec, values: readonly CellValue[]): AxisModel {
  const positions = new Float32Array(values.length);
  const nonFinite = { nan: 0, posInf: 0, negInf: 0 };
  let missing = 0;
  const flip = spec.flip === true;
  const orient = (p: number) => (flip ? 1 - p : p);
  if (spec.scale === 'categorical') {
    const categories = spec.categories ? [...spec.categories] : categoriesByValue(values);
    // a category the given order does not know (a new run) goes on top rather than vanishing
    for (const c of categoriesByValue(values)) if (!categories.includes(c)) categories.push(c);
    const index = new Map(categories.map((c, i) => [c, i]));
    values.forEach((v, i) => {
      const c = categoryOf(v);
      if (c === null) {
        positions[i] = MISSING_LANE;
        missing++;
      } else positions[i] = orient(categoryPosition(index.get(c)!, categories.length));
    });
    return { id: spec.id, scale: 'categorical', flip, domain: [0, Math.max(0, categories.length - 1)], categories, positions, missing, nonFinite };
  }
  const log = spec.scale === 'log';
  let lo = Infinity;
  let hi = -Infinity;
  const nums = values.map((v) => cellNumber(v));
  for (const n of nums) {
    if (n === undefined || !Number.isFinite(n) || (log && n <= 0)) continue;
    if (n < lo) lo = n;
    if (n > hi) hi = n;
  }
  const domain: [number, number] = lo <= hi ? [lo, hi] : [0, 1];
  nums.forEach((n, i) => {
    if (n === undefined) {
      positions[i] = MISSING_LANE;
      missing++;
    } else if (!Number.isFinite(n) || (log && n <= 0)) {
      positions[i] = NONFINITE_LANE;
      if (n === Infinity) nonFinite.posInf++;
      else if (n === -Infinity) nonFinite.negInf++;
      else nonFinite.nan++;
    } else positions[i] = orient(scalePosition(n, domain, log));
  });
  return { id: spec.id, scale: spec.scale, flip, domain, categories: [], positions, missing, nonFinite };
}

/** Where a value (a group's mean, say) sits on an axis built from other values: a lane when it cannot be placed. */
export function positionOnAxis(axis: AxisModel, v: CellValue): number {
  const orient = (p: number) => (axis.flip ? 1 - p : p);
  if (v === null) return MISSING_LANE;
  if (axis.scale === 'categorical') {
    const i = axis.categories.indexOf(categoryOf(v) ?? '');
    return i < 0 ? MISSING_LANE : orient(categoryPosition(i, axis.categories.length));
  }
  const n = cellNumber(v);
  if (n === undefined) return MISSING_LANE;
  if (!Number.isFinite(n) || (axis.scale === 'log' && n <= 0)) return NONFINITE_LANE;
  return orient(scalePosition(n, axis.domain, axis.scale === 'log'));
}

export interface Tick {
  position: number;
  label: string;
}

/** Compact number text for ticks and read-outs: 3e-5, 0.912, 1.2k. */
export function formatNumber(v: number): string {
  if (!Number.isFinite(v)) return Number.isNaN(v) ? 'NaN' : v > 0 ? '∞' : '−∞';
  const a = Math.abs(v);
  if (a !== 0 && (a < 1e-3 || a >= 1e6)) return v.toExponential(2).replace(/\.?0+e/, 'e').replace('e+', 'e');
  return String(Number(v.toPrecision(4)));
}

/** About `count` ticks: decades (and 2, 5 between when few) on a log axis, round steps on a linear one. */
export function axisTicks(axis: AxisModel, count = 5): Tick[] {
  const orient = (p: number) => (axis.flip ? 1 - p : p);
  if (axis.scale === 'categorical') return axis.categories.map((c, i) => ({ position: orient(categoryPosition(i, axis.categories.length)), label: c }));
  const [lo, hi] = axis.domain;
  if (lo === hi) return [{ position: 0.5, label: formatNumber(lo) }];
  const out: Tick[] = [];
  if (axis.scale === 'log') {
    const d0 = Math.floor(Math.log10(lo));
    const d1 = Math.ceil(Math.log10(hi));
    const mults = d1 - d0 <= 2 ? [1, 2, 5] : [1];
    for (let d = d0; d <= d1; d++) {
      for (const m of mults) {
        const v = m * 10 ** d;
        if (v >= lo * (1 - 1e-9) && v <= hi * (1 + 1e-9)) out.push({ position: orient(scalePosition(v, axis.domain, true)), label: formatNumber(v) });
      }
    }
    if (out.length < 2) return [lo, hi].map((v) => ({ position: orient(scalePosition(v, axis.domain, true)), label: formatNumber(v) }));
    return out;
  }
  const raw = (hi - lo) / count;
  const mag = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 5, 10].map((m) => m * mag).find((s) => s >= raw) ?? 10 * mag;
  for (let v = Math.ceil(lo / step) * step; v <= hi + step * 1e-9; v += step) {
    const clean = Number(v.toPrecision(12));
    out.push({ position: orient(scalePosition(clean, axis.domain, false)), label: formatNumber(clean) });
  }
  return out;
}
