// TensorBoard reader (format 'tensorboard'). A source root is a log dir; each folder below it
// holding `events.out.tfevents.*` files is a run whose id is its path relative to the log dir,
// in an experiment named after the log dir (`runs`, `lightning_logs`, …).
import * as path from 'node:path';
import type {
  DetectResult,
  DirListing,
  ListOptions,
  ListResult,
  ReadSeriesOptions,
  RunInfo,
  SeriesResult,
  SourceReader,
  SourceRoot,
} from '../../model';
import { errorMessage, listDir, readTextIfExists } from '../../util/fs';
import { readEventFile } from './event-file';
import { parseHparamsYaml } from './hparams';
import { eventFilesOf, findRunFolders, isTensorboardRunFolder, runChildren, type RunFolder } from './layout';
import { readRunScalars } from './run-scalars';
import { seedEventFileTail } from './tail-cache';

/** listRuns reads only this much of each event file: enough for the start time and the hparams. */
const PEEK_BYTES = 1024 * 1024;

export const tensorboardReader: SourceReader = {
  format: 'tensorboard',
  // Run folders, their event files and hparams.yaml are all below the log dir; the tail cache only spares
  // readSeries re-reading bytes (it never changes what listRuns returns), and nothing depends on the clock.
  readsOnlyBelowRoot: true,

  async detect(dir: DirListing): Promise<DetectResult> {
    // One readdir per child: TensorBoard runs are recognised by their files, one level down.
    const children = await runChildren(dir.path, dir.dirs);
    if (children.length === 0 && !isTensorboardRunFolder(dir.files)) return { roots: [] };
    // The run children are read whole by listRuns; other children stay open to discovery.
    return { roots: [{ format: 'tensorboard', path: dir.path }], skip: children };
  },

  async listRuns(root: SourceRoot, options: ListOptions = {}): Promise<ListResult> {
    const result: ListResult = { runs: [], errors: [] };
    let folders: RunFolder[];
    try {
      folders = await findRunFolders(root.path, options.signal);
    } catch (err) {
      result.errors.push({ path: root.path, message: `cannot list TensorBoard runs: ${errorMessage(err)}` });
      return result;
    }
    for (const folder of folders) {
      if (options.signal?.aborted) break;
      try {
        result.runs.push(await describeRun(root, folder, options.signal));
      } catch (err) {
        // describeRun is defensive; this is the last guard so one folder never hides the others
        result.errors.push({ path: folder.dir, message: errorMessage(err) });
      }
    }
    return result;
  },

  async readSeries(run: RunInfo, options: ReadSeriesOptions = {}): Promise<SeriesResult> {
    try {
      // Listed again: a live run may have started a new event file since listRuns.
      const listing = await listDir(run.path);
      const read = await readRunScalars(run.path, eventFilesOf(listing.files), options);
      return {
        series: read.series,
        errors: [...read.errors, ...read.warnings].map((message) => ({ path: run.path, runId: run.id, message })),
      };
    } catch (err) {
      return { series: [], errors: [{ path: run.path, runId: run.id, message: errorMessage(err) }] };
    }
  },
};

async function describeRun(root: SourceRoot, folder: RunFolder, signal?: AbortSignal): Promise<RunInfo> {
  const rel = path.relative(root.path, folder.dir).split(path.sep).join('/');
  const id = rel === '' ? '.' : rel;
  const run: RunInfo = {
    format: 'tensorboard',
    id,
    experiment: path.basename(root.path),
    name: rel === '' ? path.basename(folder.dir) : rel,
    status: 'unknown',
    path: folder.dir,
    root: root.path,
    params: {},
    tags: {},
    checkpoints: [],
    extra: { eventFiles: folder.eventFiles },
  };
  const warnings: string[] = [];
  const problems: string[] = [];
  let readable = 0;
  let start = Infinity;
  let end = -Infinity;
  let allRead = true;
  let sessionHparams: Record<string, string> = {};
  for (const name of folder.eventFiles) {
    const file = path.join(folder.dir, name);
    const peek = await readEventFile(file, undefined, { maxBytes: PEEK_BYTES, signal, listedAsFile: true });
    // the points read on the way are what readSeries would decode first: keep them for it
    seedEventFileTail(file, peek, signal);
    const d = peek.cursor.decoder;
    if (peek.error) problems.push(`${name}: ${peek.error}`);
    if (d.records > 0) readable++;
    if (!Number.isNaN(d.firstWallTime)) start = Math.min(start, d.firstWallTime);
    if (!Number.isNaN(d.lastWallTime)) end = Math.max(end, d.lastWallTime);
    if (!peek.reachedEnd) allRead = false;
    if (d.hparams) sessionHparams = { ...sessionHparams, ...d.hparams };
    if (d.fileVersion && !run.extra!.fileVersion) run.extra!.fileVersion = d.fileVersion;
  }
  if (Number.isFinite(start)) run.startTime = start * 1000;
  // The last wall time is known only when every file was read to its end (small files).
  if (allRead && Number.isFinite(end)) run.endTime = end * 1000;

  run.params = { ...sessionHparams };
  if (folder.files.includes('hparams.yaml')) {
    const text = await readTextIfExists(path.join(folder.dir, 'hparams.yaml'));
    if (text !== undefined) {
      try {
        // hparams.yaml is what the user passed; the plugin copy may be sanitised, so the file wins
        Object.assign(run.params, parseHparamsYaml(text));
      } catch (err) {
        warnings.push(`hparams.yaml: ${errorMessage(err).split('\n')[0]}`);
      }
    }
  }
  if (readable === 0 && problems.length === folder.eventFiles.length && problems.length > 0) {
    run.error = problems.length === 1 ? problems[0] : problems.join('; ');
  } else warnings.push(...problems);
  if (warnings.length) run.warnings = warnings;
  return run;
}
