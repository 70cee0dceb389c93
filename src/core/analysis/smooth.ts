// Curve smoothing for display. Both functions work on the values in the order given (pass points
// sorted by x, e.g. from canonicalPoints) and return a new array of the same length; the input is
// never modified, so the raw curve can still be drawn faintly underneath.
//
// Non-finite points (NaN, ±Infinity) are passed through unchanged at their own position and take
// no part in their neighbours' averages: a NaN stays visible as a gap and a diverged point does
// not smear an infinity over the rest of the curve.

/** Highest EMA weight accepted; 1 would freeze the curve at its first value. */
export const MAX_EMA_WEIGHT = 0.999;

function copyOf(values: ArrayLike<number>): Float64Array {
  return values instanceof Float64Array ? values.slice() : Float64Array.from(values);
}

/** True when no two finite values differ (also for a series with no finite value at all). */
function isConstant(values: ArrayLike<number>): boolean {
  let seen = NaN;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (!Number.isFinite(v)) continue;
    if (seen !== seen) seen = v;
    else if (v !== seen) return false;
  }
  return true;
}

/**
 * Exponential moving average with TensorBoard's debiased start: the accumulator starts at 0 and
 * is divided by (1 − weight^k) after k finite points, so the first smoothed value equals the first
 * raw value instead of being pulled towards 0. `weight` is clamped to 0..0.999 (0 = no smoothing).
 * A series whose finite values are all equal is returned unchanged, bit for bit (the debiasing
 * division would otherwise introduce rounding).
 */
export function ema(values: ArrayLike<number>, weight: number): Float64Array {
  const n = values.length;
  const out = copyOf(values);
  const w = Number.isFinite(weight) ? Math.min(Math.max(weight, 0), MAX_EMA_WEIGHT) : 0;
  if (w === 0 || isConstant(values)) return out;
  let acc = 0;
  let wk = 1; // weight^k, kept as a running product instead of a pow() per point
  for (let i = 0; i < n; i++) {
    const v = values[i];
    if (!Number.isFinite(v)) continue;
    acc = acc * w + (1 - w) * v;
    // Once 1 - weight^k rounds to 1 the debias is over. Stop multiplying: weight^k would sink into
    // subnormals (and stick at the smallest one, as 0.6 × 5e-324 rounds back up), which makes
    // every later multiply ~5× slower.
    if (wk !== 0) {
      wk *= w;
      if (wk < 1e-20) wk = 0;
    }
    out[i] = acc / (1 - wk);
  }
  return out;
}

/**
 * Centred moving average over `window` points (index-based, not x-distance): each finite point
 * becomes the mean of the finite values among the `half` points on each side and itself, where
 * half = floor(window / 2) (so an even window behaves as window + 1). Near the ends the window
 * shrinks to what exists rather than padding. window <= 1 returns a copy. A series whose finite
 * values are all equal is returned unchanged.
 */
export function movingAverage(values: ArrayLike<number>, window: number): Float64Array {
  const n = values.length;
  const out = copyOf(values);
  const half = Math.floor(Number.isFinite(window) ? window / 2 : 0);
  if (half < 1 || isConstant(values)) return out;
  // Running sum and count of the finite values in [i - half, i + half]. The sum is compensated
  // (Neumaier): `comp` collects the rounding of every add/subtract, so when a large early value
  // (a loss at 1e3) leaves the window, the small later ones (1e-4) are not left with its rounding.
  let sum = 0;
  let comp = 0;
  let count = 0;
  for (let k = 0; k < half && k < n; k++) {
    const v = values[k];
    if (Number.isFinite(v)) {
      const t = sum + v;
      comp += Math.abs(sum) >= Math.abs(v) ? sum - t + v : v - t + sum;
      sum = t;
      count++;
    }
  }
  for (let i = 0; i < n; i++) {
    const enter = i + half;
    if (enter < n) {
      const v = values[enter];
      if (Number.isFinite(v)) {
        const t = sum + v;
        comp += Math.abs(sum) >= Math.abs(v) ? sum - t + v : v - t + sum;
        sum = t;
        count++;
      }
    }
    const leave = i - half - 1;
    if (leave >= 0) {
      const v = -values[leave];
      if (Number.isFinite(v)) {
        const t = sum + v;
        comp += Math.abs(sum) >= Math.abs(v) ? sum - t + v : v - t + sum;
        sum = t;
        count--;
      }
    }
    if (Number.isFinite(values[i])) out[i] = (sum + comp) / count;
  }
  return out;
}
