// Hugging Face Trainer output dirs (formats-spec §4). One output_dir = one run; its checkpoint
// folders are not descended into by discovery. The sibling `runs/` folder (TensorBoard events the
// Trainer also writes) is left to the TensorBoard reader.
import * as path from 'node:path';
import type { DetectResult, DirListing, ListResult, ListOptions, ReadSeriesOptions, RunInfo, SeriesResult, SourceReader, SourceRoot } from '../../model';
import { contextFreeKeys, seriesFromColumns } from '../../util/context-free-series';
import { errorMessage } from '../../util/fs';
import { findCheckpointFolders, scanOutputDir, STATE_FILE } from './output-dir';
import { buildRunInfo } from './run-info';
import { splitLogHistory } from './trainer-state';

async function detect(dir: DirListing): Promise<DetectResult> {
  const checkpoints = await findCheckpointFolders(dir.path, dir.dirs);
  const hasRootState = dir.files.includes(STATE_FILE);
  if (!hasRootState && !checkpoints.some((c) => c.hasState)) return { roots: [] };
  const skip = checkpoints.map((c) => c.name);
  if (dir.dirs.includes('.ipynb_checkpoints')) skip.push('.ipynb_checkpoints');
  return { roots: [{ format: 'hf-trainer', path: dir.path }], skip };
}

async function listRuns(root: SourceRoot, _options?: ListOptions): Promise<ListResult> {
  try {
    const scan = await scanOutputDir(root.path);
    if (!scan.authoritative && scan.problems.length === 0 && !scan.checkpoints.some((c) => c.hasState)) {
      // the folder lost its state files since discovery (checkpoints rotated away, folder deleted)
      return { runs: [], errors: [] };
    }
    const run = await buildRunInfo(root, scan);
    const errors = run.error ? [{ path: root.path, message: run.error, runId: run.id }] : [];
    return { runs: [run], errors };
  } catch (err) {
    return { runs: [], errors: [{ path: root.path, message: `cannot list Trainer output: ${errorMessage(err)}` }] };
  }
}

async function readSeries(run: RunInfo, options?: ReadSeriesOptions): Promise<SeriesResult> {
  try {
    // re-scan: a live run may have saved a newer checkpoint since listRuns
    const scan = await scanOutputDir(run.path);
    const auth = scan.authoritative;
    if (!auth) {
      const why = scan.problems.map((p) => `${path.basename(path.dirname(p.file))}/${STATE_FILE}: ${p.message}`).join('; ');
      return { series: [], errors: [{ path: run.path, runId: run.id, message: why || 'no trainer_state.json found' }] };
    }
    const wanted = contextFreeKeys(options?.only);
    const split = splitLogHistory(auth.state.logHistory, wanted ? (k) => wanted.has(k) : undefined);
    return { series: seriesFromColumns(split.series), errors: [] };
  } catch (err) {
    return { series: [], errors: [{ path: run.path, runId: run.id, message: `cannot read log_history: ${errorMessage(err)}` }] };
  }
}

export const hfTrainerReader: SourceReader = {
  format: 'hf-trainer',
  detect,
  listRuns,
  readSeries,
  // trainer_state.json, config.json, adapter_config.json, checkpoint folders and runs/ are all below the output
  // dir; best_model_checkpoint names a folder on the training machine, matched by its last part, never opened.
  readsOnlyBelowRoot: true,
};
