// Round trips through the Lightning CSV writer, detection rules, hparams.yaml with python tags.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { tempDir } from '../../helpers/tmp';
import { lightningCsvReader } from '../../../src/core/sources/lightning-csv/reader';
import { parseCheckpointName } from '../../../src/core/sources/lightning-csv/checkpoints';
import { parseHparams } from '../../../src/core/sources/lightning-csv/hparams-yaml';
import { discoverRoots } from '../../../src/core/index/discover';
import { listDir } from '../../../src/core/util/fs';
import { writeLightningCsvRun, type LightningRow } from '../../../src/demo/writers/lightning-csv';
import type { RunInfo, Series } from '../../../src/core/model';

async function listOne(dir: string): Promise<RunInfo> {
  const res = await lightningCsvReader.listRuns({ format: 'lightning-csv', path: dir });
  assert.deepEqual(res.errors, []);
  assert.equal(res.runs.length, 1);
  return res.runs[0];
}

async function seriesOf(run: RunInfo): Promise<Map<string, Series>> {
  const res = await lightningCsvReader.readSeries(run);
  assert.deepEqual(res.errors, []);
  return new Map(res.series.map((s) => [s.key, s]));
}

/** 3 epochs of 4 steps: a train row every 2 steps, then a val row sharing the last train step. */
function epochRows(firstEpoch: number, firstStep: number): LightningRow[] {
  const rows: LightningRow[] = [];
  let step = firstStep;
  for (let epoch = firstEpoch; epoch < firstEpoch + 3; epoch++) {
    for (let i = 0; i < 2; i++) {
      step += 2;
      rows.push({ epoch, step, train_loss_step: epoch === firstEpoch + 1 && i === 1 ? NaN : 1 / step });
    }
    rows.push({ epoch, step, val_loss: epoch === firstEpoch + 2 ? Infinity : 0.5 / (epoch + 1), 'val/f1,macro': 0.1 * (epoch + 1), train_loss_epoch: -Infinity });
  }
  return rows;
}

test('sparse CRLF metrics.csv: one series per column, epochs ride along, shared steps kept, NaN/±Infinity kept', async () => {
  const dir = path.join(tempDir(), 'lightning_logs', 'version_0');
  writeLightningCsvRun(dir, {
    hparams: { lr: 1e-5, model: { name: 'xlmr', layers: 12 }, use_crf: true, langs: ['de', 'es'] },
    rows: epochRows(0, 0),
    checkpoints: [{ epoch: 1, step: 8, bytes: 5000 }, { fileName: 'epoch=2-val_loss=0.12.ckpt', bytes: 10 }, { fileName: 'last.ckpt', bytes: 7 }, { fileName: 'epoch=2-step=12-v1.ckpt' }],
  });
  const text = fs.readFileSync(path.join(dir, 'metrics.csv'), 'utf8');
  assert.equal(text.split('\r\n')[0], 'epoch,step,train_loss_epoch,train_loss_step,"val/f1,macro",val_loss');
  assert.ok(text.endsWith('\r\n') && !/[^\r]\n/.test(text));
  assert.match(text, /,nan,/);
  assert.match(text, /,inf\r\n/);
  assert.match(text, /,-inf,/);

  const detected = await lightningCsvReader.detect(await listDir(dir));
  assert.deepEqual(detected.roots, [{ format: 'lightning-csv', path: dir }]);
  assert.deepEqual(detected.skip, ['checkpoints']);
  assert.equal(detected.stop, undefined);

  const run = await listOne(dir);
  assert.equal(run.id, 'version_0');
  assert.equal(run.name, 'version_0');
  assert.equal(run.experiment, 'lightning_logs');
  assert.equal(run.status, 'unknown');
  assert.deepEqual(run.params, { lr: '1e-05', 'model.layers': '12', 'model.name': 'xlmr', use_crf: 'true', langs: '["de","es"]' });
  assert.deepEqual(
    run.checkpoints.map((c) => [path.basename(c.path), c.step, c.epoch, c.bytes, c.kind]),
    [
      ['epoch=1-step=8.ckpt', 8, 1, 5000, 'checkpoint'],
      ['epoch=2-step=12-v1.ckpt', 12, 2, 2048, 'checkpoint'],
      ['epoch=2-val_loss=0.12.ckpt', null, 2, 10, 'checkpoint'],
      ['last.ckpt', null, null, 7, 'last'],
    ],
  );

  const series = await seriesOf(run);
  // `epoch` is the x companion of every point, not a series of its own (as in formats-golden.json)
  assert.deepEqual([...series.keys()], ['train_loss_epoch', 'train_loss_step', 'val/f1,macro', 'val_loss']);
  const trainStep = series.get('train_loss_step')!.points;
  assert.deepEqual([...trainStep.steps], [2, 4, 6, 8, 10, 12]);
  assert.deepEqual([...trainStep.epochs!], [0, 0, 1, 1, 2, 2]);
  assert.ok(Number.isNaN(trainStep.values[3]));
  const val = series.get('val_loss')!.points;
  assert.deepEqual([...val.steps], [4, 8, 12]); // the val row repeats the last train step of the epoch
  assert.deepEqual([...val.values], [0.5, 0.25, Infinity]);
  assert.deepEqual([...series.get('train_loss_epoch')!.points.values], [-Infinity, -Infinity, -Infinity]);
  assert.deepEqual([...series.get('val/f1,macro')!.points.values], [0.1, 0.2, 0.1 * 3]);

  const only = await lightningCsvReader.readSeries(run, { only: [{ key: 'val_loss', context: {} }] });
  assert.deepEqual(only.series.map((s) => s.key), ['val_loss']);
});

test('a resumed run keeps its non-zero starting step and epoch', async () => {
  const dir = path.join(tempDir(), 'lightning_logs', 'version_5');
  writeLightningCsvRun(dir, { hparams: { lr: 2e-4 }, rows: epochRows(10, 140747) });
  const loss = (await seriesOf(await listOne(dir))).get('train_loss_step')!.points;
  assert.equal(loss.steps[0], 140749);
  assert.equal(loss.epochs![0], 10);
  assert.equal(loss.values[0], 1 / 140749);
});

test('hparams-only version folders are runs with no metrics; `{}` gives no params', async () => {
  const root = path.join(tempDir(), 'lightning_logs');
  writeLightningCsvRun(path.join(root, 'version_3'), { hparams: {} });
  assert.equal(fs.readFileSync(path.join(root, 'version_3', 'hparams.yaml'), 'utf8'), '{}\n');
  const run = await listOne(path.join(root, 'version_3'));
  assert.deepEqual(run.params, {});
  assert.equal(run.warnings, undefined);
  assert.deepEqual(await lightningCsvReader.readSeries(run), { series: [], errors: [] });
});

test('python-tagged hparams.yaml loads: tags become opaque text, tuples stay lists, plain keys intact', async () => {
  const yamlText = [
    'lr: 0.001',
    'betas: !!python/tuple',
    '- 0.9',
    '- 0.999',
    'config_train: !!python/object:neuralprophet.configure.Train',
    '  epochs: 10',
    '  loss_func: !!python/name:torch.nn.functional.smooth_l1_loss ""',
    'dtype: !!python/name:torch.float32 ""',
    'weights: &id001 !!python/object/apply:torch._utils._rebuild_tensor_v2',
    '- !!python/object/apply:torch.storage._load_from_bytes',
    '  - !!binary |',
    '    gAKKCmz8nEb5IGqoUBku',
    'same_weights: *id001',
    'custom: !mytag hello',
    '',
  ].join('\n');
  const parsed = parseHparams(yamlText);
  assert.equal(parsed.error, undefined);
  assert.deepEqual(parsed.params, {
    lr: '0.001',
    betas: '[0.9,0.999]',
    config_train: '!!python/object:neuralprophet.configure.Train {…}',
    dtype: '!!python/name:torch.float32',
    weights: '!!python/object/apply:torch._utils._rebuild_tensor_v2 […]',
    same_weights: '!!python/object/apply:torch._utils._rebuild_tensor_v2 […]',
    custom: '!mytag hello',
  });

  const dir = path.join(tempDir(), 'lightning_logs', 'version_0');
  writeLightningCsvRun(dir, { hparams: yamlText, rows: [{ epoch: 0, step: 0, loss: 1 }] });
  const run = await listOne(dir);
  assert.equal(run.params.lr, '0.001');
  assert.equal(run.warnings, undefined);
});

test('detection: TensorBoard-only version folders, stray metrics.csv and hparams.yaml are not ours', async () => {
  const base = tempDir();
  const make = (rel: string, files: Record<string, string>) => {
    const d = path.join(base, rel);
    fs.mkdirSync(d, { recursive: true });
    for (const [n, t] of Object.entries(files)) fs.writeFileSync(path.join(d, n), t);
    return d;
  };
  const tbOnly = make('tb_logs/version_0', { 'hparams.yaml': 'lr: 1\n', 'events.out.tfevents.1.host.1.0': 'x' });
  const tbAndCsv = make('both/version_0', { 'hparams.yaml': 'lr: 1\n', 'metrics.csv': 'epoch,step,loss\r\n0,0,1.0\r\n', 'events.out.tfevents.1.host.1.0': 'x' });
  const fabric = make('fabric/run_a', { 'metrics.csv': 'loss,step\r\n1.0,0\r\n' });
  const stray = make('results', { 'metrics.csv': 'model,accuracy\r\nA,0.9\r\n', 'hparams.yaml': 'x: 1\n' });
  const strayYaml = make('configs', { 'hparams.yaml': 'x: 1\n' });
  const custom = make('logs/my_version', { 'hparams.yaml': 'x: 1\n' });
  fs.mkdirSync(path.join(custom, 'checkpoints'));

  const claimed = async (d: string) => (await lightningCsvReader.detect(await listDir(d))).roots.length > 0;
  assert.equal(await claimed(tbOnly), false);
  assert.equal(await claimed(tbAndCsv), true);
  assert.equal(await claimed(fabric), true);
  // a metrics.csv next to hparams.yaml is trusted; one alone needs a `step` column
  assert.equal(await claimed(stray), true);
  fs.rmSync(path.join(stray, 'hparams.yaml'));
  assert.equal(await claimed(stray), false);
  assert.equal(await claimed(strayYaml), false);
  assert.equal(await claimed(custom), true);
});

test('discovery over a lightning_logs tree ignores .ipynb_checkpoints copies and checkpoints/ folders', async () => {
  const root = path.join(tempDir(), 'proj', 'lightning_logs');
  const v = path.join(root, 'version_12');
  writeLightningCsvRun(v, { hparams: { lr: 5e-6 }, rows: [{ epoch: 0, step: 49, loss: 9 }, { epoch: 0, step: 99, loss: 8 }], checkpoints: [{ epoch: 0, step: 99 }] });
  writeLightningCsvRun(path.join(v, '.ipynb_checkpoints'), { rows: [{ epoch: 0, step: 49, loss: 9 }] });
  fs.renameSync(path.join(v, '.ipynb_checkpoints', 'metrics.csv'), path.join(v, '.ipynb_checkpoints', 'metrics-checkpoint.csv'));
  const roots = await discoverRoots([path.dirname(root)], { readers: [lightningCsvReader] });
  assert.deepEqual(roots, [{ format: 'lightning-csv', path: v }]);
});

test('checkpoint names: key=value pairs, negative and exponent values, version suffixes', () => {
  assert.deepEqual(parseCheckpointName('epoch=3-step=1500.ckpt'), { step: 1500, epoch: 3, fields: { epoch: 3, step: 1500 }, isLast: false });
  const p = parseCheckpointName('epoch=03-val_loss=-1.5e-05-step=200-v2.ckpt');
  assert.deepEqual(p.fields, { epoch: 3, val_loss: -1.5e-5, step: 200 });
  assert.equal(parseCheckpointName('last-v1.ckpt').isLast, true);
  assert.deepEqual(parseCheckpointName('model.ckpt'), { step: null, epoch: null, fields: {}, isLast: false });
});
