// Parsing one trainer_state.json (transformers TrainerState, written by json.dumps(indent=2, sort_keys=True))
// and splitting its log_history into series and the final summary row. Every field is optional:
// older files lack logging_steps/eval_steps/save_steps/train_batch_size/best_global_step.
import { promises as fsp } from 'node:fs';
import { parseTolerantJson } from '../../util/tolerant-json';
import { errorMessage, isLfsPointer, lfsPointerMessage, readRegularFile } from '../../util/fs';
import type { SeriesColumns } from '../../util/context-free-series';

/** A trainer_state.json larger than this is reported, not parsed (a JS string cannot hold much more). */
const MAX_STATE_BYTES = 256 * 1024 * 1024;

export type LogEntry = Record<string, unknown>;

export interface TrainerState {
  globalStep?: number;
  maxSteps?: number;
  epoch?: number;
  numTrainEpochs?: number;
  bestMetric?: number | null;
  bestModelCheckpoint?: string | null;
  bestGlobalStep?: number | null;
  /** TrainerControl.should_training_stop of newer files: set when training ended (or stopped early). */
  trainingStopped?: boolean;
  logHistory: LogEntry[];
  /** The whole parsed object, for the fields the reader copies as they are. */
  raw: Record<string, unknown>;
}

export type StateLoad = { state: TrainerState; mtimeMs: number } | { error: string };

/** Reads and parses one trainer_state.json; every failure becomes a message, never a throw. */
export async function loadTrainerState(file: string): Promise<StateLoad> {
  let text: string;
  let mtimeMs: number;
  try {
    const st = await fsp.stat(file);
    if (st.size === 0) return { error: 'empty file' };
    if (st.size > MAX_STATE_BYTES) return { error: `too large to read (${st.size} bytes)` };
    mtimeMs = st.mtimeMs;
    const bytes = await readRegularFile(file);
    if (isLfsPointer(bytes.subarray(0, 64))) return { error: lfsPointerMessage('trainer_state.json') };
    text = bytes.toString('utf8');
  } catch (err) {
    return { error: `cannot read: ${errorMessage(err)}` };
  }
  const parsed = parseTrainerState(text);
  return 'error' in parsed ? parsed : { state: parsed.state, mtimeMs };
}

export function parseTrainerState(text: string): { state: TrainerState } | { error: string } {
  let raw: unknown;
  try {
    raw = parseTolerantJson(text);
  } catch (err) {
    // a save in progress or a cut download leaves a prefix of the JSON
    return { error: `invalid or truncated JSON: ${errorMessage(err)}` };
  }
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) return { error: 'not a JSON object' };
  const obj = raw as Record<string, unknown>;
  const history = Array.isArray(obj.log_history) ? obj.log_history : [];
  const control = (obj.stateful_callbacks as Record<string, unknown> | undefined)?.TrainerControl as
    | { args?: Record<string, unknown> }
    | undefined;
  const stop = control?.args?.should_training_stop;
  return {
    state: {
      globalStep: num(obj.global_step),
      maxSteps: num(obj.max_steps),
      epoch: num(obj.epoch),
      numTrainEpochs: num(obj.num_train_epochs),
      bestMetric: obj.best_metric === null ? null : num(obj.best_metric),
      bestModelCheckpoint: typeof obj.best_model_checkpoint === 'string' ? obj.best_model_checkpoint : obj.best_model_checkpoint === null ? null : undefined,
      bestGlobalStep: obj.best_global_step === null ? null : num(obj.best_global_step),
      trainingStopped: typeof stop === 'boolean' ? stop : undefined,
      logHistory: history.filter((e): e is LogEntry => e !== null && typeof e === 'object' && !Array.isArray(e)),
      raw: obj,
    },
  };
}

function num(v: unknown): number | undefined {
  return typeof v === 'number' ? v : undefined;
}

/** Keys of the row `train()` logs once at the end; its presence marks the training as complete. */
const SUMMARY_MARKERS = ['train_runtime', 'train_samples_per_second', 'train_steps_per_second'];

export function isSummaryRow(entry: LogEntry): boolean {
  return SUMMARY_MARKERS.some((k) => typeof entry[k] === 'number');
}

export interface LogHistorySplit {
  series: Map<string, SeriesColumns>;
  /** Numeric values of the final summary row(s); the last row wins. */
  summary: Record<string, number>;
  hasSummaryRow: boolean;
  /** Keys that had strings, lists or objects as values (e.g. from a custom compute_metrics). */
  nonNumericKeys: string[];
  /** Entries with no usable `step`; they reuse the previous entry's step. */
  entriesWithoutStep: number;
}

/**
 * One series per numeric key except `step` and `epoch`, in log order (steps may repeat or go
 * backwards after a resume); the epoch of each entry rides along as the point's epoch.
 */
export function splitLogHistory(history: LogEntry[], wanted?: (key: string) => boolean): LogHistorySplit {
  const series = new Map<string, SeriesColumns>();
  const summary: Record<string, number> = {};
  const nonNumeric = new Set<string>();
  let hasSummaryRow = false;
  let entriesWithoutStep = 0;
  let lastStep = 0;
  for (const entry of history) {
    let step = entry.step;
    if (typeof step !== 'number') {
      entriesWithoutStep++;
      step = lastStep;
    }
    lastStep = step as number;
    const epoch = typeof entry.epoch === 'number' ? entry.epoch : NaN;
    const toSummary = isSummaryRow(entry);
    if (toSummary) hasSummaryRow = true;
    for (const key of Object.keys(entry)) {
      if (key === 'step' || key === 'epoch') continue;
      const value = entry[key];
      if (typeof value !== 'number') {
        // null is how Python writes None: nothing logged, not a wrong type
        if (value !== null) nonNumeric.add(key);
        continue;
      }
      if (toSummary) {
        summary[key] = value;
        continue;
      }
      if (wanted && !wanted(key)) continue;
      let cols = series.get(key);
      if (!cols) series.set(key, (cols = { steps: [], values: [], epochs: [] }));
      cols.steps.push(step as number);
      cols.values.push(value);
      cols.epochs.push(epoch);
    }
  }
  return { series, summary, hasSummaryRow, nonNumericKeys: [...nonNumeric].sort(), entriesWithoutStep };
}

/** Epoch recorded at a given step (last log entry at exactly that step), if any. */
export function epochAtStep(history: LogEntry[], step: number): number | undefined {
  for (let i = history.length - 1; i >= 0; i--) {
    const e = history[i];
    if (e.step === step && typeof e.epoch === 'number') return e.epoch;
  }
  return undefined;
}
