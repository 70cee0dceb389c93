// The reader against the local test MLflow server (test/support/mlflow-test-server.ts): a 10,000-run store
// listed through runs/search paging, the faults a real deployment has (auth, 429 + Retry-After, 5xx bursts,
// dropped connections, slow answers + cancellation, a server too old for get-history-bulk-interval, an
// artifacts-only server), and the index as a cache: an unchanged server is not asked for histories again.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { Indexer } from '../../../src/core/index/indexer';
import { IndexStore } from '../../../src/core/index/store';
import type { RunInfo } from '../../../src/core/model';
import { configureServer, mlflowServerReader, serverRoot } from '../../../src/core/sources/mlflow-server';
import { testConnection } from '../../../src/core/sources/mlflow-server/connection-test';
import { MlflowTestServer } from '../../support/mlflow-test-server';
import { generatedRuns, storeOf } from '../../support/mlflow-test-store';

const BOUNDED = { timeout: 120_000 };
const FAST_RETRIES = { backoffMs: 2 };

async function serve(count: number, setup: (s: MlflowTestServer) => void = () => undefined) {
  const server = new MlflowTestServer(storeOf(generatedRuns(count)));
  setup(server);
  const url = await server.start();
  configureServer(url, FAST_RETRIES);
  return { server, url, root: serverRoot(url) };
}

let big: Awaited<ReturnType<typeof serve>>;
before(async () => {
  big = await serve(10_000);
});
after(() => big.server.stop());

test('lists 10,000 runs page by page (1,000 per runs/search), the first page before the rest', BOUNDED, async (t) => {
  const pages: number[] = [];
  let firstPageAt = 0;
  const started = performance.now();
  const listed = await mlflowServerReader.listRuns(big.root, {
    onPage: (runs: RunInfo[]) => {
      if (!pages.length) firstPageAt = performance.now() - started;
      pages.push(runs.length);
    },
  });
  const millis = performance.now() - started;
  const active = big.server.store.runs.filter((r) => !r.run.deleted).length;
  assert.deepEqual(listed.errors, []);
  assert.equal(listed.runs.length, active);
  assert.equal(new Set(listed.runs.map((r) => r.id)).size, active, 'no run twice across pages');
  assert.equal(big.server.count('runs/search'), Math.ceil(active / 1000));
  assert.deepEqual(pages.slice(0, -1), pages.slice(0, -1).map(() => 1000));
  t.diagnostic(`listed ${active} runs in ${millis.toFixed(0)} ms (first page after ${firstPageAt.toFixed(0)} ms)`);
  const all = await mlflowServerReader.listRuns(big.root, { includeDeleted: true });
  assert.equal(all.runs.length, 10_000);
  assert.equal(all.runs.filter((r) => r.deleted).length, 10_000 - active);
});

test('an experiment filter by name or by id lists only that experiment', BOUNDED, async () => {
  const exp = big.server.store.experiments.find((e) => e.name === 'sweep-3')!;
  const byName = await mlflowServerReader.listRuns(serverRoot(big.url, 'sweep-3'));
  const byId = await mlflowServerReader.listRuns(serverRoot(big.url, exp.id));
  assert.ok(byName.runs.length > 0);
  assert.ok(byName.runs.every((r) => r.experiment === 'sweep-3'));
  assert.deepEqual(byId.runs.map((r) => r.id), byName.runs.map((r) => r.id));
  const missing = await mlflowServerReader.listRuns(serverRoot(big.url, 'nope'));
  assert.match(missing.errors[0].message, /no experiment named or numbered 'nope'.*sweep-/);
});

test('survives 429 with Retry-After, 5xx bursts and dropped connections', BOUNDED, async () => {
  const { server, root } = await serve(50);
  try {
    server.faults = { rateLimit: { next: 2, retryAfter: '0' } };
    assert.equal((await mlflowServerReader.listRuns(root)).runs.length, 50 - 0);
    server.faults = { burst: { next: 3, status: 503 } };
    assert.equal((await mlflowServerReader.listRuns(root)).errors.length, 0);
    server.faults = { burst: { next: 2, status: 502 } };
    assert.equal((await mlflowServerReader.listRuns(root)).errors.length, 0);
    server.faults = { drop: { next: 2 } };
    const listed = await mlflowServerReader.listRuns(root);
    assert.deepEqual(listed.errors, []);
    const series = await mlflowServerReader.readSeries(listed.runs[0]);
    assert.deepEqual(series.errors, []);
    assert.deepEqual(series.series.map((s) => s.key), ['loss', 'val/acc']);
  } finally {
    await server.stop();
  }
});

test('a burst longer than the retries is reported as offline, naming the status', BOUNDED, async () => {
  const { server, root, url } = await serve(5);
  try {
    configureServer(url, { ...FAST_RETRIES, maxRetries: 2 });
    server.faults = { burst: { next: 10, status: 500 } };
    const listed = await mlflowServerReader.listRuns(root);
    assert.equal(listed.unreachable, true);
    assert.match(listed.errors[0].message, /^offline: .*500 INTERNAL_ERROR/);
  } finally {
    await server.stop();
  }
});

test('cancellation ends a slow listing at once', BOUNDED, async () => {
  const { server, root } = await serve(5, (s) => (s.faults = { slowMs: 5000 }));
  try {
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 50);
    const started = performance.now();
    const listed = await mlflowServerReader.listRuns(root, { signal: controller.signal });
    assert.ok(performance.now() - started < 4000, 'did not wait for the slow answer');
    assert.equal(listed.errors[0].message, 'listing cancelled');
  } finally {
    await server.stop();
  }
});

test('Basic and Bearer auth: right credentials list, none say 401, a user without READ says 403', BOUNDED, async () => {
  const { server, root, url } = await serve(3, (s) => (s.faults = { auth: { kind: 'basic', users: { alice: 's3cret', bob: 'pw' } }, forbiddenUsers: ['bob'] }));
  try {
    const noAuth = await mlflowServerReader.listRuns(root);
    assert.match(noAuth.errors[0].message, /asks for credentials \(401 UNAUTHENTICATED\)/);
    configureServer(url, { ...FAST_RETRIES, auth: { kind: 'basic', username: 'alice', password: 's3cret' } });
    assert.equal((await mlflowServerReader.listRuns(root)).runs.length, 3);
    configureServer(url, { ...FAST_RETRIES, auth: { kind: 'basic', username: 'bob', password: 'pw' } });
    const denied = await mlflowServerReader.listRuns(root);
    assert.match(denied.errors[0].message, /403 PERMISSION_DENIED/);
    assert.doesNotMatch(denied.errors[0].message, /pw|s3cret/, 'no secret in the message');
    server.faults = { auth: { kind: 'bearer', token: 'dapi-xyz' } };
    configureServer(url, { ...FAST_RETRIES, auth: { kind: 'bearer', token: 'dapi-xyz' } });
    assert.equal((await mlflowServerReader.listRuns(root)).runs.length, 3);
  } finally {
    await server.stop();
  }
});

test('sampled reads use get-history-bulk-interval, and get-history on a server too old for it', BOUNDED, async () => {
  const { server, root } = await serve(3);
  const old = await serve(3, (s) => (s.faults = { noBulkInterval: true }));
  try {
    const run = (await mlflowServerReader.listRuns(root)).runs[0];
    const sampled = await mlflowServerReader.readSeries(run, { maxPoints: 5 });
    assert.equal(sampled.sampled, true);
    assert.equal(server.count('metrics/get-history-bulk-interval'), 2);
    assert.equal(server.count('metrics/get-history'), 0);
    assert.ok(sampled.series[0].points.steps.length < 20, 'down-sampled');
    const full = await mlflowServerReader.readSeries(run);
    assert.equal(full.sampled, undefined);
    assert.equal(full.series[0].points.steps.length, 20, 'summaries read every point');

    const oldRun = (await mlflowServerReader.listRuns(old.root)).runs[0];
    const fallback = await mlflowServerReader.readSeries(oldRun, { maxPoints: 5, range: { start: 0, end: 9 } });
    assert.deepEqual(fallback.errors, []);
    assert.equal(fallback.sampled, undefined, 'full points, so not marked sampled');
    assert.deepEqual([...fallback.series[0].points.steps], [0, 1, 2, 3, 4, 5, 6, 7, 8, 9], 'the range still applies');
    await mlflowServerReader.readSeries(oldRun, { maxPoints: 5 });
    assert.equal(old.server.count('metrics/get-history-bulk-interval'), 1, 'the old server is asked once, then remembered');
  } finally {
    await server.stop();
    await old.server.stop();
  }
});

test('an artifacts-only server and a server without experiments/search say so', BOUNDED, async () => {
  const art = await serve(1, (s) => (s.faults = { artifactsOnly: true }));
  const old = await serve(1, (s) => (s.faults = { noSearchExperiments: true }));
  try {
    assert.match((await mlflowServerReader.listRuns(art.root)).errors[0].message, /503.*artifacts-only/);
    assert.match((await mlflowServerReader.listRuns(old.root)).errors[0].message, /does not serve experiments\/search.*≥ 1\.28/);
  } finally {
    await art.server.stop();
    await old.server.stop();
  }
});

test('the index caches: an unchanged server gets no history requests; a live run with a new point is re-read alone; offline keeps the runs', BOUNDED, async () => {
  const { server, root } = await serve(60);
  const store = await IndexStore.open();
  const indexer = new Indexer({ store, readers: [mlflowServerReader] });
  try {
    const first = await indexer.indexRoots([root]);
    assert.equal(first.reread, first.runs);
    assert.equal(server.count('metrics/get-history'), first.runs * 2);
    server.requests.length = 0;
    const second = await indexer.indexRoots([root]);
    assert.equal(second.reused, second.runs);
    assert.equal(server.count('metrics/get-history'), 0);
    assert.equal(server.count('runs/get'), 0);

    const live = server.store.runs.find((r) => r.run.status === 'running')!;
    const loss = live.run.metrics.find((m) => m.key === 'loss')!;
    loss.points.push({ step: 20, value: 0.01, time: loss.points[loss.points.length - 1].time + 10 });
    server.requests.length = 0;
    const third = await indexer.indexRoots([root]);
    assert.equal(third.reread, 1);
    // Only the new point of the metric that moved (test/unit/mlflow-server/new-points.test.ts).
    assert.equal(server.count('metrics/get-history'), 0);
    assert.equal(server.count('metrics/get-history-bulk-interval'), 1);
    const indexed = store.runs().find((r) => r.id === live.run.id)!;
    assert.equal(indexed.series.find((s) => s.key === 'loss')!.count, 21);

    await server.stop();
    const offline = await indexer.indexRoots([root]);
    assert.equal(store.runs().length, first.runs, 'cached runs stay');
    assert.match(offline.errors[0].message, /^offline: .*refused the connection/);
  } finally {
    await server.stop();
  }
});

test('an index pass writes each page of new server runs before reading any history (the tree shows them at once)', BOUNDED, async () => {
  const { server, root } = await serve(2500);
  const store = await IndexStore.open();
  const indexer = new Indexer({ store, readers: [mlflowServerReader] });
  const seen: Array<{ runs: number; histories: number }> = [];
  try {
    await indexer.indexRoots([root], { onListed: () => seen.push({ runs: store.runCount(), histories: server.count('metrics/get-history') }) });
    const active = server.store.runs.filter((r) => !r.run.deleted).length;
    assert.deepEqual(seen, [
      { runs: 1000, histories: 0 },
      { runs: 2000, histories: 0 },
      { runs: active, histories: 0 },
    ]);
    seen.length = 0;
    await indexer.indexRoots([root], { onListed: () => seen.push({ runs: store.runCount(), histories: 0 }) });
    assert.deepEqual(seen, [], 'known runs are not written twice');
  } finally {
    await server.stop();
  }
});

test('the connection test says what failed: 401, 403, too old, artifacts-only, refused; and counts experiments', BOUNDED, async () => {
  const { server, url } = await serve(10, (s) => (s.faults = { auth: { kind: 'basic', users: { ana: 'pw', eve: 'pw' } }, forbiddenUsers: ['eve'] }));
  try {
    const none = await testConnection(url, { kind: 'none' });
    assert.equal(!none.ok && none.error.kind, 'unauthenticated');
    const eve = await testConnection(url, { kind: 'basic', username: 'eve', password: 'pw' });
    assert.equal(!eve.ok && eve.error.kind, 'forbidden');
    assert.deepEqual(await testConnection(url, { kind: 'basic', username: 'ana', password: 'pw' }), { ok: true, experiments: 6, more: false });
    server.faults = { noSearchExperiments: true };
    const old = await testConnection(url, { kind: 'none' });
    assert.equal(!old.ok && old.error.kind, 'endpoint-missing');
    server.faults = { artifactsOnly: true };
    const art = await testConnection(url, { kind: 'none' });
    assert.equal(!art.ok && art.error.kind, 'artifacts-only');
  } finally {
    await server.stop();
  }
  const gone = await testConnection(url, { kind: 'none' });
  assert.equal(!gone.ok && gone.error.kind, 'refused');
});

test('a panel asking named series of a run this process never listed makes no runs/get', BOUNDED, async () => {
  const { server, root, url } = await serve(3);
  try {
    const run = (await mlflowServerReader.listRuns(root)).runs[0];
    // The same run under a root this process never listed: as the index returns it after a restart.
    const stranger = { ...run, root: serverRoot(url, run.experiment).path };
    server.requests.length = 0;
    const read = await mlflowServerReader.readSeries(stranger, { only: [{ key: 'loss', context: {} }, { key: 'absent', context: {} }] });
    assert.deepEqual(read.series.map((s) => s.key), ['loss']);
    assert.equal(server.count('runs/get'), 0);
    const all = await mlflowServerReader.readSeries(stranger);
    assert.deepEqual(all.series.map((s) => s.key), ['loss', 'val/acc']);
    assert.equal(server.count('runs/get'), 1, 'all series of an unlisted run: runs/get names its keys');
  } finally {
    await server.stop();
  }
});

test('a pass that does not ask a server keeps its runs only when it names it in keepRoots', BOUNDED, async () => {
  const { server, root } = await serve(4);
  const store = await IndexStore.open();
  const indexer = new Indexer({ store, readers: [mlflowServerReader] });
  try {
    await indexer.indexFolders([], { extraRoots: [root] });
    const listed = store.runCount();
    assert.ok(listed > 0);
    server.requests.length = 0;
    await indexer.indexFolders([], { keepRoots: [root] });
    assert.equal(store.runCount(), listed, 'kept without a request');
    assert.equal(server.requests.length, 0);
    await indexer.indexFolders([]);
    assert.equal(store.runCount(), 0, 'a source no pass names is gone');
  } finally {
    await server.stop();
  }
});
