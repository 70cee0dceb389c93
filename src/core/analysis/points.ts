// Canonical point order for everything that walks a series by x: sorted ascending, one point per x.
// Readers hand series over in append (log) order, which may repeat steps (resumed runs, re-logged
// values) or go backwards; interpolation and joins need a clean, strictly increasing x.

/** A curve as two parallel arrays; the shape every analysis function takes. */
export interface XY {
  xs: ArrayLike<number>;
  ys: ArrayLike<number>;
}

/** Same, with owned typed arrays: what analysis functions return. */
export interface XYArrays {
  xs: Float64Array;
  ys: Float64Array;
}

export interface CanonicalOptions {
  /** Drop points whose y is NaN (they carry nothing to interpolate). Default true. */
  dropNaN?: boolean;
  /** The x axis is logarithmic: points with x <= 0 cannot be placed and are dropped. */
  logX?: boolean;
}

/**
 * Returns the points sorted by x with duplicate x collapsed: the point appended LAST wins
 * (a re-logged step replaces the earlier value, as MLflow/Aim show it). Points with a
 * non-finite x are dropped. With `dropNaN` (the default) NaN y points are removed BEFORE
 * duplicates collapse, so a NaN re-log does not hide an earlier real value. ±Infinity y is kept.
 * Fast path: input that is already strictly increasing is copied in one pass without sorting.
 */
export function canonicalPoints(xs: ArrayLike<number>, ys: ArrayLike<number>, options: CanonicalOptions = {}): XYArrays {
  const dropNaN = options.dropNaN ?? true;
  const logX = options.logX ?? false;
  const n = Math.min(xs.length, ys.length);
  const keep = (i: number): boolean => {
    const x = xs[i];
    if (!Number.isFinite(x) || (logX && x <= 0)) return false;
    return !(dropNaN && Number.isNaN(ys[i]));
  };

  let kept = 0;
  let ascending = true;
  let prev = -Infinity;
  for (let i = 0; i < n; i++) {
    if (!keep(i)) continue;
    if (xs[i] <= prev) ascending = false;
    prev = xs[i];
    kept++;
  }

  const outX = new Float64Array(kept);
  const outY = new Float64Array(kept);
  if (ascending) {
    let j = 0;
    for (let i = 0; i < n; i++) {
      if (!keep(i)) continue;
      outX[j] = xs[i];
      outY[j] = ys[i];
      j++;
    }
    return { xs: outX, ys: outY };
  }

  const order = new Uint32Array(kept);
  let k = 0;
  for (let i = 0; i < n; i++) if (keep(i)) order[k++] = i;
  // Ties broken by append index, so the order is deterministic whatever the engine's sort.
  order.sort((a, b) => xs[a] - xs[b] || a - b);
  let m = 0;
  for (let r = 0; r < kept; r++) {
    const i = order[r];
    // Within a run of equal x the last index sorts last: overwrite so the last appended wins.
    if (m > 0 && outX[m - 1] === xs[i]) {
      outY[m - 1] = ys[i];
    } else {
      outX[m] = xs[i];
      outY[m] = ys[i];
      m++;
    }
  }
  return { xs: outX.slice(0, m), ys: outY.slice(0, m) };
}
