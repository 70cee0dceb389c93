// Writes a Hugging Face Trainer output_dir the way transformers does (formats-spec §4):
// checkpoint-<N>/ folders, each with the trainer_state.json of that moment (log_history so far),
// config.json, small but well-formed safetensors weights and a stand-in training_args.bin; after a
// completed train() the final summary row and a root trainer_state.json (Trainer.save_state()).
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { WriterMetric } from './types';
import { pythonJson } from './hf-trainer-json';

/** One log_history entry: `step`, `epoch` and whatever Trainer logged (loss, learning_rate, eval_*…). */
export interface HfLogEntry {
  step: number;
  epoch?: number;
  [key: string]: unknown;
}

export interface HfTrainerSummary {
  trainRuntime: number;
  trainLoss: number;
  trainSamplesPerSecond?: number;
  trainStepsPerSecond?: number;
  totalFlos?: number;
}

export interface HfTrainerRunOptions {
  /** Training and eval entries in log order, without the final summary row. */
  logHistory: HfLogEntry[];
  maxSteps: number;
  numTrainEpochs: number;
  /** For state.epoch at each save; default maxSteps / numTrainEpochs. */
  stepsPerEpoch?: number;
  /** Steps that get a checkpoint-N folder; default every saveSteps up to the last logged step. */
  checkpointSteps?: number[];
  saveSteps?: number;
  /** Keep only the newest N checkpoint folders plus the best one, like save_total_limit. */
  saveTotalLimit?: number;
  loggingSteps?: number;
  evalSteps?: number;
  trainBatchSize?: number;
  /** Old-style state: no logging_steps/eval_steps/save_steps/train_batch_size/stateful_callbacks/best_global_step. */
  legacy?: boolean;
  /** metric_for_best_model: best_metric/best_model_checkpoint follow the evals logged at save steps. */
  bestMetric?: { key: string; greaterIsBetter?: boolean };
  /** train() completed: adds the summary row (and by default the root trainer_state.json). */
  summary?: HfTrainerSummary;
  /** Write the root trainer_state.json; default: when summary is set. */
  writeRootState?: boolean;
  config?: Record<string, unknown>;
  /** PEFT: adapter_config.json + adapter_model.safetensors instead of model.safetensors. */
  adapterConfig?: Record<string, unknown>;
  trialName?: string | null;
  trialParams?: Record<string, unknown> | null;
  /** Tensor bytes in each fake safetensors file (default 4096). */
  modelBytes?: number;
  /** output_dir on the training machine, for best_model_checkpoint; default `/content/<folder name>`. */
  machineOutputDir?: string;
}

export interface HfTrainerOutput {
  dir: string;
  checkpointDirs: string[];
  rootState?: string;
}

/** TrainerState fields Python writes as ints; every other number in the state is a float. */
const INT_KEYS = new Set(['step', 'global_step', 'max_steps', 'num_train_epochs', 'logging_steps', 'eval_steps', 'save_steps', 'train_batch_size', 'num_input_tokens_seen', 'best_global_step']);
const stateJson = (state: unknown) => pythonJson(state, { isFloatKey: (k) => !INT_KEYS.has(k) });

export function writeHfTrainerOutput(dir: string, run: HfTrainerRunOptions): HfTrainerOutput {
  fs.mkdirSync(dir, { recursive: true });
  const stepsPerEpoch = run.stepsPerEpoch ?? run.maxSteps / run.numTrainEpochs;
  const saveSteps = run.saveSteps ?? 500;
  const lastLogged = run.logHistory.reduce((m, e) => Math.max(m, e.step), 0);
  const steps = run.checkpointSteps ?? defaultSaveSteps(saveSteps, Math.min(lastLogged, run.maxSteps));
  const machineDir = run.machineOutputDir ?? `/content/${path.basename(dir)}`;

  let best: { value: number; step: number } | undefined;
  const states = new Map<number, Record<string, unknown>>();
  for (const step of steps) {
    best = updateBest(best, run, step);
    states.set(step, baseState(run, step, step / stepsPerEpoch, saveSteps, best, machineDir, run.logHistory.filter((e) => e.step <= step)));
  }
  const kept = keptSteps(steps, run.saveTotalLimit, best?.step);
  const checkpointDirs: string[] = [];
  for (const step of kept) {
    const ckDir = path.join(dir, `checkpoint-${step}`);
    writeModelFolder(ckDir, run);
    fs.writeFileSync(path.join(ckDir, 'trainer_state.json'), stateJson(states.get(step)));
    checkpointDirs.push(ckDir);
  }

  const out: HfTrainerOutput = { dir, checkpointDirs };
  if (run.writeRootState ?? Boolean(run.summary)) {
    const finalStep = run.summary ? Math.max(lastLogged, run.maxSteps) : lastLogged;
    const history: HfLogEntry[] = [...run.logHistory];
    if (run.summary) history.push(summaryRow(run.summary, finalStep, round2(finalStep / stepsPerEpoch)));
    writeModelFolder(dir, run); // trainer.save_model() at the end
    out.rootState = path.join(dir, 'trainer_state.json');
    fs.writeFileSync(out.rootState, stateJson(baseState(run, finalStep, finalStep / stepsPerEpoch, saveSteps, best, machineDir, history)));
  }
  return out;
}

function defaultSaveSteps(saveSteps: number, last: number): number[] {
  const out: number[] = [];
  for (let s = saveSteps; s <= last; s += saveSteps) out.push(s);
  return out;
}

function updateBest(best: { value: number; step: number } | undefined, run: HfTrainerRunOptions, step: number) {
  if (!run.bestMetric) return best;
  const { key, greaterIsBetter = false } = run.bestMetric;
  const evalEntry = [...run.logHistory].reverse().find((e) => e.step === step && typeof e[key] === 'number');
  if (!evalEntry) return best;
  const value = evalEntry[key] as number;
  const better = best === undefined || (greaterIsBetter ? value > best.value : value < best.value);
  return better ? { value, step } : best;
}

function keptSteps(steps: number[], limit: number | undefined, bestStep: number | undefined): number[] {
  if (!limit || steps.length <= limit) return steps;
  const newest = steps.slice(-limit);
  return bestStep !== undefined && !newest.includes(bestStep) ? [bestStep, ...newest] : newest;
}

function baseState(
  run: HfTrainerRunOptions,
  globalStep: number,
  epoch: number,
  saveSteps: number,
  best: { value: number; step: number } | undefined,
  machineDir: string,
  logHistory: HfLogEntry[],
): Record<string, unknown> {
  const state: Record<string, unknown> = {
    best_metric: best ? best.value : null,
    best_model_checkpoint: best ? `${machineDir}/checkpoint-${best.step}` : null,
    epoch,
    global_step: globalStep,
    is_hyper_param_search: Boolean(run.trialParams),
    is_local_process_zero: true,
    is_world_process_zero: true,
    log_history: logHistory,
    max_steps: run.maxSteps,
    num_train_epochs: run.numTrainEpochs,
    total_flos: run.summary?.totalFlos ?? globalStep * 1.7e12,
    trial_name: run.trialName ?? null,
    trial_params: run.trialParams ?? null,
  };
  if (!run.legacy) {
    Object.assign(state, {
      best_global_step: best ? best.step : null,
      eval_steps: run.evalSteps ?? saveSteps,
      logging_steps: run.loggingSteps ?? 500,
      num_input_tokens_seen: 0,
      save_steps: saveSteps,
      train_batch_size: run.trainBatchSize ?? 8,
      stateful_callbacks: {
        TrainerControl: {
          args: {
            should_epoch_stop: false,
            should_evaluate: false,
            should_log: false,
            should_save: true,
            should_training_stop: globalStep >= run.maxSteps,
          },
          attributes: {},
        },
      },
    });
  }
  return state;
}

function summaryRow(s: HfTrainerSummary, step: number, epoch: number): HfLogEntry {
  return {
    epoch,
    step,
    total_flos: s.totalFlos ?? step * 1.7e12,
    train_loss: s.trainLoss,
    train_runtime: s.trainRuntime,
    train_samples_per_second: s.trainSamplesPerSecond ?? round3((step * 8) / s.trainRuntime),
    train_steps_per_second: s.trainStepsPerSecond ?? round3(step / s.trainRuntime),
  };
}

/** Weights, config and a stand-in training_args.bin (a pickle in real life; readers must not parse it). */
function writeModelFolder(folder: string, run: HfTrainerRunOptions): void {
  fs.mkdirSync(folder, { recursive: true });
  const weights = run.adapterConfig ? 'adapter_model.safetensors' : 'model.safetensors';
  fs.writeFileSync(path.join(folder, weights), fakeSafetensors(run.modelBytes ?? 4096));
  if (run.config) fs.writeFileSync(path.join(folder, 'config.json'), pythonJson(run.config) + '\n');
  if (run.adapterConfig) fs.writeFileSync(path.join(folder, 'adapter_config.json'), pythonJson(run.adapterConfig) + '\n');
  // pickle protocol 4 of None: `\x80\x04N.`
  fs.writeFileSync(path.join(folder, 'training_args.bin'), Uint8Array.from([0x80, 0x04, 0x4e, 0x2e]));
}

/** A valid safetensors file: u64 header length, JSON header, then zeroed F32 data. */
function fakeSafetensors(dataBytes: number): Uint8Array {
  const n = Math.max(1, Math.floor(dataBytes / 4));
  const header = Buffer.from(JSON.stringify({ __metadata__: { format: 'pt' }, 'classifier.weight': { dtype: 'F32', shape: [n], data_offsets: [0, n * 4] } }));
  const out = Buffer.alloc(8 + header.length + n * 4);
  out.writeBigUInt64LE(BigInt(header.length), 0);
  header.copy(out, 8);
  return out;
}

const round2 = (x: number) => Math.round(x * 100) / 100;
const round3 = (x: number) => Math.round(x * 1000) / 1000;

/** Train keys share one entry per step; eval_* keys form a separate entry at the same step, like Trainer. */
export function logHistoryFromMetrics(metrics: WriterMetric[], stepsPerEpoch: number): HfLogEntry[] {
  const rows = new Map<string, HfLogEntry>();
  const order: string[] = [];
  for (const m of metrics) {
    const kind = m.key.startsWith('eval_') ? 'eval' : 'train';
    for (const p of m.points) {
      const id = `${p.step}|${kind}`;
      let row = rows.get(id);
      if (!row) {
        rows.set(id, (row = { step: p.step, epoch: round2(p.step / stepsPerEpoch) }));
        order.push(id);
      }
      row[m.key] = p.value;
    }
  }
  // log order: by step, training log before the evaluation at the same step
  order.sort((a, b) => {
    const [sa, ka] = a.split('|');
    const [sb, kb] = b.split('|');
    return Number(sa) - Number(sb) || (ka === kb ? 0 : ka === 'train' ? -1 : 1);
  });
  return order.map((id) => rows.get(id)!);
}
