// Ordinary least squares of y on x, shared by the Params scatter's trend line and the health rules' slopes.

export interface LineFit {
  slope: number;
  intercept: number;
  /** Coefficient of determination; NaN when y is constant. */
  r2: number;
  /** Finite pairs used, and Σ(x − x̄)² over them (for the slope's standard error). */
  n: number;
  sxx: number;
}

/** Ordinary least squares over the finite pairs; undefined with < 2 distinct x. */
export function leastSquares(xs: ArrayLike<number>, ys: ArrayLike<number>): LineFit | undefined {
  let n = 0;
  let sx = 0;
  let sy = 0;
  for (let i = 0; i < xs.length; i++) {
    if (!Number.isFinite(xs[i]) || !Number.isFinite(ys[i])) continue;
    n++;
    sx += xs[i];
    sy += ys[i];
  }
  if (n < 2) return undefined;
  const mx = sx / n;
  const my = sy / n;
  let sxx = 0;
  let sxy = 0;
  let syy = 0;
  for (let i = 0; i < xs.length; i++) {
    if (!Number.isFinite(xs[i]) || !Number.isFinite(ys[i])) continue;
    sxx += (xs[i] - mx) ** 2;
    sxy += (xs[i] - mx) * (ys[i] - my);
    syy += (ys[i] - my) ** 2;
  }
  if (sxx === 0) return undefined;
  const slope = sxy / sxx;
  return { slope, intercept: my - slope * mx, r2: syy > 0 ? (sxy * sxy) / (sxx * syy) : NaN, n, sxx };
}
