// Whether a run that says "running" still is. A status file says RUNNING until the process ends
// cleanly, so a crashed, killed or copied run says it forever (a 2022 MLflow run read "running ·
// 1525d" in 2026). The run's own clock tells: when nothing has been logged for far longer than the
// run's usual gap between points, or for over a day, it is stale. Pure: every format gets the same rule.
import type { IndexedRun } from '../index/types';

/** Idle longer than this is stale whatever the logging interval. */
export const STALE_AFTER_MS = 24 * 3600_000;
/** Idle this many of the run's own logging intervals is stale… */
export const STALE_INTERVALS = 20;
/** …but never sooner than this (evaluation pauses, checkpoint saves). */
export const MIN_STALE_MS = 30 * 60_000;

export type Activity =
  | { kind: 'not-running' }
  /** Running, or too little known to say otherwise. */
  | { kind: 'running'; lastWrite?: number }
  | { kind: 'stale'; lastWrite: number; idleMs: number; thresholdMs: number };

type ActivityInput = Pick<IndexedRun, 'status' | 'startTime' | 'series'>;

/** The latest time the run's logs record: the last point of any series, else its start. */
export function lastLogTime(run: Pick<IndexedRun, 'startTime' | 'series'>): number | undefined {
  let last = run.startTime;
  for (const s of run.series) if (Number.isFinite(s.lastTime) && (last === undefined || s.lastTime > last)) last = s.lastTime;
  return last;
}

/** Mean gap between logged points of the run's densest series, from its start to its last point. */
export function loggingInterval(run: Pick<IndexedRun, 'startTime' | 'series'>): number | undefined {
  let points = 0;
  let last: number | undefined;
  for (const s of run.series) {
    if (!Number.isFinite(s.lastTime)) continue;
    points = Math.max(points, s.count);
    last = last === undefined ? s.lastTime : Math.max(last, s.lastTime);
  }
  if (run.startTime === undefined || last === undefined || points < 2 || last <= run.startTime) return undefined;
  return (last - run.startTime) / (points - 1);
}

/** How long without a write makes this run stale. */
export function staleThreshold(run: Pick<IndexedRun, 'startTime' | 'series'>): number {
  const interval = loggingInterval(run);
  if (interval === undefined) return STALE_AFTER_MS;
  return Math.min(STALE_AFTER_MS, Math.max(MIN_STALE_MS, STALE_INTERVALS * interval));
}

export function runActivity(run: ActivityInput, nowMs: number): Activity {
  if (run.status !== 'running') return { kind: 'not-running' };
  const lastWrite = lastLogTime(run);
  if (lastWrite === undefined) return { kind: 'running' };
  const idleMs = nowMs - lastWrite;
  const thresholdMs = staleThreshold(run);
  return idleMs > thresholdMs ? { kind: 'stale', lastWrite, idleMs, thresholdMs } : { kind: 'running', lastWrite };
}
