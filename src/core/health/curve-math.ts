// Small numeric helpers the curve rules share: finite points in step order, robust location/scale,
// a least-squares slope with its t statistic, the jitter of a curve. Raw values only (no smoothing).
import type { SeriesPoints } from '../model';
import { median } from '../stats/describe';
import { leastSquares } from '../stats/least-squares';
import type { Goal } from '../runs/declared-objective';

export interface Curve {
  steps: number[];
  values: number[];
}

/**
 * The finite points, sorted by step (a resumed run can log a step twice: the later value wins). Every rule asks
 * for the same series' curve, so it is computed once per points object; the rules only read it (frozen).
 */
export function finiteCurve(points: SeriesPoints): Curve {
  let c = curves.get(points);
  if (!c) curves.set(points, (c = computeFiniteCurve(points)));
  return c;
}

const curves = new WeakMap<SeriesPoints, Curve>();

function computeFiniteCurve(points: SeriesPoints): Curve {
  // the usual case, steps strictly increasing: no map and no sort needed for the same result
  let increasing = true;
  for (let i = 1; i < points.steps.length && increasing; i++) increasing = points.steps[i] > points.steps[i - 1];
  if (increasing) {
    const steps: number[] = [];
    const values: number[] = [];
    for (let i = 0; i < points.values.length; i++) {
      const v = points.values[i];
      const s = points.steps[i];
      if (Number.isFinite(v) && Number.isFinite(s)) {
        steps.push(s);
        values.push(v);
      }
    }
    return { steps: Object.freeze(steps) as number[], values: Object.freeze(values) as number[] };
  }
  const byStep = new Map<number, number>();
  for (let i = 0; i < points.values.length; i++) {
    const v = points.values[i];
    const s = points.steps[i];
    if (Number.isFinite(v) && Number.isFinite(s)) byStep.set(s, v);
  }
  const steps = [...byStep.keys()].sort((a, b) => a - b);
  return { steps: Object.freeze(steps) as number[], values: Object.freeze(steps.map((s) => byStep.get(s)!)) as number[] };
}

/** Median absolute deviation scaled to a normal sd (× 1.4826). */
export function madSd(xs: readonly number[]): number {
  if (!xs.length) return NaN;
  const m = median(xs);
  return 1.4826 * median(xs.map((x) => Math.abs(x - m)));
}

/** The point-to-point noise sd of a curve: robust sd of first differences / √2 (a smooth trend barely moves it). */
export function jitterSd(values: readonly number[]): number {
  if (values.length < 3) return NaN;
  // a curve's values (frozen, from finiteCurve) are asked for their jitter by several rules
  const known = jitters.get(values);
  if (known !== undefined) return known;
  const sd = computeJitterSd(values);
  if (Object.isFrozen(values)) jitters.set(values, sd);
  return sd;
}

const jitters = new WeakMap<readonly number[], number>();

function computeJitterSd(values: readonly number[]): number {
  const diffs: number[] = [];
  for (let i = 1; i < values.length; i++) diffs.push(values[i] - values[i - 1]);
  return madSd(diffs) / Math.SQRT2;
}

export interface Slope {
  slope: number;
  /** slope / its standard error; ±Infinity for a perfect line. */
  t: number;
  intercept: number;
}

export function linearFit(xs: readonly number[], ys: readonly number[]): Slope {
  const n = xs.length;
  const fit = n < 3 ? undefined : leastSquares(xs, ys);
  // every pair must count (leastSquares skips non-finite ones; the rules pass finite curves)
  if (!fit || fit.n !== n) return { slope: NaN, t: NaN, intercept: NaN };
  const { slope, intercept, sxx } = fit;
  let sse = 0;
  for (let i = 0; i < n; i++) sse += (ys[i] - intercept - slope * xs[i]) ** 2;
  const se = Math.sqrt(sse / (n - 2) / sxx);
  return { slope, intercept, t: se === 0 ? (slope === 0 ? 0 : Math.sign(slope) * Infinity) : slope / se };
}

/** `a` is better than `b` for this goal. */
export const better = (goal: Goal, a: number, b: number): boolean => (goal === 'min' ? a < b : a > b);

/** Index of the best value (the first one when tied). */
export function bestIndex(values: readonly number[], goal: Goal): number {
  let bi = -1;
  for (let i = 0; i < values.length; i++) if (bi < 0 || better(goal, values[i], values[bi])) bi = i;
  return bi;
}

/** Index of the first point at or after `step`. */
export function indexFrom(steps: readonly number[], step: number): number {
  const i = steps.findIndex((s) => s >= step);
  return i < 0 ? steps.length : i;
}

/** A number for a message: integers as is, others to 3 significant digits (0.000030 → 3e-5). */
export const fmt = (x: number): string => (Number.isInteger(x) ? String(x) : Math.abs(x) >= 0.01 && Math.abs(x) < 1e4 ? x.toFixed(3).replace(/\.?0+$/, '') : String(Number(x.toPrecision(3))));
