// The worker-backed series service: the real series worker (src/worker/series-worker.ts under tsx) reads
// generated MLflow file stores and an MLflow SQLite store with the real readers; results match the
// in-process reads, come back in one transferred buffer, are cached in the thread until the index
// fingerprint changes. Budgets and crashes use a stand-in thread whose behaviour each run id selects.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { after, before, test } from 'node:test';
import { Indexer } from '../../../../src/core/index/indexer';
import { IndexStore } from '../../../../src/core/index/store';
import type { IndexedRun } from '../../../../src/core/index/types';
import type { RunInfo, SeriesResult } from '../../../../src/core/model';
import { readerFor, readers } from '../../../../src/core/sources/registry';
import { writeMlflowDb } from '../../../../src/demo/writers/mlflow-db';
import { writeMlflowFileStore } from '../../../../src/demo/writers/mlflow-file';
import type { WriterRun } from '../../../../src/demo/writers/types';
import { InProcessSeriesService } from '../../../../src/host/series/series-service';
import { createSeriesService, WorkerSeriesService } from '../../../../src/host/series/worker-series-service';
import { tempDir } from '../../../helpers/tmp';

const START = Date.UTC(2026, 0, 1);
let dir: string;
let runs: IndexedRun[];

function writerRun(i: number): WriterRun {
  const loss = Array.from({ length: 500 }, (_, k) => ({ step: k + 1, value: (i + 1) / (k + 1), time: START + k * 1000 }));
  const f1 = Array.from({ length: 10 }, (_, k) => ({ step: (k + 1) * 50, value: k === 4 ? NaN : 0.5 + k / 100 + i / 1000, time: START + k * 50_000 }));
  return {
    id: String(i).repeat(32).slice(0, 32),
    name: `run-${i}`,
    experiment: 'svc',
    status: 'finished',
    startTime: START,
    params: { lr: '3e-05', seed: String(i) },
    tags: {},
    metrics: [
      { key: 'loss', points: loss },
      { key: 'f1_en', points: f1 },
    ],
  };
}

before(async () => {
  dir = tempDir();
  writeMlflowFileStore(path.join(dir, 'files', 'mlruns'), [0, 1, 2].map(writerRun));
  await writeMlflowDb(path.join(dir, 'db', 'mlflow.db'), [3, 4].map(writerRun));
  const store = await IndexStore.open();
  await new Indexer({ store, readers }).indexFolders([dir]);
  runs = store.runs();
  assert.deepEqual(runs.map((r) => r.format).sort(), ['mlflow-db', 'mlflow-db', 'mlflow-file', 'mlflow-file', 'mlflow-file']);
});

const services: Array<{ dispose(): void }> = [];
after(() => services.forEach((s) => s.dispose()));

function service(indexed: (key: string) => IndexedRun | undefined = (key) => runs.find((r) => r.key === key)): WorkerSeriesService {
  const s = createSeriesService({ indexed, fallback: () => new InProcessSeriesService({ readerFor, indexed }) });
  assert.ok(s instanceof WorkerSeriesService, 'the series worker script is found under tsx');
  services.push(s);
  return s;
}

const refs = [
  { key: 'loss', context: {} },
  { key: 'f1_en', context: {} },
];

const plain = (r: SeriesResult) =>
  r.series
    .map((s) => ({ key: s.key, steps: [...s.points.steps], values: [...s.points.values], times: s.points.times && [...s.points.times] }))
    .sort((a, b) => a.key.localeCompare(b.key));

test('reads every format in the thread exactly as the readers do in-process', { timeout: 60_000 }, async () => {
  const worker = service();
  const here = new InProcessSeriesService({ readerFor });
  for (const run of runs) {
    const [a, b] = await Promise.all([worker.read(run, refs), here.read(run, refs)]);
    assert.deepEqual(a.errors, []);
    assert.deepEqual(plain(a), plain(b), run.format);
    assert.equal(a.series.find((s) => s.key === 'loss')!.points.values.length, 500);
    assert.ok(Number.isNaN(a.series.find((s) => s.key === 'f1_en')!.points.values[4]), 'NaN survives the trip');
    // one transferred buffer per reply, every array a view into it
    const buffers = new Set(a.series.flatMap((s) => [s.points.steps.buffer, s.points.values.buffer]));
    assert.equal(buffers.size, 1);
  }
  assert.equal(worker.inProcess, false);
});

test('the thread caches a series until the index fingerprint changes', { timeout: 60_000 }, async () => {
  const src = tempDir();
  writeMlflowFileStore(path.join(src, 'mlruns'), [writerRun(7)]);
  const store = await IndexStore.open();
  await new Indexer({ store, readers }).indexFolders([src]);
  let run = store.runs()[0];
  const s = service(() => run);
  const loss = [{ key: 'loss', context: {} }];
  const first = await s.read(run, loss);
  assert.equal(first.series[0].points.values[0], 8);
  // Rewrite the file behind the index's back: the cached points are served while the fingerprint holds.
  const metricFile = fs.readdirSync(path.join(src, 'mlruns'), { recursive: true, encoding: 'utf8' }).find((f) => f.endsWith(path.join('metrics', 'loss')))!;
  const file = path.join(src, 'mlruns', metricFile);
  fs.writeFileSync(file, fs.readFileSync(file, 'utf8').replace(/^(\d+) 8(\.0)? /, '$1 42 '));
  assert.equal((await s.read(run, loss)).series[0].points.values[0], 8, 'served from the thread cache');
  run = { ...run, series: run.series.map((x) => (x.key === 'loss' ? { ...x, lastTime: x.lastTime + 1 } : x)) };
  assert.equal((await s.read(run, loss)).series[0].points.values[0], 42, 'a new fingerprint reads the file again');
});

test('a broken run gives an error on that run; the others still load', { timeout: 60_000 }, async () => {
  const s = service();
  const gone = { ...runs[0], path: path.join(tempDir(), 'deleted'), name: 'gone' };
  const noReader = { ...runs[0], format: 'nothing' } as unknown as RunInfo;
  const [bad, missing, good] = await Promise.all([s.read(gone, refs), s.read(noReader, refs), s.read(runs[1], refs)]);
  assert.equal(bad.series.length, 0);
  assert.ok(bad.errors.length >= 1);
  assert.match(missing.errors[0].message, /no reader for nothing/);
  assert.equal(good.series.length, 2);
});

test('an aborted read settles at once as cancelled', { timeout: 60_000 }, async () => {
  const s = service();
  const before = new AbortController();
  before.abort();
  assert.match((await s.read(runs[0], refs, before.signal)).errors[0].message, /cancelled/);
  const during = new AbortController();
  const pending = s.read(runs[1], refs, during.signal);
  during.abort();
  assert.match((await pending).errors[0].message, /cancelled/);
  assert.equal((await s.read(runs[1], refs)).series.length, 2, 'the service keeps working');
});

// A stand-in series thread: run id 'spin' never answers, 'hog' exhausts the heap, others answer empty.
const FAKE_THREAD = `
const { parentPort } = require('node:worker_threads');
parentPort.postMessage({ type: 'ready' });
const hoard = [];
parentPort.on('message', (m) => {
  if (m.type !== 'read') return;
  if (m.run.id === 'spin') for (;;) {}
  if (m.run.id === 'hog') setTimeout(() => { for (;;) hoard.push(new Array(100000).fill(hoard.length)); }, 20);
  else setTimeout(() => parentPort.postMessage({ type: 'done', id: m.id, result: { series: [], errors: [], buffer: new ArrayBuffer(0) } }), 50);
});
`;

function fakeRun(id: string): RunInfo {
  return { format: 'mlflow-file', id, root: '/nowhere', path: `/nowhere/${id}`, experiment: 'e', name: id, status: 'finished', params: {}, tags: {}, checkpoints: [] };
}

function fake(options: { runBudgetMs?: number; heapMb?: number; entry?: { evalCode: string } } = {}): WorkerSeriesService {
  const s = new WorkerSeriesService({ entry: { evalCode: FAKE_THREAD }, fallback: () => new InProcessSeriesService({ readerFor }), ...options });
  services.push(s);
  return s;
}

test('a run over its time budget gets an error; the run beside it is read on a fresh thread', { timeout: 60_000 }, async () => {
  const s = fake({ runBudgetMs: 500 });
  const [spin, sibling] = await Promise.all([s.read(fakeRun('spin'), refs), s.read(fakeRun('fine'), refs)]);
  assert.match(spin.errors[0].message, /^spin: reading this run took longer than/);
  assert.deepEqual(sibling, { series: [], errors: [] });
});

test('runs that exhaust the heap get an error each, even when they shared the thread', { timeout: 120_000 }, async () => {
  const s = fake({ heapMb: 32 });
  const [a, b, fine] = await Promise.all([s.read(fakeRun('hog'), refs), s.read({ ...fakeRun('hog'), name: 'hog-2', root: '/elsewhere', path: '/elsewhere/hog' }, refs), s.read(fakeRun('fine'), refs)]);
  assert.match(a.errors[0].message, /^hog: reading this run needed more than 32 MB/);
  assert.match(b.errors[0].message, /^hog-2: reading this run needed more than 32 MB/);
  assert.deepEqual(fine, { series: [], errors: [] });
});

test('the same series of the same run asked twice at once: one read in the thread, both callers answered', { timeout: 60_000 }, async () => {
  const s = service();
  const [a, b] = await Promise.all([s.read(runs[0], refs), s.read(runs[0], refs)]);
  assert.equal(a, b, 'one shared result');
  assert.equal(a.series.length, 2);
});

test('an idle thread is stopped (its heap goes back to the system); the next read starts a fresh one', { timeout: 60_000 }, async () => {
  const indexed = (key: string) => runs.find((r) => r.key === key);
  const s = createSeriesService({ indexed, fallback: () => new InProcessSeriesService({ readerFor, indexed }), idleStopMs: 300 });
  assert.ok(s instanceof WorkerSeriesService);
  services.push(s);
  const first = await s.read(runs[0], refs);
  assert.equal(s.threadRunning, true);
  await new Promise((r) => setTimeout(r, 1000));
  assert.equal(s.threadRunning, false, 'stopped after 300 ms idle');
  const again = await s.read(runs[0], refs);
  assert.deepEqual(plain(again), plain(first));
  assert.equal(s.inProcess, false, 'a stop for idleness is no crash: still reading in a thread');
});

test('a thread that cannot start: reads go to the in-process fallback', { timeout: 60_000 }, async () => {
  const s = fake({ entry: { evalCode: `throw new Error('no threads here')` } });
  const res = await s.read(runs[0], refs);
  assert.equal(res.series.length, 2);
  assert.equal(s.inProcess, true);
  assert.equal((await s.read(runs[1], refs)).series.length, 2);
});
