// "Would early stopping have fired, and when?" — a replay of the monitored metric through the framework's own
// EarlyStopping semantics (decisions.md §4.2): Lightning counts validation checks, stops on a non-finite value,
// counts an improvement when the value beats the best by more than min_delta; HF's EarlyStoppingCallback counts
// evaluations and needs |Δ| > early_stopping_threshold. The run's logged params give patience/min_delta/mode;
// otherwise Lightning's defaults (patience 3, min_delta 0, mode from the metric's direction).
import type { SeriesPoints } from '../model';
import type { Goal } from '../runs/declared-objective';
import { fmt } from './curve-math';
import type { RuleHit } from './types';

export interface EarlyStopConfig {
  semantics: 'lightning' | 'hf';
  patience: number;
  minDelta: number;
  mode: Goal;
  /** Where the values came from, for the message ("the run's early_stopping_patience", "Lightning defaults"). */
  source: string;
}

const paramNamed = (params: Record<string, string>, name: RegExp): string | undefined => {
  const key = Object.keys(params).find((k) => name.test(k));
  return key === undefined ? undefined : params[key];
};
const num = (v: string | undefined): number | undefined => (v !== undefined && v.trim() !== '' && Number.isFinite(Number(v)) ? Number(v) : undefined);

/** The early-stopping configuration a run logged, or Lightning's defaults with the metric's direction. */
export function earlyStopConfig(params: Record<string, string>, goal: Goal): EarlyStopConfig {
  const hfPatience = num(paramNamed(params, /(^|[._/])early_stopping_patience$/));
  if (hfPatience !== undefined) {
    return { semantics: 'hf', patience: hfPatience, minDelta: num(paramNamed(params, /(^|[._/])early_stopping_threshold$/)) ?? 0, mode: goal, source: "the run's early_stopping_patience (HF)" };
  }
  const patience = num(paramNamed(params, /(^|[._/])patience$/));
  const minDelta = num(paramNamed(params, /(^|[._/])min_delta$/));
  const mode = paramNamed(params, /(^|[._/])early_stopping[._/]mode$|^mode$/);
  const logged = patience !== undefined || minDelta !== undefined;
  return {
    semantics: 'lightning',
    patience: patience ?? 3,
    minDelta: Math.abs(minDelta ?? 0),
    mode: mode === 'min' || mode === 'max' ? mode : goal,
    source: logged ? "the run's patience/min_delta (Lightning)" : 'Lightning defaults (patience 3, min_delta 0)',
  };
}

/** The evaluation at which early stopping would have stopped training, or undefined when it would not have. */
export function earlyStopStep(val: SeriesPoints, cfg: EarlyStopConfig): { step: number; index: number; reason: string } | undefined {
  let best = cfg.mode === 'min' ? Infinity : -Infinity;
  let wait = 0;
  for (let i = 0; i < val.values.length; i++) {
    const v = val.values[i];
    const step = val.steps[i];
    if (cfg.semantics === 'lightning' && !Number.isFinite(v)) return { step, index: i, reason: `the monitored value is ${v} (check_finite)` };
    const improved =
      cfg.semantics === 'lightning'
        ? cfg.mode === 'min'
          ? v + cfg.minDelta < best
          : v - cfg.minDelta > best
        : Number.isFinite(v) && (!Number.isFinite(best) || ((cfg.mode === 'min' ? v < best : v > best) && Math.abs(v - best) > cfg.minDelta));
    if (improved) {
      best = v;
      wait = 0;
    } else if (++wait >= cfg.patience) return { step, index: i, reason: `no improvement in ${cfg.patience} evaluation${cfg.patience > 1 ? 's' : ''}` };
  }
  return undefined;
}

/** The early-stop finding: only when it would have fired before the last evaluation. */
export function earlyStop(val: SeriesPoints, cfg: EarlyStopConfig): RuleHit | undefined {
  const n = val.values.length;
  if (n < 2) return undefined;
  const hit = earlyStopStep(val, cfg);
  if (!hit || hit.index >= n - 1) return undefined;
  const lastStep = val.steps[n - 1];
  const saved = lastStep > 0 ? Math.round((100 * (lastStep - hit.step)) / lastStep) : 0;
  return {
    rule: 'early-stop',
    severity: 'info',
    step: hit.step,
    message: `early stopping would have fired at step ${fmt(hit.step)} (${hit.reason}; ${cfg.source}), ${saved}% of the steps before the end: consider an EarlyStopping callback`,
  };
}
