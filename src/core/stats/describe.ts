// Per-group summaries of a metric over seeds (decisions.md §2.5 item 1).

export interface GroupSummary {
  n: number;
  mean: number;
  /** Sample standard deviation (n − 1); NaN below n = 2. */
  sd: number;
  median: number;
  min: number;
  max: number;
  /** Interquartile mean, rliable's definition (see iqm). */
  iqm: number;
  /** The per-seed values as given. */
  values: number[];
}

export function mean(xs: readonly number[]): number {
  let s = 0;
  for (const x of xs) s += x;
  return xs.length ? s / xs.length : NaN;
}

/** Variance with n − 1 in the denominator (numpy ddof = 1). */
export function variance(xs: readonly number[]): number {
  if (xs.length < 2) return NaN;
  const m = mean(xs);
  let s = 0;
  for (const x of xs) s += (x - m) * (x - m);
  return s / (xs.length - 1);
}

export function sd(xs: readonly number[]): number {
  return Math.sqrt(variance(xs));
}

/** Ascending copy. A Float64Array's native numeric sort: the same order as sort((a, b) => a − b) for numbers,
 * several times faster (no comparator call per comparison; the health rules take medians of 10,000 diffs). */
function sorted(xs: readonly number[]): number[] {
  return Array.from(Float64Array.from(xs).sort());
}

/** numpy's default (linear) percentile of an ascending array, q in [0, 100]. */
export function percentileSorted(asc: readonly number[], q: number): number {
  if (asc.length === 0) return NaN;
  const pos = ((asc.length - 1) * q) / 100;
  const lo = Math.floor(pos);
  const hi = Math.min(lo + 1, asc.length - 1);
  return asc[lo] + (asc[hi] - asc[lo]) * (pos - lo);
}

export function median(xs: readonly number[]): number {
  return percentileSorted(sorted(xs), 50);
}

/**
 * Interquartile mean as rliable computes it: scipy.stats.trim_mean(x, 0.25), which drops
 * floor(0.25·n) values from each end of the sorted sample and averages the rest.
 */
export function iqm(xs: readonly number[]): number {
  const asc = sorted(xs);
  const cut = Math.floor(0.25 * asc.length);
  return mean(asc.slice(cut, asc.length - cut));
}

export function describe(values: readonly number[]): GroupSummary {
  const asc = sorted(values);
  return {
    n: values.length,
    mean: mean(values),
    sd: sd(values),
    median: percentileSorted(asc, 50),
    min: asc.length ? asc[0] : NaN,
    max: asc.length ? asc[asc.length - 1] : NaN,
    iqm: iqm(values),
    values: [...values],
  };
}
