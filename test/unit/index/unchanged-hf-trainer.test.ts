// Hugging Face Trainer (readsOnlyBelowRoot): an output dir's listing reads its trainer_state.json files,
// config.json / adapter_config.json, checkpoint folders and runs/ event file names, all below it
// (best_model_checkpoint is a path on the training machine: only its last part is matched to a checkpoint
// folder here, never opened). A full pass over unchanged output dirs lists none of them; every change is
// picked up by the next full pass, told to the watcher or not.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { hfTrainerReader } from '../../../src/core/sources/hf-trainer/reader';
import { logHistoryFromMetrics, writeHfTrainerOutput } from '../../../src/demo/writers/hf-trainer';
import type { WriterMetric } from '../../../src/demo/writers/types';
import { tempDir } from '../../helpers/tmp';
import { assertUnchangedPass, countedIndex, touchLater } from './unchanged-source';

const T0 = Date.UTC(2026, 0, 1);

function loss(lastStep: number, seed: number): WriterMetric[] {
  const points = [];
  for (let s = 10; s <= lastStep; s += 10) points.push({ step: s, value: 1 / (s + seed), time: T0 + s * 1000 });
  return [{ key: 'loss', points }];
}

/** An output dir of a run still training (no root state), saved at `saves` up to `lastStep`. */
function writeOutput(outputs: string, i: number, lastStep = 100, saves?: number[]): string {
  const dir = path.join(outputs, `run-${i}`);
  writeHfTrainerOutput(dir, {
    logHistory: logHistoryFromMetrics(loss(lastStep, i), 50),
    maxSteps: 400,
    numTrainEpochs: 8,
    saveSteps: 50,
    checkpointSteps: saves,
    modelBytes: 16,
    config: { hidden_size: 768, seed: i },
  });
  return dir;
}

async function indexedOutputs() {
  const outputs = path.join(tempDir(), 'outputs');
  const dirs = [0, 1, 2].map((i) => writeOutput(outputs, i));
  const index = await countedIndex(hfTrainerReader);
  const first = await index.indexer.indexFolders([outputs]);
  assert.deepEqual([first.runs, first.reread], [3, 3]);
  return { outputs, dirs, ...index };
}

const lastLoss = (run: { series: Array<{ key: string; last: number | null; lastStep: number | null }> } | undefined) => {
  const s = run!.series.find((x) => x.key === 'loss')!;
  return [s.lastStep, s.last];
};

test('a pass over unchanged Trainer output dirs lists none of them', async () => {
  const index = await indexedOutputs();
  await assertUnchangedPass(index, () => index.indexer.indexFolders([index.outputs]));
});

test('a new checkpoint (the Trainer saving later points) is picked up by the next full pass', async () => {
  const { outputs, indexer, run } = await indexedOutputs();
  writeOutput(outputs, 1, 150, [150]);
  const pass = await indexer.indexFolders([outputs]);
  assert.equal(pass.reread, 1);
  assert.deepEqual(lastLoss(run('run-1')), [150, 1 / 151]);
  assert.deepEqual(run('run-1')!.checkpoints.map((c) => c.step), [50, 100, 150]);
});

test('a new and a deleted output dir are picked up by the next full pass', async () => {
  const { outputs, dirs, store, indexer } = await indexedOutputs();
  writeOutput(outputs, 3);
  fs.rmSync(dirs[2], { recursive: true });
  const pass = await indexer.indexFolders([outputs]);
  assert.equal(pass.runs, 3);
  assert.deepEqual(store.runs().map((r) => r.name).sort(), ['run-0', 'run-1', 'run-3']);
});

test('config.json rewritten in place (same size) is picked up by the next full pass', async () => {
  const { outputs, dirs, indexer, run } = await indexedOutputs();
  const file = path.join(dirs[0], 'checkpoint-100', 'config.json');
  const text = fs.readFileSync(file, 'utf8');
  fs.writeFileSync(file, text.replace('768', '769'));
  assert.equal(fs.statSync(file).size, Buffer.byteLength(text), 'same size');
  touchLater(file);
  await indexer.indexFolders([outputs]);
  assert.equal(run('run-0')!.params.hidden_size, '769');
});

test('a change the watcher was not told about is picked up by the next full pass', async () => {
  const { outputs, dirs, indexer, run } = await indexedOutputs();
  const roots = (await indexer.indexFolders([outputs])).roots;
  writeOutput(outputs, 0, 150, [150]);
  writeOutput(outputs, 2, 150, [150]);
  const watched = await indexer.reindexChanged([outputs], roots, [path.join(dirs[0], 'checkpoint-150', 'trainer_state.json')]);
  assert.equal(watched.reread, 1);
  assert.deepEqual(lastLoss(run('run-0')), [150, 1 / 150]);
  assert.deepEqual(lastLoss(run('run-2')), [100, 1 / 102], 'the watcher pass did not look at the run it was not told about');
  const full = await indexer.indexFolders([outputs]);
  assert.equal(full.reread, 1);
  assert.deepEqual(lastLoss(run('run-2')), [150, 1 / 152]);
});
