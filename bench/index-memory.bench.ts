// What the database's owner (the index worker) holds, step by step, with the shipped store bundle in one
// thread: sql.js loaded, the persisted index read and opened, every run listed (as the worker does at start
// and before writing the runs file), an export (each persist), and the previews of every run (Curves of all).
// Each figure after a full collection: resident memory of the process, V8 heap, array buffers.
// Uses the index file bench/index-host.bench.ts wrote (run that first); RUNLENS_BENCH_INDEX=<file> for another.
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as v8 from 'node:v8';
import * as vm from 'node:vm';
import type { IndexStore as IndexStoreType } from '../src/core/index/store';
import { loadBundled } from './bundled';
import { RUNS, SERIES, STEPS } from './index-workload';

v8.setFlagsFromString('--expose_gc');
const gc = vm.runInNewContext('gc') as () => void;
const { IndexStore } = loadBundled<{ IndexStore: typeof IndexStoreType }>('src/core/index/store.ts', 'index-memory/store');
const file = process.env.RUNLENS_BENCH_INDEX ?? path.join(__dirname, '.work', `index-host-${RUNS}x${SERIES}x${STEPS}`, 'index.sqlite');

let last = process.memoryUsage();
function step(what: string): void {
  gc();
  const now = process.memoryUsage();
  const d = (k: 'rss' | 'heapUsed' | 'arrayBuffers') => `${(now[k] / 1e6).toFixed(0)} MB (${now[k] >= last[k] ? '+' : ''}${((now[k] - last[k]) / 1e6).toFixed(0)})`;
  console.log(`  ${what.padEnd(46)} rss ${d('rss')}, heap ${d('heapUsed')}, array buffers ${d('arrayBuffers')}`);
  last = now;
}

(async () => {
  if (!fs.existsSync(file)) throw new Error(`no index at ${file}: run bench/index-host.bench.ts first`);
  console.log(`the index database's owner, one thread (${file}):`);
  step('start');
  (await IndexStore.open()).close();
  step('sql.js loaded');
  let bytes: Uint8Array | undefined = fs.readFileSync(file);
  const store = await IndexStore.open(bytes);
  bytes = undefined;
  step(`index opened (${(fs.statSync(file).size / 1e6).toFixed(0)} MB file; sql.js keeps the bytes)`);
  let held: unknown = store.runs();
  step(`${(held as unknown[]).length} runs listed with their series summaries`);
  held = undefined;
  step('runs dropped');
  held = store.export();
  step('export (each persist)');
  held = undefined;
  step('export dropped');
  const keys = store.runs().map((r) => r.key);
  held = store.previews(keys);
  step(`previews of all ${keys.length} runs`);
  held = undefined;
  step('previews dropped');
  void held;
  store.close();
})();
