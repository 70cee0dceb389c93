// A FIFO under every file name a reader may open, one name at a time, in a workspace holding
// every format: the whole index pass must finish (a FIFO opened for reading blocks until a
// writer appears, i.e. forever) and the other runs still load.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { tempDir } from '../../../helpers/tmp';
import { Indexer } from '../../../../src/core/index/indexer';
import { IndexStore } from '../../../../src/core/index/store';
import { readers } from '../../../../src/core/sources/registry';
import { optunaReader } from '../../../../src/core/sources/optuna/reader';
import { closeAllDbSnapshots } from '../../../../src/core/sources/mlflow-db/snapshot';
import { writeMlflowFileStore } from '../../../../src/demo/writers/mlflow-file';
import { writeMlflowDb } from '../../../../src/demo/writers/mlflow-db';
import { writeLightningCsvRun } from '../../../../src/demo/writers/lightning-csv';
import { writeHfTrainerOutput, logHistoryFromMetrics } from '../../../../src/demo/writers/hf-trainer';
import { writeTensorboardRun } from '../../../writers/tensorboard';
import { writeWandbRun } from '../../../writers/wandb';
import { writeOptunaDb, dist } from '../../optuna/optuna-db-writer';
import { sampleRuns } from '../../mlflow/sample-runs';

async function workspace(dir: string): Promise<void> {
  const runs = sampleRuns().slice(0, 2);
  writeMlflowFileStore(path.join(dir, 'mlruns'), runs);
  await writeMlflowDb(path.join(dir, 'mlflow.db'), runs);
  writeLightningCsvRun(path.join(dir, 'lightning_logs', 'version_0'), { hparams: { lr: 0.1 }, rows: [{ step: 0, epoch: 0, loss: 1 }], checkpoints: [{ epoch: 0, step: 0 }] });
  writeHfTrainerOutput(path.join(dir, 'outputs', 'bert'), {
    logHistory: logHistoryFromMetrics([{ key: 'loss', points: [{ step: 10, value: 1, timestamp: 0 }, { step: 20, value: 0.5, timestamp: 0 }] }] as never, 10),
    maxSteps: 20,
    numTrainEpochs: 2,
    checkpointSteps: [20],
    config: { model_type: 'bert' },
  });
  writeTensorboardRun(path.join(dir, 'tb', 'run1'), runs[0]);
  writeWandbRun(path.join(dir, 'wandb'), runs[1], { exitCode: 0 });
  await writeOptunaDb(path.join(dir, 'study.db'), [
    { name: 's', directions: ['MINIMIZE'], trials: [{ number: 0, state: 'COMPLETE', values: [1], params: [{ name: 'x', internal: 1, distribution: dist.int(0, 5) }], intermediate: [[0, 1]] }] },
  ]);
}

function regularFiles(dir: string, out: string[] = []): string[] {
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) regularFiles(p, out);
    else if (e.isFile()) out.push(p);
  }
  return out;
}

test('a FIFO under any one file name: the index pass finishes and the other sources still load', { timeout: 300_000 }, async () => {
  const base = tempDir(); // one temp root: each variant is a folder below it
  const template = path.join(base, 'ws');
  await workspace(template);
  const store0 = await IndexStore.open();
  const full = await new Indexer({ store: store0, readers }).indexFolders([template]);
  const formats = new Set(full.roots.map((r) => r.format));
  assert.ok(formats.size >= 7, [...formats].join(','));
  // one variant per distinct base name (metric files share theirs across runs)
  const names = [...new Set(regularFiles(template).map((f) => path.basename(f)))].sort();
  for (const name of names) {
    const dir = path.join(fs.mkdtempSync(path.join(base, 'variant-')), 'ws');
    fs.cpSync(template, dir, { recursive: true });
    for (const f of regularFiles(dir).filter((f) => path.basename(f) === name)) {
      fs.rmSync(f);
      execFileSync('mkfifo', [f]);
    }
    optunaReader.cache.clear();
    closeAllDbSnapshots();
    const store = await IndexStore.open();
    const pass = await new Indexer({ store, readers }).indexFolders([dir]);
    // the sources not built on that name are still there
    assert.ok(pass.roots.length >= full.roots.length - 2, `${name}: ${pass.roots.length} of ${full.roots.length} sources`);
  }
  optunaReader.cache.clear();
  closeAllDbSnapshots();
});
