// Lists the runs of an MLflow SQLite store (formats-spec §2). Status is a string here,
// experiment ids are INTEGER (18-digit random ids since MLflow 2.0: read them as text, a
// JS number would drop digits), and deleted runs/experiments stay as rows with
// lifecycle_stage 'deleted'.
import type { Database, SqlValue } from 'sql.js';
import type { ListOptions, ListResult, ReadError, RunInfo, RunStatus, SourceRoot } from '../../model';
import * as path from 'node:path';
import { errorMessage } from '../../util/fs';
import { sqliteDamage } from '../../util/sqljs';
import { col, inspectSchema, type MlflowSchema } from './schema';
import { withDbSnapshot } from './snapshot';

const STATUS: Record<string, RunStatus> = {
  RUNNING: 'running',
  SCHEDULED: 'scheduled',
  FINISHED: 'finished',
  FAILED: 'failed',
  KILLED: 'killed',
};

interface Experiment {
  name: string;
  deleted: boolean;
}

export async function listDbRuns(root: SourceRoot, options: ListOptions = {}): Promise<ListResult> {
  const errors: ReadError[] = [];
  try {
    const runs = await withDbSnapshot(root.path, (db) => {
      const schema = inspectSchema(db);
      if (typeof schema === 'string') {
        errors.push({ path: root.path, message: schema });
        return [];
      }
      const runs = readRuns(db, schema, root, options, errors);
      const damage = sqliteDamage(db);
      if (damage) {
        const message = `${path.basename(root.path)} is damaged (SQLite check: ${damage}); runs, params and metrics may be missing or wrong`;
        errors.push({ path: root.path, message });
        for (const run of runs) (run.warnings ??= []).push(message);
      }
      return runs;
    });
    return { runs, errors };
  } catch (err) {
    errors.push({ path: root.path, message: `cannot read MLflow database: ${errorMessage(err)}` });
    return { runs: [], errors };
  }
}

function readRuns(db: Database, schema: MlflowSchema, root: SourceRoot, options: ListOptions, errors: ReadError[]): RunInfo[] {
  const experiments = readExperiments(db, schema);
  const params = readKeyValues(db, schema.tables.has('params') ? schema.params : undefined, 'params');
  const tags = readKeyValues(db, schema.tables.has('tags') ? schema.tags : undefined, 'tags');
  const r = schema.runs;
  const sql = `SELECT run_uuid, ${col(r, 'name')}, ${col(r, 'status')}, ${col(r, 'start_time')}, ${col(r, 'end_time')},
      ${col(r, 'lifecycle_stage')}, ${col(r, 'experiment_id', 'CAST(experiment_id AS TEXT)')}, ${col(r, 'user_id')},
      ${col(r, 'artifact_uri')}, ${col(r, 'deleted_time')}
    FROM runs ORDER BY rowid`;
  const runs: RunInfo[] = [];
  for (const row of rows(db, sql)) {
    const id = String(row.run_uuid);
    const experimentId = row.experiment_id === null ? '' : String(row.experiment_id);
    const experiment = experiments.get(experimentId);
    const deleted = row.lifecycle_stage === 'deleted' || experiment?.deleted === true;
    if (deleted && !options.includeDeleted) continue;
    const runTags = tags.get(id) ?? {};
    const run: RunInfo = {
      format: 'mlflow-db',
      id,
      experiment: experiment?.name ?? experimentId,
      // runs.name first, tag mlflow.runName as fallback (older rows have an empty name column).
      name: text(row.name) || runTags['mlflow.runName'] || '',
      status: statusOf(row.status),
      path: root.path,
      root: root.path,
      params: params.get(id) ?? {},
      tags: runTags,
      checkpoints: [],
      extra: {
        experimentId,
        ...(row.user_id !== null && { userId: text(row.user_id) }),
        ...(row.artifact_uri !== null && { artifactUri: text(row.artifact_uri) }),
        ...(row.deleted_time !== null && { deletedTime: Number(row.deleted_time) }),
      },
    };
    if (typeof row.start_time === 'number') run.startTime = row.start_time;
    if (typeof row.end_time === 'number') run.endTime = row.end_time;
    if (runTags['mlflow.source.name'] !== undefined) run.entryPoint = runTags['mlflow.source.name'];
    if (runTags['mlflow.source.git.commit'] !== undefined) run.gitCommit = runTags['mlflow.source.git.commit'];
    if (runTags['mlflow.parentRunId'] !== undefined) run.parentId = runTags['mlflow.parentRunId'];
    if (deleted) run.deleted = true;
    if (!experiment) {
      errors.push({ path: root.path, runId: id, message: `run refers to experiment '${experimentId}', which does not exist` });
    }
    runs.push(run);
  }
  return runs;
}

function readExperiments(db: Database, schema: MlflowSchema): Map<string, Experiment> {
  const e = schema.experiments;
  const out = new Map<string, Experiment>();
  const sql = `SELECT CAST(experiment_id AS TEXT) AS id, ${col(e, 'name')}, ${col(e, 'lifecycle_stage')} FROM experiments`;
  for (const row of rows(db, sql)) {
    out.set(String(row.id), { name: text(row.name), deleted: row.lifecycle_stage === 'deleted' });
  }
  return out;
}

/** run_uuid → key → value for the params or tags table. */
function readKeyValues(db: Database, columns: Set<string> | undefined, table: string): Map<string, Record<string, string>> {
  const out = new Map<string, Record<string, string>>();
  if (!columns || !columns.has('run_uuid') || !columns.has('key')) return out;
  for (const row of rows(db, `SELECT run_uuid, "key", ${col(columns, 'value')} FROM ${table} ORDER BY rowid`)) {
    const id = String(row.run_uuid);
    let map = out.get(id);
    if (!map) out.set(id, (map = {}));
    map[String(row.key)] = text(row.value);
  }
  return out;
}

function* rows(db: Database, sql: string): Generator<Record<string, SqlValue>> {
  const stmt = db.prepare(sql);
  try {
    while (stmt.step()) yield stmt.getAsObject();
  } finally {
    stmt.free();
  }
}

function statusOf(raw: SqlValue): RunStatus {
  if (raw === null) return 'running';
  return STATUS[String(raw).toUpperCase()] ?? 'unknown';
}

function text(v: SqlValue): string {
  if (v === null) return '';
  if (v instanceof Uint8Array) return new TextDecoder().decode(v);
  return String(v);
}
