// A full pass over a store whose files did not change keeps its runs without listing them (the tree
// fingerprint in IndexStore.sourceFingerprint); every kind of change must still be picked up by the next
// full pass: an appended metric, a new, deleted or renamed run, a changed param or experiment, a new empty
// folder, other listing options, and a change the watcher did not report.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Indexer } from '../../../src/core/index/indexer';
import { IndexStore } from '../../../src/core/index/store';
import type { SourceReader } from '../../../src/core/model';
import { mlflowFileReader } from '../../../src/core/sources/mlflow-file';
import { experimentIds, writeMlflowFileStore } from '../../../src/demo/writers/mlflow-file';
import type { WriterRun } from '../../../src/demo/writers/types';
import { tempDir } from '../../helpers/tmp';

const T0 = Date.UTC(2026, 0, 1);

function writerRun(i: number, extra: Partial<WriterRun> = {}): WriterRun {
  return {
    id: `run${i}`.padEnd(32, '0'),
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

/** A store of three runs (and one deleted run) indexed once; `listed` counts listRuns calls. */
async function indexedStore() {
  const dir = path.join(tempDir(), 'mlruns');
  const runs = [writerRun(0), writerRun(1), writerRun(2), writerRun(3, { deleted: true })];
  writeMlflowFileStore(dir, runs);
  const counter = { listed: 0 };
  const reader: SourceReader = {
    ...mlflowFileReader,
    listRuns: (root, options) => {
      counter.listed++;
      return mlflowFileReader.listRuns(root, options);
    },
  };
  const store = await IndexStore.open();
  const indexer = new Indexer({ store, readers: [reader] });
  const first = await indexer.indexFolders([dir]);
  assert.equal(first.reread, 3);
  const expDir = path.join(dir, experimentIds(runs).get('sweep')!);
  const runDir = (i: number) => path.join(expDir, runs[i].id);
  const run = (i: number) => store.runs().find((r) => r.id === runs[i].id);
  return { dir, expDir, runDir, run, store, indexer, reader, counter };
}

/** Moves a file's mtime on, as a later write would (a same-size rewrite within one clock tick would not show). */
function touchLater(file: string): void {
  const later = new Date(fs.statSync(file).mtimeMs + 10_000);
  fs.utimesSync(file, later, later);
}

test('a pass over an unchanged store keeps its runs and errors without listing them', async () => {
  const { dir, expDir, store, indexer, counter } = await indexedStore();
  fs.mkdirSync(path.join(expDir, 'not-a-run'));
  const withError = await indexer.indexFolders([dir]);
  assert.ok(withError.errors.some((e) => e.message.includes('no meta.yaml')), 'the folder without meta.yaml is reported');
  const before = store.runs();
  const listedBefore = counter.listed;
  store.takeChanges();
  const again = await indexer.indexFolders([dir]);
  assert.equal(counter.listed, listedBefore, 'not listed again');
  assert.deepEqual([again.runs, again.reused, again.reread], [3, 3, 0]);
  assert.deepEqual(again.errors, withError.errors, 'the stored errors are reported as the listing reported them');
  assert.deepEqual(store.runs(), before);
  assert.deepEqual(store.takeChanges(), { changed: [], removed: [] }, 'nothing written');
});

test('the skip survives persistence, and a change made while the index was closed is picked up', async () => {
  const { dir, runDir, store, reader, counter } = await indexedStore();
  const reopened = await IndexStore.open(store.export());
  const indexer = new Indexer({ store: reopened, readers: [reader] });
  const listed = counter.listed;
  assert.equal((await indexer.indexFolders([dir])).reused, 3);
  assert.equal(counter.listed, listed);
  fs.appendFileSync(path.join(runDir(1), 'metrics', 'loss'), `${T0 + 5000} 0.125 3\n`);
  const pass = await indexer.indexFolders([dir]);
  assert.equal(pass.reread, 1);
  assert.equal(reopened.runs().find((r) => r.path === runDir(1))!.series[0].last, 0.125);
});

test('an appended metric is picked up by the next full pass', async () => {
  const { dir, runDir, run, indexer } = await indexedStore();
  fs.appendFileSync(path.join(runDir(0), 'metrics', 'loss'), `${T0 + 5000} 0.125 3\n`);
  const pass = await indexer.indexFolders([dir]);
  assert.equal(pass.reread, 1);
  const loss = run(0)!.series.find((s) => s.key === 'loss')!;
  assert.deepEqual([loss.count, loss.last, loss.lastStep], [4, 0.125, 3]);
});

test('a new run and a deleted run are picked up by the next full pass', async () => {
  const { dir, runDir, store, indexer } = await indexedStore();
  writeMlflowFileStore(dir, [writerRun(4)]);
  fs.rmSync(runDir(2), { recursive: true });
  const pass = await indexer.indexFolders([dir]);
  assert.equal(pass.runs, 3);
  const names = store.runs().map((r) => r.name).sort();
  assert.deepEqual(names, ['run-0', 'run-1', 'run-4']);
});

test('a param rewritten in place (same size) and a new param are picked up by the next full pass', async () => {
  const { dir, runDir, run, indexer } = await indexedStore();
  const lr = path.join(runDir(1), 'params', 'lr');
  fs.writeFileSync(lr, '0.2');
  touchLater(lr);
  await indexer.indexFolders([dir]);
  assert.equal(run(1)!.params.lr, '0.2');
  fs.writeFileSync(path.join(runDir(1), 'params', 'batch_size'), '64');
  await indexer.indexFolders([dir]);
  assert.deepEqual(run(1)!.params, { lr: '0.2', seed: '1', batch_size: '64' });
});

test('a run whose status changed in meta.yaml is picked up by the next full pass', async () => {
  const { dir, runDir, run, indexer } = await indexedStore();
  const meta = path.join(runDir(0), 'meta.yaml');
  fs.writeFileSync(meta, fs.readFileSync(meta, 'utf8').replace(/^status: \d+$/m, 'status: 4'));
  touchLater(meta);
  await indexer.indexFolders([dir]);
  assert.equal(run(0)!.status, 'failed');
});

test('a renamed run folder and a renamed experiment are picked up by the next full pass', async () => {
  const { dir, expDir, runDir, store, indexer } = await indexedStore();
  const renamed = path.join(expDir, 'f'.repeat(32));
  fs.renameSync(runDir(0), renamed);
  await indexer.indexFolders([dir]);
  assert.ok(store.runs().some((r) => r.path === renamed), 'the run is found at its new folder');
  assert.ok(!store.runs().some((r) => r.path === runDir(0)), 'and not at the old one');
  const meta = path.join(expDir, 'meta.yaml');
  fs.writeFileSync(meta, fs.readFileSync(meta, 'utf8').replace(/^name: sweep$/m, 'name: swept'));
  touchLater(meta);
  await indexer.indexFolders([dir]);
  assert.deepEqual([...new Set(store.runs().map((r) => r.experiment))], ['swept']);
});

test('a new empty folder in an experiment is reported by the next full pass', async () => {
  const { dir, expDir, indexer } = await indexedStore();
  fs.mkdirSync(path.join(expDir, 'half-written'));
  const pass = await indexer.indexFolders([dir]);
  assert.ok(pass.errors.some((e) => e.path.endsWith('half-written') && e.message.includes('no meta.yaml')), JSON.stringify(pass.errors));
  // Named like a folder a run's own walk skips: the listing still sees it.
  fs.mkdirSync(path.join(expDir, '__pycache__'));
  const next = await indexer.indexFolders([dir]);
  assert.ok(next.errors.some((e) => e.path.endsWith('__pycache__')), JSON.stringify(next.errors));
});

test('other listing options list the store again (deleted runs shown)', async () => {
  const { dir, store, reader, counter } = await indexedStore();
  const listed = counter.listed;
  const withDeleted = new Indexer({ store, readers: [reader], includeDeleted: true });
  const pass = await withDeleted.indexFolders([dir]);
  assert.equal(counter.listed, listed + 1);
  assert.equal(pass.runs, 4);
  assert.ok(store.runs().some((r) => r.deleted));
});

test('a watcher pass leaves the store to be checked again: a change it was not told about is picked up by the next full pass', async () => {
  const { dir, runDir, run, indexer } = await indexedStore();
  const told = path.join(runDir(0), 'metrics', 'loss');
  const untold = path.join(runDir(2), 'metrics', 'loss');
  fs.appendFileSync(told, `${T0 + 5000} 0.25 3\n`);
  fs.appendFileSync(untold, `${T0 + 5000} 0.5 3\n`);
  const roots = (await indexer.indexFolders([dir], {})).roots;
  // Both appends were seen by that full pass; now one more each, and the watcher reports only the first.
  fs.appendFileSync(told, `${T0 + 6000} 0.2 4\n`);
  fs.appendFileSync(untold, `${T0 + 6000} 0.4 4\n`);
  const watched = await indexer.reindexChanged([dir], roots, [told]);
  assert.equal(watched.reread, 1);
  assert.equal(run(0)!.series[0].last, 0.2);
  assert.equal(run(2)!.series[0].last, 0.5, 'the watcher pass did not look at the run it was not told about');
  const full = await indexer.indexFolders([dir]);
  assert.equal(full.reread, 1);
  assert.equal(run(2)!.series[0].last, 0.4);
});

test('a listing that failed is tried again by the next full pass, though no file changed', async () => {
  const { dir, store, counter } = await indexedStore();
  let fail = true;
  const flaky: SourceReader = {
    ...mlflowFileReader,
    listRuns: (root, options) => {
      counter.listed++;
      if (fail) return Promise.reject(new Error('EMFILE: too many open files'));
      return mlflowFileReader.listRuns(root, options);
    },
  };
  const indexer = new Indexer({ store, readers: [flaky] });
  // A change, so the pass lists (and fails); then nothing changes, and the next pass must list again.
  writeMlflowFileStore(dir, [writerRun(4)]);
  const failed = await indexer.indexFolders([dir]);
  assert.ok(failed.errors.some((e) => e.message.includes('EMFILE')));
  fail = false;
  const listed = counter.listed;
  const retried = await indexer.indexFolders([dir]);
  assert.equal(counter.listed, listed + 1);
  assert.equal(retried.runs, 4);
});
