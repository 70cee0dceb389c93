// Two-sided 95 % critical values of Student's t, for confidence intervals over a few seeds
// (with 3 seeds the 95 % CI is mean ± 4.30·SE, not ± 1.96·SE). One t distribution serves both
// these Curves bands and the seed comparisons: src/core/stats/distributions.ts.

import { tQuantile } from '../stats/distributions';

// Curves asks for the same few df (seeds − 1) once per step; remember them.
const cache = new Map<number, number>();

/**
 * t_{0.975, df}: the multiplier of the standard error for a two-sided 95 % interval.
 * NaN for df < 1 (one value has no spread to build an interval from).
 */
export function t975(df: number): number {
  if (!(df >= 1)) return NaN;
  let v = cache.get(df);
  if (v === undefined) {
    v = tQuantile(0.975, df);
    if (cache.size < 1024) cache.set(df, v);
  }
  return v;
}
