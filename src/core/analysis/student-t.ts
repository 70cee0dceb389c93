// Two-sided 95 % critical values of Student's t, for confidence intervals over a few seeds
// (with 3 seeds the 95 % CI is mean ± 4.30·SE, not ± 1.96·SE).

// t_{0.975, df} for df = 1..30, to 8 decimals (checked against scipy.stats.t.ppf(0.975, df)).
const T975 = [
  12.70620474, 4.30265273, 3.18244631, 2.77644511, 2.57058184, 2.44691185, 2.36462425, 2.30600414, 2.26215716,
  2.22813885, 2.20098516, 2.17881283, 2.16036866, 2.14478669, 2.13144955, 2.1199053, 2.10981558, 2.10092204,
  2.09302405, 2.08596345, 2.07961384, 2.07387307, 2.06865761, 2.06389856, 2.05953855, 2.05552944, 2.05183052,
  2.04840714, 2.04522964, 2.04227246,
];

/** z_{0.975}: the normal quantile the t values tend to. */
const Z975 = 1.959963984540054;

/**
 * t_{0.975, df}: the multiplier of the standard error for a two-sided 95 % interval.
 * Exact table for df <= 30; above, the Cornish–Fisher expansion of t around z (error < 1e-6
 * for df > 30). NaN for df < 1 (one value has no spread to build an interval from).
 */
export function t975(df: number): number {
  if (!(df >= 1)) return NaN;
  const d = Math.floor(df);
  if (d <= T975.length) return T975[d - 1];
  const z = Z975;
  const z2 = z * z;
  const g1 = (z * (z2 + 1)) / 4;
  const g2 = (z * ((5 * z2 + 16) * z2 + 3)) / 96;
  const g3 = (z * (((3 * z2 + 19) * z2 + 17) * z2 - 15)) / 384;
  const g4 = (z * ((((79 * z2 + 776) * z2 + 1482) * z2 - 1920) * z2 - 945)) / 92160;
  return z + g1 / d + g2 / (d * d) + g3 / (d * d * d) + g4 / (d * d * d * d);
}
