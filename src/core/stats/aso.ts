// Almost Stochastic Order (del Barrio et al. 2018) as deepsig implements it (Dror et al. 2019;
// Kaleidophon/deep-significance deepsig/aso.py, decisions.md §2.2): ε_min < 0.2 reads as
// "A almost stochastically dominates B". Only meaningful with n ≥ 5 seeds per group.

import { normalQuantile } from './distributions';
import { prng } from '../util/prng';

export const ASO_MIN_N = 5;
/** deepsig's recommended threshold for ε_min. */
export const ASO_TAU = 0.2;

const DT = 0.005;

/** Empirical quantile function as deepsig defines it: sorted(x)[clip(ceil(n·p) − 1, 0, n − 1)]. */
function quantileFn(asc: readonly number[]): (p: number) => number {
  const n = asc.length;
  return (p) => asc[Math.min(n - 1, Math.max(0, Math.ceil(n * p) - 1))];
}

function ascending(xs: readonly number[]): number[] {
  return [...xs].sort((a, b) => a - b);
}

/** Grid t = dt, 2dt, … < 1 (199 points), built by multiplication so it matches numpy's arange. */
const GRID = Array.from({ length: Math.round(1 / DT) - 1 }, (_, i) => (i + 1) * DT);

/**
 * ε_W2(F_A, F_B): share of the squared quantile distance where A's quantile is below B's. As in
 * deepsig the numerator skips the first grid point, so a total reverse order gives 0.99497…; equal
 * quantile functions give 0.5.
 */
export function violationRatio(a: readonly number[], b: readonly number[]): number {
  return ratioOf(quantileFn(ascending(a)), quantileFn(ascending(b)));
}

function ratioOf(qa: (p: number) => number, qb: (p: number) => number): number {
  let num = 0;
  let den = 0;
  GRID.forEach((t, i) => {
    const diff = qa(t) - qb(t);
    const sq = diff * diff;
    den += sq * DT;
    if (i > 0 && diff < 0) num += sq * DT;
  });
  return den === 0 ? 0.5 : num / den;
}

export interface AsoResult {
  epsMin: number;
  violationRatio: number;
  sigmaHat: number;
  bootstrap: number;
  seed: number;
}

/**
 * ε_min = clip(ε − √((n+m)/(nm))·σ̂·Φ⁻¹(α), 0, 1), σ̂ from `bootstrap` resamples of both samples
 * through their quantile functions (seeded; deepsig uses numpy's stream, so ε_min agrees with
 * deepsig only up to bootstrap noise). `comparisons` applies deepsig's Bonferroni adjustment.
 */
export function aso(
  a: readonly number[],
  b: readonly number[],
  opts: { confidence?: number; bootstrap?: number; seed?: number; comparisons?: number } = {},
): AsoResult {
  const bootstrap = opts.bootstrap ?? 1000;
  const seed = opts.seed ?? 1234;
  const k = opts.comparisons ?? 1;
  // Bonferroni over k comparisons: α = (1 − confidence)/k.
  const alpha = (1 - (opts.confidence ?? 0.95)) / k;
  const n = a.length;
  const m = b.length;
  const qa = quantileFn(ascending(a));
  const qb = quantileFn(ascending(b));
  const eps = ratioOf(qa, qb);
  const rand = prng(seed);
  const scale = Math.sqrt((n * m) / (n + m));
  const samples: number[] = [];
  for (let r = 0; r < bootstrap; r++) {
    const ra = ascending(Array.from({ length: n }, () => qa(rand())));
    const rb = ascending(Array.from({ length: m }, () => qb(rand())));
    samples.push(scale * (ratioOf(quantileFn(ra), quantileFn(rb)) - eps));
  }
  const mu = samples.reduce((s, x) => s + x, 0) / bootstrap;
  // numpy std: ddof = 0.
  const sigmaHat = Math.sqrt(samples.reduce((s, x) => s + (x - mu) ** 2, 0) / bootstrap);
  const epsMin = Math.min(1, Math.max(0, eps - Math.sqrt((n + m) / (n * m)) * sigmaHat * normalQuantile(alpha)));
  return { epsMin, violationRatio: eps, sigmaHat, bootstrap, seed };
}

/** deepsig's aso_uncertainty_reduction: how much narrower ε_min's bound gets with more seeds. */
export function asoUncertaintyReduction(mOld: number, nOld: number, mNew: number, nNew: number): number {
  return Math.sqrt(((mNew * nNew) / (mNew + nNew)) / ((mOld * nOld) / (mOld + nOld)));
}
