// Is an Aim run finished, still running, or dead? (spec §7.) Aim itself calls a run active when
// its meta `end_time` is unset. We add the heartbeat signals so a crashed run is not shown running
// forever: check-in files (`check_ins/<H>-<idx>-<flag>-<utc_time>-<expect_next_in>`) and, for old
// Aim without check-ins, the mtime of `meta/progress/<H>` / `locks/<H>.softlock`.
import { promises as fsp } from 'node:fs';
import * as path from 'node:path';
import type { RunStatus } from '../../model';

export interface CheckIn {
  file: string;
  /** Unix seconds of the heartbeat. */
  time: number;
  /** Seconds until the writer promised the next heartbeat. */
  expectNextIn: number;
}

/** Grace Aim's own stalled-run watcher allows beyond expect_next_in (run_status_manager.py). */
const CHECK_IN_GRACE_S = 10;
/** Without check-ins, a progress/lock file touched this recently means a live writer. */
const RECENT_TOUCH_MS = 10 * 60 * 1000;

/** Latest check-in per run hash (the lexicographically highest file name; idx is zero-padded). */
export async function readCheckIns(aimDir: string): Promise<Map<string, CheckIn>> {
  const out = new Map<string, CheckIn>();
  let names: string[];
  try {
    names = await fsp.readdir(path.join(aimDir, 'check_ins'));
  } catch {
    return out;
  }
  for (const name of names.sort()) {
    // rsplit('-', 4): <hash>-<idx>-<flag>-<time>-<expect>
    const parts = name.split('-');
    if (parts.length < 5) continue;
    const expect = Number(parts[parts.length - 1]);
    const time = Number(parts[parts.length - 2]);
    const hash = parts.slice(0, parts.length - 4).join('-');
    if (!hash || !Number.isFinite(time) || !Number.isFinite(expect)) continue;
    out.set(hash, { file: name, time, expectNextIn: expect });
  }
  return out;
}

export async function mtimeMs(p: string): Promise<number | undefined> {
  try {
    return (await fsp.stat(p)).mtimeMs;
  } catch {
    return undefined;
  }
}

export interface StatusInput {
  /** Meta end_time: seconds, null (None written) or undefined (missing). */
  endTime: number | null | undefined;
  /** sqlite finalized_at, Aim's fallback when the meta key is missing. */
  finalizedAt?: number;
  checkIn?: CheckIn;
  progressMtimeMs?: number;
  softlockMtimeMs?: number;
  nowMs: number;
}

export interface StatusDecision {
  status: RunStatus;
  /** Unix seconds when the run ended (finished runs). */
  endTime?: number;
  note?: string;
}

export function decideStatus(s: StatusInput): StatusDecision {
  const end = typeof s.endTime === 'number' && s.endTime > 0 ? s.endTime : s.endTime === undefined ? s.finalizedAt : undefined;
  if (end !== undefined && end > 0) return { status: 'finished', endTime: end };
  if (s.checkIn) {
    const due = (s.checkIn.time + s.checkIn.expectNextIn + CHECK_IN_GRACE_S) * 1000;
    if (s.nowMs <= due) return { status: 'running' };
    return {
      status: 'unknown',
      note: `never closed and its last heartbeat (${new Date(s.checkIn.time * 1000).toISOString()}) is overdue: probably crashed or killed`,
    };
  }
  const touched = Math.max(s.progressMtimeMs ?? -Infinity, s.softlockMtimeMs ?? -Infinity);
  if (s.nowMs - touched <= RECENT_TOUCH_MS) return { status: 'running' };
  return { status: 'unknown', note: 'never closed (no end_time) and no recent heartbeat: probably crashed or killed' };
}
