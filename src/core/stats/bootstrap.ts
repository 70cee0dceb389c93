// Seeded percentile bootstrap of the difference of means, and Holm's step-down correction.

import { mean, percentileSorted } from './describe';
import { prng } from '../util/prng';

/** Below this many seeds in either group the percentile bootstrap CI is too narrow (decisions.md §2.4). */
export const BOOTSTRAP_MIN_RELIABLE_N = 5;

export interface BootstrapCi {
  ci95: [number, number];
  resamples: number;
  seed: number;
  /** False below n = 5 in either group: at n = 3 its type-I error was about 0.2 instead of 0.05. */
  reliable: boolean;
}

/**
 * 95 % percentile bootstrap CI of mean(A) − mean(B), resampling each group with replacement
 * independently. The same seed gives the same interval (mulberry32 from src/core/util/prng).
 */
export function bootstrapDiffCi(a: readonly number[], b: readonly number[], seed = 1, resamples = 10000): BootstrapCi {
  const rand = prng(seed);
  const draw = (xs: readonly number[]) => {
    let s = 0;
    for (let i = 0; i < xs.length; i++) s += xs[Math.floor(rand() * xs.length)];
    return s / xs.length;
  };
  const diffs = new Float64Array(resamples);
  for (let k = 0; k < resamples; k++) diffs[k] = draw(a) - draw(b);
  diffs.sort();
  const asc = Array.from(diffs);
  return {
    ci95: [percentileSorted(asc, 2.5), percentileSorted(asc, 97.5)],
    resamples,
    seed,
    reliable: Math.min(a.length, b.length) >= BOOTSTRAP_MIN_RELIABLE_N,
  };
}

/** All nⁿ resample means of a small sample (exact bootstrap distribution), ascending. */
export function exactBootstrapMeans(xs: readonly number[]): number[] {
  const n = xs.length;
  const out: number[] = [];
  const pick: number[] = [];
  const rec = () => {
    if (pick.length === n) return void out.push(mean(pick));
    for (const x of xs) {
      pick.push(x);
      rec();
      pick.pop();
    }
  };
  rec();
  return out.sort((p, q) => p - q);
}

/**
 * Holm–Bonferroni adjusted p-values, in the input order: sort ascending, multiply the i-th
 * smallest by (m − i), enforce monotonicity, cap at 1. NaN p-values are passed through and not counted.
 */
export function holm(ps: readonly number[]): number[] {
  const idx = ps.map((p, i) => [p, i] as const).filter(([p]) => !Number.isNaN(p)).sort((x, y) => x[0] - y[0]);
  const m = idx.length;
  const out = ps.map(() => NaN);
  let running = 0;
  idx.forEach(([p, i], rank) => {
    running = Math.max(running, Math.min(1, (m - rank) * p));
    out[i] = running;
  });
  return out;
}
