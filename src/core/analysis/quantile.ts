// Order statistics shared by aggregation (median) and the outlier range (quartiles).

/**
 * Quantile `p` (0..1) of an ascending-sorted array, by linear interpolation between the two
 * nearest ranks (R/NumPy "type 7", the same as d3.quantile): q = s[h0] + (h - h0)(s[h0+1] - s[h0])
 * with h = (n - 1) p. Reads only `sorted[from, to)`, so callers can reuse one scratch buffer.
 * NaN for an empty range. With an infinite neighbour the result is that infinity (the limit of the
 * interpolation), and NaN only between -Infinity and +Infinity, where no value is defined.
 */
export function quantileSorted(sorted: ArrayLike<number>, p: number, from = 0, to = sorted.length): number {
  const n = to - from;
  if (n <= 0) return NaN;
  if (n === 1 || p <= 0) return sorted[from];
  if (p >= 1) return sorted[to - 1];
  const h = (n - 1) * p;
  const lo = Math.floor(h);
  const a = sorted[from + lo];
  const t = h - lo;
  if (t === 0) return a;
  const b = sorted[from + lo + 1];
  if (a === b) return a;
  // (1 - t)a + tb keeps -Inf/+Inf neighbours as the infinity; a + (b - a)t would give NaN.
  if (!Number.isFinite(a) || !Number.isFinite(b)) return (1 - t) * a + t * b;
  return a + (b - a) * t;
}

/** Median of an ascending-sorted range: the mean of the two middle values when the count is even. */
export function medianSorted(sorted: ArrayLike<number>, from = 0, to = sorted.length): number {
  return quantileSorted(sorted, 0.5, from, to);
}
