// Student-t and standard normal CDFs and quantiles, for Welch/paired tests, their confidence
// intervals and the Curves 95 % bands (src/core/analysis/student-t.ts uses tQuantile).
//
// Why hand-written rather than @stdlib: @stdlib/stats-base-dists-t-cdf + -t-quantile bundle to
// about 190 KB minified (measured with esbuild), which would grow the Curves webview bundle
// (320 KB minified) by more than half. These ~150 lines are the textbook algorithms
// (Lanczos log-gamma, Lentz continued fractions for the regularised incomplete beta and gamma
// functions, safeguarded Newton for the quantiles) and test/unit/stats/scipy-contract.test.ts
// shows they agree with scipy.stats to 1e-10.

const LANCZOS_G = 7;
const LANCZOS = [
  0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059,
  12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7,
];

/** ln Γ(x) for x > 0 (Lanczos, g = 7, n = 9: relative error about 1e-15). */
export function logGamma(x: number): number {
  if (x < 0.5) return Math.log(Math.PI / Math.abs(Math.sin(Math.PI * x))) - logGamma(1 - x);
  const z = x - 1;
  let s = LANCZOS[0];
  for (let i = 1; i < LANCZOS.length; i++) s += LANCZOS[i] / (z + i);
  const t = z + LANCZOS_G + 0.5;
  return 0.5 * Math.log(2 * Math.PI) + (z + 0.5) * Math.log(t) - t + Math.log(s);
}

/** ln Γ(x) − ((x − ½)·ln x − x + ½·ln 2π) for x ≥ 10: Stirling's series. */
function stirlingCorrection(x: number): number {
  const x2 = x * x;
  return (1 / 12 - (1 / 360 - (1 / 1260 - 1 / (1680 * x2)) / x2) / x2) / x;
}

/**
 * ln B(a, b). With one argument large (t with df ≈ 1e6 gives a = 5e5, b = ½), ln Γ(a + b) − ln Γ(a)
 * would cancel about 7 digits, so that difference is taken from Stirling's series instead.
 */
function logBeta(a: number, b: number): number {
  const big = Math.max(a, b);
  const small = Math.min(a, b);
  if (big < 10) return logGamma(a) + logGamma(b) - logGamma(a + b);
  // ln Γ(big + small) − ln Γ(big), expanded so the large terms cancel analytically.
  const ratio =
    (big - 0.5) * Math.log1p(small / big) + small * Math.log(big + small) - small +
    stirlingCorrection(big + small) - stirlingCorrection(big);
  return logGamma(small) - ratio;
}

const EPS = 1e-16;
const TINY = 1e-300;

/** Continued fraction for I_x(a, b) (Numerical Recipes' betacf, modified Lentz). */
function betaFraction(x: number, a: number, b: number): number {
  const qab = a + b;
  const qap = a + 1;
  const qam = a - 1;
  let c = 1;
  let d = 1 - (qab * x) / qap;
  if (Math.abs(d) < TINY) d = TINY;
  d = 1 / d;
  let h = d;
  for (let m = 1; m <= 1000; m++) {
    const m2 = 2 * m;
    let aa = (m * (b - m) * x) / ((qam + m2) * (a + m2));
    d = 1 + aa * d;
    if (Math.abs(d) < TINY) d = TINY;
    c = 1 + aa / c;
    if (Math.abs(c) < TINY) c = TINY;
    d = 1 / d;
    h *= d * c;
    aa = (-(a + m) * (qab + m) * x) / ((a + m2) * (qap + m2));
    d = 1 + aa * d;
    if (Math.abs(d) < TINY) d = TINY;
    c = 1 + aa / c;
    if (Math.abs(c) < TINY) c = TINY;
    d = 1 / d;
    const del = d * c;
    h *= del;
    if (Math.abs(del - 1) < EPS) break;
  }
  return h;
}

/**
 * Regularised incomplete beta I_x(a, b). `y` is 1 − x passed separately so callers that know it
 * exactly (t² / (df + t²)) do not lose digits to the subtraction near x = 1.
 */
export function betaIncReg(x: number, a: number, b: number, y = 1 - x): number {
  if (x <= 0) return 0;
  if (y <= 0) return 1;
  // log1p of the smaller complement keeps a·ln x exact when x is within 1e-6 of 1 (df ≈ 1e6).
  const lnX = x > 0.5 ? Math.log1p(-y) : Math.log(x);
  const lnY = y > 0.5 ? Math.log1p(-x) : Math.log(y);
  const lnFront = a * lnX + b * lnY - logBeta(a, b);
  const front = Math.exp(lnFront);
  if (x < (a + 1) / (a + b + 2)) return (front * betaFraction(x, a, b)) / a;
  return 1 - (front * betaFraction(y, b, a)) / b;
}

/** P(T ≤ t) for Student's t with `df` > 0 degrees of freedom (df may be fractional: Welch). */
export function tCdf(t: number, df: number): number {
  if (!(df > 0) || Number.isNaN(t)) return NaN;
  if (t === Infinity) return 1;
  if (t === -Infinity) return 0;
  const t2 = t * t;
  // Lower tail P(T ≤ −|t|) = ½·I_{df/(df+t²)}(df/2, ½).
  const tail = 0.5 * betaIncReg(df / (df + t2), df / 2, 0.5, t2 / (df + t2));
  return t > 0 ? 1 - tail : tail;
}

/** Upper tail P(T > t), computed without the 1 − cdf cancellation for large t. */
export function tSf(t: number, df: number): number {
  return tCdf(-t, df);
}

/** Student-t density, for Newton steps in tQuantile. */
function tPdf(t: number, df: number): number {
  const ln = logGamma((df + 1) / 2) - logGamma(df / 2) - 0.5 * Math.log(df * Math.PI) - ((df + 1) / 2) * Math.log1p((t * t) / df);
  return Math.exp(ln);
}

/** Regularised upper incomplete gamma Q(a, x) (series / continued fraction, Numerical Recipes). */
function gammaQ(a: number, x: number): number {
  if (x <= 0) return 1;
  const lnFront = -x + a * Math.log(x) - logGamma(a);
  if (x < a + 1) {
    let sum = 1 / a;
    let del = sum;
    for (let n = 1; n < 1000; n++) {
      del *= x / (a + n);
      sum += del;
      if (Math.abs(del) < Math.abs(sum) * EPS) break;
    }
    return 1 - sum * Math.exp(lnFront);
  }
  let b = x + 1 - a;
  let c = 1 / TINY;
  let d = 1 / b;
  let h = d;
  for (let i = 1; i < 1000; i++) {
    const an = -i * (i - a);
    b += 2;
    d = an * d + b;
    if (Math.abs(d) < TINY) d = TINY;
    c = b + an / c;
    if (Math.abs(c) < TINY) c = TINY;
    d = 1 / d;
    const del = d * c;
    h *= del;
    if (Math.abs(del - 1) < EPS) break;
  }
  return Math.exp(lnFront) * h;
}

/** Standard normal CDF Φ(x) = ½·erfc(−x/√2), with erfc(z) = Q(½, z²) for z ≥ 0. */
export function normalCdf(x: number): number {
  if (Number.isNaN(x)) return NaN;
  const z = Math.abs(x) / Math.SQRT2;
  const upper = 0.5 * gammaQ(0.5, z * z); // P(X > |x|)
  return x >= 0 ? 1 - upper : upper;
}

function normalPdf(x: number): number {
  return Math.exp(-0.5 * x * x) / Math.sqrt(2 * Math.PI);
}

/**
 * Safeguarded Newton on a monotone CDF: keeps a bracket [lo, hi] and bisects when a Newton step
 * would leave it, so it converges even where the start is poor (tiny df, far tails).
 */
function invert(p: number, cdf: (x: number) => number, pdf: (x: number) => number, start: number): number {
  let lo = -Infinity;
  let hi = Infinity;
  let x = start;
  for (let i = 0; i < 200; i++) {
    const f = cdf(x) - p;
    if (f === 0) return x;
    if (f < 0) lo = x;
    else hi = x;
    let next = x - f / pdf(x);
    if (!Number.isFinite(next) || next <= lo || next >= hi) {
      if (Number.isFinite(lo) && Number.isFinite(hi)) next = (lo + hi) / 2;
      else if (Number.isFinite(lo)) next = lo + Math.max(1, Math.abs(lo));
      else next = hi - Math.max(1, Math.abs(hi));
    }
    if (Math.abs(next - x) <= 1e-15 * Math.max(1, Math.abs(x))) return next;
    x = next;
  }
  return x;
}

/** Φ⁻¹(p): start from the logistic approximation, refine by Newton on normalCdf. */
export function normalQuantile(p: number): number {
  if (!(p >= 0 && p <= 1)) return NaN;
  if (p === 0) return -Infinity;
  if (p === 1) return Infinity;
  if (p === 0.5) return 0;
  // Work in the lower tail, where the CDF has full relative precision.
  if (p > 0.5) return -normalQuantile(1 - p);
  // Abramowitz & Stegun 26.2.23 (error < 4.5e-4) as the start.
  const t = Math.sqrt(-2 * Math.log(p));
  const start = -(t - (2.515517 + 0.802853 * t + 0.010328 * t * t) / (1 + 1.432788 * t + 0.189269 * t * t + 0.001308 * t * t * t));
  return invert(p, normalCdf, normalPdf, start);
}

/** t quantile: the x with P(T ≤ x) = p, for df > 0 (fractional df allowed). */
export function tQuantile(p: number, df: number): number {
  if (!(p >= 0 && p <= 1) || !(df > 0)) return NaN;
  if (p === 0) return -Infinity;
  if (p === 1) return Infinity;
  if (p === 0.5) return 0;
  if (p > 0.5) return -tQuantile(1 - p, df);
  // Start from the normal quantile, widened for small df (the t tails are heavier).
  const z = normalQuantile(p);
  const start = df >= 3 ? z * Math.sqrt(df / (df - 2)) : z * 3;
  return invert(p, (x) => tCdf(x, df), (x) => tPdf(x, df), start);
}
