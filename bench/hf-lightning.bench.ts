// HF Trainer and Lightning CSV reader throughput. Workloads are written under bench/.work by the
// format writers: a large sparse metrics.csv, a long trainer_state.json, and many small runs to
// list. Each figure is the best of a few repetitions (the machine may be shared).
import * as fs from 'node:fs';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import { hfTrainerReader } from '../src/core/sources/hf-trainer/reader';
import { lightningCsvReader } from '../src/core/sources/lightning-csv/reader';
import { writeHfTrainerOutput, type HfLogEntry } from '../src/demo/writers/hf-trainer';
import { writeLightningCsvRun, type LightningRow } from '../src/demo/writers/lightning-csv';
import type { RunInfo, SourceReader } from '../src/core/model';

const work = path.join(__dirname, '.work', 'hf-lightning');
fs.rmSync(work, { recursive: true, force: true });
fs.mkdirSync(work, { recursive: true });

async function best(reps: number, fn: () => Promise<unknown>): Promise<number> {
  let min = Infinity;
  for (let i = 0; i < reps; i++) {
    const t0 = performance.now();
    await fn();
    min = Math.min(min, performance.now() - t0);
  }
  return min;
}

async function listOne(reader: SourceReader, dir: string): Promise<RunInfo> {
  const res = await reader.listRuns({ format: reader.format, path: dir });
  if (res.runs.length !== 1) throw new Error(`expected one run in ${dir}`);
  return res.runs[0];
}

const mb = (bytes: number) => bytes / (1024 * 1024);

async function lightningCsvThroughput(): Promise<void> {
  // 400k train rows with 4 step metrics, a val row every 1000 steps with 6 epoch metrics (11 columns, sparse)
  const rows: LightningRow[] = [];
  for (let step = 0; step < 400_000; step++) {
    const epoch = Math.floor(step / 1000);
    rows.push({ epoch, step, train_loss_step: 3 / (1 + step / 1e4) + (step % 7) * 1e-3, train_acc_step: 1 - 1 / (2 + step), lr: 1e-4 * (1 - step / 4e5), grad_norm: 1 + (step % 13) / 10 });
    if (step % 1000 === 999) rows.push({ epoch, step, val_loss: 1 / (epoch + 1), val_acc: 0.5 + epoch / 1000, val_f1: 0.4 + epoch / 1000, train_loss_epoch: 2 / (epoch + 1), epoch_time: 100 + epoch, val_ppl: Math.exp(1 / (epoch + 1)) });
  }
  const dir = path.join(work, 'lightning_logs', 'version_0');
  writeLightningCsvRun(dir, { hparams: { lr: 1e-4, layers: 12 }, rows });
  const bytes = fs.statSync(path.join(dir, 'metrics.csv')).size;
  const run = await listOne(lightningCsvReader, dir);
  let points = 0;
  const ms = await best(3, async () => {
    const res = await lightningCsvReader.readSeries(run);
    points = res.series.reduce((n, s) => n + s.points.values.length, 0);
  });
  console.log(`lightning metrics.csv read: ${(mb(bytes) / (ms / 1000)).toFixed(0)} MB/s (${mb(bytes).toFixed(1)} MB, ${points} points in ${ms.toFixed(0)} ms; target >= 40 MB/s)`);
}

async function trainerStateThroughput(): Promise<void> {
  // 100k steps logged every step plus an eval entry every 500 steps: a ~20 MB trainer_state.json
  const history: HfLogEntry[] = [];
  for (let step = 1; step <= 100_000; step++) {
    history.push({ step, epoch: step / 5000, loss: 2 / (1 + step / 1e4), learning_rate: 5e-5 * (1 - step / 1e5), grad_norm: 1 + (step % 11) / 10 });
    if (step % 500 === 0) history.push({ step, epoch: step / 5000, eval_loss: 1 / (1 + step / 1e4), eval_f1: 0.9 - 1 / step, eval_runtime: 12.5, eval_samples_per_second: 80.1, eval_steps_per_second: 10.2 });
  }
  const dir = path.join(work, 'hf-long');
  const out = writeHfTrainerOutput(dir, { logHistory: history, maxSteps: 100_000, numTrainEpochs: 20, checkpointSteps: [100_000], summary: { trainRuntime: 3600, trainLoss: 0.3 } });
  const bytes = fs.statSync(out.rootState!).size;
  let run!: RunInfo;
  const listMs = await best(3, async () => (run = await listOne(hfTrainerReader, dir)));
  const readMs = await best(3, () => hfTrainerReader.readSeries(run));
  console.log(`hf trainer_state.json list: ${(mb(bytes) / (listMs / 1000)).toFixed(0)} MB/s (${mb(bytes).toFixed(1)} MB in ${listMs.toFixed(0)} ms; target >= 40 MB/s)`);
  console.log(`hf trainer_state.json read series: ${(mb(bytes) / (readMs / 1000)).toFixed(0)} MB/s (${readMs.toFixed(0)} ms; target >= 40 MB/s)`);
}

async function manyRuns(): Promise<void> {
  // a sweep of 200 HF output dirs (5 checkpoints each) and 500 Lightning versions
  const hfDirs: string[] = [];
  for (let i = 0; i < 200; i++) {
    const dir = path.join(work, 'sweep', `run-${i}`);
    const history: HfLogEntry[] = [];
    for (let step = 50; step <= 2500; step += 50) history.push({ step, epoch: step / 500, loss: 1 / step });
    writeHfTrainerOutput(dir, { logHistory: history, maxSteps: 2500, numTrainEpochs: 5, saveSteps: 500, config: { model_type: 'bert', hidden_size: 768 }, modelBytes: 256 });
    hfDirs.push(dir);
  }
  const lDirs: string[] = [];
  for (let i = 0; i < 500; i++) {
    const dir = path.join(work, 'lightning_many', `version_${i}`);
    writeLightningCsvRun(dir, { hparams: { lr: 1e-3 * (i + 1), seed: i }, rows: [{ epoch: 0, step: 0, loss: 1 }], checkpoints: [{ epoch: 0, step: 0, bytes: 16 }] });
    lDirs.push(dir);
  }
  const hfMs = await best(3, () => Promise.all(hfDirs.map((d) => listOne(hfTrainerReader, d))));
  const lMs = await best(3, () => Promise.all(lDirs.map((d) => listOne(lightningCsvReader, d))));
  console.log(`hf list 200 output dirs: ${hfMs.toFixed(0)} ms (${(hfMs / 200).toFixed(2)} ms/run; target <= 2 ms/run)`);
  console.log(`lightning list 500 versions: ${lMs.toFixed(0)} ms (${(lMs / 500).toFixed(2)} ms/run; target <= 2 ms/run)`);
}

(async () => {
  await lightningCsvThroughput();
  await trainerStateThroughput();
  await manyRuns();
})().catch((err) => {
  console.error(err);
  process.exit(1);
});
