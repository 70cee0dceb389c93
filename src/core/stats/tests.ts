// Two-sample tests and effect sizes for a metric over seeds (decisions.md §2.3).
// All p-values are for the alternative "A differs from B" (two-sided) or "A > B" (one-sided).

import { mean, variance } from './describe';
import { tQuantile, tSf } from './distributions';
import { prng } from '../util/prng';

export interface TTest {
  t: number;
  df: number;
  pTwoSided: number;
  /** P-value for the alternative mean(A) > mean(B). */
  pGreater: number;
  /** Difference of means (A − B) and its 95 % confidence interval. */
  diff: number;
  ci95: [number, number];
}

function tTest(diff: number, se: number, df: number): TTest {
  const t = diff / se;
  const half = tQuantile(0.975, df) * se;
  return {
    t,
    df,
    pTwoSided: Math.min(1, 2 * tSf(Math.abs(t), df)),
    pGreater: tSf(t, df),
    diff,
    ci95: [diff - half, diff + half],
  };
}

/** Welch's unequal-variance t-test (scipy ttest_ind(equal_var=False)); needs n ≥ 2 in both. */
export function welch(a: readonly number[], b: readonly number[]): TTest {
  const va = variance(a) / a.length;
  const vb = variance(b) / b.length;
  const df = (va + vb) ** 2 / (va ** 2 / (a.length - 1) + vb ** 2 / (b.length - 1));
  return tTest(mean(a) - mean(b), Math.sqrt(va + vb), df);
}

/** Student's pooled-variance t-test (scipy ttest_ind(equal_var=True)). */
export function student(a: readonly number[], b: readonly number[]): TTest {
  const df = a.length + b.length - 2;
  return tTest(mean(a) - mean(b), pooledSd(a, b) * Math.sqrt(1 / a.length + 1 / b.length), df);
}

/** Paired t-test on d_i = a_i − b_i (scipy ttest_rel); a and b in the same seed order. */
export function pairedT(a: readonly number[], b: readonly number[]): TTest {
  const d = a.map((x, i) => x - b[i]);
  return tTest(mean(d), Math.sqrt(variance(d) / d.length), d.length - 1);
}

export interface PermutationTest {
  /** Number of sign patterns / splits enumerated (or drawn, when `exact` is false). */
  nPerm: number;
  exact: boolean;
  pGreater: number;
  pTwoSided: number;
}

// Statistics equal up to rounding must count as ties, or an exact p depends on summation order.
const tieTol = (x: number) => 1e-12 * Math.max(1, Math.abs(x));

/**
 * Sign-flip permutation test on paired differences: under "no difference" each d_i is as likely
 * to be −d_i. Exact over all 2ⁿ patterns for n ≤ 16; otherwise `draws` random patterns from a
 * seeded PRNG with p = (c + 1)/(N + 1).
 */
export function signFlip(a: readonly number[], b: readonly number[], seed = 1, draws = 10000): PermutationTest {
  const d = a.map((x, i) => x - b[i]);
  const n = d.length;
  const obs = d.reduce((s, x) => s + x, 0);
  let ge = 0;
  let absGe = 0;
  const count = (s: number) => {
    if (s >= obs - tieTol(obs)) ge++;
    if (Math.abs(s) >= Math.abs(obs) - tieTol(obs)) absGe++;
  };
  if (n <= 16) {
    const total = 1 << n;
    for (let mask = 0; mask < total; mask++) {
      let s = 0;
      for (let i = 0; i < n; i++) s += mask & (1 << i) ? -d[i] : d[i];
      count(s);
    }
    return { nPerm: total, exact: true, pGreater: ge / total, pTwoSided: absGe / total };
  }
  const rand = prng(seed);
  for (let k = 0; k < draws; k++) {
    let s = 0;
    for (let i = 0; i < n; i++) s += rand() < 0.5 ? -d[i] : d[i];
    count(s);
  }
  return { nPerm: draws, exact: false, pGreater: (ge + 1) / (draws + 1), pTwoSided: (absGe + 1) / (draws + 1) };
}

/** Calls `visit(inA)` for every way of choosing |a| of the pooled indices as group A. */
function forEachSplit(nA: number, nTotal: number, visit: (inA: readonly number[]) => void): void {
  const idx: number[] = [];
  const rec = (start: number) => {
    if (idx.length === nA) return visit(idx);
    for (let i = start; i <= nTotal - (nA - idx.length); i++) {
      idx.push(i);
      rec(i + 1);
      idx.pop();
    }
  };
  rec(0);
}

function binomial(n: number, k: number): number {
  let r = 1;
  for (let i = 1; i <= k; i++) r = (r * (n - k + i)) / i;
  return Math.round(r);
}

/** Largest number of splits enumerated exactly (C(20, 10) = 184,756). */
export const MAX_EXACT_SPLITS = 200_000;

/** Exact permutation test of the difference of means over all C(n_A + n_B, n_A) splits. */
export function permutationExact(a: readonly number[], b: readonly number[]): PermutationTest | undefined {
  const pooled = [...a, ...b];
  const total = binomial(pooled.length, a.length);
  if (total > MAX_EXACT_SPLITS) return undefined;
  const sumAll = pooled.reduce((s, x) => s + x, 0);
  const stat = (sumA: number) => sumA / a.length - (sumAll - sumA) / b.length;
  const obs = stat(a.reduce((s, x) => s + x, 0));
  let ge = 0;
  let absGe = 0;
  forEachSplit(a.length, pooled.length, (inA) => {
    let sumA = 0;
    for (const i of inA) sumA += pooled[i];
    const s = stat(sumA);
    if (s >= obs - tieTol(obs)) ge++;
    if (Math.abs(s) >= Math.abs(obs) - tieTol(obs)) absGe++;
  });
  return { nPerm: total, exact: true, pGreater: ge / total, pTwoSided: absGe / total };
}

/** Mann–Whitney U of A over B: pairs with a > b count 1, ties ½. */
export function mannWhitneyU(a: readonly number[], b: readonly number[]): number {
  let u = 0;
  for (const x of a) for (const y of b) u += x > y ? 1 : x === y ? 0.5 : 0;
  return u;
}

export interface MannWhitney {
  u: number;
  /** U / (n_A·n_B): the probability that a random seed of A beats one of B (rliable's POI). */
  probAGreater: number;
  /** Exact p over all splits (scipy method='exact' when there are no ties); undefined when too many splits. */
  pGreater?: number;
  pTwoSided?: number;
}

export function mannWhitney(a: readonly number[], b: readonly number[]): MannWhitney {
  const u = mannWhitneyU(a, b);
  const res: MannWhitney = { u, probAGreater: u / (a.length * b.length) };
  const pooled = [...a, ...b];
  const total = binomial(pooled.length, a.length);
  if (total > MAX_EXACT_SPLITS) return res;
  let ge = 0;
  let le = 0;
  forEachSplit(a.length, pooled.length, (inA) => {
    const set = new Set(inA);
    const xa = inA.map((i) => pooled[i]);
    const xb = pooled.filter((_, i) => !set.has(i));
    const us = mannWhitneyU(xa, xb);
    if (us >= u) ge++;
    if (us <= u) le++;
  });
  res.pGreater = ge / total;
  res.pTwoSided = Math.min(1, (2 * Math.min(ge, le)) / total);
  return res;
}

/** rliable's probability of improvement: mean over tasks of U(x_task > y_task)/(n_x·n_y); rows = runs, columns = tasks. */
export function probabilityOfImprovement(x: readonly (readonly number[])[], y: readonly (readonly number[])[]): number {
  const tasks = x[0]?.length ?? 0;
  let s = 0;
  for (let t = 0; t < tasks; t++) {
    const xt = x.map((r) => r[t]);
    const yt = y.map((r) => r[t]);
    s += mannWhitneyU(xt, yt) / (xt.length * yt.length);
  }
  return s / tasks;
}

export function pooledSd(a: readonly number[], b: readonly number[]): number {
  return Math.sqrt(((a.length - 1) * variance(a) + (b.length - 1) * variance(b)) / (a.length + b.length - 2));
}

export function cohensD(a: readonly number[], b: readonly number[]): number {
  return (mean(a) - mean(b)) / pooledSd(a, b);
}

/** Hedges' g: Cohen's d with the small-sample bias correction 1 − 3/(4(n_A + n_B) − 9). */
export function hedgesG(a: readonly number[], b: readonly number[]): number {
  return cohensD(a, b) * (1 - 3 / (4 * (a.length + b.length) - 9));
}
