// One series reduced to the numbers the index stores and the tree shows (DESIGN.md §3 `series` row).

export interface SeriesSummary {
  /** All points, NaN ones included. */
  count: number;
  /** Step of the first / last appended point (append order, not the smallest / largest step). */
  firstStep: number;
  lastStep: number;
  /** Value of the first / last appended point; NaN if that point is NaN. */
  first: number;
  last: number;
  /** Smallest / largest value ignoring NaN; ±Infinity counts. NaN when every value is NaN. */
  min: number;
  max: number;
  /** Step of the first appended occurrence of min / max; NaN when min / max is NaN. */
  argminStep: number;
  argmaxStep: number;
  /** Latest known wall time (largest finite entry of `times`), epoch ms; NaN when none. */
  lastTime: number;
  nanCount: number;
  /** Points that are +Infinity or -Infinity. */
  infCount: number;
}

/**
 * Summarises a series given in append order. Everything is NaN (counts 0) for an empty series.
 * The largest time rather than the last one is taken so a NaN hole at the end (unknown time)
 * does not hide when the run was last seen.
 */
export function summarize(steps: ArrayLike<number>, values: ArrayLike<number>, times?: ArrayLike<number>): SeriesSummary {
  const n = Math.min(steps.length, values.length);
  let min = NaN;
  let max = NaN;
  let argminStep = NaN;
  let argmaxStep = NaN;
  let nanCount = 0;
  let infCount = 0;
  for (let i = 0; i < n; i++) {
    const v = values[i];
    if (Number.isNaN(v)) {
      nanCount++;
      continue;
    }
    if (v === Infinity || v === -Infinity) infCount++;
    // Strict comparisons keep the first occurrence; `!(v >= min)` is also true while min is NaN.
    if (!(v >= min)) {
      min = v;
      argminStep = steps[i];
    }
    if (!(v <= max)) {
      max = v;
      argmaxStep = steps[i];
    }
  }
  let lastTime = NaN;
  if (times) {
    const m = Math.min(times.length, n);
    for (let i = 0; i < m; i++) {
      const t = times[i];
      if (Number.isFinite(t) && !(t <= lastTime)) lastTime = t;
    }
  }
  return {
    count: n,
    firstStep: n > 0 ? steps[0] : NaN,
    lastStep: n > 0 ? steps[n - 1] : NaN,
    first: n > 0 ? values[0] : NaN,
    last: n > 0 ? values[n - 1] : NaN,
    min,
    max,
    argminStep,
    argmaxStep,
    lastTime,
    nanCount,
    infCount,
  };
}
