// Discovery of MLflow file stores. A store root is a folder with at least one child
// experiment folder whose meta.yaml has experiment_id and name (formats-spec §1 "Discovery").
// Detection runs on every folder of a workspace, so it only looks at children whose names
// can be experiment ids (integers: '0', or 18-digit random ids) and at a few of them.
import { promises as fsp } from 'node:fs';
import * as path from 'node:path';
import type { DetectResult, DirListing } from '../../model';
import { readHead } from '../../util/fs';
import { parseExperimentMeta } from './meta';

/** Experiment ids MLflow generates are integers; `.trash` holds deleted experiments. */
const EXPERIMENT_FOLDER = /^\d+$/;
/** A folder full of numbered sub-folders (image classes, shards…) is not worth probing past this. */
const MAX_PROBES = 8;
/** Store-level folders that are part of the store: deleted experiments, model registry. */
const STORE_FOLDERS = new Set(['.trash', 'models']);
/** An experiment meta.yaml is a few hundred bytes; more than this is not one. */
const META_HEAD_BYTES = 16 * 1024;

export async function isExperimentFolder(dir: string): Promise<boolean> {
  const head = await readHead(path.join(dir, 'meta.yaml'), META_HEAD_BYTES);
  if (head.length === 0 || head.length === META_HEAD_BYTES) return false;
  const meta = parseExperimentMeta(new TextDecoder().decode(head), path.basename(dir));
  return typeof meta !== 'string';
}

export async function detectFileStore(dir: DirListing): Promise<DetectResult> {
  const candidates = dir.dirs.filter((d) => EXPERIMENT_FOLDER.test(d)).slice(0, MAX_PROBES);
  if (dir.dirs.includes('.trash')) {
    // A store whose every experiment was deleted still counts (they live in .trash).
    candidates.push(...(await trashCandidates(path.join(dir.path, '.trash'))));
  }
  for (const name of candidates) {
    if (await isExperimentFolder(path.join(dir.path, name))) {
      // Experiment folders belong to this store and hold no other source. When the store sits
      // at a project's top level (no `mlruns` folder), its sibling folders are still scanned.
      const skip = dir.dirs.filter((d) => EXPERIMENT_FOLDER.test(d) || STORE_FOLDERS.has(d));
      return { roots: [{ format: 'mlflow-file', path: dir.path }], skip, stop: skip.length === dir.dirs.length };
    }
  }
  return { roots: [] };
}

async function trashCandidates(trashDir: string): Promise<string[]> {
  const names = await fsp.readdir(trashDir).catch(() => [] as string[]);
  return names
    .filter((n) => EXPERIMENT_FOLDER.test(n))
    .slice(0, MAX_PROBES)
    .map((n) => path.join('.trash', n));
}
