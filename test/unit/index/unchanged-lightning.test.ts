// Lightning CSV (readsOnlyBelowRoot): each version folder is a source whose listing reads only its metrics.csv,
// hparams.yaml and checkpoints/ folder. A full pass over unchanged folders lists none of them; every change
// to those files is picked up by the next full pass, told to the watcher or not.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { lightningCsvReader } from '../../../src/core/sources/lightning-csv/reader';
import { writeLightningCsvRun, type LightningRow } from '../../../src/demo/writers/lightning-csv';
import { tempDir } from '../../helpers/tmp';
import { assertUnchangedPass, countedIndex, touchLater } from './unchanged-source';

const rows = (n: number, seed: number): LightningRow[] => Array.from({ length: n }, (_, s) => ({ step: s, epoch: 0, train_loss: 1 / (s + 1 + seed) }));

function writeVersion(logs: string, i: number): string {
  const dir = path.join(logs, `version_${i}`);
  writeLightningCsvRun(dir, { hparams: { lr: 0.1, seed: i }, rows: rows(3, i), checkpoints: [{ epoch: 0, step: 2 }] });
  return dir;
}

async function indexedLogs() {
  const logs = path.join(tempDir(), 'lightning_logs', 'exp');
  const dirs = [0, 1, 2].map((i) => writeVersion(logs, i));
  const index = await countedIndex(lightningCsvReader);
  const first = await index.indexer.indexFolders([logs]);
  assert.deepEqual([first.runs, first.reread], [3, 3]);
  return { logs, dirs, ...index };
}

test('a pass over unchanged Lightning version folders lists none of them', async () => {
  const index = await indexedLogs();
  await assertUnchangedPass(index, () => index.indexer.indexFolders([index.logs]));
});

test('an appended metrics.csv row is picked up by the next full pass', async () => {
  const { logs, dirs, indexer, run } = await indexedLogs();
  fs.appendFileSync(path.join(dirs[1], 'metrics.csv'), '0,3,0.125\r\n');
  const pass = await indexer.indexFolders([logs]);
  assert.equal(pass.reread, 1);
  const loss = run('version_1')!.series.find((s) => s.key === 'train_loss')!;
  assert.deepEqual([loss.count, loss.last, loss.lastStep], [4, 0.125, 3]);
});

test('a new and a deleted version folder are picked up by the next full pass', async () => {
  const { logs, dirs, store, indexer } = await indexedLogs();
  writeVersion(logs, 3);
  fs.rmSync(dirs[2], { recursive: true });
  const pass = await indexer.indexFolders([logs]);
  assert.equal(pass.runs, 3);
  assert.deepEqual(store.runs().map((r) => r.name).sort(), ['version_0', 'version_1', 'version_3']);
});

test('hparams.yaml rewritten in place (same size) is picked up by the next full pass', async () => {
  const { logs, dirs, indexer, run } = await indexedLogs();
  const file = path.join(dirs[0], 'hparams.yaml');
  const text = fs.readFileSync(file, 'utf8');
  fs.writeFileSync(file, text.replace('lr: 0.1', 'lr: 0.2'));
  assert.equal(fs.statSync(file).size, Buffer.byteLength(text), 'same size');
  touchLater(file);
  await indexer.indexFolders([logs]);
  assert.equal(run('version_0')!.params.lr, '0.2');
});

test('a new checkpoint (a folder the discovery walk skips) is picked up by the next full pass', async () => {
  const { logs, dirs, indexer, run } = await indexedLogs();
  fs.writeFileSync(path.join(dirs[0], 'checkpoints', 'epoch=1-step=5.ckpt'), new Uint8Array(16));
  await indexer.indexFolders([logs]);
  assert.deepEqual(run('version_0')!.checkpoints.map((c) => c.step), [2, 5]);
});

test('a change the watcher was not told about is picked up by the next full pass', async () => {
  const { logs, dirs, indexer, run } = await indexedLogs();
  const told = path.join(dirs[0], 'metrics.csv');
  const untold = path.join(dirs[2], 'metrics.csv');
  const roots = (await indexer.indexFolders([logs])).roots;
  fs.appendFileSync(told, '0,3,0.25\r\n');
  fs.appendFileSync(untold, '0,3,0.5\r\n');
  const watched = await indexer.reindexChanged([logs], roots, [told]);
  assert.equal(watched.reread, 1);
  assert.equal(run('version_0')!.series[0].last, 0.25);
  assert.notEqual(run('version_2')!.series[0].last, 0.5, 'the watcher pass did not look at the run it was not told about');
  const full = await indexer.indexFolders([logs]);
  assert.equal(full.reread, 1);
  assert.equal(run('version_2')!.series[0].last, 0.5);
});
