// The zoom re-read path with a real reader on a written MLflow file store: full resolution,
// per-pixel buckets that keep spikes, every x axis; reads go through the series service (its cache is
// tested in test/unit/host/series).
import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Indexer } from '../../../src/core/index/indexer';
import { IndexStore } from '../../../src/core/index/store';
import type { IndexedRun } from '../../../src/core/index/types';
import { readerFor, readers } from '../../../src/core/sources/registry';
import { LruCache } from '../../../src/core/util/lru';
import { writeMlflowFileStore } from '../../../src/demo/writers/mlflow-file';
import type { WriterRun } from '../../../src/demo/writers/types';
import type { ReadSeriesOf, SeriesRef } from '../../../src/core/model';
import { CurvesFetcher } from '../../../src/host/panels/curves/fetcher';
import { InProcessSeriesService } from '../../../src/host/series/series-service';
import { tempDir } from '../../helpers/tmp';

const START = Date.UTC(2026, 0, 1);
let runs: IndexedRun[];

function sweepRun(): WriterRun {
  const loss = [];
  const epoch = [];
  const f1 = [];
  for (let step = 1; step <= 10_000; step++) {
    const time = START + step * 100;
    loss.push({ step, value: step === 5000 ? 100 : 1 / step, time });
    if (step % 1000 === 0) {
      epoch.push({ step, value: step / 1000, time });
      f1.push({ step, value: step === 3000 ? NaN : step / 10_000, time });
    }
  }
  return {
    id: 'a'.repeat(32),
    name: 'long-run',
    experiment: 'zoom',
    status: 'finished',
    startTime: START,
    endTime: START + 1_000_000,
    params: { lr: '3e-05' },
    tags: {},
    metrics: [
      { key: 'loss', points: loss },
      { key: 'epoch', points: epoch },
      { key: 'f1', points: f1 },
    ],
  };
}

before(async () => {
  const dir = tempDir();
  writeMlflowFileStore(path.join(dir, 'mlruns'), [sweepRun()]);
  const store = await IndexStore.open();
  await new Indexer({ store, readers }).indexFolders([dir]);
  runs = store.runs();
  assert.equal(runs.length, 1);
});

const read: ReadSeriesOf = (run, only, signal) => new InProcessSeriesService({ readerFor }).read(run, only, signal);

function fetcher(): CurvesFetcher {
  return new CurvesFetcher({ runs: (keys) => runs.filter((r) => keys.includes(r.key)), read });
}

const ref = (key: string) => ({ runKey: runs[0].key, key, context: {} });

test('full range: every point read, one bucket per column, the single-step spike survives', async () => {
  const res = await fetcher().fetch({ xAxis: 'step', refs: [ref('loss')], buckets: 200, logX: false });
  assert.deepEqual(res.errors, []);
  const s = res.series[0];
  assert.equal(s.points, 10_000);
  assert.equal(s.x.length, 200);
  assert.equal(Math.max(...s.max), 100, 'the spike at step 5000 is in a bucket max');
  assert.equal(s.x[199], 10_000);
});

test('zoomed range: exact points inside, edge points outside so the line reaches the borders', async () => {
  const res = await fetcher().fetch({ xAxis: 'step', refs: [ref('loss')], xMin: 4990, xMax: 5010, buckets: 800, logX: false });
  const s = res.series[0];
  assert.deepEqual([...s.x], Array.from({ length: 21 }, (_, i) => 4990 + i));
  assert.equal(s.last[10], 100);
  assert.deepEqual(s.before, { x: 4989, y: 1 / 4989 });
  assert.deepEqual(s.after, { x: 5011, y: 1 / 5011 });
});

test('x axes: epoch from the epoch metric, another metric, relative and wall time', async () => {
  const f = fetcher();
  const epoch = await f.fetch({ xAxis: 'epoch', refs: [ref('f1')], buckets: 100, logX: false });
  assert.deepEqual([...epoch.series[0].x], [1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
  assert.equal(epoch.series[0].nan, 1, 'the NaN at epoch 3 is counted, not plotted');
  assert.ok(Number.isNaN(epoch.series[0].last[2]));
  const vsLoss = await f.fetch({ xAxis: 'metric:epoch', refs: [ref('loss')], buckets: 100, logX: false });
  assert.equal(vsLoss.series[0].points, 10_000);
  assert.equal(vsLoss.series[0].x.length, 10, 'only steps logged in both series');
  const rel = await f.fetch({ xAxis: 'relative-time', refs: [ref('f1')], buckets: 100, logX: false });
  assert.equal(rel.series[0].x[0], 1000 * 100, 'milliseconds since the run started');
  const wall = await f.fetch({ xAxis: 'wall-time', refs: [ref('f1')], buckets: 100, logX: false });
  assert.equal(wall.series[0].x[9], START + 10_000 * 100);
  assert.ok(wall.series[0].x instanceof Float64Array, 'epoch ms need float64');
  const missing = await f.fetch({ xAxis: 'metric:nope', refs: [ref('f1')], buckets: 100, logX: false });
  assert.equal(missing.series.length, 0);
  assert.match(missing.errors[0], /no nope series to use as x/);
});

test('one series-service read per run, with the companion series an x axis needs', async () => {
  const calls: SeriesRef[][] = [];
  const counting: ReadSeriesOf = (run, only, signal) => {
    calls.push(only);
    return read(run, only, signal);
  };
  const f = new CurvesFetcher({ runs: (keys) => runs.filter((r) => keys.includes(r.key)), read: counting });
  const res = await f.fetch({ xAxis: 'metric:epoch', refs: [ref('loss'), ref('f1')], buckets: 10, logX: false });
  assert.equal(res.series.length, 2);
  assert.equal(calls.length, 1);
  assert.deepEqual(calls[0].map((r) => r.key).sort(), ['epoch', 'f1', 'loss']);
});

test('problems come back as errors, the other series still load', async () => {
  const res = await fetcher().fetch({ xAxis: 'step', refs: [ref('loss'), { runKey: 'mlflow-file|/nowhere|x', key: 'loss', context: {} }, ref('absent')], buckets: 10, logX: false });
  assert.equal(res.series.length, 1);
  assert.equal(res.errors.length, 2);
  assert.match(res.errors.join('\n'), /no longer in the index/);
  assert.match(res.errors.join('\n'), /absent was not found/);
  const gone = { ...runs[0], path: path.join(tempDir(), 'deleted') };
  fs.mkdirSync(gone.path);
  const res2 = await new CurvesFetcher({ runs: () => [gone], read }).fetch({ xAxis: 'step', refs: [ref('loss')], buckets: 10, logX: false });
  assert.equal(res2.series.length, 0);
  assert.ok(res2.errors.length >= 1);
});

test('LRU: evicts least recently used by size; oversized values are not kept', () => {
  const lru = new LruCache<string, number[]>(10, (v) => v.length);
  lru.set('a', [1, 2, 3, 4]);
  lru.set('b', [1, 2, 3, 4]);
  assert.ok(lru.get('a'));
  lru.set('c', [1, 2, 3]);
  assert.deepEqual([lru.has('a'), lru.has('b'), lru.has('c')], [true, false, true]);
  assert.equal(lru.size, 7);
  lru.set('huge', new Array(11).fill(0));
  assert.equal(lru.has('huge'), false);
  lru.set('a', [1]);
  assert.equal(lru.size, 4);
});
