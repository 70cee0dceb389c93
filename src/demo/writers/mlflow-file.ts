// Writes an MLflow file store (`mlruns/`) the way MLflow's FileStore lays it out
// (formats-spec §1): experiment and run meta.yaml (yaml.safe_dump style: sorted keys),
// one file per param/tag without trailing newline, and append-style metric files of
// `<timestamp> <repr(value)> <step>` lines. Used for the demo workspace, unit-test fixtures
// and benchmark workloads, so it streams metric files instead of building big strings.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { dump as dumpYaml } from 'js-yaml';
import type { RunStatus } from '../../core/model';
import { pythonFloatRepr } from './python-float';
import type { WriterMetric, WriterRun } from './types';

export const DEFAULT_EXPERIMENT = 'Default';
const USER = 'runlens';
/** Metric text is flushed in pieces of about this many characters. */
const FLUSH_CHARS = 1 << 20;

/** Proto enum RunStatus; formats without a matching state get the nearest MLflow one. */
const STATUS_INT: Record<RunStatus, number> = {
  running: 1,
  scheduled: 2,
  finished: 3,
  failed: 4,
  killed: 5,
  pruned: 5,
  unknown: 1,
};

export function writeMlflowFileStore(storeDir: string, runs: WriterRun[]): void {
  fs.mkdirSync(storeDir, { recursive: true });
  const ids = experimentIds(runs);
  const firstStart = runs.length ? Math.min(...runs.map((r) => r.startTime)) : 0;
  for (const [name, id] of ids) {
    const expRuns = runs.filter((r) => (r.experiment || DEFAULT_EXPERIMENT) === name);
    const created = expRuns.length ? Math.min(...expRuns.map((r) => r.startTime)) - 1000 : firstStart - 2000;
    const dir = path.join(storeDir, id);
    fs.mkdirSync(dir, { recursive: true });
    writeYaml(path.join(dir, 'meta.yaml'), {
      artifact_location: pathToFileURL(dir).href,
      creation_time: created,
      experiment_id: id,
      last_update_time: created,
      lifecycle_stage: 'active',
      name,
    });
  }
  for (const run of runs) writeRun(path.join(storeDir, ids.get(run.experiment || DEFAULT_EXPERIMENT)!), run);
}

/** 'Default' is experiment '0'; others get 18-digit ids like MLflow ≥ 2.0, stable per name. */
export function experimentIds(runs: WriterRun[]): Map<string, string> {
  const ids = new Map<string, string>([[DEFAULT_EXPERIMENT, '0']]);
  const used = new Set(['0']);
  for (const r of runs) {
    const name = r.experiment || DEFAULT_EXPERIMENT;
    if (ids.has(name)) continue;
    let n = fnv1a64(name) % 900000000000000000n;
    while (used.has(String(n + 100000000000000000n))) n = (n + 1n) % 900000000000000000n;
    const id = String(n + 100000000000000000n);
    used.add(id);
    ids.set(name, id);
  }
  return ids;
}

function fnv1a64(text: string): bigint {
  let h = 0xcbf29ce484222325n;
  for (const byte of Buffer.from(text, 'utf8')) {
    h ^= BigInt(byte);
    h = (h * 0x100000001b3n) & 0xffffffffffffffffn;
  }
  return h;
}

function writeRun(expDir: string, run: WriterRun): void {
  const runDir = path.join(expDir, run.id);
  for (const sub of ['metrics', 'params', 'tags', 'artifacts']) fs.mkdirSync(path.join(runDir, sub), { recursive: true });
  const meta: Record<string, unknown> = {
    artifact_uri: pathToFileURL(path.join(runDir, 'artifacts')).href,
    end_time: run.endTime ?? null,
    entry_point_name: '',
    experiment_id: path.basename(expDir),
    lifecycle_stage: run.deleted ? 'deleted' : 'active',
    run_id: run.id,
    run_name: run.name,
    run_uuid: run.id,
    source_name: '',
    source_type: 4,
    source_version: '',
    start_time: run.startTime,
    status: STATUS_INT[run.status],
    tags: [],
    user_id: USER,
  };
  if (run.deleted) meta.deleted_time = (run.endTime ?? run.startTime) + 60_000;
  writeYaml(path.join(runDir, 'meta.yaml'), meta);
  const tags = { ...run.tags };
  // MLflow always records the run name as a tag too.
  if (tags['mlflow.runName'] === undefined && run.name) tags['mlflow.runName'] = run.name;
  writeKeyFiles(path.join(runDir, 'params'), run.params);
  writeKeyFiles(path.join(runDir, 'tags'), tags);
  for (const metric of run.metrics) writeMetricFile(path.join(runDir, 'metrics', ...metric.key.split('/')), metric);
}

/** One file per key; a '/' in a key becomes a folder (as MLflow does). No trailing newline. */
function writeKeyFiles(dir: string, values: Record<string, string>): void {
  for (const [key, value] of Object.entries(values)) {
    const file = path.join(dir, ...key.split('/'));
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, value, 'utf8');
  }
}

function writeMetricFile(file: string, metric: WriterMetric): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const fd = fs.openSync(file, 'w');
  try {
    let text = '';
    for (const p of metric.points) {
      text += `${Math.round(p.time)} ${pythonFloatRepr(p.value)} ${Math.round(p.step)}\n`;
      if (text.length >= FLUSH_CHARS) {
        fs.writeSync(fd, text);
        text = '';
      }
    }
    if (text) fs.writeSync(fd, text);
  } finally {
    fs.closeSync(fd);
  }
}

function writeYaml(file: string, doc: Record<string, unknown>): void {
  fs.writeFileSync(file, dumpYaml(doc, { sortKeys: true, lineWidth: -1 }), 'utf8');
}
