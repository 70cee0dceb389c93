// Order statistics shared by aggregation (median) and the outlier range (quartiles).

/**
 * The point at fraction t between a and b. With an infinite end the result is that infinity (the
 * limit of the interpolation) and NaN only between -Infinity and +Infinity, where no value is
 * defined; a + (b - a)t alone would turn [-Inf, 1] into NaN.
 */
export function lerp(a: number, b: number, t: number): number {
  if (t === 0 || a === b) return a;
  if (!Number.isFinite(a) || !Number.isFinite(b)) return (1 - t) * a + t * b;
  return a + (b - a) * t;
}

/**
 * Quantile `p` (0..1) of an ascending-sorted array, by linear interpolation between the two
 * nearest ranks (R/NumPy "type 7", the same as d3.quantile): q = s[h0] + (h - h0)(s[h0+1] - s[h0])
 * with h = (n - 1) p. Reads only `sorted[from, to)`, so callers can reuse one scratch buffer.
 * NaN for an empty range; infinities as in lerp().
 */
export function quantileSorted(sorted: ArrayLike<number>, p: number, from = 0, to = sorted.length): number {
  const n = to - from;
  if (n <= 0) return NaN;
  if (n === 1 || p <= 0) return sorted[from];
  if (p >= 1) return sorted[to - 1];
  const h = (n - 1) * p;
  const lo = Math.floor(h);
  const t = h - lo;
  return t === 0 ? sorted[from + lo] : lerp(sorted[from + lo], sorted[from + lo + 1], t);
}

/** Median of an ascending-sorted range: halfway between the two middle values when the count is even. */
export function medianSorted(sorted: ArrayLike<number>, from = 0, to = sorted.length): number {
  return quantileSorted(sorted, 0.5, from, to);
}

/**
 * Reorders a[from, to) in place so that a[k] holds the value it would have if the range were
 * sorted, with nothing larger before it and nothing smaller after it (Hoare quickselect with a
 * median-of-three pivot: O(n) on average, where a full sort is O(n log n)). The range must not
 * hold NaN, which compares false with everything; ±Infinity is fine.
 */
export function selectKth(a: Float64Array, k: number, from = 0, to = a.length): void {
  let lo = from;
  let hi = to - 1;
  while (hi > lo) {
    const mid = (lo + hi) >>> 1;
    if (a[mid] < a[lo]) swap(a, lo, mid);
    if (a[hi] < a[lo]) swap(a, lo, hi);
    if (a[hi] < a[mid]) swap(a, mid, hi);
    const pivot = a[mid];
    let i = lo;
    let j = hi;
    while (i <= j) {
      while (a[i] < pivot) i++;
      while (a[j] > pivot) j--;
      if (i <= j) {
        swap(a, i, j);
        i++;
        j--;
      }
    }
    // Now a[lo..j] <= pivot, a[i..hi] >= pivot, and anything between equals the pivot.
    if (k <= j) hi = j;
    else if (k >= i) lo = i;
    else return;
  }
}

function swap(a: Float64Array, i: number, j: number): void {
  const t = a[i];
  a[i] = a[j];
  a[j] = t;
}

/**
 * Median of a[from, to) without sorting it (the range is reordered). Same result as
 * medianSorted on the sorted range. NaN for an empty range; the range must not hold NaN.
 */
export function medianInPlace(a: Float64Array, from = 0, to = a.length): number {
  const n = to - from;
  if (n <= 0) return NaN;
  const upper = from + (n >> 1);
  selectKth(a, upper, from, to);
  if (n & 1) return a[upper];
  // Even count: the lower middle is the largest value left of the upper one.
  let lower = a[from];
  for (let i = from + 1; i < upper; i++) if (a[i] > lower) lower = a[i];
  return lerp(lower, a[upper], 0.5);
}
