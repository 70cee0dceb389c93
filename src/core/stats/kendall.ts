// Kendall's rank correlation τ-b (ties in either variable adjusted, as scipy.stats.kendalltau's default).
// Chen & Ritter (EMNLP 2021) report it between a selector's scores and the true target scores over the pool
// (decisions.md §3.1). O(n²) over pairs: a pool of a few thousand candidates is a few million comparisons.

/** τ-b of x and y (same length); NaN when fewer than 2 pairs or either variable is constant. */
export function kendallTauB(x: readonly number[], y: readonly number[]): number {
  const n = Math.min(x.length, y.length);
  let concordant = 0;
  let discordant = 0;
  let tiesX = 0; // pairs tied in x only
  let tiesY = 0; // pairs tied in y only
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) {
      const dx = Math.sign(x[i] - x[j]);
      const dy = Math.sign(y[i] - y[j]);
      if (dx === 0 && dy === 0) continue;
      if (dx === 0) tiesX++;
      else if (dy === 0) tiesY++;
      else if (dx === dy) concordant++;
      else discordant++;
    }
  }
  const denom = Math.sqrt((concordant + discordant + tiesX) * (concordant + discordant + tiesY));
  return denom > 0 ? (concordant - discordant) / denom : NaN;
}
