// What the store records for the host's deltas: written and removed runs since takeChanges(),
// an unchanged re-listed run neither rewritten nor recorded, and writes rolled back are forgotten.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { IndexStore } from '../../../src/core/index/store';
import type { RunInfo } from '../../../src/core/model';
import { runKey } from '../../../src/core/model';

function info(name: string, over: Partial<RunInfo> = {}): RunInfo {
  return {
    format: 'mlflow-file',
    root: '/ws/mlruns',
    experiment: 'exp',
    id: name,
    name,
    status: 'running',
    path: `/ws/mlruns/1/${name}`,
    params: { lr: '0.1' },
    tags: {},
    checkpoints: [],
    ...over,
  } as RunInfo;
}

const series = [{ key: 'loss', context: {}, count: 1, firstStep: 0, lastStep: 0, first: 1, last: 1, min: 1, max: 1, argminStep: 0, argmaxStep: 0, lastTime: 0, nanCount: 0 }];

test('takeChanges lists the runs written and removed since the last call, once', async () => {
  const store = await IndexStore.open();
  store.putRun(info('a'), series, 'fp-a');
  store.putRun(info('b'), series, 'fp-b');
  assert.deepEqual(store.takeChanges(), { changed: [runKey(info('a')), runKey(info('b'))], removed: [] });
  assert.deepEqual(store.takeChanges(), { changed: [], removed: [] });
  store.deleteRun(runKey(info('a')));
  store.deleteRun(runKey(info('never-stored')));
  assert.deepEqual(store.takeChanges(), { changed: [], removed: [runKey(info('a'))] });
});

test('a run listed again as stored, with its series kept, is not rewritten or recorded', async () => {
  const store = await IndexStore.open();
  store.putRun(info('a'), series, 'fp-a');
  store.takeChanges();
  store.putRun(info('a'), null, 'fp-a');
  assert.deepEqual(store.takeChanges().changed, [], 'same row, same fingerprint');
  store.putRun(info('a', { status: 'finished' }), null, 'fp-a');
  assert.deepEqual(store.takeChanges().changed, [runKey(info('a'))], 'its status changed');
  assert.equal(store.runs()[0].status, 'finished');
  store.putRun(info('a', { status: 'finished', params: { lr: '0.2' } }), null, 'fp-a');
  assert.deepEqual(store.takeChanges().changed, [runKey(info('a'))], 'a param changed');
  assert.deepEqual(store.runs()[0].params, { lr: '0.2' });
  store.putRun(info('a', { status: 'finished', params: { lr: '0.2' } }), series, 'fp-a');
  assert.deepEqual(store.takeChanges().changed, [runKey(info('a'))], 'new series are always a change');
  assert.equal(store.runs()[0].series.length, 1, 'series kept');
});

test('a run removed and written again in one pass is changed, not removed', async () => {
  const store = await IndexStore.open();
  store.putRun(info('a'), series, 'fp-a');
  store.takeChanges();
  store.deleteRun(runKey(info('a')));
  store.putRun(info('a'), series, 'fp-a');
  assert.deepEqual(store.takeChanges(), { changed: [runKey(info('a'))], removed: [] });
});

test('writes of a rolled-back transaction are not recorded', async () => {
  const store = await IndexStore.open();
  store.putRun(info('a'), series, 'fp-a');
  store.takeChanges();
  assert.throws(() =>
    store.transaction(() => {
      store.deleteRun(runKey(info('a')));
      store.putRun(info('b'), series, 'fp-b');
      throw new Error('boom');
    }),
  );
  assert.deepEqual(store.takeChanges(), { changed: [], removed: [] });
  assert.equal(store.runCount(), 1);
});

test('previewBytes is the size of the previews previews() returns (the worker packs them into a buffer that size)', async () => {
  const store = await IndexStore.open();
  const withPreview = (key: string, n: number) => ({ ...series[0], key, preview: new Uint8Array(n).fill(7) });
  store.putRun(info('a'), [withPreview('loss', 10), withPreview('acc', 3)], 'fp-a');
  store.putRun(info('b'), [{ ...series[0] }], 'fp-b');
  store.putRun(info('c'), [withPreview('loss', 5)], 'fp-c');
  const keys = ['a', 'b', 'c', 'missing'].map((n) => runKey(info(n)));
  const total = [...store.previews(keys).values()].flat().reduce((a, p) => a + (p.preview?.byteLength ?? 0), 0);
  assert.equal(total, 18);
  assert.equal(store.previewBytes(keys), total);
  assert.equal(store.previewBytes([runKey(info('b'))]), 0);
});

test('a source fingerprint stands until a run or the errors of that source are written', async () => {
  const store = await IndexStore.open();
  store.putRun(info('a'), series, 'fp-a');
  store.setSourceFingerprint('mlflow-file', '/ws/mlruns', 'tree-1');
  assert.equal(store.sourceFingerprint('mlflow-file', '/ws/mlruns'), 'tree-1');
  store.putRun(info('a'), null, 'fp-a');
  assert.equal(store.sourceFingerprint('mlflow-file', '/ws/mlruns'), 'tree-1', 'a run listed again unchanged writes nothing');
  store.putRun(info('a', { status: 'finished' }), null, 'fp-a');
  assert.equal(store.sourceFingerprint('mlflow-file', '/ws/mlruns'), undefined, 'a changed run clears it');
  store.setSourceFingerprint('mlflow-file', '/ws/mlruns', 'tree-2');
  store.deleteRun(runKey(info('a')));
  assert.equal(store.sourceFingerprint('mlflow-file', '/ws/mlruns'), undefined, 'a removed run clears it');
  store.setSourceFingerprint('mlflow-file', '/ws/mlruns', 'tree-3');
  store.setSourceErrors('mlflow-file', '/ws/mlruns', []);
  assert.equal(store.sourceFingerprint('mlflow-file', '/ws/mlruns'), undefined, 'errors written clear it');
});
