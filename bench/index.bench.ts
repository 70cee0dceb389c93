// Index budgets (DESIGN.md §5) on a generated MLflow file store:
// tree listing, full cold index, warm start, no-change pass, incremental re-index after one append, DB size, memory.
// Workload: bench/index-workload.ts. On a store this bench did not write, the incremental append is undone afterwards.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { discoverRoots } from '../src/core/index/discover';
import { Indexer } from '../src/core/index/indexer';
import { IndexStore } from '../src/core/index/store';
import { readers } from '../src/core/sources/registry';
import { ReadPool } from '../src/worker/read-pool';
import { ensureWorkload, external, firstFile, STEPS, work } from './index-workload';

/** Reader threads (RUNLENS_BENCH_READ_THREADS; 0 reads in the indexing thread, as before the pool). */
const THREADS = process.env.RUNLENS_BENCH_READ_THREADS === undefined ? undefined : Number(process.env.RUNLENS_BENCH_READ_THREADS);
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
