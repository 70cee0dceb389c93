import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { mlflowDbReader } from '../../../src/core/sources/mlflow-db';
import { closeAllDbSnapshots } from '../../../src/core/sources/mlflow-db/snapshot';
import type { RunInfo, SourceRoot } from '../../../src/core/model';
import { listDir } from '../../../src/core/util/fs';
import { loadSqlJs } from '../../../src/core/util/sqljs';
import { writeMlflowDb } from '../../../src/demo/writers/mlflow-db';
import { tempDir } from '../../helpers/tmp';
import { LONG_VALUE, RUN_IDS, T0, sampleRuns } from './sample-runs';

const base = tempDir('runlens-mlflow-db-');
after(() => closeAllDbSnapshots());

function freshDir(prefix: string): string {
  return fs.mkdtempSync(path.join(base, prefix));
}

async function writeDb(name = 'mlflow.db'): Promise<{ file: string; root: SourceRoot }> {
  const file = path.join(freshDir('db-'), name);
  await writeMlflowDb(file, sampleRuns());
  return { file, root: { format: 'mlflow-db', path: file } };
}

/** Applies SQL to a copy of the database in memory and writes it back (test fixtures only). */
async function rewriteDb(file: string, sql: string): Promise<void> {
  const SQL = await loadSqlJs();
  const db = new SQL.Database(fs.readFileSync(file));
  db.exec(sql);
  fs.writeFileSync(file, db.export());
  db.close();
}

async function query(file: string, sql: string): Promise<unknown[][]> {
  const SQL = await loadSqlJs();
  const db = new SQL.Database(fs.readFileSync(file));
  const rows = db.exec(sql)[0]?.values ?? [];
  db.close();
  return rows;
}

function byId(runs: RunInfo[], id: string): RunInfo {
  const r = runs.find((x) => x.id === id);
  assert.ok(r, `run ${id} listed`);
  return r;
}

test('round trip: runs, names, statuses, times, params and tags as written', async () => {
  const { file, root } = await writeDb();
  const { runs, errors } = await mlflowDbReader.listRuns(root);
  assert.deepEqual(errors, []);
  assert.deepEqual(runs.map((r) => r.id), [RUN_IDS.alpha, RUN_IDS.beta, RUN_IDS.live, RUN_IDS.queued]);
  const alpha = byId(runs, RUN_IDS.alpha);
  assert.equal(alpha.format, 'mlflow-db');
  assert.equal(alpha.path, file);
  assert.equal(alpha.root, file);
  assert.equal(alpha.name, 'alpha');
  assert.equal(alpha.experiment, 'vision');
  assert.equal(alpha.status, 'finished');
  assert.equal(alpha.startTime, T0);
  assert.equal(alpha.endTime, T0 + 60_000);
  assert.equal(alpha.params.long_value, LONG_VALUE);
  assert.equal(alpha.params['größe_ключ'], 'значение ✓ 日本');
  assert.equal(alpha.params['model/depth'], '12');
  assert.equal(alpha.params.optimizer, 'adam ');
  assert.equal(alpha.tags['team/owner'], 'ana\nline two');
  assert.equal(alpha.tags['mlflow.runName'], 'alpha');
  assert.equal(alpha.gitCommit, '0123456789abcdef0123456789abcdef01234567');
  assert.equal(alpha.entryPoint, 'train.py');
  assert.equal(alpha.extra?.experimentId, '1');
  assert.equal(byId(runs, RUN_IDS.beta).status, 'failed');
  const live = byId(runs, RUN_IDS.live);
  assert.equal(live.status, 'running');
  assert.equal(live.endTime, undefined);
  assert.equal(live.experiment, 'Default');
  assert.equal(live.parentId, RUN_IDS.alpha);
  assert.equal(byId(runs, RUN_IDS.queued).status, 'scheduled');

  const all = await mlflowDbReader.listRuns(root, { includeDeleted: true });
  const gone = byId(all.runs, RUN_IDS.gone);
  assert.equal(gone.deleted, true);
  assert.equal(gone.status, 'killed');
  assert.equal(all.runs.length, 5);
});

test('series: NaN and ±Infinity decoded, insertion order, unicode and / keys', async () => {
  const { file, root } = await writeDb();
  const alpha = byId((await mlflowDbReader.listRuns(root)).runs, RUN_IDS.alpha);
  const { series, errors } = await mlflowDbReader.readSeries(alpha);
  assert.deepEqual(errors, []);
  assert.deepEqual(series.map((s) => s.key), ['loss', 'métrique ü', 'val/acc']);
  const v = [...series[0].points.values];
  assert.equal(v[0], 2.5);
  assert.ok(Number.isNaN(v[1]));
  assert.deepEqual(v.slice(2), [Infinity, -Infinity, 1e-5, 0.30000000000000004]);
  assert.deepEqual([...series[0].points.steps], [0, 1, 2, 3, 4, 4]);
  assert.deepEqual([...series[0].points.times!], [1000, 2000, 3000, 4000, 5000, 6000].map((t) => T0 + t));
  assert.deepEqual([...series[2].points.steps], [10, 5], 'rowid order, not step order');

  // Stored the way MLflow stores them.
  const stored = await query(file, `SELECT value, is_nan FROM metrics WHERE key='loss' AND run_uuid='${RUN_IDS.alpha}' ORDER BY rowid`);
  assert.deepEqual(stored.slice(1, 4), [[0, 1], [Number.MAX_VALUE, 0], [-Number.MAX_VALUE, 0]]);
  const latest = await query(file, `SELECT step, timestamp, value FROM latest_metrics WHERE key='loss' AND run_uuid='${RUN_IDS.alpha}'`);
  assert.deepEqual(latest, [[4, T0 + 6000, 0.30000000000000004]]);
  assert.deepEqual(await query(file, 'SELECT version_num FROM alembic_version'), [['1b5f0d9ad7c1']]);

  const only = await mlflowDbReader.readSeries(alpha, { only: [{ key: 'val/acc', context: {} }] });
  assert.deepEqual(only.series.map((s) => s.key), ['val/acc']);
});

test('detect: MLflow databases by schema, not by name', async () => {
  const dir = freshDir('detect-');
  await writeMlflowDb(path.join(dir, 'tracking.sqlite'), sampleRuns().slice(0, 1));
  const SQL = await loadSqlJs();
  const optunaLike = new SQL.Database();
  optunaLike.exec('CREATE TABLE alembic_version (version_num TEXT); CREATE TABLE studies (study_id INTEGER); CREATE TABLE trials (trial_id INTEGER)');
  fs.writeFileSync(path.join(dir, 'optuna.db'), optunaLike.export());
  optunaLike.close();
  fs.writeFileSync(path.join(dir, 'notes.db'), 'not a database at all');
  // sqlite3.connect() before the first write: claimed under MLflow's name so that it is reported
  // (issue 17: a 0-byte mlflow.db vanished without a word), while notes.db is not ours.
  fs.writeFileSync(path.join(dir, 'mlruns.db'), '');
  const result = await mlflowDbReader.detect(await listDir(dir));
  assert.deepEqual(result.roots, [
    { format: 'mlflow-db', path: path.join(dir, 'mlruns.db') },
    { format: 'mlflow-db', path: path.join(dir, 'tracking.sqlite') },
  ]);
  assert.equal(result.stop, undefined);
});

test('a corrupt or foreign file gives an error entry; other databases still load', async () => {
  const dir = freshDir('corrupt-');
  await writeMlflowDb(path.join(dir, 'good.db'), sampleRuns());
  const good = fs.readFileSync(path.join(dir, 'good.db'));
  // Keep the header and schema pages, destroy the data pages.
  const broken = Buffer.from(good);
  broken.fill(0xa5, 4096 * 3);
  fs.writeFileSync(path.join(dir, 'mlflow.db'), broken);
  fs.writeFileSync(path.join(dir, 'mlruns.db'), 'version https://git-lfs.github.com/spec/v1\noid sha256:0\nsize 1\n');
  const detected = (await mlflowDbReader.detect(await listDir(dir))).roots.map((r) => path.basename(r.path)).sort();
  assert.deepEqual(detected, ['good.db', 'mlflow.db', 'mlruns.db']);

  const bad = await mlflowDbReader.listRuns({ format: 'mlflow-db', path: path.join(dir, 'mlflow.db') });
  assert.equal(bad.runs.length, 0);
  assert.match(bad.errors[0].message, /cannot read MLflow database: .*(malformed|not a database)/);
  const lfs = await mlflowDbReader.listRuns({ format: 'mlflow-db', path: path.join(dir, 'mlruns.db') });
  assert.match(lfs.errors[0].message, /LFS pointer/);
  const ok = await mlflowDbReader.listRuns({ format: 'mlflow-db', path: path.join(dir, 'good.db') });
  assert.equal(ok.runs.length, 4);

  const SQL = await loadSqlJs();
  const other = new SQL.Database();
  other.exec('CREATE TABLE things (a)');
  fs.writeFileSync(path.join(dir, 'other.db'), other.export());
  other.close();
  const foreign = await mlflowDbReader.listRuns({ format: 'mlflow-db', path: path.join(dir, 'other.db') });
  assert.deepEqual(foreign.runs, []);
  assert.match(foreign.errors[0].message, /not an MLflow database \(no table alembic_version, experiments, runs\)/);
  const missing = await mlflowDbReader.listRuns({ format: 'mlflow-db', path: path.join(dir, 'gone.db') });
  assert.match(missing.errors[0].message, /ENOENT/);
  const series = await mlflowDbReader.readSeries({ ...ok.runs[0], path: path.join(dir, 'mlflow.db') });
  assert.equal(series.series.length, 0);
  assert.equal(series.errors.length, 1);
});

test('old schemas: no latest_metrics, no is_nan, no step, no deleted_time, no run name column', async () => {
  const { file, root } = await writeDb();
  await rewriteDb(
    file,
    `DROP TABLE latest_metrics;
     CREATE TABLE metrics_old (key VARCHAR(250), value FLOAT, timestamp BIGINT, run_uuid VARCHAR(32));
     INSERT INTO metrics_old SELECT key, value, timestamp, run_uuid FROM metrics ORDER BY rowid;
     DROP TABLE metrics; ALTER TABLE metrics_old RENAME TO metrics;
     CREATE TABLE runs_old (run_uuid VARCHAR(32), status VARCHAR(9), start_time BIGINT, end_time BIGINT, lifecycle_stage VARCHAR(20), experiment_id INTEGER);
     INSERT INTO runs_old SELECT run_uuid, status, start_time, end_time, lifecycle_stage, experiment_id FROM runs;
     DROP TABLE runs; ALTER TABLE runs_old RENAME TO runs;
     CREATE TABLE experiments_old (experiment_id INTEGER, name VARCHAR(256), artifact_location VARCHAR(256), lifecycle_stage VARCHAR(32));
     INSERT INTO experiments_old SELECT experiment_id, name, artifact_location, lifecycle_stage FROM experiments;
     DROP TABLE experiments; ALTER TABLE experiments_old RENAME TO experiments;
     UPDATE alembic_version SET version_num = '451aebb31d03';`,
  );
  const { runs, errors } = await mlflowDbReader.listRuns(root);
  assert.deepEqual(errors, []);
  const alpha = byId(runs, RUN_IDS.alpha);
  assert.equal(alpha.name, 'alpha', 'falls back to the mlflow.runName tag');
  assert.equal(alpha.experiment, 'vision');
  assert.equal(alpha.extra?.deletedTime, undefined);
  const { series } = await mlflowDbReader.readSeries(alpha);
  const loss = series.find((s) => s.key === 'loss')!;
  assert.deepEqual([...loss.points.steps], [0, 0, 0, 0, 0, 0], 'no step column: step 0');
  // Without is_nan the stored 0 is the value; ±DBL_MAX still means ±Infinity.
  assert.deepEqual([...loss.points.values], [2.5, 0, Infinity, -Infinity, 1e-5, 0.30000000000000004]);
});

test('NULL values from the pre-is_nan era read as NaN; experiment ids beyond 2^53 stay exact', async () => {
  const { root, file } = await writeDb();
  await rewriteDb(
    file,
    `INSERT INTO experiments (experiment_id, name, lifecycle_stage, workspace) VALUES ('586757370402886605', 'big-id', 'active', 'default');
     UPDATE runs SET experiment_id = '586757370402886605' WHERE run_uuid = '${RUN_IDS.beta}';
     CREATE TABLE metrics_old (key VARCHAR(250), value FLOAT, timestamp BIGINT, run_uuid VARCHAR(32), step BIGINT);
     INSERT INTO metrics_old SELECT key, value, timestamp, run_uuid, step FROM metrics ORDER BY rowid;
     INSERT INTO metrics_old VALUES ('loss', NULL, ${T0 + 100_900}, '${RUN_IDS.beta}', 1);
     DROP TABLE metrics; ALTER TABLE metrics_old RENAME TO metrics;`,
  );
  const beta = byId((await mlflowDbReader.listRuns(root)).runs, RUN_IDS.beta);
  assert.equal(beta.experiment, 'big-id');
  assert.equal(beta.extra?.experimentId, '586757370402886605');
  const { series } = await mlflowDbReader.readSeries(beta);
  assert.equal(series[0].points.values[0], 9.75);
  assert.ok(Number.isNaN(series[0].points.values[1]));
});

test('a WAL-mode file is read from its main file; a rewritten file is re-read', async () => {
  const { file, root } = await writeDb();
  const bytes = fs.readFileSync(file);
  bytes[18] = 2;
  bytes[19] = 2;
  fs.writeFileSync(file, bytes);
  assert.equal((await mlflowDbReader.listRuns(root)).runs.length, 4);
  assert.deepEqual(fs.readFileSync(file).subarray(18, 20), Buffer.from([2, 2]), 'the file itself is untouched');

  await writeMlflowDb(file, sampleRuns().slice(0, 2));
  const later = new Date(Date.now() + 5000);
  fs.utimesSync(file, later, later);
  assert.equal((await mlflowDbReader.listRuns(root)).runs.length, 2);
});

test('a large old database without a run index is still read per run', async () => {
  const points = Array.from({ length: 60_000 }, (_, i) => ({ step: i, value: i / 2, time: T0 + i }));
  const file = path.join(freshDir('big-'), 'mlflow.db');
  await writeMlflowDb(file, [
    { ...sampleRuns()[1], metrics: [{ key: 'loss', points }] },
    { ...sampleRuns()[0], metrics: [{ key: 'loss', points: points.slice(0, 10) }] },
  ]);
  await rewriteDb(file, 'DROP INDEX index_metrics_run_uuid;');
  const { runs } = await mlflowDbReader.listRuns({ format: 'mlflow-db', path: file });
  const { series } = await mlflowDbReader.readSeries(byId(runs, RUN_IDS.beta));
  assert.equal(series[0].points.values.length, 60_000);
  assert.equal(series[0].points.values[59_999], 59_999 / 2);
  const small = await mlflowDbReader.readSeries(byId(runs, RUN_IDS.alpha));
  assert.equal(small.series[0].points.values.length, 10);
  assert.deepEqual(await query(file, "SELECT name FROM sqlite_master WHERE name LIKE 'runlens%'"), [], 'file not modified');
});
