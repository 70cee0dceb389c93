// Ordinary least squares of y on x, shared by the Params scatter's trend line and the health rules' slopes,
// and the pair moments under it (Pearson's r in params/spearman uses them too).

export interface LineFit {
  slope: number;
  intercept: number;
  /** Coefficient of determination; NaN when y is constant. */
  r2: number;
  /** Finite pairs used, and Σ(x − x̄)² over them (for the slope's standard error). */
  n: number;
  sxx: number;
}

/** Means and centred sums of squares and products over the finite pairs (one pass for the sums, one for the squares). */
export interface PairMoments {
  n: number;
  mx: number;
  my: number;
  sxx: number;
  sxy: number;
  syy: number;
}

export function pairMoments(xs: ArrayLike<number>, ys: ArrayLike<number>): PairMoments {
  let n = 0;
  let sx = 0;
  let sy = 0;
  for (let i = 0; i < xs.length; i++) {
    if (!Number.isFinite(xs[i]) || !Number.isFinite(ys[i])) continue;
    n++;
    sx += xs[i];
    sy += ys[i];
  }
  const mx = n ? sx / n : NaN;
  const my = n ? sy / n : NaN;
  let sxx = 0;
  let sxy = 0;
  let syy = 0;
  for (let i = 0; i < xs.length; i++) {
    if (!Number.isFinite(xs[i]) || !Number.isFinite(ys[i])) continue;
    sxx += (xs[i] - mx) ** 2;
    sxy += (xs[i] - mx) * (ys[i] - my);
    syy += (ys[i] - my) ** 2;
  }
  return { n, mx, my, sxx, sxy, syy };
}

/** Ordinary least squares over the finite pairs; undefined with < 2 distinct x. */
export function leastSquares(xs: ArrayLike<number>, ys: ArrayLike<number>): LineFit | undefined {
  const { n, mx, my, sxx, sxy, syy } = pairMoments(xs, ys);
  if (n < 2 || sxx === 0) return undefined;
  const slope = sxy / sxx;
  return { slope, intercept: my - slope * mx, r2: syy > 0 ? (sxy * sxy) / (sxx * syy) : NaN, n, sxx };
}
