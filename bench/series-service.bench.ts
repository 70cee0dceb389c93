// Host-thread CPU of a Curves zoom over many runs, with the shipped bundles: the series service reading
// in its worker thread (the extension since issue 12) against reading in-process on the host thread
// (what the Curves fetcher did before, and the fallback where no thread can start). Both go through
// the same CurvesFetcher (x axis, per-pixel buckets), so the difference is where the parsing happens.
// Workload: RUNS runs × one `loss` series of STEPS steps, in an MLflow file store and an MLflow SQLite
// store; a zoom on the middle fifth of the steps at 800 buckets, cold (empty cache) and cached.
// Host-thread CPU comes from /proc/thread-self/schedstat (Linux; Node 20 has no per-thread CPU clock).
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Indexer as IndexerType } from '../src/core/index/indexer';
import type { IndexStore as IndexStoreType } from '../src/core/index/store';
import type { IndexedRun } from '../src/core/index/types';
import type { readerFor as readerForType, readers as readersType } from '../src/core/sources/registry';
import type { writeMlflowDb as writeMlflowDbType } from '../src/demo/writers/mlflow-db';
import type { writeMlflowFileStore as writeMlflowFileStoreType } from '../src/demo/writers/mlflow-file';
import type { WriterRun } from '../src/demo/writers/types';
import type { CurvesFetcher as CurvesFetcherType } from '../src/host/panels/curves/fetcher';
import type { InProcessSeriesService as InProcessType, SeriesService } from '../src/host/series/series-service';
import type { WorkerSeriesService as WorkerType } from '../src/host/series/worker-series-service';
import { bundle, loadBundled } from './bundled';

const RUNS = Number(process.env.RUNLENS_BENCH_RUNS ?? 100);
const STEPS = Number(process.env.RUNLENS_BENCH_STEPS ?? 10_000);
const ROUNDS = Number(process.env.RUNLENS_BENCH_ROUNDS ?? 5);

const { Indexer } = loadBundled<{ Indexer: typeof IndexerType }>('src/core/index/indexer.ts', 'series-indexer');
const { IndexStore } = loadBundled<{ IndexStore: typeof IndexStoreType }>('src/core/index/store.ts', 'series-store');
const { readerFor, readers } = loadBundled<{ readerFor: typeof readerForType; readers: typeof readersType }>('src/core/sources/registry.ts', 'series-registry');
const { writeMlflowFileStore } = loadBundled<{ writeMlflowFileStore: typeof writeMlflowFileStoreType }>('src/demo/writers/mlflow-file.ts', 'series-mlflow-file');
const { writeMlflowDb } = loadBundled<{ writeMlflowDb: typeof writeMlflowDbType }>('src/demo/writers/mlflow-db.ts', 'series-mlflow-db');
const { CurvesFetcher } = loadBundled<{ CurvesFetcher: typeof CurvesFetcherType }>('src/host/panels/curves/fetcher.ts', 'series-fetcher');
const { InProcessSeriesService } = loadBundled<{ InProcessSeriesService: typeof InProcessType }>('src/host/series/series-service.ts', 'series-in-process');
const { WorkerSeriesService } = loadBundled<{ WorkerSeriesService: typeof WorkerType }>('src/host/series/worker-series-service.ts', 'series-worker-service');
const workerFile = bundle('src/worker/series-worker.ts', 'series-worker.js');
const wasmPath = require.resolve('sql.js/dist/sql-wasm.wasm');

/** CPU time of the calling thread, in ms. */
function threadCpuMs(): number {
  return Number(fs.readFileSync('/proc/thread-self/schedstat', 'utf8').split(' ')[0]) / 1e6;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

function writerRuns(offset: number): WriterRun[] {
  return Array.from({ length: RUNS }, (_, r) => ({
    id: (offset + r).toString(16).padStart(32, '0'),
    name: `run-${offset + r}`,
    experiment: 'zoom',
    status: 'finished',
    startTime: 1.7e12,
    params: { lr: String([1e-5, 3e-5, 1e-4][r % 3]), seed: String(r) },
    tags: {},
    metrics: [{ key: 'loss', points: Array.from({ length: STEPS }, (_, i) => ({ step: i + 1, value: Math.exp(-i / (2000 + r)) + 0.01 * Math.sin(i + r), time: 1.7e12 + i * 1000 })) }],
  }));
}

async function workload(kind: 'mlflow-file' | 'mlflow-db'): Promise<IndexedRun[]> {
  const dir = path.join(__dirname, '.work', `series-${kind}-${RUNS}x${STEPS}`);
  const done = path.join(dir, '.written');
  if (!fs.existsSync(done)) {
    fs.rmSync(dir, { recursive: true, force: true });
    if (kind === 'mlflow-file') writeMlflowFileStore(path.join(dir, 'mlruns'), writerRuns(0));
    else await writeMlflowDb(path.join(dir, 'mlflow.db'), writerRuns(10_000));
    fs.writeFileSync(done, '');
  }
  const store = await IndexStore.open();
  await new Indexer({ store, readers }).indexFolders([dir]);
  const runs = store.runs().filter((r) => r.format === kind);
  if (runs.length !== RUNS) throw new Error(`indexed ${runs.length} ${kind} runs, expected ${RUNS}`);
  return runs;
}

async function measure(kind: 'mlflow-file' | 'mlflow-db', runs: IndexedRun[], where: 'host thread' | 'series worker'): Promise<void> {
  const request = { xAxis: 'step', refs: runs.map((r) => ({ runKey: r.key, key: 'loss', context: {} })), xMin: STEPS * 0.4, xMax: STEPS * 0.6, buckets: 800, logX: false };
  const indexed = (key: string) => runs.find((r) => r.key === key);
  const figures = { coldCpu: [] as number[], coldWall: [] as number[], warmCpu: [] as number[], warmWall: [] as number[], boot: [] as number[] };
  for (let i = 0; i < ROUNDS; i++) {
    // A fresh service per round: the first fetch reads every run, the second is served from the cache.
    const service: SeriesService =
      where === 'host thread'
        ? new InProcessSeriesService({ readerFor, indexed })
        : new WorkerSeriesService({ entry: { file: workerFile }, wasmPath, indexed, fallback: () => new InProcessSeriesService({ readerFor, indexed }) });
    const fetcher = new CurvesFetcher({ runs: (keys) => runs.filter((r) => keys.includes(r.key)), read: service.read });
    try {
      // The thread starts on the first read (once per window in the extension): timed apart from the zoom.
      const boot0 = performance.now();
      await service.read(runs[0], [{ key: 'no such series', context: {} }]);
      figures.boot.push(performance.now() - boot0);
      for (const phase of ['cold', 'warm'] as const) {
        const cpu0 = threadCpuMs();
        const wall0 = performance.now();
        const res = await fetcher.fetch(request);
        const wall = performance.now() - wall0;
        const cpu = threadCpuMs() - cpu0;
        if (res.series.length !== RUNS || res.errors.length) throw new Error(`${where} ${phase}: ${res.series.length} series, ${res.errors.slice(0, 3).join('; ')}`);
        figures[`${phase}Cpu`].push(cpu);
        figures[`${phase}Wall`].push(wall);
      }
    } finally {
      service.dispose();
    }
  }
  const f = (xs: number[]) => median(xs).toFixed(0);
  console.log(
    `series zoom, ${RUNS} ${kind} runs × ${STEPS} steps, read on the ${where}: host-thread CPU ${f(figures.coldCpu)} ms cold / ${f(figures.warmCpu)} ms cached; wall ${f(figures.coldWall)} ms cold / ${f(figures.warmWall)} ms cached; first read ${f(figures.boot)} ms (median of ${ROUNDS})`,
  );
}

async function main(): Promise<void> {
  for (const kind of ['mlflow-file', 'mlflow-db'] as const) {
    const runs = await workload(kind);
    await measure(kind, runs, 'host thread');
    await measure(kind, runs, 'series worker');
  }
}

void main().catch((err) => {
  console.error(err);
  process.exit(1);
});
