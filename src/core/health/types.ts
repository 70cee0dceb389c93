// What the health checks report: one finding per (rule, run, series), a sweep finding per (rule, experiment,
// param), and each run's checkpoints with their markers. The shapes are the `runlens diagnose --json` output
// (issue 15), so the CLI prints them as they are and the extension shows the same objects.
import type { SeriesContext } from '../model';

export type Severity = 'error' | 'warning' | 'info';

export const CURVE_RULES = [
  'non-finite',
  'divergence',
  'loss-spike',
  'train-loss-increasing',
  'overfitting',
  'plateau',
  'still-improving',
  'high-variance',
  'early-stop',
] as const;
export type CurveRule = (typeof CURVE_RULES)[number];

export const SWEEP_RULES = ['best-at-edge', 'linear-over-decades', 'few-seeds', 'best-next-to-diverged', 'grid-hole'] as const;
export type SweepRule = (typeof SWEEP_RULES)[number];

/** What a rule found in one series, before it is tied to a run (the rule functions return this). */
export interface RuleHit {
  rule: CurveRule;
  severity: Severity;
  /** The step the finding is about (first NaN, divergence start, best step before overfitting, …). */
  step: number;
  /** One line that says what happened and what to do. */
  message: string;
  /** Further steps (every spike), for marking on a curve. */
  steps?: number[];
}

export interface Finding extends RuleHit {
  /** runKey() of the run. */
  runId: string;
  runName: string;
  series: string;
  context: SeriesContext;
}

export interface SweepFinding {
  rule: SweepRule;
  severity: Severity;
  experiment: string;
  param: string;
  message: string;
}

export type CheckpointMarker = 'last' | 'trainer-best' | `best:${string}`;

export interface CheckpointEntry {
  runId: string;
  path: string;
  step: number | null;
  bytes: number;
  markers: CheckpointMarker[];
}

export interface HealthReport {
  findings: Finding[];
  sweep: SweepFinding[];
  checkpoints: CheckpointEntry[];
  /** Bytes of checkpoints that are neither last nor best by any marker (shown, never deleted). */
  reclaimableBytes: number;
}
