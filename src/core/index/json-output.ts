// The CLI's JSON shape (issue: `runlens index --json`), built from the index. NaN/±Infinity become strings.
import { jsonNumber } from '../util/numbers';
import type { ReadError } from '../model';
import type { IndexedRun } from './types';

const n = (v: number | undefined) => (v === undefined ? null : jsonNumber(v));

export function runToJson(run: IndexedRun): Record<string, unknown> {
  return {
    format: run.format,
    id: run.id,
    experiment: run.experiment,
    name: run.name,
    status: run.status,
    path: run.path,
    root: run.root,
    ...(run.startTime !== undefined ? { startTime: run.startTime } : {}),
    ...(run.endTime !== undefined ? { endTime: run.endTime } : {}),
    ...(run.gitCommit ? { gitCommit: run.gitCommit } : {}),
    ...(run.entryPoint ? { entryPoint: run.entryPoint } : {}),
    ...(run.parentId ? { parentId: run.parentId } : {}),
    ...(run.deleted ? { deleted: true } : {}),
    params: run.params,
    tags: run.tags,
    summary: Object.fromEntries(Object.entries(run.summary ?? {}).map(([k, v]) => [k, jsonNumber(v)])),
    series: run.series.map((s) => ({
      key: s.key,
      context: s.context,
      count: s.count,
      firstStep: n(s.firstStep),
      lastStep: n(s.lastStep),
      first: n(s.first),
      last: n(s.last),
      min: n(s.min),
      max: n(s.max),
      argminStep: n(s.argminStep),
      argmaxStep: n(s.argmaxStep),
      ...(s.nanCount ? { nanCount: s.nanCount } : {}),
    })),
    checkpoints: run.checkpoints.map((c) => ({
      step: c.step,
      ...(c.epoch !== undefined && c.epoch !== null ? { epoch: c.epoch } : {}),
      path: c.path,
      bytes: c.bytes,
    })),
    ...(run.extra && Object.keys(run.extra).length ? { extra: run.extra } : {}),
    ...(run.warnings?.length ? { warnings: run.warnings } : {}),
    ...(run.error ? { error: run.error } : {}),
  };
}

export function indexToJson(runs: IndexedRun[], errors: ReadError[]): { runs: unknown[]; errors: ReadError[] } {
  return { runs: runs.map(runToJson), errors };
}
