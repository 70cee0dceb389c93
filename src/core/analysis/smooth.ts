// Curve smoothing for display. Both functions work on the values in the order given (pass points
// sorted by x, e.g. from canonicalPoints) and return a new array of the same length; the input is
// never modified, so the raw curve can still be drawn faintly underneath.
//
// Non-finite points (NaN, ±Infinity) are passed through unchanged at their own position and take
// no part in their neighbours' averages: a NaN stays visible as a gap and a diverged point does
// not smear an infinity over the rest of the curve.

/** Highest EMA weight accepted; 1 would freeze the curve at its first value. */
export const MAX_EMA_WEIGHT = 0.999;

/** True when every finite value equals the first finite one (and there is at least one). */
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
  const out = Float64Array.from(values);
  const w = Number.isFinite(weight) ? Math.min(Math.max(weight, 0), MAX_EMA_WEIGHT) : 0;
  if (w === 0 || isConstant(values)) return out;
  let acc = 0;
  let wk = 1; // weight^k, kept as a running product instead of a pow() per point
  for (let i = 0; i < n; i++) {
    const v = values[i];
    if (!Number.isFinite(v)) continue;
    acc = acc * w + (1 - w) * v;
    wk *= w;
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
  const out = Float64Array.from(values);
  const half = Math.floor(Number.isFinite(window) ? window / 2 : 0);
  if (half < 1 || isConstant(values)) return out;
  // Running sum and count of the finite values in [i - half, i + half].
  let sum = 0;
  let count = 0;
  const addAt = (k: number, sign: 1 | -1) => {
    if (k < 0 || k >= n) return;
    const v = values[k];
    if (!Number.isFinite(v)) return;
    sum += sign * v;
    count += sign;
  };
  const span = 2 * half + 1;
  for (let k = 0; k < half && k < n; k++) addAt(k, 1);
  for (let i = 0; i < n; i++) {
    if (i > 0 && i % span === 0) {
      // Re-sum the window from scratch now and then: add/subtract drift would otherwise carry
      // rounding left by large early values (a loss at 1e3) into small late ones (1e-4).
      sum = 0;
      count = 0;
      for (let k = i - half; k <= i + half; k++) addAt(k, 1);
    } else {
      addAt(i + half, 1);
      addAt(i - half - 1, -1);
    }
    if (Number.isFinite(values[i])) out[i] = sum / count;
  }
  return out;
}
