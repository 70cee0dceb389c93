// TensorBoard (readsOnlyBelowRoot): a log dir's listing reads its run folders' event files and hparams.yaml, all
// below it. A full pass over an unchanged log dir does not list it; every change there is picked up by the
// next full pass, told to the watcher or not.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { tensorboardReader } from '../../../src/core/sources/tensorboard/reader';
import type { WriterRun } from '../../../src/demo/writers/types';
import { encodeEvent, frameRecord, writeEventFile, writeTensorboardRun } from '../../writers/tensorboard';
import { tempDir } from '../../helpers/tmp';
import { assertUnchangedPass, countedIndex, touchLater } from './unchanged-source';

const T0 = Date.UTC(2026, 0, 1);

function writerRun(i: number): WriterRun {
  return {
    id: `run${i}`,
    name: `run${i}`,
    experiment: 'runs',
    status: 'unknown',
    startTime: T0 + i * 60_000,
    params: {},
    tags: {},
    metrics: [{ key: 'loss', points: [0, 1, 2].map((s) => ({ step: s, value: 1 / (s + 1), time: T0 + i * 60_000 + s * 1000 })) }],
  };
}

function writeRun(logDir: string, i: number): { dir: string; events: string } {
  const dir = path.join(logDir, `run${i}`);
  const events = writeTensorboardRun(dir, writerRun(i));
  fs.writeFileSync(path.join(dir, 'hparams.yaml'), `lr: 0.1\nseed: ${i}\n`);
  return { dir, events };
}

/** One more scalar at the end of an event file, as a live SummaryWriter appends it. */
function appendScalar(file: string, step: number, value: number): void {
  fs.appendFileSync(file, frameRecord(encodeEvent({ wallTime: T0 / 1000 + 100 + step, step, values: [{ tag: 'loss', simple: value }] })));
}

async function indexedLogDir() {
  const logDir = path.join(tempDir(), 'runs');
  const runs = [0, 1, 2].map((i) => writeRun(logDir, i));
  const index = await countedIndex(tensorboardReader);
  const first = await index.indexer.indexFolders([logDir]);
  assert.deepEqual([first.runs, first.reread], [3, 3]);
  return { logDir, runs, ...index };
}

test('a pass over an unchanged TensorBoard log dir does not list it', async () => {
  const index = await indexedLogDir();
  await assertUnchangedPass(index, () => index.indexer.indexFolders([index.logDir]));
});

test('an appended scalar is picked up by the next full pass', async () => {
  const { logDir, runs, indexer, run } = await indexedLogDir();
  appendScalar(runs[1].events, 3, 0.125);
  const pass = await indexer.indexFolders([logDir]);
  assert.equal(pass.reread, 1);
  const loss = run('run1')!.series.find((s) => s.key === 'loss')!;
  assert.deepEqual([loss.count, loss.last, loss.lastStep], [4, 0.125, 3]);
});

test('a new and a deleted run folder are picked up by the next full pass', async () => {
  const { logDir, runs, store, indexer } = await indexedLogDir();
  writeRun(logDir, 3);
  fs.rmSync(runs[2].dir, { recursive: true });
  const pass = await indexer.indexFolders([logDir]);
  assert.equal(pass.runs, 3);
  assert.deepEqual(store.runs().map((r) => r.name).sort(), ['run0', 'run1', 'run3']);
});

test('hparams.yaml rewritten in place (same size) is picked up by the next full pass', async () => {
  const { logDir, runs, indexer, run } = await indexedLogDir();
  const file = path.join(runs[0].dir, 'hparams.yaml');
  fs.writeFileSync(file, 'lr: 0.2\nseed: 0\n');
  touchLater(file);
  await indexer.indexFolders([logDir]);
  assert.equal(run('run0')!.params.lr, '0.2');
});

test('a new event file in a nested run folder is picked up by the next full pass', async () => {
  const { logDir, runs, store, indexer } = await indexedLogDir();
  // Hugging Face's hparams subfolder: a run nested below a run
  writeEventFile(path.join(runs[0].dir, '1767225600.5'), [{ wallTime: T0 / 1000, step: 0, values: [{ tag: 'acc', simple: 0.5 }] }]);
  const pass = await indexer.indexFolders([logDir]);
  assert.equal(pass.runs, 4);
  assert.ok(store.runs().some((r) => r.name === 'run0/1767225600.5'));
});

test('a change the watcher was not told about is picked up by the next full pass', async () => {
  const { logDir, runs, indexer, run } = await indexedLogDir();
  const roots = (await indexer.indexFolders([logDir])).roots;
  appendScalar(runs[0].events, 3, 0.25);
  appendScalar(runs[2].events, 3, 0.5);
  const watched = await indexer.reindexChanged([logDir], roots, [runs[0].events]);
  assert.equal(watched.reread, 1);
  assert.equal(run('run0')!.series[0].last, 0.25);
  assert.notEqual(run('run2')!.series[0].last, 0.5, 'the watcher pass did not look at the run it was not told about');
  const full = await indexer.indexFolders([logDir]);
  assert.equal(full.reread, 1);
  assert.equal(run('run2')!.series[0].last, 0.5);
});
