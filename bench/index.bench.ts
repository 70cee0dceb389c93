// Index budgets (DESIGN.md §5) on a generated MLflow file store:
// tree listing, full cold index, warm start, no-change pass, incremental re-index after one append, DB size, memory.
// RUNLENS_BENCH_RUNS (default 1000) × 20 series × RUNLENS_BENCH_STEPS (default 1000; the design's L uses 10000).
// RUNLENS_BENCH_WORKLOAD=<dir> indexes an existing store instead of writing one; at 1000 × 10000 the store that
// bench/mlflow.bench.ts already wrote (7.5 GB) is used when present. The incremental append is undone afterwards there.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { discoverRoots } from '../src/core/index/discover';
import { Indexer } from '../src/core/index/indexer';
import { IndexStore } from '../src/core/index/store';
import { readers } from '../src/core/sources/registry';
import { prng } from '../src/demo/prng';
import { writeMlflowFileStore } from '../src/demo/writers/mlflow-file';
import type { WriterRun } from '../src/demo/writers/types';
import { ReadPool } from '../src/worker/read-pool';

const RUNS = Number(process.env.RUNLENS_BENCH_RUNS ?? 1000);
const STEPS = Number(process.env.RUNLENS_BENCH_STEPS ?? 1000);
const SERIES = 20;
/** Reader threads (RUNLENS_BENCH_READ_THREADS; 0 reads in the indexing thread, as before the pool). */
const THREADS = process.env.RUNLENS_BENCH_READ_THREADS === undefined ? undefined : Number(process.env.RUNLENS_BENCH_READ_THREADS);
const sharedL = path.join(__dirname, '.work', 'mlflow', `file-${RUNS}x${SERIES}x${STEPS}`);
const external =
  process.env.RUNLENS_BENCH_WORKLOAD ?? (STEPS === 10_000 && fs.existsSync(path.join(sharedL, '.complete')) ? sharedL : undefined);
const work = external ?? path.join(__dirname, '.work', `index-${RUNS}x${SERIES}x${STEPS}`);
const store = path.join(work, 'mlruns');

function makeRun(i: number, rand: () => number): WriterRun {
  const t0 = Date.UTC(2026, 0, 1) + i * 60_000;
  const keys = ['train_loss', 'eval_loss', 'learning_rate', 'grad_norm', ...['en', 'de', 'es', 'nl', 'zh'].flatMap((l) => [`f1_${l}`, `precision_${l}`, `recall_${l}`]), 'accuracy'];
  return {
    id: i.toString(16).padStart(32, '0'),
    name: `run-${i}`,
    experiment: `sweep-${i % 5}`,
    status: 'finished',
    startTime: t0,
    endTime: t0 + STEPS * 1000,
    params: { learning_rate: String([1e-5, 2e-5, 3e-5, 5e-5][i % 4]), seed: String(i % 7), batch_size: '32', model: 'xlm-roberta-base' },
    tags: { 'mlflow.runName': `run-${i}`, 'mlflow.source.name': 'train.py' },
    metrics: keys.slice(0, SERIES).map((key) => ({
      key,
      points: Array.from({ length: STEPS }, (_, s) => ({ step: s, value: Math.exp(-s / STEPS) + rand() * 0.05, time: t0 + s * 1000 })),
    })),
  };
}

function ensureWorkload(): void {
  if (external) {
    console.log(`workload: existing store ${work}`);
    return;
  }
  if (fs.existsSync(path.join(work, 'done'))) return;
  fs.rmSync(work, { recursive: true, force: true });
  const rand = prng(1);
  const started = performance.now();
  for (let i = 0; i < RUNS; i += 20) writeMlflowFileStore(store, Array.from({ length: Math.min(20, RUNS - i) }, (_, j) => makeRun(i + j, rand)));
  fs.writeFileSync(path.join(work, 'done'), '');
  console.log(`workload: ${RUNS} runs × ${SERIES} series × ${STEPS} steps written in ${((performance.now() - started) / 1000).toFixed(1)} s`);
}

/** The first metric file below `dir` (keys with '/' are nested folders). */
function firstFile(dir: string): string {
  const entry = fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))[0];
  return entry.isDirectory() ? firstFile(path.join(dir, entry.name)) : path.join(dir, entry.name);
}

const ms = (t: number) => `${(performance.now() - t).toFixed(0)} ms`;
const s = (t: number) => `${((performance.now() - t) / 1000).toFixed(2)} s`;

(async () => {
  ensureWorkload();
  let t = performance.now();
  const roots = await discoverRoots([work], { readers });
  const mlflow = readers.find((r) => r.format === 'mlflow-file')!;
  const listed = await mlflow.listRuns(roots[0]);
  console.log(`tree listing (discovery + runs, params, status) of ${listed.runs.length} runs: ${s(t)} (budget <= 2 s)`);

  const pool = THREADS === 0 ? undefined : ReadPool.create({ threads: THREADS });
  console.log(pool ? `reader threads: up to ${THREADS ?? 'one per core'}` : 'reader threads: none (runs read in the indexing thread)');
  const db = await IndexStore.open();
  const indexer = new Indexer({ store: db, readers, pool });
  t = performance.now();
  const cpu0 = process.cpuUsage();
  const cold = await indexer.indexFolders([work]);
  const cpu = process.cpuUsage(cpu0);
  console.log(
    `full cold index: ${cold.runs} runs, ${cold.reread} read: ${s(t)}, cpu ${((cpu.user + cpu.system) / 1e6).toFixed(1)} s (budget <= 60 s at 10,000 steps)`,
  );
  const bytes = db.export();
  console.log(`index database: ${(bytes.length / 1e6).toFixed(1)} MB (budget <= 100 MB at 1,000 runs × 20 series)`);

  t = performance.now();
  const warm = await IndexStore.open(bytes);
  const runs = warm.runs();
  console.log(`warm start (open persisted index, load ${runs.length} runs with params and series summaries): ${ms(t)} (budget <= 2 s)`);

  const warmIndexer = new Indexer({ store: warm, readers, pool });
  t = performance.now();
  const same = await warmIndexer.indexFolders([work]);
  console.log(`re-index with nothing changed: ${same.reused} reused, ${same.reread} read: ${s(t)}`);

  const target = listed.runs[Math.floor(listed.runs.length / 2)];
  const file = firstFile(path.join(target.path, 'metrics'));
  const sizeBefore = fs.statSync(file).size;
  fs.appendFileSync(file, `${Date.now()} 0.5 ${STEPS + 1}\n`);
  t = performance.now();
  const inc = await warmIndexer.reindexChanged([work], same.roots, [file]);
  // A store this bench did not write is left as it was found.
  if (external) fs.truncateSync(file, sizeBefore);
  console.log(`incremental re-index after one run appends: ${inc.reread} read: ${ms(t)} (budget <= 1 s after the debounce)`);
  const mem = process.memoryUsage();
  const peak = process.resourceUsage().maxRSS / 1e3;
  console.log(
    `process memory: rss ${(mem.rss / 1e6).toFixed(0)} MB (peak ${peak.toFixed(0)} MB), heap ${(mem.heapUsed / 1e6).toFixed(0)} MB (extension host budget <= 500 MB RSS)`,
  );
})();
