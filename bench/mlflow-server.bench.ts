// A tracking server of 10,000 runs (the test server, in its own process, as a real server would be):
// listing through runs/search paging (budget ≤ 5 s), a cold index (listing + every full history), a warm
// pass over the unchanged server (listing only, no history requests) and a warm start from the persisted
// index, which within the refresh interval makes no request at all.
import { spawn } from 'node:child_process';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import { Indexer } from '../src/core/index/indexer';
import { IndexStore } from '../src/core/index/store';
import { clientFor, configureServer, mlflowServerReader, serverRoot } from '../src/core/sources/mlflow-server';

const RUNS = Number(process.env.RUNLENS_BENCH_SERVER_RUNS ?? 10_000);

async function main(): Promise<void> {
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(__dirname, '../test/support/mlflow-test-server-main.ts'), String(RUNS)], { stdio: ['ignore', 'pipe', 'inherit'] });
  const url = await new Promise<string>((resolve) => child.stdout.once('data', (d: Buffer) => resolve(d.toString().trim())));
  try {
    configureServer(url, {});
    const root = serverRoot(url);
    let first = 0;
    const t0 = performance.now();
    const listed = await mlflowServerReader.listRuns(root, { onPage: () => (first ||= performance.now() - t0) });
    const listMs = performance.now() - t0;
    console.log(`list ${listed.runs.length} runs: ${listMs.toFixed(0)} ms, first page ${first.toFixed(0)} ms (budget 5000 ms)${listMs > 5000 ? '  OVER BUDGET' : ''}`);

    const store = await IndexStore.open();
    const indexer = new Indexer({ store, readers: [mlflowServerReader] });
    const client = clientFor(url);
    let before = client.stats.requests;
    const t1 = performance.now();
    const cold = await indexer.indexRoots([root]);
    console.log(`cold index ${cold.runs} runs: ${(performance.now() - t1).toFixed(0)} ms, ${client.stats.requests - before} requests (${cold.reread} runs read)`);

    before = client.stats.requests;
    const t2 = performance.now();
    const warm = await indexer.indexRoots([root]);
    console.log(`warm pass (unchanged server): ${(performance.now() - t2).toFixed(0)} ms, ${client.stats.requests - before} requests (${warm.reused} runs reused)`);

    const bytes = store.export();
    before = client.stats.requests;
    const t3 = performance.now();
    const reopened = await IndexStore.open(bytes);
    const runs = reopened.runs();
    console.log(`warm start from the persisted index: ${runs.length} runs in ${(performance.now() - t3).toFixed(0)} ms, ${client.stats.requests - before} requests`);
  } finally {
    child.kill();
  }
}

void main();
