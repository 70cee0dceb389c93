// The no-change pass (DESIGN.md §5: <= 0.5 s at 1,000 runs) per file format, with the shipped bundles
// (bench/bundled.ts): RUNLENS_BENCH_FORMATS (default `lightning-csv,tensorboard`; also hf-trainer, wandb, aim,
// mlflow-db, optuna) picks the formats, each a workload of RUNLENS_BENCH_RUNS (default 1000) runs written once under bench/.work by the
// format writers. Per format: a cold index, then NO_CHANGE_PASSES full passes over the unchanged folders,
// median wall and CPU time (process.cpuUsage: every thread). INDEX_BASELINE=<checkout> (e.g. /work/main) times
// that checkout's index code on the same folders in the same process, passes in turns, side by side.
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Indexer as IndexerType } from '../src/core/index/indexer';
import { writeHfTrainerOutput, logHistoryFromMetrics } from '../src/demo/writers/hf-trainer';
import { writeLightningCsvRun, type LightningRow } from '../src/demo/writers/lightning-csv';
import type { WriterRun } from '../src/demo/writers/types';
import { writeMlflowDb } from '../src/demo/writers/mlflow-db';
import { writeTensorboardRun } from '../test/writers/tensorboard';
import { writeWandbRun } from '../test/writers/wandb';
import { fromWriterRun, writeAimRepo } from '../test/writers/aim/aim-repo';
import { dist, writeOptunaDb } from '../test/unit/optuna/optuna-db-writer';
import { loadIndexImpl, type Impl } from './index-impl';

const RUNS = Number(process.env.RUNLENS_BENCH_RUNS ?? 1000);
const STEPS = 200;
const SERIES = ['train_loss', 'eval_loss', 'learning_rate', 'grad_norm'];
const FORMATS = (process.env.RUNLENS_BENCH_FORMATS ?? 'lightning-csv,tensorboard').split(',').filter(Boolean);
const BASELINE = process.env.INDEX_BASELINE;
const NO_CHANGE_PASSES = 5;
const T0 = Date.UTC(2026, 0, 1);

const load = loadIndexImpl;

function writerRun(i: number): WriterRun {
  const t0 = T0 + i * 60_000;
  return {
    id: `run-${i}`,
    name: `run-${i}`,
    experiment: `sweep-${i % 5}`,
    status: 'finished',
    startTime: t0,
    params: { lr: String([1e-5, 2e-5, 3e-5][i % 3]), seed: String(i % 7) },
    tags: {},
    metrics: SERIES.map((key, k) => ({ key, points: Array.from({ length: STEPS }, (_, s) => ({ step: s, value: Math.exp(-s / STEPS) + k + (i % 10) / 100, time: t0 + s * 1000 })) })),
  };
}

/** Writes the format's workload once; returns the folder to index. */
async function workload(format: string): Promise<string> {
  const dir = path.join(__dirname, '.work', `index-formats-${format}-${RUNS}`);
  if (fs.existsSync(path.join(dir, 'done'))) return dir;
  fs.rmSync(dir, { recursive: true, force: true });
  const all = Array.from({ length: RUNS }, (_, i) => writerRun(i));
  // One store holds every run: written at once.
  if (format === 'aim') await writeAimRepo(path.join(dir, '.aim'), all.map((r, i) => fromWriterRun(r, i.toString(16).padStart(24, '0'))));
  else if (format === 'mlflow-db') await writeMlflowDb(path.join(dir, 'mlflow.db'), all.map((r, i) => ({ ...r, id: i.toString(16).padStart(32, '0') })));
  else if (format === 'optuna') {
    const trials = all.map((r, i) => ({
      number: i,
      state: 'COMPLETE' as const,
      values: [r.metrics[0].points[STEPS - 1].value],
      params: [{ name: 'lr', internal: Number(r.params.lr), distribution: dist.float(1e-6, 1, true) }],
      intermediate: r.metrics[0].points.map((p): [number, number] => [p.step, p.value]),
    }));
    fs.mkdirSync(dir, { recursive: true });
    await writeOptunaDb(path.join(dir, 'optuna.db'), [{ name: 'study', directions: ['MINIMIZE'], trials }]);
  }
  for (let i = 0; i < RUNS && !['aim', 'mlflow-db', 'optuna'].includes(format); i++) {
    const run = writerRun(i);
    if (format === 'lightning-csv') {
      const rows: LightningRow[] = Array.from({ length: STEPS }, (_, s) => ({ step: s, epoch: Math.floor(s / 50), ...Object.fromEntries(run.metrics.map((m) => [m.key, m.points[s].value])) }));
      writeLightningCsvRun(path.join(dir, 'lightning_logs', run.experiment, `version_${i}`), { hparams: { lr: Number(run.params.lr), seed: i % 7 }, rows, checkpoints: [{ epoch: 3, step: STEPS - 1, bytes: 64 }] });
    } else if (format === 'tensorboard') {
      writeTensorboardRun(path.join(dir, 'runs', run.name), run);
    } else if (format === 'hf-trainer') {
      writeHfTrainerOutput(path.join(dir, 'outputs', run.name), {
        logHistory: logHistoryFromMetrics(run.metrics, 50),
        maxSteps: STEPS,
        numTrainEpochs: 4,
        saveSteps: 100,
        saveTotalLimit: 2,
        modelBytes: 64,
        config: { hidden_size: 768, lr: Number(run.params.lr) },
      });
    } else if (format === 'wandb') {
      writeWandbRun(path.join(dir, 'wandb'), { ...run, id: `r${i.toString(36).padStart(7, '0')}` }, { offline: true });
    } else throw new Error(`no workload for format ${format}`);
  }
  fs.writeFileSync(path.join(dir, 'done'), '');
  return dir;
}

interface Timing {
  wall: number;
  cpu: number;
}

async function timed<T>(fn: () => Promise<T>): Promise<Timing & { value: T }> {
  const wall0 = performance.now();
  const cpu0 = process.cpuUsage();
  const value = await fn();
  const cpu = process.cpuUsage(cpu0);
  return { wall: performance.now() - wall0, cpu: (cpu.user + cpu.system) / 1000, value };
}

const fmt = (t: Timing) => `${t.wall.toFixed(0)} ms wall, cpu ${t.cpu.toFixed(0)} ms`;
const median = (xs: Timing[]): Timing => {
  const at = (k: keyof Timing) => [...xs.map((x) => x[k])].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  return { wall: at('wall'), cpu: at('cpu') };
};

(async () => {
  const impls = [load('this'), ...(BASELINE ? [load('baseline', BASELINE)] : [])];
  console.log(`index code: ${impls.map((i) => i.label).join(', ')}${BASELINE ? ` (baseline: ${BASELINE})` : ''}; ${RUNS} runs per format`);
  for (const format of FORMATS) {
    const started = performance.now();
    const dir = await workload(format);
    console.log(`\n${format}: ${dir} (ready in ${((performance.now() - started) / 1000).toFixed(1)} s)`);
    const indexed = new Map<Impl, IndexerType>();
    for (const impl of impls) {
      // Only this format's reader: other readers' detect() would claim nothing here anyway.
      const readers = impl.readers.filter((r) => r.format === format);
      const pool = impl.ReadPool.create({});
      const store = await impl.IndexStore.open();
      const cold = await timed(() => new impl.Indexer({ store, readers, pool }).indexFolders([dir]));
      pool?.close();
      indexed.set(impl, new impl.Indexer({ store, readers }));
      console.log(`  cold index   ${impl.label.padEnd(9)} ${cold.value.runs} runs in ${cold.value.roots.length} sources: ${fmt(cold)}`);
    }
    const passes = new Map<Impl, Timing[]>();
    let last = new Map<Impl, string>();
    for (let i = 0; i < NO_CHANGE_PASSES; i++) {
      // Which checkout goes first alternates: the first pass after the other's pays for its garbage.
      const order = i % 2 ? [...indexed].reverse() : [...indexed];
      for (const [impl, indexer] of order) {
        const t = await timed(() => indexer.indexFolders([dir]));
        last.set(impl, `${t.value.reused} reused, ${t.value.reread} read`);
        passes.set(impl, [...(passes.get(impl) ?? []), t]);
      }
    }
    console.log(`  re-index with nothing changed, median of ${NO_CHANGE_PASSES} (budget <= 0.5 s):`);
    for (const impl of impls) console.log(`    ${impl.label.padEnd(9)} ${fmt(median(passes.get(impl)!))} (${last.get(impl)}; first ${fmt(passes.get(impl)![0])})`);
    last = new Map();
  }
})();
