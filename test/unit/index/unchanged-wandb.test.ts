// W&B offline (readsOnlyBelowRoot): a wandb/ folder's listing reads its run folders' files/ and .wandb logs, all
// below it. A full pass over an unchanged folder does not list it; every change is picked up by the next full
// pass, told to the watcher or not. A run without an exit record is "running" only while its log is fresh: that
// listing depends on the clock, so the folder is listed again until the clock has made the run "unknown".
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { wandbReader } from '../../../src/core/sources/wandb/reader';
import type { WriterRun } from '../../../src/demo/writers/types';
import { writeWandbRun } from '../../writers/wandb';
import { tempDir } from '../../helpers/tmp';
import { assertUnchangedPass, countedIndex, touchLater } from './unchanged-source';

const T0 = Date.UTC(2026, 0, 1);

function writerRun(i: number, steps = 3): WriterRun {
  return {
    id: `run${i}abc`,
    name: `run-${i}`,
    experiment: 'proj',
    status: 'finished',
    startTime: T0 + i * 60_000,
    endTime: T0 + i * 60_000 + 10_000,
    params: { lr: '0.1', seed: String(i) },
    tags: {},
    metrics: [{ key: 'loss', points: Array.from({ length: steps }, (_, s) => ({ step: s, value: 1 / (s + 1 + i), time: T0 + i * 60_000 + s * 1000 })) }],
  };
}

async function indexedWandb() {
  const wandb = path.join(tempDir(), 'wandb');
  const dirs = [0, 1, 2].map((i) => writeWandbRun(wandb, writerRun(i)));
  const index = await countedIndex(wandbReader);
  const first = await index.indexer.indexFolders([wandb]);
  assert.deepEqual([first.runs, first.reread], [3, 3]);
  return { wandb, dirs, ...index };
}

const lastLoss = (run: { series: Array<{ key: string; last: number | null; lastStep: number | null }> } | undefined) => {
  const s = run!.series.find((x) => x.key === 'loss')!;
  return [s.lastStep, s.last];
};

test('a pass over an unchanged wandb folder does not list it', async () => {
  const index = await indexedWandb();
  await assertUnchangedPass(index, () => index.indexer.indexFolders([index.wandb]));
});

test('a longer .wandb log (more history rows) is picked up by the next full pass', async () => {
  const { wandb, indexer, run } = await indexedWandb();
  writeWandbRun(wandb, writerRun(1, 4));
  const pass = await indexer.indexFolders([wandb]);
  assert.equal(pass.reread, 1);
  assert.deepEqual(lastLoss(run('run-1')), [3, 1 / 5]);
});

test('a new and a deleted run folder are picked up by the next full pass', async () => {
  const { wandb, dirs, store, indexer } = await indexedWandb();
  writeWandbRun(wandb, writerRun(3));
  fs.rmSync(dirs[2], { recursive: true });
  const pass = await indexer.indexFolders([wandb]);
  assert.equal(pass.runs, 3);
  assert.deepEqual(store.runs().map((r) => r.name).sort(), ['run-0', 'run-1', 'run-3']);
});

test('files/config.yaml rewritten in place (same size) is picked up by the next full pass', async () => {
  const { wandb, dirs, indexer, run } = await indexedWandb();
  const file = path.join(dirs[0], 'files', 'config.yaml');
  const text = fs.readFileSync(file, 'utf8');
  fs.writeFileSync(file, text.replace('value: "0.1"', 'value: "0.2"'));
  assert.equal(fs.statSync(file).size, Buffer.byteLength(text), 'same size');
  touchLater(file);
  await indexer.indexFolders([wandb]);
  assert.equal(run('run-0')!.params.lr, '0.2');
});

test('a change the watcher was not told about is picked up by the next full pass', async () => {
  const { wandb, dirs, indexer, run } = await indexedWandb();
  const roots = (await indexer.indexFolders([wandb])).roots;
  writeWandbRun(wandb, writerRun(0, 4));
  writeWandbRun(wandb, writerRun(2, 4));
  const watched = await indexer.reindexChanged([wandb], roots, [path.join(dirs[0], 'run-run0abc.wandb')]);
  assert.equal(watched.reread, 1);
  assert.deepEqual(lastLoss(run('run-0')), [3, 1 / 4]);
  assert.deepEqual(lastLoss(run('run-2')), [2, 1 / 5], 'the watcher pass did not look at the run it was not told about');
  const full = await indexer.indexFolders([wandb]);
  assert.equal(full.reread, 1);
  assert.deepEqual(lastLoss(run('run-2')), [3, 1 / 6]);
});

test('a live run (no exit record, fresh log) keeps its folder listed until the clock makes it unknown', async (t) => {
  const { wandb, indexer, counter, run } = await indexedWandb();
  writeWandbRun(wandb, writerRun(3), { exitCode: null });
  await indexer.indexFolders([wandb]);
  assert.equal(run('run-3')!.status, 'running');
  let listed = counter.listed;
  await indexer.indexFolders([wandb]);
  assert.equal(counter.listed, listed + 1, 'no file changed, but the listing depends on the clock: listed again');
  // Eleven minutes later, with no file changed: the log is no longer fresh.
  const later = Date.now() + 11 * 60_000;
  t.mock.method(Date, 'now', () => later);
  await indexer.indexFolders([wandb]);
  assert.equal(run('run-3')!.status, 'unknown');
  listed = counter.listed;
  await indexer.indexFolders([wandb]);
  assert.equal(counter.listed, listed, 'nothing left that the clock can change: kept unlisted');
});
