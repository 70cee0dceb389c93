// The runs a test MLflow server serves: built from the same WriterRun[] the file-store writer takes (so a
// local store and the server can hold identical runs), or generated (10,000 runs for the listing budget).
// Encodes entities the way a 1.x server (int64 as strings) or a 2.x/3.x server (numbers) does (spec §2 rule 5).
import { pathToFileURL } from 'node:url';
import * as path from 'node:path';
import type { RunStatus } from '../../src/core/model';
import { DEFAULT_EXPERIMENT, experimentIds } from '../../src/demo/writers/mlflow-file';
import { STATUS_TEXT } from '../../src/demo/writers/mlflow-db';
import type { WriterRun } from '../../src/demo/writers/types';

export type Int64Encoding = 'string' | 'number';

export interface StoredExperiment {
  id: string;
  name: string;
  deleted: boolean;
  creationTime: number;
  artifactLocation: string;
}

export interface StoredRun {
  run: WriterRun;
  experimentId: string;
  artifactUri: string;
  userId: string;
}

export interface TestStore {
  experiments: StoredExperiment[];
  runs: StoredRun[];
}

/**
 * A store of `runs`; with `fileStoreDir`, experiment ids and artifact URIs are the ones writeMlflowFileStore
 * gives the same runs there, so both sources describe identical runs.
 */
export function storeOf(runs: WriterRun[], fileStoreDir = '/srv/mlruns'): TestStore {
  const ids = experimentIds(runs);
  const experiments: StoredExperiment[] = [...ids].map(([name, id]) => {
    const expRuns = runs.filter((r) => (r.experiment || DEFAULT_EXPERIMENT) === name);
    return {
      id,
      name,
      deleted: false,
      creationTime: expRuns.length ? Math.min(...expRuns.map((r) => r.startTime)) - 1000 : 0,
      artifactLocation: pathToFileURL(path.join(fileStoreDir, id)).href,
    };
  });
  return {
    experiments,
    runs: runs.map((run) => {
      const experimentId = ids.get(run.experiment || DEFAULT_EXPERIMENT)!;
      return { run, experimentId, userId: 'runlens', artifactUri: pathToFileURL(path.join(fileStoreDir, experimentId, run.id, 'artifacts')).href };
    }),
  };
}

/** `count` runs over a few experiments: params, tags and two metrics of `points` steps each. Deterministic. */
export function generatedRuns(count: number, points = 20, t0 = 1_700_000_000_000): WriterRun[] {
  const runs: WriterRun[] = [];
  const statuses: RunStatus[] = ['finished', 'finished', 'finished', 'failed', 'killed', 'running'];
  for (let i = 0; i < count; i++) {
    const start = t0 + i * 1000;
    const status = statuses[i % statuses.length];
    const lr = [1e-5, 2e-5, 5e-5, 1e-4][i % 4];
    const loss = Array.from({ length: points }, (_, s) => ({ step: s, value: 2 / (1 + s) + ((i * 7 + s) % 13) / 100, time: start + 10 + s * 10 }));
    const acc = Array.from({ length: points }, (_, s) => ({ step: s * 10, value: s === 3 && i % 50 === 0 ? NaN : 0.5 + (0.4 * s) / points + (i % 17) / 1000, time: start + 15 + s * 10 }));
    runs.push({
      id: i.toString(16).padStart(32, '0'),
      name: `run-${i}`,
      experiment: `sweep-${i % 5}`,
      status,
      startTime: start,
      ...(status === 'running' ? {} : { endTime: start + 10 + points * 10 }),
      params: { lr: String(lr), seed: String(i % 10), model: i % 2 ? 'xlmr-base' : 'mbert' },
      tags: { 'mlflow.user': 'alice', 'mlflow.source.name': 'train.py', 'mlflow.source.git.commit': 'abcdef0123456789abcdef0123456789abcdef01' },
      metrics: [
        { key: 'loss', points: loss },
        { key: 'val/acc', points: acc },
      ],
      ...(i % 97 === 96 ? { deleted: true } : {}),
    });
  }
  return runs;
}

const int = (n: number, enc: Int64Encoding) => (enc === 'string' ? String(Math.round(n)) : Math.round(n));
/** protobuf JSON doubles: non-finite values as strings. */
const dbl = (v: number): number | string => (Number.isNaN(v) ? 'NaN' : v === Infinity ? 'Infinity' : v === -Infinity ? '-Infinity' : v);

export function experimentJson(e: StoredExperiment, enc: Int64Encoding): Record<string, unknown> {
  return {
    experiment_id: e.id,
    name: e.name,
    artifact_location: e.artifactLocation,
    lifecycle_stage: e.deleted ? 'deleted' : 'active',
    last_update_time: int(e.creationTime, enc),
    creation_time: int(e.creationTime, enc),
  };
}

export function metricJson(key: string, p: { step: number; value: number; time: number }, enc: Int64Encoding, runId?: string): Record<string, unknown> {
  // A 0 step is the proto default: omitted, as the server does.
  return { key, value: dbl(p.value), timestamp: int(p.time, enc), ...(Math.round(p.step) !== 0 ? { step: int(p.step, enc) } : {}), ...(runId ? { run_id: runId } : {}) };
}

/** The latest value per key as MLflow keeps it: the max of (step, timestamp, value) (spec §3). */
function latest(points: { step: number; value: number; time: number }[]) {
  let best = points[0];
  for (const p of points) {
    if (p.step > best.step || (p.step === best.step && (p.time > best.time || (p.time === best.time && p.value > best.value)))) best = p;
  }
  return best;
}

export function runJson(s: StoredRun, enc: Int64Encoding): Record<string, unknown> {
  const { run } = s;
  const tags = { ...run.tags };
  if (tags['mlflow.runName'] === undefined && run.name) tags['mlflow.runName'] = run.name;
  return {
    info: {
      run_id: run.id,
      run_uuid: run.id,
      run_name: run.name,
      experiment_id: s.experimentId,
      user_id: s.userId,
      status: STATUS_TEXT[run.status],
      start_time: int(run.startTime, enc),
      ...(run.endTime !== undefined ? { end_time: int(run.endTime, enc) } : {}),
      artifact_uri: s.artifactUri,
      lifecycle_stage: run.deleted ? 'deleted' : 'active',
    },
    data: {
      ...(run.metrics.some((m) => m.points.length)
        ? { metrics: run.metrics.filter((m) => m.points.length).map((m) => metricJson(m.key, latest(m.points), enc)) }
        : {}),
      ...(Object.keys(run.params).length ? { params: Object.entries(run.params).map(([key, value]) => ({ key, value })) } : {}),
      ...(Object.keys(tags).length ? { tags: Object.entries(tags).map(([key, value]) => ({ key, value })) } : {}),
    },
    inputs: {},
  };
}
