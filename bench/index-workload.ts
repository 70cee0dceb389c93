// The index benches' workload: a generated MLflow file store of RUNLENS_BENCH_RUNS (default 1000) runs × 20 series
// × RUNLENS_BENCH_STEPS (default 1000; the design's L uses 10000) steps, written once under bench/.work.
// RUNLENS_BENCH_WORKLOAD=<dir> uses an existing store instead; at 1000 × 10000 the store that
// bench/mlflow.bench.ts already wrote (7.5 GB) is used when present.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { prng } from '../src/core/util/prng';
import { writeMlflowFileStore } from '../src/demo/writers/mlflow-file';
import type { WriterRun } from '../src/demo/writers/types';

export const RUNS = Number(process.env.RUNLENS_BENCH_RUNS ?? 1000);
export const STEPS = Number(process.env.RUNLENS_BENCH_STEPS ?? 1000);
export const SERIES = 20;
const sharedL = path.join(__dirname, '.work', 'mlflow', `file-${RUNS}x${SERIES}x${STEPS}`);
export const external =
  process.env.RUNLENS_BENCH_WORKLOAD ?? (STEPS === 10_000 && fs.existsSync(path.join(sharedL, '.complete')) ? sharedL : undefined);
export const work = external ?? path.join(__dirname, '.work', `index-${RUNS}x${SERIES}x${STEPS}`);
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

export function ensureWorkload(): void {
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
export function firstFile(dir: string): string {
  const entry = fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))[0];
  return entry.isDirectory() ? firstFile(path.join(dir, entry.name)) : path.join(dir, entry.name);
}
