// The run list as of the last persisted index, in a file next to it (`<index file>.runs`), so a warm start
// shows the runs before sql.js has loaded and opened the whole database (most of which is previews).
// It is only a head start: once the database is open, the worker compares and sends a correction.
import * as fs from 'node:fs';
import * as v8 from 'node:v8';
import { SCHEMA_VERSION } from '../core/index/schema';
import type { IndexedRun } from '../core/index/types';
import type { ReadError } from '../core/model';

interface RunsSnapshot {
  schema: number;
  runs: IndexedRun[];
  errors: ReadError[];
  /** IndexStore.writeToken of the index file written just before (absent in a file written otherwise). */
  written?: string;
}

export const runsSnapshotFile = (indexFile: string) => `${indexFile}.runs`;

/** The snapshot written with the index, or undefined when there is none or it is of another schema or damaged. */
export async function readRunsSnapshot(indexFile: string): Promise<{ runs: IndexedRun[]; errors: ReadError[]; written?: string } | undefined> {
  try {
    const data = v8.deserialize(await fs.promises.readFile(runsSnapshotFile(indexFile))) as RunsSnapshot;
    return data?.schema === SCHEMA_VERSION && Array.isArray(data.runs) && Array.isArray(data.errors) ? data : undefined;
  } catch {
    return undefined;
  }
}

/** Writes it beside the index, through a temporary file like the index itself. */
export async function writeRunsSnapshot(indexFile: string, runs: IndexedRun[], errors: ReadError[], written?: string): Promise<void> {
  const file = runsSnapshotFile(indexFile);
  const tmp = `${file}.${process.pid}.tmp`;
  await fs.promises.writeFile(tmp, v8.serialize({ schema: SCHEMA_VERSION, runs, errors, ...(written && { written }) } satisfies RunsSnapshot));
  await fs.promises.rename(tmp, file);
}
