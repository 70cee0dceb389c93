// Writes an MLflow SQLite tracking store (`mlflow.db`) with sql.js, in MLflow's current schema
// (formats-spec §2): string statuses, NaN as value 0 + is_nan 1, ±Inf as ±DBL_MAX, and
// latest_metrics kept as the max by (step, timestamp, value). Inserts go through prepared
// statements in one transaction, which is what makes millions of metric rows affordable.
// sql.js holds the whole database in memory (and export() copies it once more), so a
// database of several GB cannot be written this way; benchmarks scale the DB workload down.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Database } from 'sql.js';
import type { RunStatus } from '../../core/model';
import { loadSqlJs } from '../../core/util/sqljs';
import { MLFLOW_DB_REVISION, MLFLOW_DB_SCHEMA } from './mlflow-db-schema';
import type { WriterMetric, WriterRun } from './types';

const DEFAULT_EXPERIMENT = 'Default';
const USER = 'runlens';
const DBL_MAX = Number.MAX_VALUE;

/** MLflow's status names for ours (the SQL store and the REST API both use them). */
export const STATUS_TEXT: Record<RunStatus, string> = {
  running: 'RUNNING',
  scheduled: 'SCHEDULED',
  finished: 'FINISHED',
  failed: 'FAILED',
  killed: 'KILLED',
  pruned: 'KILLED',
  unknown: 'RUNNING',
};

export async function writeMlflowDb(file: string, runs: WriterRun[]): Promise<void> {
  const SQL = await loadSqlJs();
  const db = new SQL.Database();
  try {
    // Our own fresh in-memory database: no journal needed while filling it.
    // A large page cache keeps sql.js from pushing every page through its in-memory file system.
    db.exec('PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF; PRAGMA cache_size = -1048576;');
    db.exec(MLFLOW_DB_SCHEMA);
    db.exec('BEGIN');
    db.run('INSERT INTO alembic_version (version_num) VALUES (?)', [MLFLOW_DB_REVISION]);
    const experimentIds = insertExperiments(db, file, runs);
    insertRuns(db, file, runs, experimentIds);
    db.exec('COMMIT');
    const bytes = db.export();
    await fs.promises.mkdir(path.dirname(file), { recursive: true });
    await fs.promises.writeFile(file, bytes);
  } finally {
    db.close();
  }
}

/** 'Default' is experiment 0, others 1, 2, … in order of first appearance (as SQLite stores number them). */
function insertExperiments(db: Database, file: string, runs: WriterRun[]): Map<string, number> {
  const ids = new Map<string, number>([[DEFAULT_EXPERIMENT, 0]]);
  for (const r of runs) {
    const name = r.experiment || DEFAULT_EXPERIMENT;
    if (!ids.has(name)) ids.set(name, ids.size);
  }
  const firstStart = runs.length ? Math.min(...runs.map((r) => r.startTime)) : 0;
  const artifactRoot = pathToFileURL(path.join(path.dirname(file), 'mlartifacts')).href;
  const stmt = db.prepare(
    `INSERT INTO experiments (experiment_id, name, artifact_location, lifecycle_stage, creation_time, last_update_time, workspace)
     VALUES (?, ?, ?, 'active', ?, ?, 'default')`,
  );
  try {
    for (const [name, id] of ids) {
      const starts = runs.filter((r) => (r.experiment || DEFAULT_EXPERIMENT) === name).map((r) => r.startTime);
      const created = (starts.length ? Math.min(...starts) : firstStart) - 1000;
      stmt.run([id, name, `${artifactRoot}/${id}`, created, created]);
    }
  } finally {
    stmt.free();
  }
  return ids;
}

function insertRuns(db: Database, file: string, runs: WriterRun[], experimentIds: Map<string, number>): void {
  const artifactRoot = pathToFileURL(path.join(path.dirname(file), 'mlartifacts')).href;
  const runStmt = db.prepare(
    `INSERT INTO runs (run_uuid, name, source_type, source_name, entry_point_name, user_id, status, start_time, end_time,
       source_version, lifecycle_stage, artifact_uri, experiment_id, deleted_time)
     VALUES (?, ?, 'UNKNOWN', '', '', ?, ?, ?, ?, '', ?, ?, ?, ?)`,
  );
  const paramStmt = db.prepare('INSERT OR REPLACE INTO params ("key", value, run_uuid) VALUES (?, ?, ?)');
  const tagStmt = db.prepare('INSERT OR REPLACE INTO tags ("key", value, run_uuid) VALUES (?, ?, ?)');
  const metricStmt = db.prepare(
    'INSERT OR IGNORE INTO metrics ("key", value, timestamp, run_uuid, step, is_nan) VALUES (?, ?, ?, ?, ?, ?)',
  );
  const latestStmt = db.prepare(
    'INSERT OR REPLACE INTO latest_metrics ("key", value, timestamp, step, is_nan, run_uuid) VALUES (?, ?, ?, ?, ?, ?)',
  );
  try {
    for (const run of runs) {
      const expId = experimentIds.get(run.experiment || DEFAULT_EXPERIMENT)!;
      const deletedTime = run.deleted ? (run.endTime ?? run.startTime) + 60_000 : null;
      runStmt.run([
        run.id,
        run.name,
        USER,
        STATUS_TEXT[run.status],
        run.startTime,
        run.endTime ?? null,
        run.deleted ? 'deleted' : 'active',
        `${artifactRoot}/${expId}/${run.id}/artifacts`,
        expId,
        deletedTime,
      ]);
      for (const [k, v] of Object.entries(run.params)) paramStmt.run([k, v, run.id]);
      const tags = { ...run.tags };
      // MLflow always records the run name as a tag too.
      if (tags['mlflow.runName'] === undefined && run.name) tags['mlflow.runName'] = run.name;
      for (const [k, v] of Object.entries(tags)) tagStmt.run([k, v, run.id]);
      for (const metric of run.metrics) insertMetric(metricStmt, latestStmt, run.id, metric);
    }
  } finally {
    for (const s of [runStmt, paramStmt, tagStmt, metricStmt, latestStmt]) s.free();
  }
}

type Statement = ReturnType<Database['prepare']>;

function insertMetric(metricStmt: Statement, latestStmt: Statement, runId: string, metric: WriterMetric): void {
  let latest: [number, number, number, number] | undefined; // step, timestamp, stored value, is_nan
  const row: [string, number, number, string, number, number] = [metric.key, 0, 0, runId, 0, 0];
  for (const p of metric.points) {
    const isNan = Number.isNaN(p.value) ? 1 : 0;
    // SQL cannot hold NaN or ±Inf: MLflow stores NaN as 0 with is_nan, ±Inf as ±DBL_MAX.
    const stored = isNan ? 0 : p.value === Infinity ? DBL_MAX : p.value === -Infinity ? -DBL_MAX : p.value;
    const time = Math.round(p.time);
    const step = Math.round(p.step);
    row[1] = stored;
    row[2] = time;
    row[4] = step;
    row[5] = isNan;
    metricStmt.run(row);
    if (!latest || step > latest[0] || (step === latest[0] && (time > latest[1] || (time === latest[1] && stored > latest[2])))) {
      latest = [step, time, stored, isNan];
    }
  }
  if (latest) latestStmt.run([metric.key, latest[2], latest[1], latest[0], latest[3], runId]);
}
