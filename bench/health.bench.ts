// The health pass over 1,000 runs (the shipped bundle of core/health/diagnose and the readers): cold, then
// the extension's case after an index change — every run unchanged (all from the per-run cache), and one run
// that logged more points (only it read again). CPU time of this process next to wall time.
// Workload: 1,000 MLflow file-store runs × 4 metrics × 300 steps under bench/.work/health (reused).
import * as fs from 'node:fs';
import * as path from 'node:path';
import type * as Diagnose from '../src/core/health/diagnose';
import type * as IndexPaths from '../src/cli/index-paths';
import type * as ColumnValues from '../src/core/runs/column-values';
import type * as Registry from '../src/core/sources/registry';
import { writeMlflowFileStore } from '../src/demo/writers/mlflow-file';
import type { WriterRun } from '../src/demo/writers/types';
import { loadBundled } from './bundled';

const RUNS = 1000;
const STEPS = 300;
const work = path.join(__dirname, '.work', 'health');
const T0 = Date.UTC(2026, 0, 1);

function writerRun(i: number, steps = STEPS): WriterRun {
  const pts = (f: (s: number) => number) => Array.from({ length: steps }, (_, k) => ({ step: (k + 1) * 10, value: f(k + 1), time: T0 + k * 1000 }));
  let x = i * 7919 + 1;
  const noise = () => ((x = (x * 48271) % 2147483647) / 2147483647 - 0.5) * 0.02;
  return {
    id: String(i).padStart(32, '0'),
    name: `run-${i}`,
    experiment: `sweep-${i % 10}`,
    status: 'finished',
    startTime: T0,
    params: { learning_rate: String([1e-5, 3e-5, 1e-4, 3e-4][i % 4]), seed: String(i % 5) },
    tags: {},
    metrics: [
      { key: 'train_loss', points: pts((s) => 2 / Math.sqrt(s) + 0.1 + noise()) },
      { key: 'eval_loss', points: pts((s) => 1.5 / Math.sqrt(s) + 0.2 + noise()) },
      { key: 'eval_f1', points: pts((s) => 0.85 - 0.4 / Math.sqrt(s) + noise()) },
      { key: 'learning_rate', points: pts((s) => 1e-4 * (1 - s / (steps + 1))) },
    ],
  };
}

const cpuMs = (c: NodeJS.CpuUsage) => (c.user + c.system) / 1000;
async function timed<T>(fn: () => Promise<T>): Promise<{ value: T; wall: number; cpu: number }> {
  const t = performance.now();
  const c = process.cpuUsage();
  const value = await fn();
  return { value, wall: performance.now() - t, cpu: cpuMs(process.cpuUsage(c)) };
}

(async () => {
  const store = path.join(work, 'mlruns');
  if (!fs.existsSync(path.join(work, 'done'))) {
    fs.rmSync(work, { recursive: true, force: true });
    writeMlflowFileStore(store, Array.from({ length: RUNS }, (_, i) => writerRun(i)));
    fs.writeFileSync(path.join(work, 'done'), '');
  }
  const { diagnose } = loadBundled<typeof Diagnose>('src/core/health/diagnose.ts', 'health-diagnose');
  const { indexPaths } = loadBundled<typeof IndexPaths>('src/cli/index-paths.ts', 'health-index-paths');
  const { readerSeries } = loadBundled<typeof ColumnValues>('src/core/runs/column-values.ts', 'health-column-values');
  const { readerFor } = loadBundled<typeof Registry>('src/core/sources/registry.ts', 'health-registry');
  let { runs } = await indexPaths([work]);
  let reads = 0;
  const inner = readerSeries(readerFor);
  const read: typeof inner = (run, only, signal) => (reads++, inner(run, only, signal));
  const cache: Diagnose.HealthCache = new Map();
  const fmt = (label: string, r: { wall: number; cpu: number }, extra: string) =>
    console.log(`health pass, ${runs.length} runs, ${label}: ${(r.wall / 1000).toFixed(2)} s wall, ${(r.cpu / 1000).toFixed(2)} s CPU; ${extra}`);
  const cold = await timed(() => diagnose(runs, read, { cache }));
  fmt('cold', cold, `${reads} runs read, ${cold.value.findings.length} findings`);
  reads = 0;
  const warm = await timed(() => diagnose(runs, read, { cache }));
  fmt('nothing changed (per-run cache)', warm, `${reads} runs read`);
  // one run logs 20 more points (rewritten as it was after the measurement, so the workload stays the same)
  const grown = writerRun(7, STEPS + 20);
  writeMlflowFileStore(store, [grown]);
  ({ runs } = await indexPaths([work]));
  reads = 0;
  const one = await timed(() => diagnose(runs, read, { cache }));
  fmt('one run appended', one, `${reads} runs read`);
  writeMlflowFileStore(store, [writerRun(7)]);
  process.exit(0);
})();
