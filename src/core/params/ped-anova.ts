// PED-ANOVA parameter importance (Watanabe, Bansal, Hutter, IJCAI 2023, arXiv 2304.10255), as Optuna's
// PedAnovaImportanceEvaluator computes it (optuna/importance/_ped_anova, decisions.md §1.5): the top set is
// the runs whose loss is ≤ max(the 2nd best, the `higher` 10 % quantile); each param is put on a grid (50
// points, in log for log params, fewer for small integer ranges; a text param by its categories); densities
// of the top set and of all runs are Parzen estimators with discrete truncated-normal kernels at Scott's
// bandwidth (σ = 1.059·min(IQR/1.34, sd)·n^−0.2, at least 0.5/1.64) plus one wide prior kernel (weight 1,
// μ = mid-grid, σ = grid size); importance = Σ_g p_all(g)·(p_top(g)/p_all(g) − 1)², normalised to sum 1.
// Params with a single value get 0; with ≤ 2 runs every param gets the same share.
import { normalCdf } from '../stats/distributions';

export type ParamDomain =
  | { kind: 'numeric'; low: number; high: number; log: boolean; integer: boolean }
  | { kind: 'categorical'; choices: string[] };

export interface PedAnovaParam {
  name: string;
  domain: ParamDomain;
  /** One value per run (numbers for numeric domains, texts for categorical), aligned with the losses. */
  values: ReadonlyArray<number | string>;
}

const N_STEPS = 50;
const MIN_TOP = 2;
const TARGET_QUANTILE = 0.1;
const PRIOR_WEIGHT = 1;

/** numpy.quantile(x, q, method='higher'). */
function quantileHigher(sortedAsc: readonly number[], q: number): number {
  return sortedAsc[Math.min(sortedAsc.length - 1, Math.ceil(q * (sortedAsc.length - 1) - 1e-12))];
}

/** Indices of the top runs (lower loss is better). */
export function topSet(losses: readonly number[], quantile = TARGET_QUANTILE): number[] {
  const asc = [...losses].sort((a, b) => a - b);
  const cutoff = Math.max(asc[Math.min(MIN_TOP, asc.length) - 1], quantileHigher(asc, quantile));
  return losses.flatMap((l, i) => (l <= cutoff ? [i] : []));
}

/** numpy.searchsorted(a, v, side). */
function searchSorted(a: ArrayLike<number>, v: number, side: 'left' | 'right'): number {
  let lo = 0;
  let hi = a.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (side === 'left' ? a[mid] < v : a[mid] <= v) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** The grid size of a numeric domain. */
export function gridSize(d: Extract<ParamDomain, { kind: 'numeric' }>): number {
  if (d.integer && d.log) return Math.min(Math.ceil(Math.log(d.high - d.low + 1) / Math.log(2)) + 1, N_STEPS);
  if (d.integer) return Math.min(Math.round(d.high - d.low) + 1, N_STEPS);
  return N_STEPS;
}

/** Grid index of each value: searchsorted(grid, x − step/2). */
export function gridIndices(d: Extract<ParamDomain, { kind: 'numeric' }>, values: readonly number[]): { size: number; indices: number[] } {
  const size = gridSize(d);
  const scale = d.log ? Math.log : (x: number) => x;
  const lo = scale(d.low);
  const hi = scale(d.high);
  const grid = Array.from({ length: size }, (_, i) => (size > 1 ? lo + ((hi - lo) * i) / (size - 1) : lo));
  const step = size > 1 ? grid[1] - grid[0] : 0;
  return { size, indices: values.map((v) => Math.min(size - 1, searchSorted(grid, scale(v) - step / 2, 'left'))) };
}

function countsOf(indices: readonly number[], size: number): number[] {
  const counts = new Array<number>(size).fill(0);
  for (const i of indices) counts[i]++;
  return counts;
}

/** The Scott-bandwidth Parzen estimator's probability of each grid point (a numeric param). */
export function numericPdf(counts: readonly number[]): number[] {
  const size = counts.length;
  const mus: number[] = [];
  const nz: number[] = [];
  counts.forEach((c, i) => {
    if (c > 0) {
      mus.push(i);
      nz.push(c);
    }
  });
  const n = nz.reduce((a, b) => a + b, 0);
  const meanEst = mus.reduce((a, m, k) => a + (m * nz[k]) / n, 0);
  let sdEst = Math.sqrt(mus.reduce((a, m, k) => a + (m - meanEst) ** 2 * nz[k], 0) / Math.max(1, n - 1));
  const cum: number[] = [];
  nz.reduce((a, c) => (cum.push(a + c), a + c), 0);
  const q25 = searchSorted(cum, Math.floor(n / 4), 'left');
  const q75 = searchSorted(cum, Math.floor((n * 3) / 4), 'right');
  const iqr = mus[Math.min(mus.length - 1, q75)] - mus[q25];
  sdEst = 1.059 * Math.min(iqr / 1.34, sdEst) * n ** -0.2;
  const sigma = Math.max(sdEst, 0.5 / 1.64);
  const kernels = mus.map((mu, k) => ({ mu, sigma, w: nz[k] }));
  kernels.push({ mu: 0.5 * (size - 1), sigma: size, w: PRIOR_WEIGHT });
  const wsum = kernels.reduce((a, k) => a + k.w, 0);
  const pdf = new Array<number>(size).fill(0);
  for (const k of kernels) {
    const z = (x: number) => normalCdf((x - k.mu) / k.sigma);
    const norm = z(size - 1 + 0.5) - z(-0.5);
    for (let g = 0; g < size; g++) pdf[g] += (k.w / wsum) * ((z(g + 0.5) - z(g - 0.5)) / norm);
  }
  return pdf;
}

/** The Parzen estimator of a categorical param (TPE's categorical kernels with the prior's weight spread). */
export function categoricalPdf(counts: readonly number[]): number[] {
  const size = counts.length;
  const observed = counts.flatMap((c, i) => (c > 0 ? [i] : []));
  const nKernels = observed.length + 1;
  const base = PRIOR_WEIGHT / nKernels;
  const wsum = counts.reduce((a, b) => a + b, 0) + PRIOR_WEIGHT;
  const pdf = new Array<number>(size).fill(0);
  for (const i of observed) {
    const rowSum = 1 + size * base;
    for (let g = 0; g < size; g++) pdf[g] += (counts[i] / wsum) * ((base + (g === i ? 1 : 0)) / rowSum);
  }
  for (let g = 0; g < size; g++) pdf[g] += (PRIOR_WEIGHT / wsum) * (1 / size);
  return pdf;
}

function pdfOf(p: PedAnovaParam, runs: readonly number[]): number[] {
  if (p.domain.kind === 'categorical') {
    const index = new Map(p.domain.choices.map((c, i) => [c, i]));
    return categoricalPdf(countsOf(runs.map((r) => index.get(String(p.values[r]))!), p.domain.choices.length));
  }
  const { size, indices } = gridIndices(p.domain, runs.map((r) => p.values[r] as number));
  return numericPdf(countsOf(indices, size));
}

function isSingle(d: ParamDomain): boolean {
  return d.kind === 'categorical' ? d.choices.length <= 1 : d.low === d.high;
}

/** Pearson divergence of the top set's density from all runs' on the param's grid (not normalised). */
export function pearsonDivergence(p: PedAnovaParam, top: readonly number[], all: readonly number[]): number {
  const pTop = pdfOf(p, top).map((x) => x + 1e-12);
  const pAll = pdfOf(p, all).map((x) => x + 1e-12);
  return pAll.reduce((a, l, g) => a + l * (pTop[g] / l - 1) ** 2, 0);
}

/** Importance of each param, summing to 1 (0 for single-valued params); losses: lower is better. */
export function pedAnova(params: readonly PedAnovaParam[], losses: readonly number[]): Record<string, number> {
  const out: Record<string, number> = {};
  const varying = params.filter((p) => !isSingle(p.domain));
  for (const p of params) out[p.name] = 0;
  if (!varying.length) return out;
  if (losses.length <= MIN_TOP) {
    for (const p of varying) out[p.name] = 1 / varying.length;
    return out;
  }
  const top = topSet(losses);
  const all = losses.map((_, i) => i);
  let sum = 0;
  for (const p of varying) sum += out[p.name] = pearsonDivergence(p, top, all);
  for (const p of varying) out[p.name] = sum > 0 ? out[p.name] / sum : 1 / varying.length;
  return out;
}
