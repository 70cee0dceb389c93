// Round trips through the HF Trainer writer: what the writer puts in an output_dir, the reader gives back.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { tempDir } from '../../helpers/tmp';
import { hfTrainerReader } from '../../../src/core/sources/hf-trainer/reader';
import { listDir, pathBytes } from '../../../src/core/util/fs';
import { writeHfTrainerOutput, logHistoryFromMetrics, type HfLogEntry } from '../../../src/demo/writers/hf-trainer';
import type { RunInfo, Series } from '../../../src/core/model';

async function listOne(dir: string): Promise<RunInfo> {
  const res = await hfTrainerReader.listRuns({ format: 'hf-trainer', path: dir });
  assert.deepEqual(res.errors, []);
  assert.equal(res.runs.length, 1);
  return res.runs[0];
}

async function seriesOf(run: RunInfo): Promise<Map<string, Series>> {
  const res = await hfTrainerReader.readSeries(run);
  assert.deepEqual(res.errors, []);
  return new Map(res.series.map((s) => [s.key, s]));
}

/** 4 epochs × 100 steps: train logs every 50 steps, two eval datasets logged as separate entries per epoch. */
function sweepHistory(): HfLogEntry[] {
  const h: HfLogEntry[] = [];
  for (let step = 50; step <= 400; step += 50) {
    const loss = step === 250 ? NaN : step === 300 ? Infinity : 2 / step;
    h.push({ step, epoch: step / 100, loss, learning_rate: 5e-5 * (1 - step / 400), grad_norm: 1 + step / 1000 });
    if (step % 100 === 0) {
      h.push({ step, epoch: step / 100, eval_en_f1: 0.5 + step / 1000, eval_en_loss: 1 - step / 1000, eval_report: 'see logs' });
      h.push({ step, epoch: step / 100, eval_de_f1: step === 300 ? -Infinity : 0.4 + step / 1000, eval_de_tags: ['B-PER', 'I-PER'] });
    }
  }
  return h;
}

test('finished run: series with NaN/±Infinity, summary row kept out of series, params, checkpoints with sizes', async () => {
  const dir = path.join(tempDir(), 'ner-sweep', 'xlmr-lr3e-5-seed1');
  const out = writeHfTrainerOutput(dir, {
    logHistory: sweepHistory(),
    maxSteps: 400,
    numTrainEpochs: 4,
    saveSteps: 100,
    bestMetric: { key: 'eval_en_f1', greaterIsBetter: true },
    summary: { trainRuntime: 123.5, trainLoss: 0.42 },
    config: { model_type: 'xlm-roberta', hidden_size: 768, layer_norm_eps: 1e-5, id2label: { '0': 'O', '1': 'B-PER' }, architectures: ['XLMRobertaForTokenClassification'] },
    trialParams: { learning_rate: 3e-5, seed: 1 },
    trainBatchSize: 32,
    modelBytes: 10_000,
  });
  assert.equal(out.checkpointDirs.length, 4);
  // the writer produced Python-style JSON: bare NaN/Infinity, floats like 1e-05 and 3.0
  const rootText = fs.readFileSync(out.rootState!, 'utf8');
  assert.match(rootText, /"loss": NaN,/);
  assert.match(rootText, /"loss": Infinity,/);
  assert.match(rootText, /"eval_de_f1": -Infinity,/);
  assert.match(rootText, /"epoch": 3\.0,/);
  assert.match(fs.readFileSync(path.join(dir, 'config.json'), 'utf8'), /"layer_norm_eps": 1e-05/);

  const detected = await hfTrainerReader.detect(await listDir(dir));
  assert.deepEqual(detected.roots, [{ format: 'hf-trainer', path: dir }]);
  assert.deepEqual(detected.skip, ['checkpoint-100', 'checkpoint-200', 'checkpoint-300', 'checkpoint-400']);
  assert.deepEqual((await hfTrainerReader.detect(await listDir(path.dirname(dir)))).roots, []);

  const run = await listOne(dir);
  assert.equal(run.id, 'xlmr-lr3e-5-seed1');
  assert.equal(run.name, 'xlmr-lr3e-5-seed1');
  assert.equal(run.experiment, 'ner-sweep');
  assert.equal(run.status, 'finished');
  assert.equal(run.path, dir);
  assert.deepEqual(run.summary, { train_runtime: 123.5, train_loss: 0.42, total_flos: 400 * 1.7e12, train_samples_per_second: 25.911, train_steps_per_second: 3.239, best_metric: 0.9 });
  assert.equal(run.extra?.best_metric, 0.9);
  assert.equal(run.extra?.best_model_checkpoint, '/content/xlmr-lr3e-5-seed1/checkpoint-400');
  assert.equal(run.extra?.best_global_step, 400);
  assert.equal(run.extra?.global_step, 400);
  assert.equal(run.extra?.max_steps, 400);
  assert.equal(run.extra?.num_train_epochs, 4);
  assert.equal(run.extra?.state_file, 'trainer_state.json');
  assert.equal(run.params.model_type, 'xlm-roberta');
  assert.equal(run.params.hidden_size, '768');
  assert.equal(run.params.layer_norm_eps, '1e-05');
  assert.equal(run.params['id2label.1'], 'B-PER');
  assert.equal(run.params.architectures, '["XLMRobertaForTokenClassification"]');
  assert.equal(run.params.learning_rate, '3e-05');
  assert.equal(run.params.seed, '1');
  assert.equal(run.params.train_batch_size, '32');
  assert.equal(run.params.max_steps, '400');
  assert.ok(run.endTime !== undefined && run.startTime === run.endTime - 123_500);
  // non-numeric compute_metrics values are skipped, and said so
  assert.ok(run.warnings?.some((w) => w.includes('eval_de_tags') && w.includes('eval_report')));

  assert.deepEqual(run.checkpoints.map((c) => [c.step, c.epoch, path.basename(c.path), c.kind]), [
    [100, 1, 'checkpoint-100', 'checkpoint'],
    [200, 2, 'checkpoint-200', 'checkpoint'],
    [300, 3, 'checkpoint-300', 'checkpoint'],
    [400, 4, 'checkpoint-400', 'best'],
  ]);
  for (const c of run.checkpoints) {
    assert.equal(c.bytes, await pathBytes(c.path));
    assert.ok(c.bytes > 10_000);
  }

  const series = await seriesOf(run);
  assert.deepEqual([...series.keys()], ['eval_de_f1', 'eval_en_f1', 'eval_en_loss', 'grad_norm', 'learning_rate', 'loss']);
  const loss = series.get('loss')!.points;
  assert.deepEqual([...loss.steps], [50, 100, 150, 200, 250, 300, 350, 400]);
  assert.ok(Number.isNaN(loss.values[4]));
  assert.equal(loss.values[5], Infinity);
  assert.equal(loss.values[0], 2 / 50);
  assert.deepEqual([...loss.epochs!], [0.5, 1, 1.5, 2, 2.5, 3, 3.5, 4]);
  // eval datasets logged as separate entries at the same step each keep their own points
  assert.deepEqual([...series.get('eval_de_f1')!.points.values], [0.4 + 0.1, 0.4 + 0.2, -Infinity, 0.4 + 0.4]);
  assert.deepEqual([...series.get('eval_en_f1')!.points.steps], [100, 200, 300, 400]);

  const only = await hfTrainerReader.readSeries(run, { only: [{ key: 'eval_en_f1', context: {} }, { key: 'loss', context: { lang: 'en' } }] });
  assert.deepEqual(only.series.map((s) => s.key), ['eval_en_f1']);
});

test('a live run without root state: the highest checkpoint is authoritative; rotated checkpoints; resumed steps', async () => {
  const dir = path.join(tempDir(), 'resumed');
  // resumed from step 3000: the log starts there and goes on to 3600 of 5000
  const history: HfLogEntry[] = [];
  for (let step = 3000; step <= 3600; step += 100) history.push({ step, epoch: step / 1000, loss: 1000 / step });
  writeHfTrainerOutput(dir, { logHistory: history, maxSteps: 5000, numTrainEpochs: 5, checkpointSteps: [3200, 3400, 3600], saveTotalLimit: 2 });
  assert.deepEqual(fs.readdirSync(dir).sort(), ['checkpoint-3400', 'checkpoint-3600']);

  const run = await listOne(dir);
  assert.equal(run.status, 'unknown');
  assert.equal(run.endTime, undefined);
  assert.deepEqual(run.summary, {});
  assert.equal(run.extra?.state_file, path.join('checkpoint-3600', 'trainer_state.json'));
  assert.deepEqual(run.checkpoints.map((c) => c.step), [3400, 3600]);
  const loss = (await seriesOf(run)).get('loss')!.points;
  assert.deepEqual([...loss.steps], [3000, 3100, 3200, 3300, 3400, 3500, 3600]);
  assert.equal(loss.values[0], 1000 / 3000);
});

test('a renamed checkpoint folder (last-checkpoint/) next to a root state: one run, step from its state', async () => {
  const dir = path.join(tempDir(), 'whisper');
  const history = logHistoryFromMetrics(
    [
      { key: 'loss', points: [25, 50, 75, 100].map((step) => ({ step, value: 1 / step, time: 0 })) },
      { key: 'eval_wer', points: [{ step: 100, value: 0.74, time: 0 }] },
    ],
    50,
  );
  assert.deepEqual(history.map((e) => Object.keys(e).sort().join(',')), ['epoch,loss,step', 'epoch,loss,step', 'epoch,loss,step', 'epoch,loss,step', 'epoch,eval_wer,step']);
  writeHfTrainerOutput(dir, { logHistory: history, maxSteps: 100, numTrainEpochs: 2, saveSteps: 100, summary: { trainRuntime: 10, trainLoss: 0.02 }, legacy: true });
  fs.renameSync(path.join(dir, 'checkpoint-100'), path.join(dir, 'last-checkpoint'));

  const detected = await hfTrainerReader.detect(await listDir(dir));
  assert.deepEqual(detected.skip, ['last-checkpoint']);
  const run = await listOne(dir);
  assert.equal(run.status, 'finished');
  assert.equal(run.extra?.state_file, 'trainer_state.json');
  assert.equal(run.extra?.best_global_step, undefined); // legacy files have no such field
  assert.deepEqual(run.checkpoints.map((c) => [path.basename(c.path), c.step]), [['last-checkpoint', 100]]);
  assert.equal(run.extra?.log_history_entries, 6);
});

test('PEFT output with only a checkpoint folder: adapter_config params; legacy state finished by global_step', async () => {
  const dir = path.join(tempDir(), 'lora');
  writeHfTrainerOutput(dir, {
    logHistory: [{ step: 10, epoch: 1, loss: 0.5 }, { step: 20, epoch: 2, loss: 0.25 }],
    maxSteps: 20,
    numTrainEpochs: 2,
    saveSteps: 20,
    legacy: true,
    adapterConfig: { peft_type: 'LORA', r: 8, lora_alpha: 16, target_modules: ['q_lin', 'v_lin'], base_model_name_or_path: 'distilbert-base-uncased' },
  });
  assert.ok(fs.existsSync(path.join(dir, 'checkpoint-20', 'adapter_model.safetensors')));
  const run = await listOne(dir);
  assert.equal(run.status, 'finished');
  assert.equal(run.params.r, '8');
  assert.equal(run.params.target_modules, '["q_lin","v_lin"]');
  assert.equal(run.params.train_batch_size, undefined);
  assert.equal(run.params.num_train_epochs, '2');
});

test('a checkpoint folder newer than the root state wins (training resumed into the same folder)', async () => {
  const dir = path.join(tempDir(), 'again');
  writeHfTrainerOutput(dir, { logHistory: [{ step: 10, epoch: 1, loss: 1 }], maxSteps: 10, numTrainEpochs: 1, saveSteps: 10, summary: { trainRuntime: 1, trainLoss: 1 } });
  const later = path.join(tempDir(), 'later');
  writeHfTrainerOutput(later, { logHistory: [{ step: 10, epoch: 1, loss: 1 }, { step: 20, epoch: 2, loss: 0.5 }], maxSteps: 40, numTrainEpochs: 4, checkpointSteps: [20] });
  fs.renameSync(path.join(later, 'checkpoint-20'), path.join(dir, 'checkpoint-20'));
  const run = await listOne(dir);
  assert.equal(run.extra?.state_file, path.join('checkpoint-20', 'trainer_state.json'));
  assert.equal(run.status, 'unknown');
  assert.deepEqual([...(await seriesOf(run)).get('loss')!.points.values], [1, 0.5]);
});
