import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { tensorboardReader } from '../../../src/core/sources/tensorboard/reader';
import { mergeFilePoints } from '../../../src/core/sources/tensorboard/merge';
import { listDir } from '../../../src/core/util/fs';
import type { RunInfo, Series } from '../../../src/core/model';
import { tempDir } from '../../helpers/tmp';
import { eventFileName, lightningHparamsEvents, writeEventFile, writeTensorboardRun, type TbEvent } from '../../writers/tensorboard';

const T0 = 1700000000;

function ev(tag: string, step: number, value: number, wallTime = T0 + step): TbEvent {
  return { wallTime, step, values: [{ tag, simple: value }] };
}

async function listAndRead(root: string): Promise<Array<{ run: RunInfo; series: Series[] }>> {
  const listed = await tensorboardReader.listRuns({ format: 'tensorboard', path: root });
  assert.deepEqual(listed.errors, []);
  const out = [];
  for (const run of listed.runs) out.push({ run, series: (await tensorboardReader.readSeries(run)).series });
  return out;
}

const byKey = (series: Series[], key: string) => series.find((s) => s.key === key)!;

test('several event files in one folder merge by step; the later file wins duplicates', async () => {
  const root = tempDir();
  const run = path.join(root, 'run1');
  writeEventFile(run, [ev('loss', 0, 1.0), ev('loss', 1, 0.9), ev('loss', 2, 0.8), ev('loss', 3, 0.7)], eventFileName(T0, 'h', 1));
  // restart from step 2: its values for 2 and 3 replace the first file's
  writeEventFile(run, [ev('loss', 2, 0.85, T0 + 100), ev('loss', 3, 0.75, T0 + 101), ev('loss', 4, 0.6, T0 + 102)], eventFileName(T0 + 100, 'h', 2));
  const [{ run: info, series }] = await listAndRead(root);
  assert.equal(info.id, 'run1');
  assert.equal(info.experiment, path.basename(root));
  assert.equal(info.startTime, T0 * 1000);
  const loss = byKey(series, 'loss');
  assert.deepEqual([...loss.points.steps], [0, 1, 2, 3, 4]);
  assert.deepEqual([...loss.points.values].map((v) => Math.round(v * 100) / 100), [1, 0.9, 0.85, 0.75, 0.6]);
  assert.equal(loss.points.times![2], (T0 + 100) * 1000);
});

test('duplicate steps within one file are all kept in file order', async () => {
  const root = tempDir();
  writeEventFile(path.join(root, 'v'), [ev('epoch', 10, 0), ev('epoch', 10, 0), ev('epoch', 20, 1)]);
  const [{ series }] = await listAndRead(root);
  assert.deepEqual([...byKey(series, 'epoch').points.steps], [10, 10, 20]);
});

test('merge keeps points in step order across files and file order within a step', () => {
  const p = (steps: number[], values: number[]) => ({ steps: Float64Array.from(steps), values: Float64Array.from(values) });
  const merged = mergeFilePoints([p([5, 6], [50, 60]), p([1, 2], [10, 20]), p([6, 6], [61, 62])]);
  assert.deepEqual([...merged.steps], [1, 2, 5, 6, 6]);
  assert.deepEqual([...merged.values], [10, 20, 50, 61, 62]);
  assert.ok(Number.isNaN(merged.times![0])); // no times given: unknown, not 0
});

test('Lightning: hp_metric placeholder and _hparams_ entries are hidden, hparams are read', async () => {
  const root = tempDir();
  const dir = path.join(root, 'version_0');
  writeEventFile(dir, [
    ...lightningHparamsEvents(T0, { lr: 0.001, layers: 2, opt: 'adam', amp: false }),
    ev('train_loss', 49, 2.0),
    ev('hp_metric', 100, 0.5),
  ]);
  fs.writeFileSync(path.join(dir, 'hparams.yaml'), 'lr: 0.001\nlayers: 2\nnested:\n  a: 1\nopt: !!python/tuple [adam, 0.9]\n');
  const [{ run, series }] = await listAndRead(root);
  assert.deepEqual(series.map((s) => s.key), ['hp_metric', 'train_loss']);
  assert.deepEqual([...byKey(series, 'hp_metric').points.values], [0.5]); // the real one stays
  assert.equal(run.params.lr, '0.001');
  assert.equal(run.params['nested.a'], '1');
  assert.equal(run.params.opt, '["adam",0.9]'); // the yaml file wins over the plugin copy
  assert.equal(run.params.amp, 'false'); // only in the plugin's session_start_info
  assert.equal(run.warnings, undefined);
});

test('hp_metric = -1 without hparams entries is a real value and stays', async () => {
  const root = tempDir();
  writeEventFile(path.join(root, 'r'), [ev('hp_metric', 0, -1)]);
  const [{ series }] = await listAndRead(root);
  assert.deepEqual([...byKey(series, 'hp_metric').points.values], [-1]);
});

test('a Lightning version folder with metrics.csv is left to the lightning-csv reader', async () => {
  const root = tempDir();
  const logs = path.join(root, 'lightning_logs');
  writeEventFile(path.join(logs, 'version_0'), [ev('loss', 1, 1)]);
  fs.writeFileSync(path.join(logs, 'version_0', 'metrics.csv'), 'step,loss\n1,1\n');
  writeEventFile(path.join(logs, 'version_1'), [ev('loss', 1, 2)]);
  const detected = await tensorboardReader.detect(await listDir(logs));
  assert.deepEqual(detected.roots, [{ format: 'tensorboard', path: logs }]);
  assert.deepEqual(detected.skip, ['version_1']);
  const listed = await tensorboardReader.listRuns({ format: 'tensorboard', path: logs });
  assert.deepEqual(listed.runs.map((r) => r.id), ['version_1']);
  // a folder with only csv-claimed versions is no TensorBoard root at all
  fs.rmSync(path.join(logs, 'version_1'), { recursive: true });
  assert.deepEqual((await tensorboardReader.detect(await listDir(logs))).roots, []);
  assert.deepEqual((await tensorboardReader.detect(await listDir(path.join(logs, 'version_0')))).roots, []);
});

test('nested run folders (Hugging Face hparams subfolder) are runs of the same log dir', async () => {
  const root = tempDir();
  const runs = path.join(root, 'runs');
  writeEventFile(path.join(runs, 'Jan28_23-42-14_host'), [ev('train/loss', 25, 0.3)]);
  writeEventFile(path.join(runs, 'Jan28_23-42-14_host', '1674974582.1'), [ev('train/loss', 0, 9)]);
  fs.mkdirSync(path.join(runs, 'empty'));
  const detected = await tensorboardReader.detect(await listDir(runs));
  assert.deepEqual(detected.skip, ['Jan28_23-42-14_host']);
  const all = await listAndRead(runs);
  assert.deepEqual(all.map((r) => r.run.id), ['Jan28_23-42-14_host', 'Jan28_23-42-14_host/1674974582.1']);
  assert.deepEqual(all.map((r) => r.run.experiment), ['runs', 'runs']);
  assert.deepEqual([...byKey(all[0].series, 'train/loss').points.values], [Math.fround(0.3)]);
});

test('a log dir that is itself a run gets id "." and its folder name', async () => {
  const root = tempDir();
  const dir = path.join(root, 'my_run');
  writeEventFile(dir, [ev('a', 1, 1)]);
  const detected = await tensorboardReader.detect(await listDir(dir));
  assert.deepEqual(detected.roots, [{ format: 'tensorboard', path: dir }]);
  const [{ run, series }] = await listAndRead(dir);
  assert.equal(run.id, '.');
  assert.equal(run.name, 'my_run');
  assert.equal(series.length, 1);
});

test('bad files give per-run messages and never hide the other runs', async () => {
  const root = tempDir();
  writeEventFile(path.join(root, 'good'), [ev('loss', 1, 1)]);
  const lfs = path.join(root, 'lfs');
  fs.mkdirSync(lfs);
  fs.writeFileSync(path.join(lfs, 'events.out.tfevents.1.h'), 'version https://git-lfs.github.com/spec/v1\noid sha256:00\nsize 1\n');
  const mixed = path.join(root, 'mixed');
  writeEventFile(mixed, [ev('loss', 1, 1)], eventFileName(T0, 'h', 1, 0));
  fs.writeFileSync(path.join(mixed, eventFileName(T0, 'h', 1, 1)), 'garbage garbage garbage');
  const listed = await tensorboardReader.listRuns({ format: 'tensorboard', path: root });
  const byId = Object.fromEntries(listed.runs.map((r) => [r.id, r]));
  assert.deepEqual(Object.keys(byId).sort(), ['good', 'lfs', 'mixed']);
  assert.match(byId.lfs.error!, /Git LFS pointer, not the event file: fetch it with `git lfs pull`/);
  assert.equal(byId.mixed.error, undefined);
  assert.match(byId.mixed.warnings!.join(), /not a TensorBoard event file/);
  const mixedSeries = await tensorboardReader.readSeries(byId.mixed);
  assert.equal(mixedSeries.series.length, 1);
  assert.match(mixedSeries.errors[0].message, /not a TensorBoard event file/);
  const lfsSeries = await tensorboardReader.readSeries(byId.lfs);
  assert.deepEqual(lfsSeries.series, []);
  assert.match(lfsSeries.errors[0].message, /Git LFS pointer.*`git lfs pull`/);
});

test('readSeries honours `only`, and a vanished folder yields no series and no throw', async () => {
  const root = tempDir();
  writeTensorboardRun(path.join(root, 'r'), {
    id: 'r',
    name: 'r',
    experiment: 'e',
    status: 'finished',
    startTime: T0 * 1000,
    params: {},
    tags: {},
    metrics: [
      { key: 'a', points: [{ step: 1, value: 1, time: T0 * 1000 }] },
      { key: 'b', points: [{ step: 1, value: 2, time: T0 * 1000 }] },
    ],
  });
  const [run] = (await tensorboardReader.listRuns({ format: 'tensorboard', path: root })).runs;
  const only = await tensorboardReader.readSeries(run, { only: [{ key: 'b', context: {} }] });
  assert.deepEqual(only.series.map((s) => s.key), ['b']);
  fs.rmSync(run.path, { recursive: true });
  const gone = await tensorboardReader.readSeries(run);
  assert.deepEqual(gone.series, []);
});

test('discovery with every reader: a Lightning folder with CSV and events is one run, events-only is TensorBoard', async () => {
  const { discoverRoots } = await import('../../../src/core/index/discover');
  const { readers } = await import('../../../src/core/sources/registry');
  const root = tempDir();
  const logs = path.join(root, 'lightning_logs');
  const v0 = path.join(logs, 'version_0');
  writeEventFile(v0, [...lightningHparamsEvents(T0, { lr: 0.1 }), ev('train_loss', 1, 1)]);
  fs.writeFileSync(path.join(v0, 'metrics.csv'), 'epoch,step,train_loss\r\n0,1,1.0\r\n');
  fs.writeFileSync(path.join(v0, 'hparams.yaml'), 'lr: 0.1\n');
  writeEventFile(path.join(logs, 'version_1'), [ev('train_loss', 1, 2)]);
  const runs: RunInfo[] = [];
  for (const r of await discoverRoots([root], { readers })) {
    const reader = readers.find((x) => x.format === r.format)!;
    runs.push(...(await reader.listRuns(r)).runs);
  }
  const byFolder = runs.map((r) => [path.basename(r.path), r.format]).sort();
  assert.deepEqual(byFolder, [
    ['version_0', 'lightning-csv'],
    ['version_1', 'tensorboard'],
  ]);
});
