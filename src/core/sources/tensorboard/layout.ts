// Where TensorBoard runs live: a run is a folder holding `events.out.tfevents.*` files
// (TensorBoard's own rule). Runs sit below a log dir — `runs/<date_host>/` (Hugging Face),
// `lightning_logs/version_N/` (Lightning), `logs/fit/<date>/train/` (Keras) — and may nest.
import * as path from 'node:path';
import { listDir } from '../../util/fs';

const EVENT_FILE = /^events\.out\.tfevents\./;

/** Folders that never hold runs of ours (and can be huge). */
const SKIPPED = new Set(['node_modules', '.git', '__pycache__', '.ipynb_checkpoints', 'wandb', '.aim', 'mlruns']);

/** Nesting below a log dir that listRuns still follows (TensorBoard itself walks without limit). */
const MAX_RUN_DEPTH = 6;

export function isEventFileName(name: string): boolean {
  return EVENT_FILE.test(name);
}

export function eventFilesOf(files: string[]): string[] {
  return files.filter(isEventFileName).sort();
}

/**
 * Whether a folder with these files is a TensorBoard run of ours.
 * A Lightning version folder with BOTH metrics.csv and event files belongs to the lightning-csv
 * reader, which claims every folder holding metrics.csv; taking it here too would show the same
 * training twice. So a folder with metrics.csv is never a TensorBoard run.
 */
export function isTensorboardRunFolder(files: string[]): boolean {
  return !files.includes('metrics.csv') && files.some(isEventFileName);
}

export function isSkippedFolder(name: string): boolean {
  return SKIPPED.has(name) || name.startsWith('.');
}

export interface RunFolder {
  /** Absolute path. */
  dir: string;
  /** Event file names in filename order. */
  eventFiles: string[];
  files: string[];
}

/** Names of the child folders of `dir` that are run folders themselves. */
export async function runChildren(dir: string, childNames: string[]): Promise<string[]> {
  const out: string[] = [];
  for (const name of childNames) {
    if (isSkippedFolder(name)) continue;
    const listing = await listDir(path.join(dir, name));
    if (isTensorboardRunFolder(listing.files)) out.push(name);
  }
  return out;
}

/**
 * The runs of one log dir: the log dir itself when it holds event files, each child folder that
 * does, and everything nested below those children (e.g. the hparams subfolder Hugging Face adds).
 * Children without event files are left to discovery, which may find a log dir below them:
 * detect() and this function agree on that split, so no folder belongs to two roots.
 */
export async function findRunFolders(logDir: string, signal?: AbortSignal): Promise<RunFolder[]> {
  const out: RunFolder[] = [];
  const visit = async (dir: string, depth: number): Promise<void> => {
    if (signal?.aborted) return;
    const listing = await listDir(dir);
    const isRun = isTensorboardRunFolder(listing.files);
    if (isRun) out.push({ dir, eventFiles: eventFilesOf(listing.files), files: listing.files });
    if (depth >= MAX_RUN_DEPTH) return;
    for (const name of listing.dirs) {
      if (isSkippedFolder(name)) continue;
      const child = path.join(dir, name);
      if (depth === 0) {
        // a child of the log dir counts only when it holds event files itself
        const childListing = await listDir(child);
        if (!isTensorboardRunFolder(childListing.files)) continue;
      }
      await visit(child, depth + 1);
    }
  };
  await visit(logDir, 0);
  return out.sort((a, b) => (a.dir < b.dir ? -1 : a.dir > b.dir ? 1 : 0));
}
