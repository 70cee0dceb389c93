// Damaged inputs: truncated, empty, LFS-pointer and garbage files give messages, never throws,
// and whatever is intact still loads.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { tempDir } from '../../helpers/tmp';
import { hfTrainerReader } from '../../../src/core/sources/hf-trainer/reader';
import { lightningCsvReader } from '../../../src/core/sources/lightning-csv/reader';
import { parseMetricsCsv } from '../../../src/core/sources/lightning-csv/metrics-csv';
import { listDir } from '../../../src/core/util/fs';
import { writeHfTrainerOutput } from '../../../src/demo/writers/hf-trainer';
import { writeLightningCsvRun } from '../../../src/demo/writers/lightning-csv';
import type { RunInfo } from '../../../src/core/model';

// one temp folder for the file (each tempDir() adds an exit hook); every test takes a fresh child
const BASE = tempDir();
let counter = 0;
const fresh = () => path.join(BASE, `case-${++counter}`);

const LFS = 'version https://git-lfs.github.com/spec/v1\noid sha256:4d7a214614ab2935c943f9e0ff69d22eadbb8f32b1258daaa5e2ca24d17e2393\nsize 12345\n';

function hfRun(dir: string) {
  return writeHfTrainerOutput(dir, {
    logHistory: [100, 200, 300].flatMap((step) => [{ step, epoch: step / 100, loss: 1 / step }, { step, epoch: step / 100, eval_loss: 2 / step }]),
    maxSteps: 300,
    numTrainEpochs: 3,
    saveSteps: 100,
    summary: { trainRuntime: 30, trainLoss: 0.01 },
    config: { model_type: 'bert' },
  });
}

async function hfList(dir: string) {
  return hfTrainerReader.listRuns({ format: 'hf-trainer', path: dir });
}

test('truncated root trainer_state.json: the newest checkpoint state is used and the damage is reported', async () => {
  const dir = path.join(fresh(), 'out');
  const { rootState } = hfRun(dir);
  const text = fs.readFileSync(rootState!, 'utf8');
  fs.writeFileSync(rootState!, text.slice(0, text.length / 2));
  const res = await hfList(dir);
  assert.deepEqual(res.errors, []);
  const run = res.runs[0];
  assert.equal(run.extra?.state_file, path.join('checkpoint-300', 'trainer_state.json'));
  assert.ok(run.warnings?.some((w) => w.startsWith('trainer_state.json: invalid or truncated JSON')));
  const series = await hfTrainerReader.readSeries(run);
  assert.deepEqual(series.series.map((s) => [s.key, s.points.values.length]), [['eval_loss', 3], ['loss', 3]]);
});

test('truncated newest checkpoint and no root state: the next checkpoint is used', async () => {
  const dir = path.join(fresh(), 'out');
  hfRun(dir);
  fs.rmSync(path.join(dir, 'trainer_state.json'));
  fs.writeFileSync(path.join(dir, 'checkpoint-300', 'trainer_state.json'), '{\n  "best_metric": null,\n  "epoch": 3.0,\n  "log_history": [\n    {\n      "ep');
  const run = (await hfList(dir)).runs[0];
  assert.equal(run.extra?.state_file, path.join('checkpoint-200', 'trainer_state.json'));
  assert.equal(run.checkpoints.length, 3);
  const loss = (await hfTrainerReader.readSeries(run)).series.find((s) => s.key === 'loss')!;
  assert.deepEqual([...loss.points.steps], [100, 200]);
});

test('no usable trainer_state.json at all (empty, LFS pointer, garbage): a run with an error, no throw', async () => {
  const dir = path.join(fresh(), 'out');
  hfRun(dir);
  fs.writeFileSync(path.join(dir, 'trainer_state.json'), '');
  fs.writeFileSync(path.join(dir, 'checkpoint-300', 'trainer_state.json'), LFS);
  fs.writeFileSync(path.join(dir, 'checkpoint-200', 'trainer_state.json'), Buffer.from([0xff, 0x00, 0x13, 0x37, 0x7b]));
  fs.writeFileSync(path.join(dir, 'checkpoint-100', 'trainer_state.json'), '[1, 2, 3]');
  const res = await hfList(dir);
  assert.equal(res.runs.length, 1);
  const run = res.runs[0];
  assert.equal(run.status, 'unknown');
  assert.match(run.error!, /no readable trainer_state.json/);
  assert.match(run.error!, /empty file/);
  assert.match(run.error!, /Git LFS pointer, not trainer_state\.json: fetch it with `git lfs pull`/);
  assert.match(run.error!, /not a JSON object/);
  assert.equal(res.errors.length, 1);
  assert.equal(run.params.model_type, 'bert'); // config.json still read
  assert.equal(run.checkpoints.length, 3);
  const series = await hfTrainerReader.readSeries(run);
  assert.deepEqual(series.series, []);
  assert.equal(series.errors.length, 1);
});

test('broken config.json is a warning; the run still loads from the checkpoint copy', async () => {
  const dir = path.join(fresh(), 'out');
  hfRun(dir);
  fs.writeFileSync(path.join(dir, 'config.json'), '{"model_type": "be');
  const run = (await hfList(dir)).runs[0];
  assert.equal(run.error, undefined);
  assert.equal(run.warnings?.length, 1);
  assert.match(run.warnings![0], /^config\.json: invalid JSON \(/);
  assert.equal(run.params.model_type, 'bert');
});

test('log_history oddities: entries without step, non-object entries, null values', async () => {
  const dir = path.join(fresh(), 'odd');
  fs.mkdirSync(path.join(dir, 'checkpoint-2'), { recursive: true });
  const state = '{"global_step": 2, "max_steps": 10, "log_history": [{"step": 1, "loss": NaN, "eval_x": null}, 7, null, {"loss": -Infinity}, {"step": 2, "loss": 0.5, "epoch": "one"}]}';
  fs.writeFileSync(path.join(dir, 'checkpoint-2', 'trainer_state.json'), state);
  const run = (await hfList(dir)).runs[0];
  assert.ok(run.warnings?.some((w) => w.includes('1 log_history entries have no step')));
  const loss = (await hfTrainerReader.readSeries(run)).series.find((s) => s.key === 'loss')!.points;
  assert.deepEqual([...loss.steps], [1, 1, 2]);
  assert.ok(Number.isNaN(loss.values[0]));
  assert.equal(loss.values[1], -Infinity);
  assert.ok(Number.isNaN(loss.epochs![2]));
});

test('HF reader on a folder that vanished or was never an output dir: empty results, no throw', async () => {
  const gone = path.join(fresh(), 'gone');
  assert.deepEqual(await hfList(gone), { runs: [], errors: [] });
  const fake: RunInfo = { format: 'hf-trainer', id: 'gone', experiment: '', name: 'gone', status: 'unknown', path: gone, root: gone, params: {}, tags: {}, checkpoints: [] };
  const res = await hfTrainerReader.readSeries(fake);
  assert.deepEqual(res.series, []);
  assert.equal(res.errors.length, 1);
  assert.deepEqual((await hfTrainerReader.detect(await listDir(gone))).roots, []);
  // a checkpoint-N folder holding only weights does not make an output dir
  const weightsOnly = path.join(fresh(), 'w');
  fs.mkdirSync(path.join(weightsOnly, 'checkpoint-5'), { recursive: true });
  assert.deepEqual((await hfTrainerReader.detect(await listDir(weightsOnly))).roots, []);
});

function lightningRun(dir: string) {
  writeLightningCsvRun(dir, {
    hparams: { lr: 0.1 },
    rows: [
      { epoch: 0, step: 0, loss: 3 },
      { epoch: 0, step: 1, loss: 2 },
      { epoch: 0, step: 2, loss: 1, val_loss: 1.5 },
    ],
  });
}

async function csvSeries(dir: string) {
  const listed = await lightningCsvReader.listRuns({ format: 'lightning-csv', path: dir });
  assert.deepEqual(listed.errors, []);
  return { run: listed.runs[0], read: await lightningCsvReader.readSeries(listed.runs[0]) };
}

test('broken CSV row (stray quote): that line is reported, every other row loads', async () => {
  const dir = path.join(fresh(), 'lightning_logs', 'version_0');
  lightningRun(dir);
  const file = path.join(dir, 'metrics.csv');
  const lines = fs.readFileSync(file, 'utf8').split('\r\n');
  lines.splice(2, 0, '0,"1,2.5', '0,1,"x"y,');
  fs.writeFileSync(file, lines.join('\r\n'));
  const { read } = await csvSeries(dir);
  assert.deepEqual(read.series.find((s) => s.key === 'loss')!.points.values, Float64Array.from([3, 2, 1]));
  assert.equal(read.errors.length, 2);
  assert.match(read.errors[0].message, /^line 3: /);
  assert.match(read.errors[1].message, /^line 4: /);
});

test('cells that are not numbers, rows longer than the header, a header repeated mid-file', () => {
  const text = 'epoch,step,loss\r\n0,0,abc\r\n0,1,2.0,9\r\nepoch,step,acc,loss\r\n0,2,0.5,1.0\r\n';
  const parsed = parseMetricsCsv(text);
  assert.deepEqual([...parsed.series.keys()], ['loss', 'acc']);
  assert.deepEqual([...parsed.series.get('loss')!.steps], [1, 2]);
  assert.deepEqual(parsed.series.get('acc')!.values, [0.5]);
  assert.ok(parsed.warnings.some((w) => w.startsWith('1 cells are not numbers') && w.includes('(loss)')));
  assert.ok(parsed.warnings.some((w) => w.startsWith('1 rows have more cells than the header')));
});

test('a last line cut while being written is dropped with a warning; a complete one without line break is kept', async () => {
  const dir = path.join(fresh(), 'lightning_logs', 'version_0');
  writeLightningCsvRun(dir, {
    rows: [
      { epoch: 0, step: 0, loss: 3, val_loss: 1 },
      { epoch: 0, step: 1, loss: 2, val_loss: 1 },
      { epoch: 0, step: 2, loss: 1.2345678, val_loss: 1 },
    ],
    truncateLastRow: true,
  });
  const { read } = await csvSeries(dir);
  assert.deepEqual([...read.series.find((s) => s.key === 'loss')!.points.steps], [0, 1]);
  assert.ok(read.errors.some((e) => /last line is incomplete/.test(e.message)));

  const kept = parseMetricsCsv('epoch,step,loss\r\n0,0,3.0\r\n0,1,2.0');
  assert.deepEqual(kept.series.get('loss')!.values, [3, 2]);
  assert.deepEqual(kept.warnings, []);
});

test('empty, garbage and LFS-pointer metrics.csv; broken, empty and non-mapping hparams.yaml', async () => {
  const base = path.join(fresh(), 'lightning_logs');
  const mk = (name: string, files: Record<string, string | Buffer>) => {
    const d = path.join(base, name);
    fs.mkdirSync(d, { recursive: true });
    for (const [n, t] of Object.entries(files)) fs.writeFileSync(path.join(d, n), t);
    return d;
  };
  const empty = await csvSeries(mk('version_0', { 'metrics.csv': '', 'hparams.yaml': '' }));
  assert.deepEqual(empty.run.params, {});
  // Lightning writes `{}` for no hparams: an empty file was cut, and says so (it used to load in silence)
  assert.deepEqual(empty.run.warnings, ['hparams.yaml is empty (Lightning writes {} when there are none)']);
  assert.deepEqual(empty.read.series, []);
  assert.match(empty.read.errors[0].message, /empty/);

  const garbage = await csvSeries(mk('version_1', { 'metrics.csv': Buffer.from([0x00, 0xff, 0x22, 0x0d, 0x0a, 0x22, 0x2c, 0x9c]), 'hparams.yaml': 'lr: [1, 2\nbad: : :' }));
  assert.deepEqual(garbage.read.series, []);
  assert.ok(garbage.run.warnings?.some((w) => w.startsWith('hparams.yaml: invalid YAML')));

  const lfs = await csvSeries(mk('version_2', { 'metrics.csv': LFS, 'hparams.yaml': LFS }));
  assert.match(lfs.read.errors[0].message, /Git LFS pointer/);
  assert.ok(lfs.run.warnings?.some((w) => w.includes('Git LFS pointer')));

  const scalar = await csvSeries(mk('version_3', { 'hparams.yaml': '0.5\n' }));
  assert.deepEqual(scalar.run.params, { hparams: '0.5' });
  assert.ok(scalar.run.warnings?.some((w) => w.includes('not a mapping')));

  // broken hparams.yaml does not stop the metrics from loading
  const d = mk('version_4', { 'hparams.yaml': 'a: !!python/object:x\n  - [unclosed' });
  lightningRun(path.join(base, 'tmp'));
  fs.copyFileSync(path.join(base, 'tmp', 'metrics.csv'), path.join(d, 'metrics.csv'));
  const broken = await csvSeries(d);
  assert.ok(broken.run.warnings?.length);
  assert.deepEqual(broken.read.series.map((s) => s.key), ['loss', 'val_loss']);
});

test('Lightning reader on a vanished folder: empty results, no throw', async () => {
  const gone = path.join(fresh(), 'version_9');
  assert.deepEqual(await lightningCsvReader.listRuns({ format: 'lightning-csv', path: gone }), { runs: [], errors: [] });
  const fake: RunInfo = { format: 'lightning-csv', id: 'version_9', experiment: '', name: 'version_9', status: 'unknown', path: gone, root: gone, params: {}, tags: {}, checkpoints: [] };
  assert.deepEqual(await lightningCsvReader.readSeries(fake), { series: [], errors: [] });
});

test('random byte strings never make the CSV, YAML or trainer_state parsers throw', async () => {
  let seed = 12345;
  const rand = () => ((seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff);
  const alphabet = 'epoch,step,loss"\r\n0123456789.-naif!:{}[]&*|> \t';
  const { parseHparams } = await import('../../../src/core/sources/lightning-csv/hparams-yaml');
  const { parseTrainerState, splitLogHistory } = await import('../../../src/core/sources/hf-trainer/trainer-state');
  const stateAlphabet = '{}[]:,"log_history step epoch loss NaN Infinity -1.5e3 null true';
  const base = '{"global_step": 3, "log_history": [{"step": 1, "loss": NaN}, {"step": 2, "eval_f1": 0.5}]}';
  for (let i = 0; i < 300; i++) {
    let s = '';
    const n = Math.floor(rand() * 200);
    for (let j = 0; j < n; j++) s += alphabet[Math.floor(rand() * alphabet.length)];
    assert.doesNotThrow(() => parseMetricsCsv(s), s);
    assert.doesNotThrow(() => parseHparams(s), s);
    // a valid state cut at a random point, with random bytes spliced in
    const cut = base.slice(0, Math.floor(rand() * base.length)) + stateAlphabet[Math.floor(rand() * stateAlphabet.length)] + base.slice(Math.floor(rand() * base.length));
    assert.doesNotThrow(() => {
      const parsed = parseTrainerState(cut);
      if ('state' in parsed) splitLogHistory(parsed.state.logHistory);
    }, cut);
  }
});

test('a quoted line break inside a metric name goes through the full CSV parser; lone CR line ends work', () => {
  const multi = parseMetricsCsv('epoch,step,"val\r\nloss"\r\n0,1,0.5\r\n0,2,0.25\r\n');
  assert.deepEqual([...multi.series.keys()], ['val\r\nloss']);
  assert.deepEqual(multi.series.get('val\r\nloss')!.values, [0.5, 0.25]);
  assert.deepEqual(multi.warnings, []);
  const cr = parseMetricsCsv('\uFEFFstep,loss\r0,1.0\r1,nan\r');
  assert.deepEqual(cr.series.get('loss')!.steps, [0, 1]);
  assert.ok(Number.isNaN(cr.series.get('loss')!.values[1]));
});
