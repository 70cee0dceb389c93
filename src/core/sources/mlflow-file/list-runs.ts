// Lists the experiments and runs of an MLflow file store (formats-spec §1).
// Mirrors what MLflow itself shows: folders without meta.yaml are not runs, a run whose
// meta.yaml names another experiment is ignored ("Wrong experiment ID"), deleted runs and
// experiments (lifecycle_stage deleted, or moved to .trash) are hidden unless asked for.
import { promises as fsp } from 'node:fs';
import * as path from 'node:path';
import type { ListOptions, ListResult, ReadError, RunInfo, SourceRoot } from '../../model';
import { errorMessage, listDirSync, readTextIfExistsSync } from '../../util/fs';
import { readKeyValues } from './key-files';
import { mapLimit } from '../../util/map-limit';
import { type ExperimentMeta, parseExperimentMeta, parseRunMeta } from './meta';

const TRASH = '.trash';
/** Store-level folders that are not experiments (model registry, MLflow 3 additions). */
const NON_EXPERIMENT_FOLDERS = new Set([TRASH, 'models']);
/** Experiment-level folders that are not runs (file_store.py RESERVED_EXPERIMENT_FOLDERS; MLflow 3 models). */
const RESERVED_EXPERIMENT_FOLDERS = new Set(['tags', 'datasets', 'traces', 'models']);
const RUN_READ_CONCURRENCY = 32;

interface ExperimentFolder {
  dir: string;
  folderName: string;
  meta: ExperimentMeta;
  deleted: boolean;
}

export async function listFileStoreRuns(root: SourceRoot, options: ListOptions = {}): Promise<ListResult> {
  const errors: ReadError[] = [];
  const runs: RunInfo[] = [];
  try {
    const st = await fsp.stat(root.path).catch(() => undefined);
    if (!st?.isDirectory()) {
      errors.push({ path: root.path, message: 'MLflow store folder is missing or not a folder' });
      return { runs, errors };
    }
    const experiments = await findExperiments(root.path, options, errors);
    for (const exp of experiments) {
      if (options.signal?.aborted) {
        errors.push({ path: root.path, message: 'listing cancelled' });
        break;
      }
      // blocking listings and meta.yaml reads: readers run in worker threads, where each promise round trip through
      // the thread pool cost more than the call (see listDirSync)
      const runDirs = listDirSync(exp.dir).dirs.filter((d) => !RESERVED_EXPERIMENT_FOLDERS.has(d));
      const found = await mapLimit(runDirs, RUN_READ_CONCURRENCY, (name) =>
        options.signal?.aborted ? Promise.resolve(undefined) : readRun(root, exp, name, options, errors),
      );
      for (const run of found) if (run) runs.push(run);
    }
  } catch (err) {
    // Defensive: the helpers above catch their own I/O errors; anything else must not escape.
    errors.push({ path: root.path, message: `unexpected error listing the store: ${errorMessage(err)}` });
  }
  return { runs, errors };
}

async function findExperiments(storeDir: string, options: ListOptions, errors: ReadError[]): Promise<ExperimentFolder[]> {
  const out: ExperimentFolder[] = [];
  const store = listDirSync(storeDir);
  const places: Array<{ parent: string; names: string[]; inTrash: boolean }> = [
    { parent: storeDir, names: store.dirs.filter((d) => !NON_EXPERIMENT_FOLDERS.has(d)), inTrash: false },
  ];
  if (options.includeDeleted && store.dirs.includes(TRASH)) {
    const trashDir = path.join(storeDir, TRASH);
    places.push({ parent: trashDir, names: listDirSync(trashDir).dirs, inTrash: true });
  }
  for (const { parent, names, inTrash } of places) {
    for (const folderName of names) {
      const dir = path.join(parent, folderName);
      const metaPath = path.join(dir, 'meta.yaml');
      const text = readTextIfExistsSync(metaPath);
      if (text === undefined) {
        // Numbered folders look like experiments (e.g. orphan MLFlowLogger checkpoints): say why they are skipped.
        if (/^\d+$/.test(folderName)) errors.push({ path: dir, message: 'folder has no meta.yaml; not an experiment' });
        continue;
      }
      const meta = parseExperimentMeta(text, folderName);
      if (typeof meta === 'string') {
        errors.push({ path: metaPath, message: `experiment skipped: ${meta}` });
        continue;
      }
      if (meta.id !== folderName) {
        errors.push({ path: metaPath, message: `experiment_id '${meta.id}' differs from its folder name '${folderName}'` });
      }
      const deleted = inTrash || meta.lifecycleStage === 'deleted';
      if (deleted && !options.includeDeleted) continue;
      out.push({ dir, folderName, meta, deleted });
    }
  }
  return out;
}

async function readRun(
  root: SourceRoot,
  exp: ExperimentFolder,
  folderName: string,
  options: ListOptions,
  errors: ReadError[],
): Promise<RunInfo | undefined> {
  const runDir = path.join(exp.dir, folderName);
  const metaPath = path.join(runDir, 'meta.yaml');
  const text = readTextIfExistsSync(metaPath);
  if (text === undefined) {
    errors.push({ path: runDir, runId: folderName, message: 'folder has no meta.yaml; not a run' });
    return undefined;
  }
  const meta = parseRunMeta(text, folderName);
  if (typeof meta !== 'string') {
    if (meta.experimentId !== undefined && meta.experimentId !== exp.folderName) {
      errors.push({
        path: metaPath,
        runId: folderName,
        message: `Wrong experiment ID '${meta.experimentId}' in a run of experiment folder '${exp.folderName}'; run ignored (as MLflow does)`,
      });
      return undefined;
    }
    if (meta.runId !== undefined && meta.runId !== folderName) {
      errors.push({ path: metaPath, runId: folderName, message: `run_id '${meta.runId}' differs from its folder name` });
    }
  }
  const deleted = exp.deleted || (typeof meta !== 'string' && meta.lifecycleStage === 'deleted');
  if (deleted && !options.includeDeleted) return undefined;

  const params = await readKeyValues(path.join(runDir, 'params'), errors, folderName);
  const tags = await readKeyValues(path.join(runDir, 'tags'), errors, folderName);
  const run: RunInfo = {
    format: 'mlflow-file',
    id: folderName,
    experiment: exp.meta.name,
    name: tags['mlflow.runName'] ?? '',
    status: 'unknown',
    path: runDir,
    root: root.path,
    params,
    tags,
    checkpoints: [],
    extra: { experimentId: exp.folderName },
  };
  if (tags['mlflow.source.name'] !== undefined) run.entryPoint = tags['mlflow.source.name'];
  if (tags['mlflow.source.git.commit'] !== undefined) run.gitCommit = tags['mlflow.source.git.commit'];
  if (tags['mlflow.parentRunId'] !== undefined) run.parentId = tags['mlflow.parentRunId'];
  if (deleted) run.deleted = true;

  if (typeof meta === 'string') {
    run.error = `meta.yaml unreadable: ${meta}`;
    errors.push({ path: metaPath, runId: folderName, message: run.error });
    return run;
  }
  // Name: meta.yaml run_name, then tag mlflow.runName, then empty (legacy files have neither).
  if (meta.runName) run.name = meta.runName;
  run.status = meta.status;
  if (meta.startTime !== undefined) run.startTime = meta.startTime;
  if (meta.endTime !== undefined) run.endTime = meta.endTime;
  run.extra = {
    experimentId: exp.folderName,
    ...(meta.userId !== undefined && { userId: meta.userId }),
    ...(meta.artifactUri !== undefined && { artifactUri: meta.artifactUri }),
    ...(meta.deletedTime !== undefined && { deletedTime: meta.deletedTime }),
  };
  return run;
}
