// Every checkpoint of a run with its step, size on disk and markers (decisions.md §4.5): what the reader listed
// (HF `checkpoint-N` folders with the trainer's best_model_checkpoint, Lightning `.ckpt` files whose names carry
// epoch/step/metric values) plus loose weight files beside the run (`*.pt`, `*.pth`, `*.safetensors`, `*.bin`).
// Markers: `last`, `trainer-best` (best_model_checkpoint, or the best by the metric a Lightning filename
// carries, which is what ModelCheckpoint monitors), `best:<column>` (the best value of a chosen metric at a
// checkpoint's step). Read-only: stat only, symlinks leading out of the run folder are not followed.
import * as fsp from 'node:fs/promises';
import * as path from 'node:path';
import type { IndexedRun } from '../index/types';
import type { Checkpoint, SeriesPoints } from '../model';
import type { Goal } from '../runs/declared-objective';
import { goalOf } from '../runs/objective';
import { parseCheckpointName } from '../sources/lightning-csv/checkpoints';
import { listDir } from '../util/fs';
import { better } from './curve-math';
import type { CheckpointEntry, CheckpointMarker } from './types';

const WEIGHTS = /\.(pt|pth|safetensors|bin|ckpt)$/i;
// Trainer state saved beside the weights: not a model
const NOT_WEIGHTS = /^(training_args\.bin|rng_state(_\d+)?\.pth|scheduler\.pt|optimizer\.(pt|bin)|scaler\.pt)$/i;
const STEP_IN_NAME = /(?:^|[^a-z])(?:step|global_step|iter|it|checkpoint)[=_\-]?(\d+)/i;
const EPOCH_IN_NAME = /(?:^|[^a-z])(?:epoch|ep)[=_\-]?(\d+)/i;

/** Loose weight files in the run folder and its `checkpoints`/`artifacts` subfolders, not already listed. */
export async function looseWeightFiles(runDir: string, known: ReadonlySet<string>): Promise<Checkpoint[]> {
  const out: Checkpoint[] = [];
  const root = path.resolve(runDir);
  for (const dir of [root, path.join(root, 'checkpoints'), path.join(root, 'artifacts')]) {
    const listing = await listDir(dir);
    for (const name of listing.files) {
      if (!WEIGHTS.test(name) || NOT_WEIGHTS.test(name)) continue;
      const p = path.join(dir, name);
      if (known.has(p)) continue;
      const st = await statInside(p, root);
      if (!st) continue;
      const step = STEP_IN_NAME.exec(name);
      const epoch = EPOCH_IN_NAME.exec(name);
      out.push({ step: step ? Number(step[1]) : null, epoch: epoch ? Number(epoch[1]) : null, path: p, bytes: st.size, kind: /^last\b/i.test(name) ? 'last' : 'file' });
    }
  }
  return out;
}

/** The file's stats, unless it is a symlink whose target lies outside `root` (never followed out). */
async function statInside(p: string, root: string): Promise<{ size: number } | undefined> {
  try {
    const l = await fsp.lstat(p);
    if (l.isSymbolicLink()) {
      const real = await fsp.realpath(p);
      const realRoot = await fsp.realpath(root);
      if (!real.startsWith(realRoot + path.sep)) return undefined;
    }
    const st = await fsp.stat(p);
    return st.isFile() ? { size: st.size } : undefined;
  } catch {
    return undefined;
  }
}

/** All checkpoints of a run: the reader's, then loose files, in step order. */
export async function runCheckpoints(run: Pick<IndexedRun, 'path' | 'checkpoints'>): Promise<Checkpoint[]> {
  const known = new Set(run.checkpoints.map((c) => path.resolve(c.path)));
  let loose: Checkpoint[] = [];
  try {
    if ((await fsp.stat(run.path)).isDirectory()) loose = await looseWeightFiles(run.path, known);
  } catch {
    /* run folder gone or a file (SQLite store): only the reader's checkpoints */
  }
  return [...run.checkpoints, ...loose].sort((a, b) => (a.step ?? Infinity) - (b.step ?? Infinity) || a.path.localeCompare(b.path));
}

export interface MarkOptions {
  /** Metrics for `best:<column>` markers, with their directions. */
  columns?: Array<{ key: string; goal: Goal; points: SeriesPoints | undefined }>;
  /** `runlens.metricGoals`: the direction of the metric in checkpoint file names (the trainer's best). */
  goals?: Record<string, Goal>;
}

/** The value a series had at a checkpoint: the last finite point at or before its step. */
export function valueAtStep(points: SeriesPoints, step: number): number | undefined {
  let v: number | undefined;
  for (let i = 0; i < points.steps.length; i++) if (points.steps[i] <= step && Number.isFinite(points.values[i])) v = points.values[i];
  return v;
}

/** The trainer's best: HF marks it in the reader (best_model_checkpoint); Lightning by the metric in the file names. */
function trainerBest(checkpoints: readonly Checkpoint[], goals?: Record<string, Goal>): number {
  const hf = checkpoints.findIndex((c) => c.kind === 'best');
  if (hf >= 0) return hf;
  let bi = -1;
  let key: string | undefined;
  const values = checkpoints.map((c) => (/\.ckpt$/i.test(c.path) ? parseCheckpointName(path.basename(c.path)).fields : {}));
  for (const fields of values) key ??= Object.keys(fields).find((k) => k !== 'epoch' && k !== 'step' && typeof fields[k] === 'number');
  if (!key) return -1;
  const goal = goals?.[key] ?? goalOf(key);
  values.forEach((f, i) => {
    const v = f[key!];
    if (typeof v === 'number' && (bi < 0 || better(goal, v, values[bi][key!] as number))) bi = i;
  });
  return bi;
}

export function markCheckpoints(runId: string, checkpoints: readonly Checkpoint[], options: MarkOptions = {}): CheckpointEntry[] {
  const entries: CheckpointEntry[] = checkpoints.map((c) => ({ runId, path: c.path, step: c.step, bytes: c.bytes, markers: [] as CheckpointMarker[] }));
  if (!entries.length) return entries;
  const explicitLast = checkpoints.findIndex((c) => c.kind === 'last');
  let last = explicitLast;
  if (last < 0) for (let i = 0; i < checkpoints.length; i++) if (checkpoints[i].step !== null && (last < 0 || checkpoints[i].step! >= checkpoints[last].step!)) last = i;
  if (last >= 0) entries[last].markers.push('last');
  const tb = trainerBest(checkpoints, options.goals);
  if (tb >= 0) entries[tb].markers.push('trainer-best');
  for (const col of options.columns ?? []) {
    if (!col.points) continue;
    let bi = -1;
    let bv = NaN;
    checkpoints.forEach((c, i) => {
      const v = c.step === null ? undefined : valueAtStep(col.points!, c.step);
      if (v !== undefined && (bi < 0 || better(col.goal, v, bv))) {
        bi = i;
        bv = v;
      }
    });
    if (bi >= 0) entries[bi].markers.push(`best:${col.key}`);
  }
  return entries;
}

/**
 * Bytes that keeping only the marked checkpoints (last and the bests) would free. A file without a step (a final
 * model saved beside the run) is never counted: nothing says it is not the one to keep.
 */
export function reclaimableBytes(entries: readonly CheckpointEntry[]): number {
  return entries.filter((e) => e.markers.length === 0 && e.step !== null).reduce((n, e) => n + e.bytes, 0);
}
