// Index budgets (DESIGN.md §5) on a generated MLflow file store, with the shipped bundles (bench/bundled.ts):
// tree listing, full cold index, warm start, no-change pass, incremental re-index after one append, DB size, memory.
// Each figure is wall time and CPU time (process.cpuUsage: every thread of the process, reader threads included).
// INDEX_BASELINE=<checkout> (e.g. /work/main) times that checkout's index code on the same store in the same
// process, side by side (the machine is shared: figures minutes apart do not compare); INDEX_BASELINE_COLD=0
// leaves out its cold index (minutes at L).
// Workload: bench/index-workload.ts. On a store this bench did not write, the incremental append is undone afterwards.
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Indexer as IndexerType } from '../src/core/index/indexer';
import type { IndexStore as IndexStoreType } from '../src/core/index/store';
import { loadIndexImpl, type Impl } from './index-impl';
import { ensureWorkload, external, firstFile, STEPS, work } from './index-workload';

/** Reader threads (RUNLENS_BENCH_READ_THREADS; 0 reads in the indexing thread, as before the pool). */
const THREADS = process.env.RUNLENS_BENCH_READ_THREADS === undefined ? undefined : Number(process.env.RUNLENS_BENCH_READ_THREADS);
const BASELINE = process.env.INDEX_BASELINE;
const NO_CHANGE_PASSES = 5;
const INCREMENTAL_PASSES = 4;

const load = loadIndexImpl;

interface Timing {
  wall: number;
  cpu: number;
}

/** CPU time of the calling thread (the indexing thread), in ms: /proc/thread-self/schedstat (Linux). */
function threadCpuMs(): number {
  try {
    return Number(fs.readFileSync('/proc/thread-self/schedstat', 'utf8').split(' ')[0]) / 1e6;
  } catch {
    return NaN;
  }
}

async function timed<T>(fn: () => Promise<T>): Promise<Timing & { value: T; thread: number }> {
  const wall0 = performance.now();
  const cpu0 = process.cpuUsage();
  const thread0 = threadCpuMs();
  const value = await fn();
  const cpu = process.cpuUsage(cpu0);
  return { wall: performance.now() - wall0, cpu: (cpu.user + cpu.system) / 1000, value, thread: threadCpuMs() - thread0 };
}

const fmt = (t: Timing) => (t.wall >= 10_000 ? `${(t.wall / 1000).toFixed(1)} s wall, cpu ${(t.cpu / 1000).toFixed(1)} s` : `${t.wall.toFixed(0)} ms wall, cpu ${t.cpu.toFixed(0)} ms`);
const median = (xs: Timing[]): Timing => {
  const at = (k: keyof Timing) => [...xs.map((x) => x[k])].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  return { wall: at('wall'), cpu: at('cpu') };
};

function line(what: string, budget: string, figures: Array<[Impl, string]>): void {
  console.log(`${what} (${budget}):`);
  for (const [impl, text] of figures) console.log(`  ${impl.label.padEnd(9)} ${text}`);
}

(async () => {
  ensureWorkload();
  const impls = [load('this'), ...(BASELINE ? [load('baseline', BASELINE)] : [])];
  console.log(`index code: ${impls.map((i) => i.label).join(', ')}${BASELINE ? ` (baseline: ${BASELINE})` : ''}; workload ${work}`);

  const tree: Array<[Impl, string]> = [];
  for (const impl of [...impls].reverse()) {
    const t = await timed(async () => {
      const roots = await impl.discoverRoots([work], { readers: impl.readers });
      const mlflow = impl.readers.find((r) => r.format === 'mlflow-file')!;
      return (await mlflow.listRuns(roots[0])).runs;
    });
    tree.push([impl, `${t.value.length} runs: ${fmt(t)}`]);
  }
  line('tree listing (discovery + runs, params, status)', 'budget <= 2 s', tree.reverse());

  // Cold index, then the persisted bytes of each checkout's own index for the passes below.
  const persisted = new Map<Impl, Uint8Array>();
  const cold: Array<[Impl, string]> = [];
  for (const impl of impls) {
    if (impl !== impls[0] && process.env.INDEX_BASELINE_COLD === '0') continue;
    const pool = THREADS === 0 ? undefined : impl.ReadPool.create({ threads: THREADS });
    const db = await impl.IndexStore.open();
    const t = await timed(() => new impl.Indexer({ store: db, readers: impl.readers, pool }).indexFolders([work]));
    pool?.close();
    const bytes = db.export();
    db.close();
    persisted.set(impl, bytes);
    cold.push([
      impl,
      `${t.value.runs} runs, ${t.value.reread} read: ${fmt(t)} (indexing thread ${(t.thread / 1000).toFixed(1)} s of it); database ${(bytes.length / 1e6).toFixed(1)} MB`,
    ]);
  }
  line(
    `full cold index (${THREADS === 0 ? 'runs read in the indexing thread' : `reader threads: up to ${THREADS ?? 'one per core'}`})`,
    `budget <= 60 s at 10,000 steps; database <= 100 MB`,
    cold,
  );

  // Warm start and the passes, on each checkout's own persisted index; passes interleaved so both see the same load.
  const warm = new Map<Impl, { store: IndexStoreType; indexer: IndexerType }>();
  const warmTimes: Array<[Impl, string]> = [];
  for (const impl of impls) {
    const bytes = persisted.get(impl);
    if (!bytes) continue;
    const t = await timed(async () => {
      const store = await impl.IndexStore.open(bytes);
      return { store, runs: store.runs().length };
    });
    warm.set(impl, { store: t.value.store, indexer: new impl.Indexer({ store: t.value.store, readers: impl.readers }) });
    warmTimes.push([impl, `${t.value.runs} runs with params and series summaries: ${fmt(t)}`]);
  }
  line('warm start (open the persisted index, load every run)', 'budget <= 2 s', warmTimes);

  const passes = new Map<Impl, Timing[]>();
  let roots: Awaited<ReturnType<IndexerType['indexFolders']>>['roots'] = [];
  let last = '';
  // Which checkout goes first alternates: the first pass after the other's pays for its garbage.
  const turns = (i: number) => (i % 2 ? [...warm].reverse() : [...warm]);
  for (let i = 0; i < NO_CHANGE_PASSES; i++) {
    for (const [impl, { indexer }] of turns(i)) {
      const t = await timed(() => indexer.indexFolders([work]));
      roots = t.value.roots;
      last = `${t.value.reused} reused, ${t.value.reread} read`;
      passes.set(impl, [...(passes.get(impl) ?? []), t]);
    }
  }
  line(
    `re-index with nothing changed, median of ${NO_CHANGE_PASSES} (${last})`,
    'budget <= 0.5 s',
    impls.filter((impl) => passes.has(impl)).map((impl) => [impl, `${fmt(median(passes.get(impl)!))} (first ${fmt(passes.get(impl)![0])})`]),
  );

  const listed = await impls[0].readers.find((r) => r.format === 'mlflow-file')!.listRuns(roots[0]);
  const target = listed.runs[Math.floor(listed.runs.length / 2)];
  const file = firstFile(path.join(target.path, 'metrics'));
  const sizeBefore = fs.statSync(file).size;
  // Each checkout's pass after its own append, in turns, as for the no-change passes.
  const incremental = new Map<Impl, Timing[]>();
  let k = 0;
  let reread = 0;
  for (let i = 0; i < INCREMENTAL_PASSES; i++) {
    for (const [impl, { indexer }] of turns(i)) {
      fs.appendFileSync(file, `${Date.now()} 0.5 ${STEPS + 1 + k++}\n`);
      const t = await timed(() => indexer.reindexChanged([work], roots, [file]));
      reread = t.value.reread;
      incremental.set(impl, [...(incremental.get(impl) ?? []), t]);
    }
  }
  // A store this bench did not write is left as it was found.
  if (external) fs.truncateSync(file, sizeBefore);
  line(
    `incremental re-index after one run appends (watcher pass, ${reread} read), median of ${INCREMENTAL_PASSES}`,
    'budget <= 1 s after the debounce',
    impls.filter((impl) => incremental.has(impl)).map((impl) => [impl, fmt(median(incremental.get(impl)!))]),
  );

  const mem = process.memoryUsage();
  const peak = process.resourceUsage().maxRSS / 1e3;
  console.log(
    `process memory (${warm.size} warm ${warm.size === 1 ? 'copy' : 'copies'} of the database open; the extension host holds none, see index-host.bench.ts): ` +
      `rss ${(mem.rss / 1e6).toFixed(0)} MB (peak ${peak.toFixed(0)} MB), heap ${(mem.heapUsed / 1e6).toFixed(0)} MB`,
  );
  for (const { store } of warm.values()) store.close();
})();
