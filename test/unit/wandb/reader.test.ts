import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { wandbReader } from '../../../src/core/sources/wandb/reader';
import { listDir } from '../../../src/core/util/fs';
import type { RunInfo } from '../../../src/core/model';
import type { WriterRun } from '../../../src/demo/writers/types';
import { tempDir } from '../../helpers/tmp';
import { logBytes, records, writeWandbRun } from '../../writers/wandb';

const START = Date.UTC(2025, 7, 22, 7, 40, 53, 500);

function sampleRun(id: string, status: WriterRun['status'] = 'finished'): WriterRun {
  const t = (s: number) => START + s * 1000;
  return {
    id,
    name: `name-${id}`,
    experiment: 'U-Net',
    status,
    startTime: START,
    endTime: START + 40_000,
    params: { epochs: '5' },
    tags: {},
    metrics: [
      { key: 'train loss', points: [0, 1, 2, 3].map((s) => ({ step: s, value: s === 2 ? NaN : 1 / (s + 1), time: t(s) })) },
      { key: 'validation Dice', points: [1, 3].map((s) => ({ step: s, value: s === 3 ? Infinity : 0.5, time: t(s) })) },
    ],
  };
}

async function list(root: string): Promise<Record<string, RunInfo>> {
  const listed = await wandbReader.listRuns({ format: 'wandb', path: root });
  assert.deepEqual(listed.errors, []);
  return Object.fromEntries(listed.runs.map((r) => [r.id, r]));
}

test('a finished run: identity, params, metadata, summary and full history', async () => {
  const root = path.join(tempDir(), 'wandb');
  writeWandbRun(root, sampleRun('a1b2c3'), { config: { epochs: 5, lr: 1e-5, opt: { name: 'adam', betas: [0.9, 0.99] } } });
  const { a1b2c3: run } = await list(root);
  assert.equal(run.format, 'wandb');
  assert.equal(run.experiment, 'U-Net');
  assert.equal(run.name, 'name-a1b2c3');
  assert.equal(run.status, 'finished');
  assert.equal(run.startTime, START);
  assert.equal(run.endTime, START + 40_000);
  assert.equal(run.gitCommit, 'abc123');
  assert.equal(run.entryPoint, '/home/u/train.py');
  assert.equal(run.tags.host, 'testhost');
  assert.deepEqual(run.params, { epochs: '5', lr: '1e-05', 'opt.name': 'adam', 'opt.betas': '[0.9,0.99]' });
  assert.ok(!Object.keys(run.params).includes('_wandb'));
  assert.equal(run.summary!['train loss'], 0.25);
  assert.equal(run.summary!['validation Dice'], Infinity);
  assert.equal(run.warnings, undefined);

  const { series, errors } = await wandbReader.readSeries(run);
  assert.deepEqual(errors, []);
  assert.deepEqual(series.map((s) => s.key), ['train loss', 'validation Dice']);
  const loss = series[0].points;
  assert.deepEqual([...loss.steps], [0, 1, 2, 3]);
  assert.ok(Number.isNaN(loss.values[2]));
  assert.equal(loss.values[3], 0.25);
  assert.equal(loss.times![1], START + 1000);
  assert.deepEqual([...series[1].points.values], [0.5, Infinity]);
  // the summary value equals the last value of the key's series (spec cross-check)
  assert.equal(run.summary!['train loss'], loss.values[loss.values.length - 1]);
  const only = await wandbReader.readSeries(run, { only: [{ key: 'validation Dice', context: {} }] });
  assert.deepEqual(only.series.map((s) => s.key), ['validation Dice']);
});

test('status from the exit record; no exit record is running while fresh, unknown when stale', async () => {
  const root = path.join(tempDir(), 'wandb');
  writeWandbRun(root, sampleRun('failed1', 'failed'), { exitCode: 255 });
  const liveDir = writeWandbRun(root, { ...sampleRun('live1'), startTime: START + 1000 }, { exitCode: null });
  const staleDir = writeWandbRun(root, { ...sampleRun('stale1'), startTime: START + 2000 }, { exitCode: null });
  const old = new Date(Date.now() - 3600_000);
  fs.utimesSync(path.join(staleDir, 'run-stale1.wandb'), old, old);
  const runs = await list(root);
  assert.equal(runs.failed1.status, 'failed');
  assert.equal(runs.failed1.extra!.exitCode, 255);
  assert.equal(runs.live1.status, 'running');
  assert.equal(runs.live1.endTime, undefined);
  assert.equal(runs.stale1.status, 'unknown');
  assert.ok(liveDir);
});

test('absent and 0-byte .wandb files fall back to summary-only runs with a warning', async () => {
  const root = path.join(tempDir(), 'wandb');
  writeWandbRun(root, sampleRun('absent1'), { logFile: 'absent' });
  writeWandbRun(root, { ...sampleRun('empty1'), startTime: START + 1000 }, { logFile: 'empty' });
  const runs = await list(root);
  for (const id of ['absent1', 'empty1']) {
    const run = runs[id];
    assert.equal(run.status, 'unknown');
    assert.equal(run.experiment, 'wandb'); // no run record, so no project
    assert.equal(run.summary!['train loss'], 0.25);
    assert.equal(run.params.epochs, '5');
    assert.match(run.warnings!.join(), /summary values only/);
    assert.equal(run.error, undefined);
    const read = await wandbReader.readSeries(run);
    assert.deepEqual(read, { series: [], errors: [] });
  }
});

test('a .wandb file still being written lists and reads what is complete', async () => {
  const root = path.join(tempDir(), 'wandb');
  const dir = writeWandbRun(root, sampleRun('livepart'), { exitCode: null });
  const file = path.join(dir, 'run-livepart.wandb');
  const bytes = fs.readFileSync(file);
  fs.writeFileSync(file, bytes.subarray(0, bytes.length - 5)); // the summary record is mid-write
  const { livepart: run } = await list(root);
  assert.equal(run.status, 'running');
  assert.match(run.warnings!.join(), /incomplete last chunk/);
  const { series, errors } = await wandbReader.readSeries(run);
  assert.equal(series[0].points.values.length, 4);
  assert.match(errors[0].message, /still being written/);
});

test('a corrupt .wandb header is a run error; the other runs still load', async () => {
  const root = path.join(tempDir(), 'wandb');
  const dir = writeWandbRun(root, sampleRun('bad1'));
  fs.writeFileSync(path.join(dir, 'run-bad1.wandb'), 'this is not a wandb file');
  writeWandbRun(root, { ...sampleRun('good1'), startTime: START + 5000 });
  const runs = await list(root);
  assert.match(runs.bad1.error!, /not a W&B transaction log/);
  assert.equal(runs.bad1.summary!['train loss'], 0.25); // the files still count
  assert.equal(runs.good1.error, undefined);
  const read = await wandbReader.readSeries(runs.bad1);
  assert.deepEqual(read.series, []);
  assert.match(read.errors[0].message, /not a W&B transaction log/);
});

test('without config.yaml the config comes from the log, wrapped or bare', async () => {
  const root = path.join(tempDir(), 'wandb');
  const dir = path.join(root, 'offline-run-20250101_000000-cfg1');
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(
    path.join(dir, 'run-cfg1.wandb'),
    logBytes([
      records.run(1, { runId: 'cfg1', project: 'p', config: [['_wandb', { cli_version: '0.17.0' }], ['old', { desc: null, value: 3 }]] }),
      records.config(2, [['lr', 0.1], ['name', 'x']]),
      records.summary(3, [['acc', 0.9], ['img', { _type: 'image-file' }]]),
    ]),
  );
  const { cfg1: run } = await list(root);
  assert.deepEqual(run.params, { old: '3', lr: '0.1', name: 'x' });
  assert.deepEqual(run.summary, { acc: 0.9 });
  assert.equal(run.tags['wandb.mode'], 'offline');
  assert.equal(run.extra!.cliVersion, '0.17.0');
});

test('detect: run folders under wandb/; latest-run and debug logs are not runs', async () => {
  const root = path.join(tempDir(), 'wandb');
  writeWandbRun(root, sampleRun('r1'));
  fs.writeFileSync(path.join(root, 'latest-run'), 'run-20250822_074053-r1');
  fs.writeFileSync(path.join(root, 'debug.log'), 'run-20250822_074053-r1/logs/debug.log');
  fs.mkdirSync(path.join(root, 'latest-run-dir-like'));
  fs.symlinkSync(path.join(root, fs.readdirSync(root).find((n) => n.startsWith('run-'))!), path.join(root, 'latest'));
  const det = await wandbReader.detect(await listDir(root));
  assert.deepEqual(det.roots, [{ format: 'wandb', path: root }]);
  assert.equal(det.skip!.length, 1);
  assert.deepEqual(Object.keys(await list(root)), ['r1']);
  assert.deepEqual((await wandbReader.detect(await listDir(path.dirname(root)))).roots, []);
  // a run folder opened on its own is its own root
  const runDir = path.join(root, det.skip![0]);
  const single = await wandbReader.detect(await listDir(runDir));
  assert.deepEqual(single.roots, [{ format: 'wandb', path: runDir }]);
  assert.deepEqual(Object.keys(await list(runDir)), ['r1']);
});

test('a resumed run (same id, new folder) stays apart from its first segment', async () => {
  const root = path.join(tempDir(), 'wandb');
  writeWandbRun(root, sampleRun('same1'));
  writeWandbRun(root, { ...sampleRun('same1'), startTime: START + 3600_000 });
  const runs = await list(root);
  assert.equal(Object.keys(runs).length, 2);
  assert.ok(runs.same1);
  const second = Object.values(runs).find((r) => r.id !== 'same1')!;
  assert.match(second.id, /^same1@\d{8}_\d{6}$/);
  assert.match(second.warnings!.join(), /resumed segment/);
});
