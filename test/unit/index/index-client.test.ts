// The host side of the index worker, with the real worker thread: a pass's runs arrive as a delta equal
// to the index, an append replaces only its run, a removed run goes, previews come from the worker,
// the persisted index is shown without a pass (warm start: the runs file first, corrected from the database),
// and a crashed worker restarts.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Worker } from 'node:worker_threads';
import { generateDemo } from '../../../src/demo/generate';
import { Indexer } from '../../../src/core/index/indexer';
import { IndexStore } from '../../../src/core/index/store';
import type { IndexedRun } from '../../../src/core/index/types';
import { readers } from '../../../src/core/sources/registry';
import { IndexClient, type IndexRequest } from '../../../src/worker/index-client';
import { readRunsSnapshot, runsSnapshotFile, writeRunsSnapshot } from '../../../src/worker/runs-snapshot';
import { findWorkerEntry } from '../../../src/worker/worker-entry';
import { tempDir } from '../../helpers/tmp';

const entry = findWorkerEntry('index-worker');

function client(indexFile: string) {
  const changes = { count: 0 };
  const logs: string[] = [];
  const c = new IndexClient({ entry: entry!, indexFile, onChange: () => changes.count++, log: (_level, message) => logs.push(message) });
  return { c, changes, logs };
}

async function until(what: string, fn: () => boolean): Promise<void> {
  for (let i = 0; i < 200 && !fn(); i++) await new Promise((r) => setTimeout(r, 50));
  assert.ok(fn(), what);
}

const request = (dir: string, changed: string[] = []): IndexRequest => ({
  folders: [dir],
  extraRoots: [],
  tables: [],
  baseDir: dir,
  changed,
  includeDeleted: false,
  maxDepth: 6,
  excludedNames: ['node_modules', '.git'],
});

const byKey = (runs: IndexedRun[]) => [...runs].sort((a, b) => a.key.localeCompare(b.key));

async function setup() {
  assert.ok(entry, 'the worker source is found under tsx');
  const tmp = tempDir();
  const dir = path.join(tmp, 'demo');
  await generateDemo(dir, 5);
  return { dir, indexFile: path.join(tmp, 'storage', 'index.sqlite') };
}

/** The same folder indexed in this thread: what the host must end up showing. */
async function expected(dir: string) {
  const store = await IndexStore.open();
  await new Indexer({ store, readers }).indexFolders([dir]);
  return store;
}

test('a pass reaches the host as deltas equal to the index; an append replaces only its run; a removal removes', async () => {
  const { dir, indexFile } = await setup();
  const { c, changes } = client(indexFile);
  try {
    await c.start();
    assert.equal(c.runs().length, 0);
    const first = await c.index(request(dir)).outcome;
    assert.equal(first.kind, 'done');
    assert.deepEqual(byKey(c.runs()), byKey((await expected(dir)).runs()));
    assert.equal(changes.count, 1);

    const before = new Map(c.runs().map((r) => [r.key, r]));
    const again = await c.index(request(dir)).outcome;
    assert.equal(again.kind === 'done' && again.result.reread, 0);
    assert.equal(changes.count, 1, 'a pass that changed nothing is not a change');
    assert.ok(c.runs().every((r) => before.get(r.key) === r), 'no run was replaced');

    const target = c.runs().find((r) => r.format === 'mlflow-file')!;
    const metric = path.join(target.path, 'metrics', 'f1_de');
    fs.appendFileSync(metric, `${Date.now()} 0.99 6000\n`);
    const roots = again.kind === 'done' ? again.result.roots : [];
    assert.ok(roots.length > 0);
    await c.index(request(dir, [metric])).outcome;
    assert.equal(changes.count, 2);
    const replaced = c.runs().filter((r) => before.get(r.key) !== r);
    assert.deepEqual(replaced.map((r) => r.key), [target.key], 'only the appended run came in the delta');
    assert.equal(replaced[0].series.find((s) => s.key === 'f1_de')!.lastStep, 6000);

    const victim = c.runs().find((r) => r.format === 'hf-trainer')!;
    fs.rmSync(victim.path, { recursive: true });
    await c.index(request(dir)).outcome;
    assert.deepEqual(c.runsByKey([victim.key]), []);
    assert.deepEqual(byKey(c.runs()), byKey((await expected(dir)).runs()));
  } finally {
    c.dispose();
  }
});

test('previews come from the worker, equal to the index', async () => {
  const { dir, indexFile } = await setup();
  const { c } = client(indexFile);
  try {
    await c.start();
    await c.index(request(dir)).outcome;
    const keys = c.runs().slice(0, 3).map((r) => r.key);
    const got = await c.previews(keys);
    const want = (await expected(dir)).previews(keys);
    assert.deepEqual([...got.keys()], keys);
    for (const k of keys) assert.deepEqual(got.get(k), want.get(k));
    assert.ok([...got.values()].flat().some((p) => p.preview && p.preview.byteLength > 0));
  } finally {
    c.dispose();
  }
});

test('warm start: a new worker shows the persisted runs before any pass', async () => {
  const { dir, indexFile } = await setup();
  const first = client(indexFile);
  await first.c.start();
  await first.c.index(request(dir)).outcome;
  await first.c.flush();
  const shown = byKey(first.c.runs());
  first.c.dispose();

  const second = client(indexFile);
  try {
    await second.c.start();
    assert.equal(second.changes.count, 1);
    assert.deepEqual(byKey(second.c.runs()), shown);
    assert.ok(second.logs.some((l) => /runs from the runs file/.test(l)), second.logs.join('\n'));
    // Written with the database (same write token): taken as it is, not compared run by run.
    await until('the database was opened and matched', () => second.logs.some((l) => /the runs file was written with it/.test(l)));
    assert.equal(second.changes.count, 1, 'a runs file that matches the database is no change');
  } finally {
    second.c.dispose();
  }
});

test('a runs file of an earlier write of the index (a worker stopped between the two files) is compared and corrected', async () => {
  const { dir, indexFile } = await setup();
  const first = client(indexFile);
  await first.c.start();
  await first.c.index(request(dir)).outcome;
  await first.c.flush();
  const earlier = fs.readFileSync(runsSnapshotFile(indexFile));
  // Another write of the index: one run's metric grew.
  const run = first.c.runs().find((r) => r.format === 'mlflow-file')!;
  const metric = path.join(run.path, 'metrics', run.series[0].key);
  fs.appendFileSync(metric, `${Date.now()} 0.123 999999\n`);
  await first.c.index(request(dir, [metric])).outcome;
  await first.c.flush();
  const truth = byKey(first.c.runs());
  first.c.dispose();

  // The index file of the second write with the runs file of the first: a valid file, its token another write's.
  fs.writeFileSync(runsSnapshotFile(indexFile), earlier);
  const second = client(indexFile);
  try {
    await second.c.start();
    assert.notEqual(second.c.runsByKey([run.key])[0].series[0].lastStep, 999999, 'the earlier runs file came first');
    await until('the correction arrived', () => second.logs.some((l) => /1 runs differed/.test(l)));
    assert.deepEqual(byKey(second.c.runs()), truth);
  } finally {
    second.c.dispose();
  }
});

test('a stale runs file is shown first, then corrected from the database; without one the database is read', async () => {
  const { dir, indexFile } = await setup();
  const first = client(indexFile);
  await first.c.start();
  await first.c.index(request(dir)).outcome;
  await first.c.flush();
  const truth = byKey(first.c.runs());
  first.c.dispose();

  // The runs file of an older index: one run renamed, one run that is gone since, one missing.
  const [renamed, missing, ...rest] = truth;
  const ghost = { ...rest[0], key: `${rest[0].key}-ghost`, name: 'ghost' };
  await writeRunsSnapshot(indexFile, [{ ...renamed, name: 'old name' }, ...rest, ghost], []);
  const second = client(indexFile);
  try {
    await second.c.start();
    assert.ok(second.c.runsByKey([ghost.key]).length === 1, 'the runs file came first');
    await until('the correction arrived', () => second.changes.count === 2);
    assert.deepEqual(byKey(second.c.runs()), truth);
    assert.equal(second.c.runsByKey([missing.key]).length, 1);
    let rewritten: IndexedRun[] | undefined;
    await until('the stale runs file was rewritten', () => {
      void readRunsSnapshot(indexFile).then((s) => (rewritten = s?.runs));
      return rewritten !== undefined && JSON.stringify(byKey(rewritten)) === JSON.stringify(truth);
    });
  } finally {
    second.c.dispose();
  }

  fs.rmSync(runsSnapshotFile(indexFile));
  const third = client(indexFile);
  try {
    await third.c.start();
    assert.deepEqual(byKey(third.c.runs()), truth);
    assert.ok(third.logs.some((l) => /runs from the database/.test(l)), third.logs.join('\n'));
    await until('the runs file was written again', () => fs.existsSync(runsSnapshotFile(indexFile)));
  } finally {
    third.c.dispose();
  }
});

test('a crashed worker settles what was pending and restarts from the persisted index on the next request', async () => {
  const { dir, indexFile } = await setup();
  const { c } = client(indexFile);
  const crash = () => (c as unknown as { worker: Worker }).worker.terminate();
  try {
    await c.start();
    await c.index(request(dir)).outcome;
    await c.flush();
    const shown = byKey(c.runs());

    const pending = c.index(request(dir)).outcome;
    const previews = c.previews([shown[0].key]);
    await crash();
    assert.deepEqual(await pending, { kind: 'stopped' });
    assert.equal((await previews).size, 0);

    fs.appendFileSync(path.join(shown.find((r) => r.format === 'mlflow-file')!.path, 'metrics', 'f1_de'), `${Date.now()} 0.5 7000\n`);
    const after = await c.index(request(dir)).outcome;
    assert.equal(after.kind, 'done');
    assert.equal(after.kind === 'done' && after.result.reread, 1, 'the restarted worker reused the persisted index');
    assert.deepEqual(byKey(c.runs()), byKey((await expected(dir)).runs()));
    assert.equal((await c.previews([shown[0].key])).size, 1);
  } finally {
    c.dispose();
  }
});

test('as a child process (how it runs under an address-space limit) the worker sends the same runs and previews', async () => {
  const { dir, indexFile } = await setup();
  const c = new IndexClient({ entry: entry!, indexFile, onChange: () => undefined, log: () => undefined, ownProcess: true });
  try {
    await c.start();
    const pass = await c.index(request(dir)).outcome;
    assert.equal(pass.kind, 'done');
    const want = await expected(dir);
    assert.deepEqual(byKey(c.runs()), byKey(want.runs()));
    const keys = c.runs().slice(0, 2).map((r) => r.key);
    const got = await c.previews(keys);
    for (const k of keys) assert.deepEqual(got.get(k), want.previews(keys).get(k));
  } finally {
    c.dispose();
  }
});
