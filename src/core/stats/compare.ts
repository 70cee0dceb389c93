// Comparison of two groups of seeds (A vs B) and the verdict in words (decisions.md §2.5).

import { aso, ASO_MIN_N, ASO_TAU, type AsoResult } from './aso';
import { bootstrapDiffCi, holm, type BootstrapCi } from './bootstrap';
import { describe, type GroupSummary } from './describe';
import { normalQuantile } from './distributions';
import { hedgesG, mannWhitneyU, pairedT, signFlip, welch, type PermutationTest, type TTest } from './tests';

export type VerdictCode = 'a-better' | 'b-better' | 'within-noise' | 'inconclusive' | 'too-few-seeds';

export interface Verdict {
  code: VerdictCode;
  text: string;
  /** Seeds per group that would detect the observed effect size (inconclusive only). */
  seedsNeeded?: number;
}

export interface PairComparison {
  a: GroupSummary;
  b: GroupSummary;
  /** mean(A) − mean(B). */
  diff: number;
  welch?: TTest;
  /** Welch p after Holm's correction across the pairs compared together (= welch.pTwoSided alone). */
  pAdjusted?: number;
  /** Only when both groups have the same seeds (given in the same order). */
  paired?: TTest;
  signFlip?: PermutationTest;
  hedgesG?: number;
  /** Mann–Whitney U / (n_A·n_B). */
  probAGreater: number;
  bootstrap?: BootstrapCi;
  /** ASO of A over B and of B over A, only at n ≥ 5 in both groups. */
  asoAB?: AsoResult;
  asoBA?: AsoResult;
  verdict: Verdict;
}

export interface CompareOptions {
  /** Significance level; default 0.05. */
  alpha?: number;
  /** True when A[i] and B[i] share seed i: adds the paired t and the exact sign-flip test. */
  paired?: boolean;
  seed?: number;
  resamples?: number;
  /**
   * Points per unit of the metric for the wording; default 100 when every value lies in [0, 1]
   * (accuracy-like metrics read as percentage points), else 1.
   */
  pointsPerUnit?: number;
}

const Z975 = normalQuantile(0.975);
const Z80 = normalQuantile(0.8);

/** n per group ≈ 2(z_{0.975} + z_{0.8})²/g² (two-sided α = 0.05, power 0.8; ≈ 15.7/g²). */
export function seedsToDetect(effectSize: number): number {
  return Math.ceil((2 * (Z975 + Z80) ** 2) / (effectSize * effectSize));
}

/** Compares A and B without a multiple-comparison correction (one pair alone). */
export function comparePair(a: readonly number[], b: readonly number[], opts: CompareOptions = {}): PairComparison {
  const c = computePair(a, b, opts);
  return { ...c, verdict: verdictOf(c, opts) };
}

/** Compares several pairs, with Holm's correction of the Welch p across them. */
export function comparePairs(
  pairs: readonly { a: readonly number[]; b: readonly number[] }[],
  opts: CompareOptions = {},
): PairComparison[] {
  // deepsig's Bonferroni adjustment for ASO over the k pairs shown (decisions.md §2.5 item 6).
  const cs = pairs.map((p) => computePair(p.a, p.b, opts, pairs.length));
  const adjusted = holm(cs.map((c) => c.welch?.pTwoSided ?? NaN));
  return cs.map((c, i) => {
    const withP = { ...c, pAdjusted: c.welch ? adjusted[i] : undefined };
    return { ...withP, verdict: verdictOf(withP, opts) };
  });
}

function computePair(
  a: readonly number[],
  b: readonly number[],
  opts: CompareOptions,
  comparisons = 1,
): Omit<PairComparison, 'verdict'> {
  const sa = describe(a);
  const sb = describe(b);
  const diff = sa.mean - sb.mean;
  // U alone: the exact Mann–Whitney p would enumerate up to 184,756 splits for nothing.
  const probAGreater = a.length && b.length ? mannWhitneyU(a, b) / (a.length * b.length) : NaN;
  if (a.length < 2 || b.length < 2) return { a: sa, b: sb, diff, probAGreater };
  const w = welch(a, b);
  const samePairs = opts.paired === true && a.length === b.length;
  return {
    a: sa,
    b: sb,
    diff,
    welch: w,
    pAdjusted: w.pTwoSided,
    paired: samePairs ? pairedT(a, b) : undefined,
    signFlip: samePairs ? signFlip(a, b, opts.seed ?? 1) : undefined,
    hedgesG: hedgesG(a, b),
    probAGreater,
    bootstrap: bootstrapDiffCi(a, b, opts.seed ?? 1, opts.resamples ?? 10000),
    asoAB: a.length >= ASO_MIN_N && b.length >= ASO_MIN_N ? aso(a, b, { seed: opts.seed, comparisons }) : undefined,
    asoBA: a.length >= ASO_MIN_N && b.length >= ASO_MIN_N ? aso(b, a, { seed: opts.seed, comparisons }) : undefined,
  };
}

function formatP(p: number): string {
  return p < 0.001 ? 'p < 0.001' : `p = ${p < 0.01 ? p.toPrecision(2) : p.toFixed(3)}`;
}

/**
 * Three states (decisions.md §2.5 item 7): "better" needs the (Holm-adjusted) Welch p < α, the
 * Welch CI to exclude 0 and, at n ≥ 5, ε_min < 0.2; "within seed noise" is a CI containing 0 with
 * |Δ| no larger than the seed-to-seed sd; anything else is inconclusive.
 */
export function verdictOf(c: Omit<PairComparison, 'verdict'>, opts: CompareOptions = {}): Verdict {
  const alpha = opts.alpha ?? 0.05;
  if (!c.welch || c.hedgesG === undefined) {
    return { code: 'too-few-seeds', text: `too few seeds (n = ${c.a.n} vs ${c.b.n}; need at least 2 per group)` };
  }
  const all = [...c.a.values, ...c.b.values];
  const scale = opts.pointsPerUnit ?? (all.every((x) => x >= 0 && x <= 1) ? 100 : 1);
  const pts = (x: number) => (x * scale).toFixed(1);
  const [lo, hi] = c.welch.ci95;
  const p = c.pAdjusted ?? c.welch.pTwoSided;
  const ciExcludesZero = lo > 0 || hi < 0;
  const better = c.diff > 0 ? c.asoAB : c.asoBA;
  const asoOk = better === undefined || better.epsMin < ASO_TAU;
  if (p < alpha && ciExcludesZero && asoOk) {
    const who = c.diff > 0 ? 'A' : 'B';
    const sign = c.diff > 0 ? '+' : '−';
    return {
      code: c.diff > 0 ? 'a-better' : 'b-better',
      text: `${who} better (${formatP(p)}, ${sign}${pts(Math.abs(c.diff))} points, CI [${pts(lo)}, ${pts(hi)}])`,
    };
  }
  if (!ciExcludesZero && Math.abs(c.diff) <= Math.max(c.a.sd, c.b.sd)) {
    return { code: 'within-noise', text: 'within seed noise' };
  }
  // More seeds are the only remedy left, so never suggest as many as there already are.
  const n = Math.max(seedsToDetect(c.hedgesG), Math.max(c.a.n, c.b.n) + 1);
  return {
    code: 'inconclusive',
    text: `inconclusive: about ${n} seeds per group would resolve a difference this size`,
    seedsNeeded: n,
  };
}
