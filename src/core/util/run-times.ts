// Start times for formats whose logs carry no clock (Hugging Face trainer_state.json, Lightning's
// metrics.csv). The best evidence is a TensorBoard event file written alongside: its name holds the
// Unix time the writer opened it (`events.out.tfevents.1674974582.host.94170.0`), and a copy or a git
// clone keeps names. Failing that, only file modification times are left, which a copy resets: runs
// say which one they used (TIME_SOURCE_KEY in run.extra), and the Runs view says so in the tooltip.

/** run.extra key naming where startTime/endTime came from, when not from the logs' own clock. */
export const TIME_SOURCE_KEY = 'time_source';
export type TimeSource = 'event-file-name' | 'file-times';

const EVENT_FILE_TIME = /^events\.out\.tfevents\.(\d{9,11})(?:\.|$)/;

/** Epoch ms in an event file's name, or undefined when the name has none. */
export function eventFileTimeMs(fileName: string): number | undefined {
  const m = EVENT_FILE_TIME.exec(fileName);
  return m ? Number(m[1]) * 1000 : undefined;
}

/** The earliest time named by any of these event file names. */
export function earliestEventFileTime(fileNames: Iterable<string>): number | undefined {
  let earliest: number | undefined;
  for (const f of fileNames) {
    const t = eventFileTimeMs(f);
    if (t !== undefined && (earliest === undefined || t < earliest)) earliest = t;
  }
  return earliest;
}

export interface RunTimes {
  startTime?: number;
  endTime?: number;
  source?: TimeSource;
}

/**
 * Start and end of a run whose logs have no clock.
 * - start: the earliest event-file time when there is one; else the earliest of `fileTimes`, or the
 *   latest file time minus the runtime when that is earlier (the last file was written as training ended);
 * - end (finished runs only): start + runtime when the run logged its runtime (seconds), else the latest file time.
 * Never the current time: a run with no evidence has no times.
 */
export function runTimesWithoutClock(input: {
  eventFileTimes: number[];
  fileTimes: number[];
  runtimeSeconds?: number;
  finished: boolean;
}): RunTimes {
  const finite = (xs: number[]) => xs.filter((x) => Number.isFinite(x));
  const events = finite(input.eventFileTimes);
  const files = finite(input.fileTimes);
  const source: TimeSource | undefined = events.length ? 'event-file-name' : files.length ? 'file-times' : undefined;
  if (!source) return {};
  const runtime = input.finished && input.runtimeSeconds !== undefined && Number.isFinite(input.runtimeSeconds) && input.runtimeSeconds >= 0 ? input.runtimeSeconds * 1000 : undefined;
  let startTime: number;
  if (events.length) startTime = Math.min(...events);
  else {
    startTime = Math.min(...files);
    if (runtime !== undefined) startTime = Math.min(startTime, Math.max(...files) - runtime);
  }
  const out: RunTimes = { startTime, source };
  if (input.finished) {
    if (runtime !== undefined) out.endTime = startTime + runtime;
    else if (files.length) out.endTime = Math.max(startTime, ...files);
  }
  return out;
}
