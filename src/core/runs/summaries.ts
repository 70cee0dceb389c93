// The value a metric column shows for one run, computed exactly from the full-resolution points (never from
// the 256-bucket preview). Rules, from the Runs table issue:
// - min / max / best ignore NaN and ±inf (they never win); ties go to the earliest step, as HF's Trainer and
//   Lightning's ModelCheckpoint keep the first best.
// - best follows the goal given (metricGoal(): the run's declared objective, else the metric's name).
// - at_step:S and at(<column>) take the point at that step; when the series did not log that step, its latest
//   point at a step ≤ it, marked approximate with both steps.
// - last / first are the last / first logged points in append order, whatever their value.
import type { SeriesPoints } from '../model';
import type { Goal } from './declared-objective';
import type { Summary } from './columns';

export interface SummaryValue {
  /** null when the series has no point that answers (no finite value, nothing at or before the step). */
  value: number | null;
  /** Step of the point the value comes from. */
  step?: number;
  /** Set when the value was taken at an earlier step than asked for: the step asked for (the value is at `step`). */
  requestedStep?: number;
}

const NONE: SummaryValue = { value: null };

/** Index of the extreme finite point: smallest step wins ties; equal steps, the first logged. */
function extremeIndex(p: SeriesPoints, goal: Goal): number {
  let best = -1;
  for (let i = 0; i < p.values.length; i++) {
    const v = p.values[i];
    if (!Number.isFinite(v)) continue;
    if (best < 0) {
      best = i;
      continue;
    }
    const b = p.values[best];
    const better = goal === 'min' ? v < b : v > b;
    if (better || (v === b && p.steps[i] < p.steps[best])) best = i;
  }
  return best;
}

/** The point at `step`, else the latest one before it (approximate); the last logged one at a repeated step. */
export function valueAtStep(p: SeriesPoints, step: number): SummaryValue {
  let hit = -1;
  let before = -1;
  for (let i = 0; i < p.steps.length; i++) {
    const s = p.steps[i];
    if (s === step) hit = i;
    else if (s < step && (before < 0 || s >= p.steps[before])) before = i;
  }
  if (hit >= 0) return { value: p.values[hit], step };
  if (before >= 0) return { value: p.values[before], step: p.steps[before], requestedStep: step };
  return NONE;
}

export interface SummaryInputs {
  points: SeriesPoints;
  /** Direction of `best` for this series. */
  goal: Goal;
  /** For at(<column>): the step where the selecting column's summary is attained (already computed). */
  selector?: SummaryValue;
}

export function summarize(summary: Summary, { points: p, goal, selector }: SummaryInputs): SummaryValue {
  const n = p.values.length;
  if (n === 0) return NONE;
  switch (summary.kind) {
    case 'last':
      return { value: p.values[n - 1], step: p.steps[n - 1] };
    case 'first':
      return { value: p.values[0], step: p.steps[0] };
    case 'min':
    case 'max':
    case 'best': {
      const i = extremeIndex(p, summary.kind === 'best' ? goal : summary.kind);
      return i < 0 ? NONE : { value: p.values[i], step: p.steps[i] };
    }
    case 'mean_last': {
      // the mean of the last k finite points: a NaN evaluation would otherwise blank the whole column
      let sum = 0;
      let count = 0;
      let step: number | undefined;
      for (let i = n - 1; i >= 0 && count < summary.k; i--) {
        if (!Number.isFinite(p.values[i])) continue;
        sum += p.values[i];
        count++;
        step ??= p.steps[i];
      }
      return count ? { value: sum / count, step } : NONE;
    }
    case 'at_step':
      return valueAtStep(p, summary.step);
    case 'at':
      return selector?.step === undefined ? NONE : valueAtStep(p, selector.step);
  }
}

/** A metric the run has only as a scalar summary (an Optuna trial's `value`): every summary but a step one is it. */
export function summarizeScalar(summary: Summary, value: number): SummaryValue {
  if (summary.kind === 'at_step' || summary.kind === 'at') return NONE;
  if ((summary.kind === 'min' || summary.kind === 'max' || summary.kind === 'best' || summary.kind === 'mean_last') && !Number.isFinite(value)) return NONE;
  return { value };
}
