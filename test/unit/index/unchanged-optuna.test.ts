// Optuna storages (readsOnlyBelowRoot): the source is the SQLite file, read with its -wal sibling applied; the
// tree fingerprint of a file covers both, and the reader's snapshot cache is keyed by their sizes and mtimes.
// A full pass over an unchanged storage does not list it; every change is picked up by the next full pass.
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { optunaReader } from '../../../src/core/sources/optuna/reader';
import { tempDir } from '../../helpers/tmp';
import { dist, writeOptunaDb, type FixtureTrial } from '../optuna/optuna-db-writer';
import { assertUnchangedPass, countedIndex, editSqlite, noPythonSqlite, touchLater, walCommits } from './unchanged-source';

after(() => optunaReader.cache.clear());

const trial = (n: number): FixtureTrial => ({
  number: n,
  state: 'COMPLETE',
  values: [1 / (n + 1)],
  params: [{ name: 'lr', internal: 0.125, distribution: dist.float(0.001, 1) }],
  intermediate: [
    [0, 1],
    [1, 0.5],
  ],
});

/** A new trial row (Optuna's next trial, still running): trial_id 100 + n. */
const newTrialSql = (n: number) => `INSERT INTO trials (trial_id, study_id, state, number) VALUES (${100 + n}, 1, 'RUNNING', ${n});`;

async function indexedStorage(name = 'optuna.db', dir = tempDir()) {
  const file = path.join(dir, name);
  await writeOptunaDb(file, [{ name: 'study', directions: ['MINIMIZE'], trials: [0, 1, 2].map(trial) }]);
  const index = await countedIndex(optunaReader);
  const first = await index.indexer.indexFolders([dir]);
  assert.deepEqual([first.runs, first.reread], [3, 3]);
  const byId = (id: string) => index.store.runs().find((r) => r.id === id);
  return { dir, file, byId, ...index };
}

test('a pass over an unchanged Optuna storage does not list it', async () => {
  const index = await indexedStorage();
  await assertUnchangedPass(index, () => index.indexer.indexFolders([index.dir]));
});

test('an appended intermediate value is picked up by the next full pass', async () => {
  const { dir, file, indexer, byId } = await indexedStorage();
  await editSqlite(file, `INSERT INTO trial_intermediate_values (trial_id, step, intermediate_value, intermediate_value_type) VALUES (2, 2, 0.25, 'FINITE');`);
  await indexer.indexFolders([dir]);
  const s = byId('study#1')!.series[0];
  assert.deepEqual([s.count, s.last, s.lastStep], [3, 0.25, 2]);
});

test('a new and a removed trial are picked up by the next full pass', async () => {
  const { dir, file, store, indexer } = await indexedStorage();
  await editSqlite(file, `${newTrialSql(3)} DELETE FROM trial_intermediate_values WHERE trial_id = 3; DELETE FROM trial_values WHERE trial_id = 3; DELETE FROM trial_params WHERE trial_id = 3; DELETE FROM trials WHERE trial_id = 3;`);
  const pass = await indexer.indexFolders([dir]);
  assert.equal(pass.runs, 3);
  assert.deepEqual(store.runs().map((r) => r.id).sort(), ['study#0', 'study#1', 'study#3']);
});

test('a param rewritten in place (same file size) is picked up by the next full pass', async () => {
  const { dir, file, indexer, byId } = await indexedStorage();
  const size = fs.statSync(file).size;
  await editSqlite(file, `UPDATE trial_params SET param_value = 0.25 WHERE trial_id = 1;`);
  assert.equal(fs.statSync(file).size, size, 'same size');
  touchLater(file);
  await indexer.indexFolders([dir]);
  assert.equal(byId('study#0')!.params.lr, '0.25');
});

test('a commit only in the -wal file (the main file untouched) is picked up by the next full pass', { skip: noPythonSqlite, timeout: 60_000 }, async () => {
  const { dir, file, indexer, counter, byId } = await indexedStorage();
  const wals = walCommits(file, [newTrialSql(3), newTrialSql(4)]);
  fs.writeFileSync(`${file}-wal`, wals[0]);
  await indexer.indexFolders([dir]);
  assert.ok(byId('study#3'));
  const main = fs.statSync(file);
  fs.writeFileSync(`${file}-wal`, wals[1]);
  assert.equal(fs.statSync(file).mtimeMs, main.mtimeMs, 'the main file did not change');
  const listed = counter.listed;
  const pass = await indexer.indexFolders([dir]);
  assert.equal(counter.listed, listed + 1, 'listed again');
  assert.equal(pass.runs, 5);
  assert.ok(byId('study#4'));
});

test('a change the watcher was not told about is picked up by the next full pass', async () => {
  const { dir, file, indexer, store } = await indexedStorage('a-optuna.db');
  const other = path.join(dir, 'b-optuna.db');
  await writeOptunaDb(other, [{ name: 'other', directions: ['MINIMIZE'], trials: [trial(0)] }]);
  const roots = (await indexer.indexFolders([dir])).roots;
  await editSqlite(file, `UPDATE trial_params SET param_value = 0.25 WHERE trial_id = 1;`);
  await editSqlite(other, `UPDATE trial_params SET param_value = 0.5 WHERE trial_id = 1;`);
  touchLater(file);
  touchLater(other);
  await indexer.reindexChanged([dir], roots, [file]);
  const lr = (id: string) => store.runs().find((r) => r.id === id)!.params.lr;
  assert.equal(lr('study#0'), '0.25');
  assert.equal(lr('other#0'), '0.125', 'the watcher pass did not look at the storage it was not told about');
  await indexer.indexFolders([dir]);
  assert.equal(lr('other#0'), '0.5');
});
