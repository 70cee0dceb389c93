// One W&B run folder as a RunInfo: identity and state from the transaction log's run and exit
// records, params from files/config.yaml over the log's config records (a config.yaml cut while W&B rewrites
// it keeps the keys the log has), metadata from
// files/wandb-metadata.json, and the summary from files/wandb-summary.json (else the log's).
// Runs with a missing or empty .wandb file keep their summary values and say so in a warning.
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { RunInfo, RunStatus } from '../../model';
import { listDirSync } from '../../util/fs';
import { parseTolerantJson } from '../../util/tolerant-json';
import { parseRunFolderName } from './layout';
import { readWandbLog, type WandbLogContents } from './log-contents';
import { configFromEntries, readRunFiles, summaryNumbers } from './run-files';

/** A log with no exit record that changed this recently is taken to be a live run. */
const LIVE_WINDOW_MS = 10 * 60 * 1000;

export interface LogFile {
  path: string;
  size: number;
  mtimeMs: number;
}

/** `run-<id>.wandb` in the run folder (any `.wandb` file when the name differs). */
export async function findLogFile(runDir: string): Promise<LogFile | undefined> {
  // blocking calls: readers run in worker threads (see listDirSync)
  const listing = listDirSync(runDir);
  const id = parseRunFolderName(path.basename(runDir))?.runId;
  const name = listing.files.find((f) => f === `run-${id}.wandb`) ?? listing.files.find((f) => f.endsWith('.wandb'));
  if (!name) return undefined;
  const file = path.join(runDir, name);
  try {
    const st = fs.statSync(file);
    return { path: file, size: st.size, mtimeMs: st.mtimeMs };
  } catch {
    return undefined;
  }
}

function parseJsonValue(text: string): unknown {
  try {
    return parseTolerantJson(text);
  } catch {
    return text;
  }
}

function statusOf(log: WandbLogContents | undefined, logFile: LogFile | undefined): RunStatus {
  if (log?.exit) return log.exit.exitCode === 0 ? 'finished' : 'failed';
  // No exit record: still running, or killed before it could write one.
  if (log && logFile && Date.now() - logFile.mtimeMs < LIVE_WINDOW_MS) return 'running';
  return 'unknown';
}

export async function describeRun(rootPath: string, dir: string, signal?: AbortSignal): Promise<RunInfo> {
  const folder = parseRunFolderName(path.basename(dir))!;
  const warnings: string[] = [];
  const filesDir = path.join(dir, 'files');
  const files = await readRunFiles(filesDir, listDirSync(filesDir).files);
  warnings.push(...files.warnings);

  const logFile = await findLogFile(dir);
  let log: WandbLogContents | undefined;
  let error: string | undefined;
  if (!logFile) warnings.push(`no run-${folder.runId}.wandb file: summary values only, no metric history`);
  else if (logFile.size === 0) warnings.push(`${path.basename(logFile.path)} is empty: summary values only, no metric history`);
  else {
    log = await readWandbLog(logFile.path, { history: false, signal });
    const name = path.basename(logFile.path);
    if (log.log.error) {
      if (log.log.records === 0) error = `${name}: ${log.log.error}`;
      else warnings.push(`${name}: ${log.log.error}`);
    }
    for (const w of log.log.warnings) warnings.push(`${name}: ${w}`);
    if (log.log.partialTailBytes) warnings.push(`${name}: incomplete last chunk (${log.log.partialTailBytes} bytes), still being written`);
  }

  const runRecord = log?.run;
  const logConfig = log && log.config.size > 0 ? configFromEntries([...log.config].map(([k, v]) => [k, parseJsonValue(v)])) : undefined;
  const config = files.config && logConfig ? { ...logConfig, ...files.config, params: { ...logConfig.params, ...files.config.params } } : files.config ?? logConfig;
  let summary = files.summary;
  if (!summary && log && log.summary.size > 0) {
    summary = summaryNumbers(Object.fromEntries([...log.summary].map(([k, v]) => [k, parseJsonValue(v)])));
  }
  const meta = files.metadata ?? {};

  const status = statusOf(log, logFile);
  const startTime = runRecord?.startTime !== undefined ? runRecord.startTime * 1000 : meta.startedAt ?? (config?.startTime !== undefined ? config.startTime * 1000 : undefined);
  const runtime = log?.exit?.runtime ?? files.summaryRuntime;

  const tags: Record<string, string> = {};
  const host = runRecord?.host || meta.host;
  if (host) tags.host = host;
  if (runRecord?.entity) tags['wandb.entity'] = runRecord.entity;
  if (runRecord?.runGroup) tags['wandb.group'] = runRecord.runGroup;
  if (runRecord?.jobType) tags['wandb.job_type'] = runRecord.jobType;
  if (runRecord?.notes) tags['wandb.notes'] = runRecord.notes;
  if (runRecord?.tags.length) tags['wandb.tags'] = runRecord.tags.join(', ');
  if (folder.offline) tags['wandb.mode'] = 'offline';

  const extra: Record<string, unknown> = { folder: path.basename(dir) };
  if (runRecord?.project) extra.project = runRecord.project;
  if (config?.cliVersion) extra.cliVersion = config.cliVersion;
  if (meta.codePath) extra.codePath = meta.codePath;
  if (meta.gitRemote) extra.gitRemote = meta.gitRemote;
  if (meta.python ?? config?.pythonVersion) extra.python = meta.python ?? config?.pythonVersion;
  if (log?.exit) extra.exitCode = log.exit.exitCode;
  if (runtime !== undefined) extra.runtimeSeconds = runtime;
  if (log) {
    extra.historyRows = log.historyRows;
    extra.recordTypes = log.recordTypes;
  }

  const run: RunInfo = {
    format: 'wandb',
    id: folder.runId,
    experiment: runRecord?.project || 'wandb',
    name: runRecord?.displayName || folder.runId,
    status,
    path: dir,
    root: rootPath,
    startTime,
    endTime: status !== 'running' && startTime !== undefined && runtime !== undefined ? startTime + runtime * 1000 : undefined,
    gitCommit: meta.gitCommit,
    entryPoint: meta.program,
    params: config?.params ?? {},
    tags,
    summary: summary && Object.keys(summary).length ? summary : undefined,
    checkpoints: [],
    extra,
  };
  if (runRecord?.runId && runRecord.runId !== folder.runId) warnings.push(`run record id ${runRecord.runId} differs from the folder's ${folder.runId}`);
  if (warnings.length) run.warnings = warnings;
  if (error) run.error = error;
  if (run.startTime === undefined) delete run.startTime;
  if (run.endTime === undefined) delete run.endTime;
  if (run.gitCommit === undefined) delete run.gitCommit;
  if (run.entryPoint === undefined) delete run.entryPoint;
  if (run.summary === undefined) delete run.summary;
  return run;
}
