// W&B reader (format 'wandb'). A source root is a `wandb/` folder (or one run folder given
// directly); each run folder is a run in an experiment named after its project.
import * as path from 'node:path';
import type {
  DetectResult,
  DirListing,
  ListOptions,
  ListResult,
  ReadSeriesOptions,
  RunInfo,
  Series,
  SeriesResult,
  SourceReader,
  SourceRoot,
} from '../../model';
import { contextFreeKeys } from '../../util/context-free-series';
import { errorMessage, listDirSync } from '../../util/fs';
import { parseRunFolderName, runFolderNames } from './layout';
import { readWandbLog } from './log-contents';
import { describeRun, findLogFile } from './run-info';

export const wandbReader: SourceReader = {
  format: 'wandb',
  // Run folders, their files/ and .wandb logs are all below the wandb/ folder (latest-run and debug.log links
  // point into it). Only "running" comes from the clock as well, and such a listing says so (changesWithTime).
  readsOnlyBelowRoot: true,

  detect(dir: DirListing): DetectResult {
    const runs = runFolderNames(dir.dirs);
    if (runs.length > 0) return { roots: [{ format: 'wandb', path: dir.path }], skip: runs };
    // a run folder opened on its own
    if (parseRunFolderName(path.basename(dir.path))) return { roots: [{ format: 'wandb', path: dir.path }], stop: true };
    return { roots: [] };
  },

  async listRuns(root: SourceRoot, options: ListOptions = {}): Promise<ListResult> {
    const result: ListResult = { runs: [], errors: [] };
    const single = parseRunFolderName(path.basename(root.path));
    const folders = single ? [root.path] : runFolderNames(listDirSync(root.path).dirs).map((d) => path.join(root.path, d));
    const seenIds = new Set<string>();
    for (const dir of folders) {
      if (options.signal?.aborted) break;
      try {
        const run = await describeRun(root.path, dir, options.signal);
        if (seenIds.has(run.id)) {
          // `resume=True` continues a run in a new folder with the same id: keep both, apart
          const folder = parseRunFolderName(path.basename(dir))!;
          run.warnings = [...(run.warnings ?? []), `resumed segment of run ${run.id}`];
          run.id = `${run.id}@${folder.stamp}`;
        }
        seenIds.add(run.id);
        result.runs.push(run);
      } catch (err) {
        result.errors.push({ path: dir, message: errorMessage(err) });
      }
    }
    // Without an exit record a run is running only while its log was written in the last minutes (statusOf):
    // the same files say unknown later, so such a listing is not kept unlisted.
    if (result.runs.some((r) => r.status === 'running')) result.changesWithTime = true;
    return result;
  },

  async readSeries(run: RunInfo, options: ReadSeriesOptions = {}): Promise<SeriesResult> {
    const result: SeriesResult = { series: [], errors: [] };
    try {
      const logFile = await findLogFile(run.path);
      if (!logFile || logFile.size === 0) return result; // summary-only run, said in its warnings
      const contents = await readWandbLog(logFile.path, { history: true, signal: options.signal });
      const wanted = contextFreeKeys(options.only);
      const series: Series[] = [];
      for (const key of [...contents.history.keys()].sort()) {
        if (wanted && !wanted.has(key)) continue;
        series.push({ key, context: {}, points: contents.history.get(key)! });
      }
      result.series = series;
      const problems = [...(contents.log.error ? [contents.log.error] : []), ...contents.log.warnings];
      if (contents.log.partialTailBytes) problems.push(`incomplete last chunk (${contents.log.partialTailBytes} bytes): still being written`);
      for (const message of problems) result.errors.push({ path: logFile.path, runId: run.id, message });
    } catch (err) {
      result.errors.push({ path: run.path, runId: run.id, message: errorMessage(err) });
    }
    return result;
  },
};
