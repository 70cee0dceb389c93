// The extension host's share of indexing (DESIGN.md §5: host-thread time per incremental pass at L ≤ 50 ms),
// with the shipped bundles: the index worker owns the database and sends deltas, the host applies them
// (IndexClient) and lists the runs as the tree does. Side by side, what the host thread did per pass
// before the worker sent deltas (main up to 493ce73): reopen the whole exported database and rebuild every run.
// Host-thread CPU comes from /proc/thread-self/schedstat (Linux; Node 20 has no per-thread CPU clock).
// Workload: bench/index-workload.ts (its appends are undone on a store this bench did not write).
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as v8 from 'node:v8';
import * as vm from 'node:vm';
import type { IndexStore as IndexStoreType } from '../src/core/index/store';
import type { IndexClient as IndexClientType, IndexRequest } from '../src/worker/index-client';
import { bundle, loadBundled } from './bundled';
import { ensureWorkload, external, firstFile, RUNS, SERIES, STEPS, work } from './index-workload';

const PASSES = Number(process.env.RUNLENS_BENCH_PASSES ?? 10);
/**
 * INDEX_HOST_CODE=<checkout> (e.g. /work/main) runs that checkout's client and worker instead, with its own
 * index file: memory is per process, so before/after is two runs of this bench, one after the other.
 */
const CODE = process.env.INDEX_HOST_CODE;
const dir = CODE ? 'index-host-baseline' : 'index-host';
const { IndexClient } = loadBundled<{ IndexClient: typeof IndexClientType }>('src/worker/index-client.ts', `${dir}/index-client`, CODE);
const { IndexStore } = loadBundled<{ IndexStore: typeof IndexStoreType }>('src/core/index/store.ts', `${dir}/index-store`, CODE);
const workerFile = bundle('src/worker/index-worker.ts', `${dir}/index-worker.js`, CODE);
bundle('src/worker/read-worker.ts', `${dir}/read-worker.js`, CODE);
const wasmPath = require.resolve('sql.js/dist/sql-wasm.wasm');
const indexFile = path.join(__dirname, '.work', `${dir}-${RUNS}x${SERIES}x${STEPS}`, 'index.sqlite');

/** CPU time of the calling thread, in ms. */
function threadCpuMs(): number {
  return Number(fs.readFileSync('/proc/thread-self/schedstat', 'utf8').split(' ')[0]) / 1e6;
}

/** Wall and host-thread CPU time of `fn`, including the microtasks and messages it waits for. */
async function timed(fn: () => Promise<unknown>): Promise<{ wall: number; cpu: number }> {
  const wall0 = performance.now();
  const cpu0 = threadCpuMs();
  await fn();
  return { wall: performance.now() - wall0, cpu: threadCpuMs() - cpu0 };
}

/** Memory is measured after a full collection, so garbage does not count. */
v8.setFlagsFromString('--expose_gc');
const gc = vm.runInNewContext('gc') as () => void;

/**
 * The process's resident memory, sampled every 20 ms: the host thread, the index worker (its sql.js database)
 * and the reader threads are one process, as in the extension host. `phase` names the peak since the last call.
 */
const rssPeaks: string[] = [];
let rssPeak = 0;
const sampler = setInterval(() => (rssPeak = Math.max(rssPeak, process.memoryUsage().rss)), 20);
sampler.unref();
function rssPhase(phase: string): void {
  rssPeak = Math.max(rssPeak, process.memoryUsage().rss);
  rssPeaks.push(`${phase} ${mb(rssPeak)}`);
  rssPeak = 0;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const f0 = (n: number) => n.toFixed(0);
const mb = (n: number) => `${(n / 1e6).toFixed(0)} MB`;

const request = (changed: string[]): IndexRequest => ({
  folders: [work],
  extraRoots: [],
  tables: [],
  baseDir: work,
  changed,
  includeDeleted: false,
  maxDepth: 6,
  excludedNames: ['node_modules', '.git'],
});

function newClient(): IndexClientType {
  // The tree lists every run on each change: the host pays for that list too.
  const client: IndexClientType = new IndexClient({
    entry: { file: workerFile },
    wasmPath,
    indexFile,
    onChange: () => client.runs(),
    // What the worker took to open the index at a warm start, and whether it compared the runs file run by run.
    log: (_level, message) => {
      if (/^opened the index database/.test(message)) console.log(`  worker: ${message}`);
    },
  });
  return client;
}

(async () => {
  ensureWorkload();
  rssPhase('before the worker');
  console.log(`workload: ${RUNS} runs × ${SERIES} series × ${STEPS} steps (previews and summaries do not grow with steps); code: ${CODE ?? 'this checkout'}`);
  // Cold: the first run of this bench indexes the store into its own index file.
  let client = newClient();
  await client.start();
  if (client.runs().length < RUNS) {
    const cold = await timed(() => client.index(request([])).outcome);
    console.log(`cold index in the worker: ${(cold.wall / 1000).toFixed(1)} s wall, host thread ${f0(cold.cpu)} ms cpu`);
    await client.flush();
    rssPhase('cold index');
  }
  client.dispose();
  await new Promise((r) => setTimeout(r, 1500));
  gc();

  // Warm start now: a new worker sends the runs file written with the index, then checks it against the database.
  client = newClient();
  const warm = await timed(() => client.start());
  const same = await client.index(request([])).outcome;
  const roots = same.kind === 'done' ? same.result.roots : [];
  console.log(
    // The previous run of this bench ended with watcher passes, after which the next full pass lists the store once.
    `catch-up pass at start, no file changed since the last pass (waits for the database to open; the store is listed once after watcher passes): ${same.kind === 'done' ? `${same.result.reread} read, ${f0(same.millis)} ms in the worker` : same.kind}`,
  );
  const again = await client.index(request([])).outcome;
  console.log(`no-change pass after a full pass, database open (budget <= 0.5 s): ${again.kind === 'done' ? `${again.result.reread} read, ${f0(again.millis)} ms in the worker` : again.kind}`);
  rssPhase('warm start + 2 no-change passes');

  // Incremental passes: one run appends a point, the watcher asks for its folder.
  const runs = client.runs().filter((r) => r.format === 'mlflow-file');
  const after: Array<{ wall: number; cpu: number }> = [];
  const appended: Array<{ file: string; size: number }> = [];
  for (let i = 0; i < PASSES; i++) {
    const run = runs[Math.floor(((i + 0.5) * runs.length) / PASSES)];
    const file = firstFile(path.join(run.path, 'metrics'));
    appended.push({ file, size: fs.statSync(file).size });
    fs.appendFileSync(file, `${Date.now()} 0.5 ${STEPS + 1 + i}\n`);
    after.push(await timed(() => client.index(request([file])).outcome));
  }
  if (roots.length === 0) console.log('warning: no roots from the catch-up pass');
  // The index file is written first, so the previews below do not wait behind it in the worker.
  await client.flush();
  rssPhase(`${PASSES} incremental passes + persist`);
  // Curves asks the worker for the previews it draws (the workbench budget's 240 runs; all 1,000).
  const previewTimes: string[] = [];
  for (const n of [240, runs.length]) {
    let series = 0;
    const t = await timed(async () => {
      const got = await client.previews(runs.slice(0, n).map((r) => r.key));
      series = [...got.values()].reduce((a, l) => a + l.length, 0);
    });
    previewTimes.push(`${n} runs (${series} series): ${f0(t.wall)} ms wall, host thread cpu ${f0(t.cpu)} ms`);
  }
  rssPhase('previews');
  gc();
  const hostMem = process.memoryUsage();

  // Warm start before: the host read the file, loaded sql.js, opened the database and rebuilt every run.
  // First use of sql.js in this thread (the measurements above never load it), as it was in the extension host.
  const oldWarm = await timed(async () => {
    const store = await IndexStore.open(new Uint8Array(await fs.promises.readFile(indexFile)));
    store.runs();
    store.close();
  });
  // Before: the host got the whole database after each pass, reopened it and rebuilt every run.
  const bytes = new Uint8Array(fs.readFileSync(indexFile));
  const before: Array<{ wall: number; cpu: number }> = [];
  let old: IndexStoreType | undefined;
  for (let i = 0; i < PASSES; i++) {
    // The bytes arrived transferred, not copied: the copy is made outside the timing.
    const received = bytes.slice();
    before.push(
      await timed(async () => {
        old?.close();
        old = await IndexStore.open(received);
        old.runs();
      }),
    );
  }
  const exportMs = (await timed(async () => old!.export())).wall;
  const oldPreviews = [240, runs.length].map((n) => {
    const t0 = performance.now();
    const cpu0 = threadCpuMs();
    old!.previews(runs.slice(0, n).map((r) => r.key));
    return `${n} runs: ${f0(performance.now() - t0)} ms on the host thread (cpu ${f0(threadCpuMs() - cpu0)} ms)`;
  });
  gc();
  const oldMem = process.memoryUsage();
  old?.close();
  client.dispose();
  if (external) for (const a of appended) fs.truncateSync(a.file, a.size);

  console.log(`warm start to ${client.runs().length} runs on the host (budget <= 2 s to a full tree):`);
  console.log(`  before (database opened on the host thread):        ${f0(oldWarm.wall)} ms wall, host thread cpu ${f0(oldWarm.cpu)} ms`);
  console.log(`  after  (runs file read on the host, no sql.js there): ${f0(warm.wall)} ms wall, host thread cpu ${f0(warm.cpu)} ms`);
  const fmt = (xs: Array<{ wall: number; cpu: number }>, key: 'wall' | 'cpu') => `${f0(median(xs.map((x) => x[key])))} ms (max ${f0(Math.max(...xs.map((x) => x[key])))})`;
  console.log(`host thread per incremental pass, median of ${PASSES} (budget <= 50 ms):`);
  console.log(`  before (whole DB to the host: open + rebuild runs): cpu ${fmt(before, 'cpu')}, wall ${fmt(before, 'wall')}; the worker also exported ${f0(exportMs)} ms per pass`);
  console.log(`  after  (delta from the worker, applied + runs listed): cpu ${fmt(after, 'cpu')}; pass wall ${fmt(after, 'wall')} (worker time included)`);
  console.log(`previews for Curves (budget: command to complete paint <= 1.5 s at 240 runs):`);
  console.log(`  before (host's own copy): ${oldPreviews.join('; ')}`);
  console.log(`  after  (from the worker): ${previewTimes.join('; ')}`);
  console.log(`index database: ${mb(bytes.length)}, held once, by the worker`);
  console.log(`process RSS, peak per phase (host thread + index worker + reader threads; budget <= 500 MB): ${rssPeaks.join('; ')}`);
  // This thread's own figures (a worker's heap is its own): the database copy shows as sql.js's wasm memory.
  console.log(
    `host thread memory with the runs only: heap ${mb(hostMem.heapUsed)}, array buffers ${mb(hostMem.arrayBuffers)}; ` +
      `as before, with a reopened copy: heap ${mb(oldMem.heapUsed)}, array buffers ${mb(oldMem.arrayBuffers - bytes.length)} (sql.js memory)`,
  );
})();
