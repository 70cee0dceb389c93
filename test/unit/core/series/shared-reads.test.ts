// sharedReads: identical concurrent requests share one underlying read; each caller's abort is its own; the
// shared read is aborted only when every caller has left; a finished read is not reused (the cache does that).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { RunInfo, SeriesRef, SeriesResult } from '../../../../src/core/model';
import { readKey, sharedReads } from '../../../../src/core/series/shared-reads';

const run = { id: 'r1', path: '/runs/r1', name: 'r1', format: 'mlflow-file' } as unknown as RunInfo;
const loss: SeriesRef[] = [{ key: 'loss', context: {} }];
const acc: SeriesRef[] = [{ key: 'acc', context: { subset: 'val' } }];

function controlledReader() {
  const calls: Array<{ only: SeriesRef[]; signal?: AbortSignal; finish: (r: SeriesResult) => void }> = [];
  const read = (_run: RunInfo, only: SeriesRef[], signal?: AbortSignal) => new Promise<SeriesResult>((finish) => calls.push({ only, signal, finish }));
  return { calls, read };
}
const result = (key: string): SeriesResult => ({ series: [{ key, context: {}, points: { steps: Float64Array.of(1), values: Float64Array.of(2) } }], errors: [] });
const keyOf = (r: RunInfo, only: readonly SeriesRef[]) => readKey(r.id, only, only.map(() => 'fp'));

test('two identical requests at once: one read, both get its result; a different series is its own read', async () => {
  const { calls, read } = controlledReader();
  const shared = sharedReads(read, keyOf);
  const a = shared(run, loss);
  const b = shared(run, [{ key: 'loss', context: {} }]);
  const c = shared(run, acc);
  assert.equal(calls.length, 2);
  calls[0].finish(result('loss'));
  calls[1].finish(result('acc'));
  assert.equal((await a).series[0].key, 'loss');
  assert.equal(await b, await a);
  assert.equal((await c).series[0].key, 'acc');
  // settled: the next request reads again (the cache behind the service answers it)
  void shared(run, loss);
  assert.equal(calls.length, 3);
});

test('one caller aborting gets "cancelled" at once; the other still gets the points; the read is not aborted', async () => {
  const { calls, read } = controlledReader();
  const shared = sharedReads(read, keyOf);
  const abort = new AbortController();
  const a = shared(run, loss, abort.signal);
  const b = shared(run, loss);
  abort.abort();
  assert.match((await a).errors[0].message, /cancelled/);
  assert.equal(calls[0].signal?.aborted, false);
  calls[0].finish(result('loss'));
  assert.equal((await b).series.length, 1);
});

test('when every caller aborts the shared read is aborted, and a later request starts a fresh one', async () => {
  const { calls, read } = controlledReader();
  const shared = sharedReads(read, keyOf);
  const x = new AbortController();
  const y = new AbortController();
  const a = shared(run, loss, x.signal);
  const b = shared(run, loss, y.signal);
  x.abort();
  y.abort();
  await Promise.all([a, b]);
  assert.equal(calls[0].signal?.aborted, true);
  void shared(run, loss);
  assert.equal(calls.length, 2, 'not merged into the aborted read');
});

test('different fingerprints (the series grew) are different requests', () => {
  assert.notEqual(readKey('k', loss, ['10|9|1']), readKey('k', loss, ['11|10|2']));
  assert.equal(readKey('k', [{ key: 'a', context: { x: '1', y: '2' } }], ['f']), readKey('k', [{ key: 'a', context: { y: '2', x: '1' } }], ['f']));
});
