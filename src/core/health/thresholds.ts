// Default thresholds of the health rules, each with where it comes from (decisions.md §4.3). A setting or a
// CLI caller can override any of them; rules read only this object, never constants of their own.
export interface HealthThresholds {
  /** Divergence: loss above k × its running minimum … (decisions §4.3, k = 3). */
  divergenceFactor: number;
  /** … for this many consecutive points … */
  divergencePoints: number;
  /** … after the warm-up, this fraction of the step range (first 5 %) … */
  warmupFraction: number;
  /** … and by more than this many sds of the curve's point-to-point noise (tuned on the corpus: noisy per-batch losses). */
  divergenceNoiseSds: number;
  /** Loss spike: robust z-score of a value against the trailing window (median/MAD) above this (6). */
  spikeZ: number;
  /** The trailing window of the z-score (W&B's run-metric z-score window, 30). */
  spikeWindow: number;
  /** … its upper-tail scale taken over this many trailing points when there are that many (100). */
  spikeScaleWindow: number;
  /** … and the value at least this fraction above the window's median (tuned on the corpus: 25 %). */
  spikeMinRise: number;
  /** Train loss increasing: the fitted trend over the last fraction of steps (30 %) … */
  increasingTailFraction: number;
  /** … rises by more than this fraction of the loss's total drop (keeps flat noisy tails quiet). */
  increasingMinRise: number;
  /** Overfitting: the best validation step before this fraction of the last step (80 %) … */
  overfitBestBefore: number;
  /** … and at least this many evaluations after it, all worse (Lightning's patience, 3). */
  overfitPatience: number;
  /** … worse by more than this many noise standard deviations (estimated from the curve's own jitter). */
  overfitNoiseSds: number;
  /** Plateau: no relative improvement above this (ReduceLROnPlateau threshold, 1e-4) … */
  plateauRelDelta: number;
  /** … over the last this many evaluations (10). */
  plateauEvals: number;
  /** Still improving: best in the last fraction of steps (10 %) and the last 20 % fitted slope significant. */
  stillImprovingBestIn: number;
  stillImprovingTail: number;
  /** t statistic of the tail slope counted as significant. */
  stillImprovingT: number;
  /** … and the tail's fitted gain above this fraction of the metric's level (tuned on the corpus: 0.5 %). */
  stillImprovingMinRel: number;
  /** High late variance: the last fraction of points (20 %) … */
  varianceTail: number;
  /** … whose jitter exceeds this fraction of the curve's total improvement … */
  varianceOfRange: number;
  /** … and (when seeds are known) this many times the seed-to-seed sd (2). */
  varianceSeedFactor: number;
  /** Minimum points for the shape rules (plateau, still-improving, overfitting, variance, early stop). */
  minEvals: number;
}

export const DEFAULT_THRESHOLDS: HealthThresholds = {
  divergenceFactor: 3,
  divergencePoints: 3,
  warmupFraction: 0.05,
  divergenceNoiseSds: 3,
  spikeZ: 6,
  spikeWindow: 30,
  spikeMinRise: 0.25,
  spikeScaleWindow: 100,
  increasingTailFraction: 0.3,
  increasingMinRise: 0.1,
  overfitBestBefore: 0.8,
  overfitPatience: 3,
  overfitNoiseSds: 3,
  plateauRelDelta: 1e-4,
  plateauEvals: 10,
  stillImprovingBestIn: 0.1,
  stillImprovingTail: 0.2,
  stillImprovingT: 3,
  stillImprovingMinRel: 0.005,
  varianceTail: 0.2,
  varianceOfRange: 0.1,
  varianceSeedFactor: 2,
  minEvals: 5,
};

/** The overrides a setting gives (`runlens.health.thresholds`): known keys with finite numbers; the rest ignored. */
export function thresholdOverrides(setting: unknown): Partial<HealthThresholds> {
  const out: Partial<HealthThresholds> = {};
  if (typeof setting !== 'object' || setting === null) return out;
  for (const [k, v] of Object.entries(setting)) if (k in DEFAULT_THRESHOLDS && typeof v === 'number' && Number.isFinite(v)) out[k as keyof HealthThresholds] = v;
  return out;
}
