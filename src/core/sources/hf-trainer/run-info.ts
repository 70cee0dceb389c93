// Turns a scanned Trainer output dir into a RunInfo: params, summary, checkpoints, status, extra.
import * as path from 'node:path';
import type { Checkpoint, RunInfo, RunStatus, SourceRoot } from '../../model';
import { pathBytes } from '../../util/fs';
import { eventFileTimesIn, fileTimes } from '../../util/run-time-files';
import { runTimesWithoutClock, TIME_SOURCE_KEY, type RunTimes } from '../../util/run-times';
import { STATE_FILE, type OutputDirScan } from './output-dir';
import { readRunParams } from './params';
import { epochAtStep, splitLogHistory, type TrainerState } from './trainer-state';

/**
 * Status rule (trainer_state.json has no status field):
 * - finished: the final summary row exists (train() returned), or TrainerControl says
 *   should_training_stop (newer files; also set by early stopping), or global_step >= max_steps > 0;
 * - unknown: otherwise. A live run and a crashed or killed one leave the same files, and file
 *   times cannot tell them apart (a fresh git clone makes every file look just written), so the
 *   reader does not guess "running"; whoever watches the folder can see it grow.
 */
/** trainer_state.json fields copied into run.extra as they are (when present, null included). */
const EXTRA_KEYS = [
  'best_metric',
  'best_model_checkpoint',
  'best_global_step',
  'global_step',
  'max_steps',
  'num_train_epochs',
  'epoch',
  'total_flos',
  'trial_name',
];

export function runStatus(state: TrainerState | undefined, hasSummaryRow: boolean): RunStatus {
  if (!state) return 'unknown';
  if (hasSummaryRow || state.trainingStopped === true) return 'finished';
  if (state.maxSteps !== undefined && state.maxSteps > 0 && state.globalStep !== undefined && state.globalStep >= state.maxSteps) return 'finished';
  return 'unknown';
}

export async function buildRunInfo(root: SourceRoot, scan: OutputDirScan): Promise<RunInfo> {
  const dir = scan.dir;
  const auth = scan.authoritative;
  const state = auth?.state;
  const warnings = scan.problems.map((p) => `${path.relative(dir, p.file) || p.file}: ${p.message}`);

  // series are not needed here: only the summary row and the key checks
  const split = state ? splitLogHistory(state.logHistory, () => false) : undefined;
  const summary: Record<string, number> = { ...(split?.summary ?? {}) };
  if (typeof state?.bestMetric === 'number') summary.best_metric = state.bestMetric;
  if (split?.nonNumericKeys.length) warnings.push(`log_history values that are not numbers were skipped for: ${split.nonNumericKeys.join(', ')}`);
  if (split?.entriesWithoutStep) warnings.push(`${split.entriesWithoutStep} log_history entries have no step; the previous step was used`);

  const configFolders = [dir];
  if (auth?.folder) configFolders.push(path.join(dir, auth.folder));
  for (const c of [...scan.checkpoints].reverse()) if (!configFolders.includes(c.path)) configFolders.push(c.path);
  const { params, warnings: paramWarnings } = await readRunParams(configFolders, state);
  warnings.push(...paramWarnings);

  const extra: Record<string, unknown> = {};
  if (state) for (const key of EXTRA_KEYS) if (key in state.raw) extra[key] = state.raw[key];
  if (auth) {
    extra.state_file = path.relative(dir, auth.file);
    extra.log_history_entries = state!.logHistory.length;
  }

  const status = runStatus(state, split?.hasSummaryRow ?? false);
  const name = path.basename(dir);
  const run: RunInfo = {
    format: 'hf-trainer',
    id: name,
    experiment: path.basename(path.dirname(dir)),
    name,
    status,
    path: dir,
    root: root.path,
    params,
    tags: {},
    summary,
    checkpoints: await listCheckpoints(scan, state),
    extra,
  };
  // log_history carries no clock: see run-times.ts for what stands in for one.
  const times = await trainerRunTimes(scan, status === 'finished' ? summary.train_runtime : undefined, status === 'finished');
  if (times.startTime !== undefined) run.startTime = times.startTime;
  if (times.endTime !== undefined) run.endTime = times.endTime;
  if (times.source) extra[TIME_SOURCE_KEY] = times.source;
  if (typeof state?.raw.trial_name === 'string' && state.raw.trial_name) run.tags.trial_name = state.raw.trial_name;
  if (!auth) run.error = scan.problems.length ? `no readable trainer_state.json (${warnings.join('; ')})` : 'no trainer_state.json found';
  if (warnings.length) run.warnings = warnings;
  return run;
}

/**
 * Start: the Trainer's TensorBoard writer (`runs/<date_host>/events.out.tfevents.<unix time>…`) opened at
 * the start of training; without one, the earliest trainer_state.json of the root and the checkpoints
 * (the first checkpoint's state is the oldest file training wrote). End: start + train_runtime.
 */
async function trainerRunTimes(scan: OutputDirScan, runtimeSeconds: number | undefined, finished: boolean): Promise<RunTimes> {
  const stateFiles = scan.checkpoints.filter((c) => c.hasState).map((c) => path.join(c.path, STATE_FILE));
  if (scan.files.includes(STATE_FILE)) stateFiles.push(path.join(scan.dir, STATE_FILE));
  return runTimesWithoutClock({
    eventFileTimes: await eventFileTimesIn(path.join(scan.dir, 'runs'), 1),
    fileTimes: await fileTimes(stateFiles),
    runtimeSeconds,
    finished,
  });
}

async function listCheckpoints(scan: OutputDirScan, state: TrainerState | undefined): Promise<Checkpoint[]> {
  const bestName = typeof state?.bestModelCheckpoint === 'string' ? lastPathPart(state.bestModelCheckpoint) : undefined;
  const out: Checkpoint[] = [];
  for (const c of scan.checkpoints) {
    const step = c.stepFromName ?? scan.parsedSteps.get(c.name) ?? null;
    let epoch: number | null = null;
    if (step !== null && state) epoch = epochAtStep(state.logHistory, step) ?? (step === state.globalStep ? state.epoch ?? null : null);
    out.push({ step, epoch, path: c.path, bytes: await pathBytes(c.path), kind: c.name === bestName ? 'best' : 'checkpoint' });
  }
  out.sort((a, b) => (a.step ?? Infinity) - (b.step ?? Infinity));
  return out;
}

/** Last part of a path written on another machine (POSIX or Windows separators). */
function lastPathPart(p: string): string {
  const parts = p.split(/[\\/]+/).filter(Boolean);
  return parts[parts.length - 1] ?? '';
}
