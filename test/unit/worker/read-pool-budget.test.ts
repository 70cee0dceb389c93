// Reader threads have a heap limit (resourceLimits) and a time budget per run. A run over either is
// given up with a message (RunReadAbandoned) and not re-read in-process, where it would hang or
// exhaust the indexing thread the same way; the other runs of that thread are still read.
// The thread here is a stand-in whose behaviour each run id selects (no real reader involved).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ReadPool } from '../../../src/worker/read-pool';
import { RunReadAbandoned } from '../../../src/core/index/run-summaries';
import { Indexer } from '../../../src/core/index/indexer';
import type { RunInfo } from '../../../src/core/model';

const FAKE_THREAD = `
const { parentPort } = require('node:worker_threads');
parentPort.postMessage({ type: 'ready' });
const hoard = [];
parentPort.on('message', (m) => {
  if (m.type !== 'read') return;
  if (m.run.id === 'spin') for (;;) {}
  if (m.run.id === 'hog') for (;;) hoard.push(new Array(100000).fill(hoard.length));
  if (m.run.id === 'slow-ok') { setTimeout(() => parentPort.postMessage({ type: 'done', id: m.id, summaries: [], errors: [] }), 50); return; }
  parentPort.postMessage({ type: 'done', id: m.id, summaries: [], errors: [] });
});
`;

function run(id: string): RunInfo {
  return { format: 'mlflow-file', id, root: '/nowhere', path: `/nowhere/${id}`, experiment: 'e', name: id, status: 'finished', params: {}, tags: {}, checkpoints: [] } as unknown as RunInfo;
}

test('a run over its time budget is abandoned with a message; the pool keeps working', { timeout: 60_000 }, async () => {
  const pool = ReadPool.create({ entry: { evalCode: FAKE_THREAD }, threads: 1, runBudgetMs: 500 })!;
  try {
    const spin = pool.read(run('spin'));
    const sibling = pool.read(run('slow-ok')); // same thread, queued behind the stuck one
    await assert.rejects(spin, (err: unknown) => err instanceof RunReadAbandoned && /longer than/.test((err as Error).message));
    // the innocent run on the stopped thread is handed back (the indexer reads it itself), not abandoned
    await assert.rejects(sibling, (err: unknown) => !(err instanceof RunReadAbandoned));
    assert.deepEqual(await pool.read(run('fine')), { summaries: [], errors: [] });
  } finally {
    pool.close();
  }
});

test('a run exhausting the thread heap limit is abandoned with a message', { timeout: 120_000 }, async () => {
  const pool = ReadPool.create({ entry: { evalCode: FAKE_THREAD }, threads: 1, heapMb: 64, runBudgetMs: 60_000 })!;
  try {
    await assert.rejects(pool.read(run('hog')), (err: unknown) => err instanceof RunReadAbandoned && /more than 64 MB/.test((err as Error).message));
    assert.deepEqual(await pool.read(run('fine')), { summaries: [], errors: [] }, 'a new thread starts for the next run');
  } finally {
    pool.close();
  }
});

test('the indexer records an abandoned run as an error instead of reading it in-process', { timeout: 30_000 }, async () => {
  const abandoning = {
    handles: () => true,
    read: () => Promise.reject(new RunReadAbandoned('reading this run took longer than 1 s; stopped')),
  };
  let readHere = 0;
  const reader = {
    format: 'mlflow-file' as const,
    detect: async () => ({ roots: [] }),
    listRuns: async () => ({ runs: [run('spin')], errors: [] }),
    readSeries: async () => {
      readHere++;
      return { series: [], errors: [] };
    },
  };
  const { IndexStore } = await import('../../../src/core/index/store');
  const store = await IndexStore.open();
  const pass = await new Indexer({ store, readers: [reader], pool: abandoning }).indexRoots([{ format: 'mlflow-file', path: '/nowhere' }]);
  assert.equal(readHere, 0);
  assert.ok(pass.errors.some((e) => e.runId === 'spin' && /longer than/.test(e.message)));
});
