// Reader threads: the pooled index equals the in-process one, a pool that cannot start falls back,
// cancel stops a pass, and read progress counts runs.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { generateDemo } from '../../../src/demo/generate';
import { Indexer, type IndexProgress } from '../../../src/core/index/indexer';
import { IndexStore } from '../../../src/core/index/store';
import type { RunReadPool } from '../../../src/core/index/run-summaries';
import { readers } from '../../../src/core/sources/registry';
import { ReadPool } from '../../../src/worker/read-pool';
import { tempDir } from '../../helpers/tmp';

/** The demo plus damage (a malformed line, a non-finite value), so errors and NaN travel through the threads too. */
async function damagedDemo(): Promise<string> {
  const dir = path.join(tempDir(), 'demo');
  await generateDemo(dir, 11);
  const exp = fs.readdirSync(path.join(dir, 'mlruns')).find((e) => /^\d+$/.test(e) && e !== '0')!;
  const run = fs.readdirSync(path.join(dir, 'mlruns', exp)).find((r) => fs.existsSync(path.join(dir, 'mlruns', exp, r, 'metrics')))!;
  const metric = path.join(dir, 'mlruns', exp, run, 'metrics', 'train_loss');
  fs.appendFileSync(metric, 'not a metric line\n1700000000000 -inf 999\n');
  return dir;
}

/** Everything the index holds: runs with summaries, every preview, and the errors. */
async function indexWith(dir: string, pool: RunReadPool | undefined) {
  const store = await IndexStore.open();
  const pass = await new Indexer({ store, readers, pool }).indexFolders([dir]);
  const runs = store.runs();
  const previews = store.previews(runs.map((r) => r.key));
  return { pass, runs, previews: [...previews.entries()].sort(([a], [b]) => a.localeCompare(b)), errors: store.errors() };
}

/** Counts what the pool read and what it handed back to the indexer. */
function counting(pool: RunReadPool) {
  const counts = { read: 0, declined: 0 };
  const wrapped: RunReadPool = {
    handles: (f) => pool.handles(f),
    read: (run, signal) => {
      counts.read++;
      return pool.read(run, signal).catch((err) => {
        counts.declined++;
        throw err;
      });
    },
  };
  return { wrapped, counts };
}

test('the pooled index equals the in-process index on the demo workspace', async () => {
  const dir = await damagedDemo();
  const pool = ReadPool.create({ threads: 2 });
  assert.ok(pool, 'a reader thread entry is found when running from source');
  try {
    const { wrapped, counts } = counting(pool);
    const pooled = await indexWith(dir, wrapped);
    const local = await indexWith(dir, undefined);
    // 20 MLflow file-store runs and 4 Hugging Face runs go to the threads; the 20 mlflow.db runs stay here.
    assert.equal(counts.read, 24);
    assert.equal(counts.declined, 0);
    assert.equal(pooled.runs.length, 44);
    assert.ok(pooled.errors.some((e) => /not a metric line|malformed|expected 2 or 3 fields/.test(e.message)), JSON.stringify(pooled.errors));
    assert.ok(pooled.runs.some((r) => r.series.some((s) => s.min === -Infinity)), '-inf survives the threads');
    assert.deepEqual(pooled.runs, local.runs);
    assert.deepEqual(pooled.previews, local.previews);
    assert.deepEqual(pooled.errors, local.errors);
    assert.deepEqual(pooled.pass.errors, local.pass.errors);
  } finally {
    pool.close();
  }
});

test('a pool whose threads cannot start hands every run back and the index is complete', async () => {
  const dir = path.join(tempDir(), 'demo');
  await generateDemo(dir, 3);
  const pool = ReadPool.create({ threads: 2, entry: { file: path.join(tempDir(), 'missing-read-worker.js') } })!;
  try {
    const { wrapped, counts } = counting(pool);
    const broken = await indexWith(dir, wrapped);
    const local = await indexWith(dir, undefined);
    assert.ok(counts.declined >= 1);
    assert.equal(counts.declined, counts.read);
    assert.equal(pool.handles('mlflow-file'), false, 'a pool that never started declines the next passes at once');
    assert.deepEqual(broken.runs, local.runs);
  } finally {
    pool.close();
  }
});

test('cancel ends a pooled pass early and marks it cancelled', async () => {
  const dir = path.join(tempDir(), 'demo');
  await generateDemo(dir, 5);
  const pool = ReadPool.create({ threads: 1 })!;
  try {
    const controller = new AbortController();
    const guarded: RunReadPool = {
      handles: (f) => pool.handles(f),
      read: (run, signal) => {
        const p = pool.read(run, signal);
        controller.abort(); // cancel while the first run is in a thread
        return p;
      },
    };
    const store = await IndexStore.open();
    const pass = await new Indexer({ store, readers, pool: guarded }).indexFolders([dir], { signal: controller.signal });
    assert.equal(pass.cancelled, true);
    assert.ok(store.runs().length < 44, 'the cancelled source was not written');
  } finally {
    pool.close();
  }
});

test('read progress counts runs and ends with every listed run done', async () => {
  const dir = path.join(tempDir(), 'demo');
  await generateDemo(dir, 9);
  const pool = ReadPool.create({ threads: 2 })!;
  try {
    const events: IndexProgress[] = [];
    const store = await IndexStore.open();
    await new Indexer({ store, readers, pool }).indexFolders([dir], { onProgress: (p) => events.push(p) });
    const reads = events.filter((e) => e.phase === 'read');
    assert.ok(reads.length >= 3, 'one per source at least');
    for (const e of reads) assert.ok(e.done <= e.total, JSON.stringify(e));
    const last = reads[reads.length - 1];
    assert.deepEqual([last.done, last.total], [44, 44]);
  } finally {
    pool.close();
  }
});
