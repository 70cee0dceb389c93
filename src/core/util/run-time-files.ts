// The file-system side of run-times.ts: event file names in a folder (and one level of subfolders,
// where HF Trainer's `runs/<date_host>/` lives) and modification times of given files. Read-only.
import { promises as fsp } from 'node:fs';
import * as path from 'node:path';
import { listDir } from './fs';
import { eventFileTimeMs } from './run-times';

/** Times named by event files directly in `dir`, and in its subfolders when `depth` is 1. */
export async function eventFileTimesIn(dir: string, depth: 0 | 1 = 0): Promise<number[]> {
  const listing = await listDir(dir);
  const out = listing.files.flatMap((f) => eventFileTimeMs(f) ?? []);
  if (depth > 0) for (const sub of listing.dirs) out.push(...(await eventFileTimesIn(path.join(dir, sub), 0)));
  return out;
}

/** mtimes of the files that exist among `files`. */
export async function fileTimes(files: string[]): Promise<number[]> {
  const out: number[] = [];
  for (const f of files) {
    try {
      out.push((await fsp.stat(f)).mtimeMs);
    } catch {
      /* gone: no evidence */
    }
  }
  return out;
}
