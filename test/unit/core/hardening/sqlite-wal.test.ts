// Runs committed only to a live database's -wal file (MLflow's tracking server, an Optuna study
// still running) are read: the committed WAL frames are applied to the in-memory copy. Before
// the fix they were silently missing until the writer checkpointed. The WAL is made by the
// real SQLite (Python's sqlite3), copied while the writing connection is still open.
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { tempDir } from '../../../helpers/tmp';
import { mlflowDbReader } from '../../../../src/core/sources/mlflow-db';
import { closeAllDbSnapshots } from '../../../../src/core/sources/mlflow-db/snapshot';
import { fingerprintSync } from '../../../../src/core/index/fingerprint';
import { applyWal } from '../../../../src/core/util/sqlite-wal';
import { writeMlflowDb } from '../../../../src/demo/writers/mlflow-db';
import { sampleRuns } from '../../mlflow/sample-runs';

after(() => closeAllDbSnapshots());

const python = spawnSync('python3', ['-c', 'import sqlite3'], { timeout: 10_000 });
const skip = python.status === 0 ? false : 'python3 with sqlite3 is not available';

/**
 * Copies `src` into `dest` as a live WAL database whose `commits` inserts are only in the WAL;
 * `dest-wal.<i>` is the WAL as it was after commit i (the main file does not change meanwhile).
 */
function liveWalCopy(src: string, dest: string, commits: string[]): void {
  const script = `
import shutil, sqlite3, sys
src, dest = sys.argv[1], sys.argv[2]
con = sqlite3.connect(src, isolation_level=None)
con.execute('PRAGMA journal_mode=WAL')
con.execute('PRAGMA wal_autocheckpoint=0')
for i, name in enumerate(sys.argv[3:]):
    con.execute("INSERT INTO runs (run_uuid, name, status, start_time, lifecycle_stage, experiment_id) SELECT ?, ?, 'RUNNING', start_time, 'active', experiment_id FROM runs LIMIT 1", (name.ljust(32, '0'), name))
    shutil.copyfile(src + '-wal', dest + '-wal.' + str(i))
shutil.copyfile(src, dest)
shutil.copyfile(src + '-wal', dest + '-wal')
con.close()
`;
  const res = spawnSync('python3', ['-c', script, src, dest, ...commits], { encoding: 'utf8', timeout: 30_000 });
  assert.equal(res.status, 0, res.stderr);
}

test('runs committed only to the WAL of a live mlflow.db are listed', { skip, timeout: 60_000 }, async () => {
  const dir = tempDir();
  const work = path.join(dir, 'work.db');
  await writeMlflowDb(work, sampleRuns());
  const before = (await mlflowDbReader.listRuns({ format: 'mlflow-db', path: work }, { includeDeleted: true })).runs.length;
  const live = path.join(dir, 'live', 'mlflow.db');
  fs.mkdirSync(path.dirname(live));
  liveWalCopy(work, live, ['walrun1', 'walrun2']);
  assert.ok(fs.statSync(`${live}-wal`).size > 0);
  const listed = await mlflowDbReader.listRuns({ format: 'mlflow-db', path: live }, { includeDeleted: true });
  assert.deepEqual(listed.errors, []);
  assert.equal(listed.runs.length, before + 2);
  assert.ok(listed.runs.some((r) => r.name === 'walrun2'));
});

test('a torn last WAL frame drops only the unfinished commit', { skip, timeout: 60_000 }, async () => {
  const dir = tempDir();
  const work = path.join(dir, 'work.db');
  await writeMlflowDb(work, sampleRuns());
  const live = path.join(dir, 'mlflow.db');
  liveWalCopy(work, live, ['first', 'second']);
  const main = fs.readFileSync(live);
  const wal = fs.readFileSync(`${live}-wal`);
  const whole = applyWal(main, wal);
  const torn = applyWal(main, wal.subarray(0, wal.length - 100));
  assert.ok(whole.frames > torn.frames && torn.frames > 0);
  // a WAL whose header checksum is wrong is ignored entirely
  const bad = Buffer.from(wal);
  bad[24] ^= 0xff;
  assert.equal(applyWal(main, bad).frames, 0);
  assert.equal(applyWal(main, bad).bytes, main);
});

test('a changed WAL invalidates the cached snapshot', { skip, timeout: 60_000 }, async () => {
  const dir = tempDir();
  const work = path.join(dir, 'work.db');
  await writeMlflowDb(work, sampleRuns());
  const live = path.join(dir, 'mlflow.db');
  liveWalCopy(work, live, ['one', 'two']);
  fs.copyFileSync(`${live}-wal.0`, `${live}-wal`);
  const first = (await mlflowDbReader.listRuns({ format: 'mlflow-db', path: live }, { includeDeleted: true })).runs.length;
  // the main file keeps its size and mtime; only the WAL grows
  const mainStat = fs.statSync(live);
  const fpBefore = fingerprintSync(live);
  fs.copyFileSync(`${live}-wal.1`, `${live}-wal`);
  assert.notEqual(fingerprintSync(live), fpBefore, 'the indexer sees the change and re-reads the runs');
  assert.deepEqual(fs.statSync(live).mtimeMs, mainStat.mtimeMs);
  const second = (await mlflowDbReader.listRuns({ format: 'mlflow-db', path: live }, { includeDeleted: true })).runs.length;
  assert.equal(second, first + 1);
});
