// The generated workspaces the corruption oracle damages: one per format, each with a few runs (so "no other
// run changes" is tested too), written by the project's demo and test writers.
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { WriterRun } from '../../../src/demo/writers/types';
import { writeMlflowFileStore } from '../../../src/demo/writers/mlflow-file';
import { writeMlflowDb } from '../../../src/demo/writers/mlflow-db';
import { writeHfTrainerOutput } from '../../../src/demo/writers/hf-trainer';
import { writeLightningCsvRun } from '../../../src/demo/writers/lightning-csv';
import { writeTensorboardRun } from '../../writers/tensorboard';
import { writeWandbRun } from '../../writers/wandb';
import { fromWriterRun, writeAimRepo, type AimRun } from '../../writers/aim/aim-repo';
import { dist, writeOptunaDb, type FixtureStudy } from '../optuna/optuna-db-writer';
import * as m from './mutators';
import type { OracleSpec } from './oracle';

const T0 = 1_700_000_000_000;

function run(i: number, points = 12): WriterRun {
  const id = `${String.fromCharCode(97 + i)}${i}`.repeat(16).slice(0, 32);
  return {
    id,
    name: `run ${i}`,
    experiment: 'oracle',
    status: i === 2 ? 'running' : 'finished',
    startTime: T0 + i * 1000,
    endTime: i === 2 ? undefined : T0 + i * 1000 + 60_000,
    params: { lr: String(0.01 * (i + 1)), optimizer: i % 2 ? 'sgd' : 'adam', depth: String(4 + i) },
    tags: { team: 'vision', 'mlflow.source.name': 'train.py' },
    metrics: [
      { key: 'loss', points: Array.from({ length: points }, (_, s) => ({ step: s, value: 2 / (s + 1 + i), time: T0 + i * 1000 + s * 500 })) },
      { key: 'val/acc', points: Array.from({ length: Math.ceil(points / 3) }, (_, s) => ({ step: s * 3, value: s / points, time: T0 + i * 1000 + s * 1500 })) },
    ],
  };
}
const runs = (n: number, points?: number) => Array.from({ length: n }, (_, i) => run(i, points));

const ext = (rel: string) => path.extname(rel);
const yamlOrJson = (rel: string): m.Mutator[] =>
  ext(rel) === '.yaml' ? Object.values(m.yaml) : ext(rel) === '.json' ? Object.values(m.json) : [];

export const workspaces: Record<string, OracleSpec> = {
  'mlflow-file': {
    build: (dir) => writeMlflowFileStore(path.join(dir, 'mlruns'), runs(3)),
    // metric files are appended line by line; params/tags are one value each
    appendOnly: (rel) => rel.includes(`${path.sep}metrics${path.sep}`),
    textual: (rel) => ext(rel) === '.yaml',
    mutatorsFor: (rel) => [...yamlOrJson(rel), ...(rel.includes(`${path.sep}metrics${path.sep}`) ? Object.values(m.lines) : [])],
    cases: 500,
    seed: 0x11f,
  },
  'mlflow-db': {
    build: (dir) => writeMlflowDb(path.join(dir, 'mlflow.db'), runs(3)),
    cases: 300,
    seed: 0x22f,
  },
  optuna: {
    build: (dir) => writeOptunaDb(path.join(dir, 'optuna_study.db'), optunaStudies()),
    cases: 300,
    seed: 0x33f,
  },
  aim: {
    build: async (dir) => {
      const aim = runs(3).map((r, i): AimRun => fromWriterRun(r, `${'abc'[i]}`.repeat(24)));
      await writeAimRepo(path.join(dir, '.aim'), aim);
    },
    appendOnly: (rel) => ext(rel) === '.log',
    mutatorsFor: (rel) => (ext(rel) === '.sst' ? Object.values(m.sst) : ext(rel) === '.log' || path.basename(rel).startsWith('MANIFEST') ? Object.values(m.rocksLog) : []),
    skip: (rel) => path.basename(rel) === 'LOCK',
    cases: 600,
    seed: 0x44f,
  },
  tensorboard: {
    build: (dir) => {
      for (const r of runs(3, 30)) writeTensorboardRun(path.join(dir, 'tb', r.name.replace(' ', '_')), r, { lightning: true });
    },
    appendOnly: (rel) => path.basename(rel).startsWith('events.out.tfevents'),
    mutatorsFor: () => Object.values(m.tfrecord),
    cases: 500,
    seed: 0x55f,
  },
  wandb: {
    build: (dir) => {
      for (const r of runs(3)) writeWandbRun(path.join(dir, 'wandb'), r);
    },
    appendOnly: (rel) => ext(rel) === '.wandb' || path.basename(rel) === 'output.log',
    textual: (rel) => ext(rel) === '.yaml',
    mutatorsFor: (rel) => [...yamlOrJson(rel), ...(ext(rel) === '.wandb' ? Object.values(m.wandbLog) : [])],
    cases: 400,
    seed: 0x66f,
  },
  'lightning-csv': {
    build: (dir) => {
      for (let v = 0; v < 3; v++) {
        writeLightningCsvRun(path.join(dir, 'lightning_logs', `version_${v}`), {
          hparams: { lr: 0.1 * (v + 1), layers: [64, 32], name: `model ${v}` },
          rows: Array.from({ length: 15 }, (_, s) => ({ epoch: Math.floor(s / 5), step: s, loss: 3 / (s + 1), ...(s % 5 === 4 ? { val_loss: 1 / (s + v + 1) } : {}) })),
        });
      }
    },
    appendOnly: (rel) => path.basename(rel) === 'metrics.csv',
    textual: (rel) => ext(rel) === '.yaml',
    mutatorsFor: (rel) => [...yamlOrJson(rel), ...(ext(rel) === '.csv' ? Object.values(m.lines) : [])],
    cases: 400,
    seed: 0x77f,
  },
  'hf-trainer': {
    build: (dir) => {
      for (let r = 0; r < 2; r++) {
        writeHfTrainerOutput(path.join(dir, `out-${r}`), {
          logHistory: [100, 200, 300].flatMap((step) => [{ step, epoch: step / 100, loss: 1 / (step + r) }, { step, epoch: step / 100, eval_loss: 2 / step }]),
          maxSteps: 300,
          numTrainEpochs: 3,
          saveSteps: 100,
          summary: { trainRuntime: 30, trainLoss: 0.01 },
          config: { model_type: 'bert', hidden_size: 64 + r },
          modelBytes: 64,
        });
      }
    },
    mutatorsFor: yamlOrJson,
    skip: (rel) => rel.endsWith('.safetensors') || rel.endsWith('.bin') || rel.endsWith('.pt'),
    cases: 300,
    seed: 0x88f,
  },
};

function optunaStudies(): FixtureStudy[] {
  return ['s1', 's2'].map((name, k) => ({
    name,
    directions: ['MINIMIZE'],
    trials: Array.from({ length: 6 }, (_, i) => ({
      number: i,
      state: i === 5 ? ('PRUNED' as const) : ('COMPLETE' as const),
      values: i === 5 ? undefined : [i / 10 + k],
      params: [
        { name: 'x', internal: i, distribution: dist.int(0, 100) },
        { name: 'lr', internal: 0.001 * (i + 1), distribution: dist.float(1e-4, 1, true) },
      ],
      intermediate: Array.from({ length: 8 }, (_, s) => [s, i + s / 100] as [number, number]),
      userAttrs: { note: `trial ${i}` },
    })),
  }));
}

/** For the fixtures of minimised failures. */
export function writeBytes(file: string, bytes: Uint8Array): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, bytes);
}
