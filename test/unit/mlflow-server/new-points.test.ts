// Polling a live server run reads only the points it logged since the last pass (get-history-bulk-interval
// over the new steps), and the stored summaries and previews come out as a full re-read gives them. A server
// without the endpoint, or a range too big for it, falls back to the whole history, still right.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { decodePreview } from '../../../src/core/analysis';
import { Indexer } from '../../../src/core/index/indexer';
import { IndexStore } from '../../../src/core/index/store';
import { configureServer, mlflowServerReader, serverRoot } from '../../../src/core/sources/mlflow-server';
import { MlflowTestServer, type Faults } from '../../support/mlflow-test-server';
import { generatedRuns, storeOf } from '../../support/mlflow-test-store';

const BOUNDED = { timeout: 60_000 };

async function serve(faults: Faults = {}) {
  // 12 runs, two of them RUNNING; 300 points per metric.
  const server = new MlflowTestServer(storeOf(generatedRuns(12, 300)), { faults });
  const url = await server.start();
  configureServer(url, { backoffMs: 2 });
  return { server, root: serverRoot(url) };
}

/** The live run's loss logs `n` more points (with a NaN and a new minimum among them). */
function grow(server: MlflowTestServer, n: number): string {
  const live = server.store.runs.find((r) => r.run.status === 'running')!;
  const loss = live.run.metrics.find((m) => m.key === 'loss')!.points;
  const last = loss[loss.length - 1];
  for (let i = 1; i <= n; i++) loss.push({ step: last.step + i, value: i === 2 ? NaN : i === n - 1 ? -1 : 0.5 / i, time: last.time + 10 * i });
  return live.run.id;
}

/** Every series of the run as a fresh index (a full read) stores it. */
async function fullRead(root: ReturnType<typeof serverRoot>, runId: string) {
  const store = await IndexStore.open();
  await new Indexer({ store, readers: [mlflowServerReader] }).indexRoots([root]);
  const key = store.runs().find((r) => r.id === runId)!.key;
  return store.previews([key]).get(key)!;
}

async function polled(faults: Faults, added: number) {
  const { server, root } = await serve(faults);
  const store = await IndexStore.open();
  const indexer = new Indexer({ store, readers: [mlflowServerReader] });
  await indexer.indexRoots([root]);
  const runId = grow(server, added);
  server.requests.length = 0;
  server.pointsServed = 0;
  const pass = await indexer.indexRoots([root]);
  const requests = { history: server.count('metrics/get-history'), bulk: server.count('metrics/get-history-bulk-interval'), points: server.pointsServed };
  const key = store.runs().find((r) => r.id === runId)!.key;
  const got = store.previews([key]).get(key)!;
  const want = await fullRead(root, runId);
  await server.stop();
  return { pass, requests, got, want };
}

function assertSameAsFullRead(got: Awaited<ReturnType<typeof polled>>['got'], want: typeof got): void {
  assert.deepEqual(got.map((s) => s.summary), want.map((s) => s.summary), 'summaries as a full re-read gives them');
  for (const [i, w] of want.entries()) {
    const a = decodePreview(got[i].preview!)!;
    const b = decodePreview(w.preview!)!;
    const extreme = (p: typeof a, f: 'min' | 'max') => (f === 'min' ? Math.min(...p.min.filter((v) => !Number.isNaN(v))) : Math.max(...p.max.filter((v) => !Number.isNaN(v))));
    assert.ok(a.x.length <= 256 && a.x.length >= b.x.length * 0.85, `${w.summary.key}: ${a.x.length} buckets vs ${b.x.length} (old buckets that now share one merge)`);
    assert.equal(a.x.at(-1), b.x.at(-1), 'the preview reaches the new last step');
    assert.equal(a.last.at(-1), b.last.at(-1));
    assert.equal(extreme(a, 'min'), extreme(b, 'min'), 'spikes survive the merge');
    assert.equal(extreme(a, 'max'), extreme(b, 'max'));
  }
}

test('a live run that gained 40 points: one bulk-interval request for the metric that moved, only the new points served', BOUNDED, async () => {
  const { pass, requests, got, want } = await polled({}, 40);
  assert.equal(pass.reread, 1, 'only the live run whose metrics moved');
  // Before: get-history of both metrics of the run, 600 points.
  assert.deepEqual(requests, { history: 0, bulk: 1, points: 41 }, 'the 40 new points and the stored last one (the range starts at it)');
  assertSameAsFullRead(got, want);
  const loss = got.find((s) => s.summary.key === 'loss')!.summary;
  assert.equal(loss.count, 340);
  assert.equal(loss.min, -1);
  assert.equal(loss.nanCount, 1);
});

test('a server without get-history-bulk-interval re-reads the whole history of the run, with the same result', BOUNDED, async () => {
  const { requests, got, want } = await polled({ noBulkInterval: true }, 40);
  assert.equal(requests.history, 2);
  assert.equal(requests.points, 640);
  assertSameAsFullRead(got, want);
});

test('more new steps than bulk-interval returns unsampled: the whole history instead, never a sample in the index', BOUNDED, async () => {
  const { requests, got, want } = await polled({}, 2600);
  assert.equal(requests.bulk, 1);
  assert.equal(requests.history, 2);
  assertSameAsFullRead(got, want);
  assert.equal(got.find((s) => s.summary.key === 'loss')!.summary.count, 2900);
});
