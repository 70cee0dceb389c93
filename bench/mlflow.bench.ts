// MLflow readers and writers on workload L (DESIGN.md §5): 1,000 runs × 20 series × 10,000 steps
// as a file store, and the same runs as an mlflow.db with fewer steps, because sql.js keeps a
// database in memory (about 200 bytes per metric row with MLflow's indexes: 200M rows would be
// ~40 GB). Workloads are generated once under bench/.work/mlflow and reused while the
// parameters match. Override the size with RUNLENS_BENCH_RUNS / _SERIES / _STEPS / _DB_STEPS.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import { mlflowFileReader } from '../src/core/sources/mlflow-file';
import { mlflowDbReader } from '../src/core/sources/mlflow-db';
import { closeAllDbSnapshots } from '../src/core/sources/mlflow-db/snapshot';
import type { RunInfo, SourceReader, SourceRoot } from '../src/core/model';
import { listDir } from '../src/core/util/fs';
import { writeMlflowFileStore } from '../src/demo/writers/mlflow-file';
import { writeMlflowDb } from '../src/demo/writers/mlflow-db';
import type { WriterRun } from '../src/demo/writers/types';
import { prng as rng } from '../src/core/util/prng';

const RUNS = Number(process.env.RUNLENS_BENCH_RUNS ?? 1000);
const SERIES = Number(process.env.RUNLENS_BENCH_SERIES ?? 20);
const STEPS = Number(process.env.RUNLENS_BENCH_STEPS ?? 10_000);
const DB_STEPS = Number(process.env.RUNLENS_BENCH_DB_STEPS ?? 50);
const WORK = path.join(__dirname, '.work', 'mlflow');
const T0 = 1_750_000_000_000;

const OPTIMIZERS = ['adam', 'sgd', 'adamw', 'rmsprop'];
const STATUSES = ['finished', 'finished', 'finished', 'finished', 'failed', 'running'] as const;

/** One sweep run: 10 params, 3 tags, SERIES decaying curves with float32 noise (as frameworks log). */
function makeRun(index: number, steps: number): WriterRun {
  const r = rng(index + 1);
  const lr = 10 ** -(2 + 3 * r());
  const metrics = [];
  for (let s = 0; s < SERIES; s++) {
    const points = new Array(steps);
    const scale = 0.5 + r();
    for (let i = 0; i < steps; i++) {
      points[i] = { step: i, value: Math.fround(scale * Math.exp(-i / (steps / 3)) + 0.05 * r()), time: T0 + index * 3_600_000 + i * 250 };
    }
    metrics.push({ key: s % 4 === 0 ? `eval/metric_${s}` : `metric_${s}`, points });
  }
  return {
    id: (0x1000_0000 + index).toString(16).padStart(32, 'a'),
    name: `sweep-${index}`,
    experiment: `sweep-${index % 4}`,
    status: STATUSES[index % STATUSES.length],
    startTime: T0 + index * 3_600_000,
    endTime: STATUSES[index % STATUSES.length] === 'running' ? undefined : T0 + index * 3_600_000 + steps * 250,
    params: {
      lr: String(lr),
      batch_size: String(16 << index % 4),
      seed: String(index % 5),
      optimizer: OPTIMIZERS[index % 4],
      dropout: String((index % 5) / 10),
      weight_decay: '0.01',
      warmup_steps: '500',
      model: 'xlm-roberta-base',
      max_seq_len: '128',
      epochs: String(3 + (index % 3)),
    },
    tags: { 'mlflow.source.name': 'train.py', 'mlflow.user': 'bench', 'mlflow.source.git.commit': 'f'.repeat(40) },
    metrics,
  };
}

function seconds(ms: number): string {
  return (ms / 1000).toFixed(2);
}

/** Reuses a generated workload when its parameters match; otherwise writes it. */
async function ensureWorkload(dir: string, params: object, write: () => Promise<void>): Promise<number | undefined> {
  const marker = path.join(dir, '.complete');
  const wanted = JSON.stringify(params);
  if (fs.existsSync(marker) && fs.readFileSync(marker, 'utf8') === wanted) return undefined;
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(dir, { recursive: true });
  const t0 = performance.now();
  await write();
  fs.writeFileSync(marker, wanted);
  return performance.now() - t0;
}

/** CPU seconds of this process (all threads): the machine may be shared, so wall time alone misleads. */
function cpuSince(start: NodeJS.CpuUsage): string {
  const u = process.cpuUsage(start);
  return `${((u.user + u.system) / 1e6).toFixed(2)} s cpu`;
}

async function readAll(reader: SourceReader, runs: RunInfo[]): Promise<{ points: number; ms: number; cpu: string }> {
  let points = 0;
  const t0 = performance.now();
  const c0 = process.cpuUsage();
  for (const run of runs) {
    const { series } = await reader.readSeries(run);
    for (const s of series) points += s.points.values.length;
  }
  return { points, ms: performance.now() - t0, cpu: cpuSince(c0) };
}

async function benchFileStore(): Promise<void> {
  const dir = path.join(WORK, `file-${RUNS}x${SERIES}x${STEPS}`);
  const store = path.join(dir, 'mlruns');
  const wrote = await ensureWorkload(dir, { RUNS, SERIES, STEPS, v: 1 }, async () => {
    // Batches keep the point objects of only a few runs in memory at a time.
    for (let i = 0; i < RUNS; i += 10) {
      const batch = [];
      for (let j = i; j < Math.min(RUNS, i + 10); j++) batch.push(makeRun(j, STEPS));
      writeMlflowFileStore(store, batch);
    }
  });
  const points = RUNS * SERIES * STEPS;
  if (wrote !== undefined) {
    console.log(`mlflow-file write ${RUNS} runs × ${SERIES} × ${STEPS}: ${seconds(wrote)} s (${(points / wrote / 1000).toFixed(2)} M points/s, incl. generating the curves)`);
  }

  const t0 = performance.now();
  const c0 = process.cpuUsage();
  const detected = await mlflowFileReader.detect(await listDir(store));
  const root: SourceRoot = detected.roots[0];
  const listed = await mlflowFileReader.listRuns(root);
  const listMs = performance.now() - t0;
  console.log(`mlflow-file detect + list ${listed.runs.length} runs (names, status, params, tags): ${listMs.toFixed(0)} ms, ${cpuSince(c0)} (target <= 2000 ms)`);
  if (listed.errors.length) console.log(`  ${listed.errors.length} errors, first: ${listed.errors[0].message}`);

  const one = await readAll(mlflowFileReader, listed.runs.slice(0, 1));
  console.log(`mlflow-file readSeries one run (${SERIES} × ${STEPS}): ${one.ms.toFixed(0)} ms`);
  const bytes = Number(fs.statSync(path.join(listed.runs[0].path, 'metrics', 'metric_1')).size) * SERIES * RUNS;
  const all = await readAll(mlflowFileReader, listed.runs);
  console.log(
    `mlflow-file read every series of ${listed.runs.length} runs: ${seconds(all.ms)} s (${all.cpu}), ${(all.points / all.ms / 1000).toFixed(2)} M points/s, ` +
      `~${(bytes / 1e6 / (all.ms / 1000)).toFixed(0)} MB/s (full cold index budget <= 60 s)`,
  );
}

async function benchDb(): Promise<void> {
  const dir = path.join(WORK, `db-${RUNS}x${SERIES}x${DB_STEPS}`);
  const file = path.join(dir, 'mlflow.db');
  const wrote = await ensureWorkload(dir, { RUNS, SERIES, DB_STEPS, v: 1 }, async () => {
    const runs = [];
    for (let i = 0; i < RUNS; i++) runs.push(makeRun(i, DB_STEPS));
    await writeMlflowDb(file, runs);
  });
  const rows = RUNS * SERIES * DB_STEPS;
  const mb = fs.statSync(file).size / 1e6;
  if (wrote !== undefined) {
    console.log(`mlflow-db write ${RUNS} runs × ${SERIES} × ${DB_STEPS} (${(rows / 1e6).toFixed(1)} M metric rows, ${mb.toFixed(0)} MB): ${seconds(wrote)} s (${(rows / wrote).toFixed(0)} k rows/s)`);
  }

  closeAllDbSnapshots();
  const t0 = performance.now();
  const c0 = process.cpuUsage();
  const detected = await mlflowDbReader.detect(await listDir(dir));
  const detectMs = performance.now() - t0;
  const listed = await mlflowDbReader.listRuns(detected.roots[0]);
  const listMs = performance.now() - t0;
  console.log(`mlflow-db detect (schema peek, ${mb.toFixed(0)} MB file): ${detectMs.toFixed(1)} ms`);
  console.log(`mlflow-db detect + list ${listed.runs.length} runs cold (opens the snapshot): ${listMs.toFixed(0)} ms, ${cpuSince(c0)} (target <= 2000 ms)`);
  const one = await readAll(mlflowDbReader, listed.runs.slice(1, 2));
  console.log(`mlflow-db readSeries one run (${SERIES} × ${DB_STEPS}): ${one.ms.toFixed(1)} ms`);
  const all = await readAll(mlflowDbReader, listed.runs);
  console.log(`mlflow-db read every series of ${listed.runs.length} runs: ${seconds(all.ms)} s (${all.cpu}), ${(all.points / all.ms / 1000).toFixed(2)} M rows/s`);
  closeAllDbSnapshots();
}

(async () => {
  await benchFileStore();
  await benchDb();
})().catch((err) => {
  console.error(err);
  process.exit(1);
});
