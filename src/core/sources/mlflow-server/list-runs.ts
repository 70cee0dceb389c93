// Lists a tracking server's runs as RunInfo (spec §5 "List runs"): experiments/search for names, then
// runs/search paged over the experiments wanted, params/tags/latest metrics embedded. A server that cannot be
// reached leaves `unreachable` set, so the index keeps what it had (offline) instead of dropping the runs.
import { createHash } from 'node:crypto';
import type { ListOptions, ListResult, RunInfo, RunStatus, SourceRoot } from '../../model';
import { runKey } from '../../model';
import { searchExperiments, searchRuns } from './api';
import { clientFor } from './connections';
import { MlflowServerError } from './errors';
import { parseServerRoot, runPageUrl } from './server-root';
import { asArray, idString, int64, keyValues, metricPoint, type MetricPoint, type WireExperiment, type WireRun } from './wire';

const STATUS: Record<string, RunStatus> = { RUNNING: 'running', SCHEDULED: 'scheduled', FINISHED: 'finished', FAILED: 'failed', KILLED: 'killed' };

/**
 * Latest metrics per run key, as the last listing saw them: the metric keys readSeries fetches and what the
 * fingerprint hashes. Memory only: after a restart readSeries asks runs/get.
 */
const latestMetrics = new Map<string, MetricPoint[]>();

export function listedLatestMetrics(key: string): MetricPoint[] | undefined {
  return latestMetrics.get(key);
}

export async function listServerRuns(root: SourceRoot, options: ListOptions = {}): Promise<ListResult & { unreachable?: boolean }> {
  const { baseUrl, experiment } = parseServerRoot(root.path);
  const client = clientFor(baseUrl);
  const runs: RunInfo[] = [];
  try {
    const all = await searchExperiments(client, { includeDeleted: options.includeDeleted, signal: options.signal });
    const experiments = new Map<string, WireExperiment>();
    for (const e of all) {
      const id = idString(e.experiment_id);
      if (id !== undefined) experiments.set(id, e);
    }
    const wanted = experiment === undefined ? [...experiments.keys()] : pickExperiment(experiments, experiment);
    if (!wanted.length) {
      const names = [...experiments.values()].map((e) => e.name ?? '?').slice(0, 10);
      return { runs, errors: [{ path: root.path, message: `no experiment named or numbered '${experiment}' on ${baseUrl} (it has: ${names.join(', ') || 'none'})` }] };
    }
    await searchRuns(client, wanted, {
      includeDeleted: options.includeDeleted,
      signal: options.signal,
      onPage: (page) => {
        const mapped = page.map((w) => toRunInfo(w, root, baseUrl, experiments)).filter((r): r is RunInfo => r !== undefined);
        runs.push(...mapped);
        options.onPage?.(mapped);
      },
    });
    return { runs, errors: [] };
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    const cancelled = err instanceof MlflowServerError && err.kind === 'cancelled';
    return { runs, errors: [{ path: root.path, message: cancelled ? 'listing cancelled' : `offline: ${message}` }], unreachable: true };
  }
}

function pickExperiment(experiments: Map<string, WireExperiment>, wanted: string): string[] {
  if (experiments.has(wanted)) return [wanted];
  return [...experiments].filter(([, e]) => e.name === wanted).map(([id]) => id);
}

export function toRunInfo(wire: WireRun, root: SourceRoot, baseUrl: string, experiments: Map<string, WireExperiment>): RunInfo | undefined {
  const info = wire.info ?? {};
  const id = info.run_id || info.run_uuid;
  if (!id) return undefined;
  const experimentId = idString(info.experiment_id) ?? '';
  const exp = experiments.get(experimentId);
  const params = keyValues(wire.data?.params);
  const tags = keyValues(wire.data?.tags);
  const run: RunInfo = {
    format: 'mlflow-server',
    id,
    experiment: exp?.name ?? experimentId,
    name: info.run_name || tags['mlflow.runName'] || '',
    status: STATUS[info.status ?? ''] ?? 'unknown',
    path: runPageUrl(baseUrl, experimentId, id),
    root: root.path,
    params,
    tags,
    checkpoints: [],
  };
  const start = int64(info.start_time);
  const end = int64(info.end_time);
  if (start !== undefined) run.startTime = start;
  if (end !== undefined) run.endTime = end;
  if (tags['mlflow.source.name'] !== undefined) run.entryPoint = tags['mlflow.source.name'];
  if (tags['mlflow.source.git.commit'] !== undefined) run.gitCommit = tags['mlflow.source.git.commit'];
  if (tags['mlflow.parentRunId'] !== undefined) run.parentId = tags['mlflow.parentRunId'];
  if (info.lifecycle_stage === 'deleted' || exp?.lifecycle_stage === 'deleted') run.deleted = true;
  // The same facts the file and database readers keep, under the same names.
  run.extra = {
    experimentId,
    ...(info.user_id ? { userId: info.user_id } : {}),
    ...(info.artifact_uri ? { artifactUri: info.artifact_uri } : {}),
  };
  const latest: MetricPoint[] = [];
  for (const m of asArray(wire.data?.metrics)) {
    const p = metricPoint(m);
    if (p) latest.push(p);
  }
  latestMetrics.set(runKey(run), latest);
  return run;
}

/**
 * What changes when a run on the server changes: its status, end time and the timestamp and step of each
 * latest metric (a new point moves them). No request needed: the listing carries all of it.
 */
export function serverRunFingerprint(run: RunInfo): string {
  const latest = latestMetrics.get(runKey(run)) ?? [];
  const metrics = latest
    .map((m) => `${m.key}:${m.timestamp}:${m.step}`)
    .sort()
    .join(';');
  return createHash('sha1').update(`${run.status}|${run.endTime ?? ''}|${run.deleted ? 'deleted' : ''}|${metrics}`).digest('hex');
}
