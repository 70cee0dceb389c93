// MLflow SQLite stores (readsOnlyBelowRoot): the source is the database file, read with the committed frames of
// its -wal sibling applied; the tree fingerprint of a file covers the file and that sibling. A full pass over an
// unchanged database does not list it; every change (in the file or only in its WAL) is picked up by the next
// full pass, told to the watcher or not.
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { mlflowDbReader } from '../../../src/core/sources/mlflow-db';
import { closeAllDbSnapshots } from '../../../src/core/sources/mlflow-db/snapshot';
import { writeMlflowDb } from '../../../src/demo/writers/mlflow-db';
import type { WriterRun } from '../../../src/demo/writers/types';
import { tempDir } from '../../helpers/tmp';
import { assertUnchangedPass, countedIndex, editSqlite, noPythonSqlite, touchLater, walCommits } from './unchanged-source';

after(() => closeAllDbSnapshots());

const T0 = Date.UTC(2026, 0, 1);
const uuid = (i: number) => `run${i}`.padEnd(32, '0');

function writerRun(i: number, extra: Partial<WriterRun> = {}): WriterRun {
  return {
    id: uuid(i),
    name: `run-${i}`,
    experiment: 'sweep',
    status: 'finished',
    startTime: T0 + i * 60_000,
    endTime: T0 + i * 60_000 + 10_000,
    params: { lr: '0.1', seed: String(i) },
    tags: {},
    metrics: [{ key: 'loss', points: [0, 1, 2].map((s) => ({ step: s, value: 1 / (s + 1), time: T0 + s * 1000 })) }],
    ...extra,
  };
}

/** A copy of run 0's row under a new id and name: a run MLflow started since. */
const newRunSql = (i: number) =>
  `INSERT INTO runs (run_uuid, name, status, start_time, lifecycle_stage, experiment_id)
   SELECT '${uuid(i)}', 'run-${i}', 'RUNNING', start_time, 'active', experiment_id FROM runs WHERE run_uuid = '${uuid(0)}';`;

async function indexedDb(name = 'mlflow.db', dir = tempDir()) {
  const file = path.join(dir, name);
  await writeMlflowDb(file, [writerRun(0), writerRun(1), writerRun(2), writerRun(3, { deleted: true })]);
  const index = await countedIndex(mlflowDbReader);
  const first = await index.indexer.indexFolders([dir]);
  assert.deepEqual([first.runs, first.reread], [3, 3]);
  return { dir, file, ...index };
}

test('a pass over an unchanged MLflow database does not list it', async () => {
  const index = await indexedDb();
  await assertUnchangedPass(index, () => index.indexer.indexFolders([index.dir]));
});

test('an appended metric row is picked up by the next full pass', async () => {
  const { dir, file, indexer, run } = await indexedDb();
  await editSqlite(file, `INSERT INTO metrics (key, value, timestamp, run_uuid, step, is_nan) VALUES ('loss', 0.125, ${T0 + 5000}, '${uuid(1)}', 3, 0);`);
  await indexer.indexFolders([dir]);
  const loss = run('run-1')!.series.find((s) => s.key === 'loss')!;
  assert.deepEqual([loss.count, loss.last, loss.lastStep], [4, 0.125, 3]);
});

test('a new and a deleted run are picked up by the next full pass', async () => {
  const { dir, file, store, indexer } = await indexedDb();
  await editSqlite(file, `${newRunSql(4)} UPDATE runs SET lifecycle_stage = 'deleted' WHERE run_uuid = '${uuid(2)}';`);
  const pass = await indexer.indexFolders([dir]);
  assert.equal(pass.runs, 3);
  assert.deepEqual(store.runs().map((r) => r.name).sort(), ['run-0', 'run-1', 'run-4']);
});

test('a param rewritten in place (same file size) is picked up by the next full pass', async () => {
  const { dir, file, indexer, run } = await indexedDb();
  const size = fs.statSync(file).size;
  await editSqlite(file, `UPDATE params SET value = '0.2' WHERE run_uuid = '${uuid(1)}' AND key = 'lr';`);
  assert.equal(fs.statSync(file).size, size, 'same size');
  touchLater(file);
  await indexer.indexFolders([dir]);
  assert.equal(run('run-1')!.params.lr, '0.2');
});

test('a commit only in the -wal file (the main file untouched) is picked up by the next full pass', { skip: noPythonSqlite, timeout: 60_000 }, async () => {
  const { dir, file, store, indexer, counter } = await indexedDb();
  const wals = walCommits(file, [newRunSql(4), newRunSql(5)]);
  fs.writeFileSync(`${file}-wal`, wals[0]);
  await indexer.indexFolders([dir]);
  assert.ok(store.runs().some((r) => r.name === 'run-4'));
  const main = fs.statSync(file);
  fs.writeFileSync(`${file}-wal`, wals[1]);
  assert.equal(fs.statSync(file).mtimeMs, main.mtimeMs, 'the main file did not change');
  const listed = counter.listed;
  const pass = await indexer.indexFolders([dir]);
  assert.equal(counter.listed, listed + 1, 'listed again');
  assert.equal(pass.runs, 5);
  assert.ok(store.runs().some((r) => r.name === 'run-5'));
});

test('a change the watcher was not told about is picked up by the next full pass', async () => {
  const { dir, file, indexer, run } = await indexedDb('a.db');
  const other = path.join(dir, 'b.db');
  await writeMlflowDb(other, [writerRun(7)]);
  const roots = (await indexer.indexFolders([dir])).roots;
  await editSqlite(file, `UPDATE params SET value = '0.3' WHERE run_uuid = '${uuid(0)}' AND key = 'lr';`);
  await editSqlite(other, `UPDATE params SET value = '0.4' WHERE run_uuid = '${uuid(7)}' AND key = 'lr';`);
  touchLater(file);
  touchLater(other);
  await indexer.reindexChanged([dir], roots, [file]);
  assert.equal(run('run-0')!.params.lr, '0.3');
  assert.equal(run('run-7')!.params.lr, '0.1', 'the watcher pass did not look at the database it was not told about');
  await indexer.indexFolders([dir]);
  assert.equal(run('run-7')!.params.lr, '0.4');
});
