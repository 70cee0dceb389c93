// One Trainer output_dir = one run. It holds checkpoint-<global_step>/ folders (each with its own
// trainer_state.json), maybe renamed ones (`last-checkpoint/`), and after training maybe a root
// trainer_state.json written by Trainer.save_state(). This file finds them and picks the
// authoritative state: the root file, unless a checkpoint is newer than it (training resumed
// into the same folder), else the checkpoint with the highest global_step that parses.
import * as path from 'node:path';
import { exists, listDir } from '../../util/fs';
import { loadTrainerState, type TrainerState } from './trainer-state';

export const STATE_FILE = 'trainer_state.json';
const NUMBERED = /^checkpoint-(\d+)$/;
/** Renamed checkpoint folders are probed only when their name says so, to keep discovery cheap. */
const RENAMED_HINT = /checkpoint|ckpt|best|last|final/i;
const IGNORED = new Set(['.ipynb_checkpoints']);

export interface CheckpointFolder {
  name: string;
  path: string;
  /** From the folder name `checkpoint-N`; null for renamed folders. */
  stepFromName: number | null;
  hasState: boolean;
}

/** Checkpoint folders directly below `dir`, from the names in `dirs`. */
export async function findCheckpointFolders(dir: string, dirs: string[]): Promise<CheckpointFolder[]> {
  const out: CheckpointFolder[] = [];
  for (const name of dirs) {
    if (IGNORED.has(name)) continue;
    const m = NUMBERED.exec(name);
    if (!m && !RENAMED_HINT.test(name)) continue;
    const p = path.join(dir, name);
    const hasState = await exists(path.join(p, STATE_FILE));
    // a numbered folder without state is still a checkpoint (weights only); a renamed one is not ours
    if (m || hasState) out.push({ name, path: p, stepFromName: m ? Number(m[1]) : null, hasState });
  }
  return out;
}

export interface StateSource {
  file: string;
  /** Checkpoint folder name, or undefined for the root file. */
  folder?: string;
  state: TrainerState;
  mtimeMs: number;
}

export interface OutputDirScan {
  dir: string;
  files: string[];
  checkpoints: CheckpointFolder[];
  /** The state the run is described by; undefined when no state file could be parsed. */
  authoritative?: StateSource;
  /** global_step of every checkpoint state that was parsed along the way (renamed folders). */
  parsedSteps: Map<string, number>;
  /** Files that exist but could not be used, with why. */
  problems: { file: string; message: string }[];
}

export async function scanOutputDir(dir: string): Promise<OutputDirScan> {
  const listing = await listDir(dir);
  const checkpoints = await findCheckpointFolders(dir, listing.dirs);
  const problems: OutputDirScan['problems'] = [];
  const parsedSteps = new Map<string, number>();
  const scan: OutputDirScan = { dir, files: listing.files, checkpoints, parsedSteps, problems };

  const tryLoad = async (file: string, folder?: string): Promise<StateSource | undefined> => {
    const loaded = await loadTrainerState(file);
    if ('error' in loaded) {
      problems.push({ file, message: loaded.error });
      return undefined;
    }
    if (folder !== undefined && loaded.state.globalStep !== undefined) parsedSteps.set(folder, loaded.state.globalStep);
    return { file, folder, state: loaded.state, mtimeMs: loaded.mtimeMs };
  };

  // Renamed folders carry no step in their name: parse them to learn it (there are rarely more than two).
  const ranked: { folder: CheckpointFolder; step: number; loaded?: StateSource }[] = [];
  for (const c of checkpoints) {
    if (!c.hasState) continue;
    if (c.stepFromName !== null) ranked.push({ folder: c, step: c.stepFromName });
    else {
      const loaded = await tryLoad(path.join(c.path, STATE_FILE), c.name);
      if (loaded) ranked.push({ folder: c, step: loaded.state.globalStep ?? -1, loaded });
    }
  }
  ranked.sort((a, b) => b.step - a.step || Number(a.folder.stepFromName === null) - Number(b.folder.stepFromName === null));

  if (listing.files.includes(STATE_FILE)) {
    const root = await tryLoad(path.join(dir, STATE_FILE));
    const rootStep = root?.state.globalStep ?? -1;
    if (root && !(ranked.length && ranked[0].step > rootStep)) {
      scan.authoritative = root;
      return scan;
    }
  }
  for (const r of ranked) {
    const loaded = r.loaded ?? (await tryLoad(path.join(r.folder.path, STATE_FILE), r.folder.name));
    if (loaded) {
      scan.authoritative = loaded;
      break;
    }
  }
  return scan;
}
