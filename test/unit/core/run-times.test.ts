// Start and end times for logs without a clock (HF trainer_state.json, Lightning metrics.csv).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { tempDir } from '../../helpers/tmp';
import { earliestEventFileTime, eventFileTimeMs, runTimesWithoutClock, TIME_SOURCE_KEY } from '../../../src/core/util/run-times';
import { hfTrainerReader } from '../../../src/core/sources/hf-trainer/reader';
import { lightningCsvReader } from '../../../src/core/sources/lightning-csv/reader';
import { writeHfTrainerOutput, type HfLogEntry } from '../../../src/demo/writers/hf-trainer';
import { writeLightningCsvRun } from '../../../src/demo/writers/lightning-csv';
import type { RunInfo, SourceReader } from '../../../src/core/model';

const T2023 = Date.UTC(2023, 0, 29, 6, 43, 2);

test('event file names carry the writer start time', () => {
  assert.equal(eventFileTimeMs('events.out.tfevents.1674974582.gpu07.cyverse.org.94170.0'), 1674974582000);
  assert.equal(eventFileTimeMs('events.out.tfevents.1674974582'), 1674974582000);
  assert.equal(eventFileTimeMs('events.out.tfevents.abc.host'), undefined);
  assert.equal(eventFileTimeMs('metrics.csv'), undefined);
  assert.equal(earliestEventFileTime(['events.out.tfevents.1700000000.h', 'x', 'events.out.tfevents.1600000000.h']), 1600000000000);
});

test('without a clock: event files first, else the earliest file time (or the last minus the runtime); never now', () => {
  assert.deepEqual(runTimesWithoutClock({ eventFileTimes: [5000, 3000], fileTimes: [9e12], runtimeSeconds: 2, finished: true }), { startTime: 3000, endTime: 5000, source: 'event-file-name' });
  assert.deepEqual(runTimesWithoutClock({ eventFileTimes: [], fileTimes: [20_000, 10_000], finished: false }), { startTime: 10_000, source: 'file-times' });
  // the final state was written 100 s after the first checkpoint, but training ran 300 s
  assert.deepEqual(runTimesWithoutClock({ eventFileTimes: [], fileTimes: [10_000, 110_000], runtimeSeconds: 300, finished: true }), { startTime: -190_000, endTime: 110_000, source: 'file-times' });
  assert.deepEqual(runTimesWithoutClock({ eventFileTimes: [], fileTimes: [10_000, 110_000], finished: true }), { startTime: 10_000, endTime: 110_000, source: 'file-times' });
  assert.deepEqual(runTimesWithoutClock({ eventFileTimes: [], fileTimes: [], runtimeSeconds: 3, finished: true }), {});
});

async function listOne(reader: SourceReader, dir: string): Promise<RunInfo> {
  const res = await reader.listRuns({ format: reader.format, path: dir });
  assert.equal(res.runs.length, 1);
  return res.runs[0];
}

function hfRun(dir: string): void {
  const history: HfLogEntry[] = [];
  for (let step = 50; step <= 200; step += 50) history.push({ step, epoch: step / 100, loss: 1 / step });
  writeHfTrainerOutput(dir, { logHistory: history, maxSteps: 200, numTrainEpochs: 2, checkpointSteps: [100, 200], summary: { trainRuntime: 600, trainLoss: 0.1 } });
}

test('a 2023 Trainer run copied today starts in 2023: the start comes from its TensorBoard event file name', async () => {
  const dir = path.join(tempDir(), 'whisper');
  hfRun(dir);
  const tb = path.join(dir, 'runs', 'Jan28_23-42-14_gpu07');
  fs.mkdirSync(tb, { recursive: true });
  fs.writeFileSync(path.join(tb, `events.out.tfevents.${T2023 / 1000}.gpu07.94170.0`), '');
  const run = await listOne(hfTrainerReader, dir);
  assert.equal(run.startTime, T2023);
  assert.equal(run.endTime, T2023 + 600_000);
  assert.equal(run.extra?.[TIME_SOURCE_KEY], 'event-file-name');
});

test('a Trainer run without event files starts at its earliest state file and says the times come from files', async () => {
  const dir = path.join(tempDir(), 'out');
  hfRun(dir);
  const first = Date.UTC(2024, 4, 1, 10, 0);
  const last = first + 3600_000;
  const set = (rel: string, t: number) => fs.utimesSync(path.join(dir, rel), t / 1000, t / 1000);
  set('checkpoint-100/trainer_state.json', first);
  set('checkpoint-200/trainer_state.json', first + 1800_000);
  set('trainer_state.json', last);
  const run = await listOne(hfTrainerReader, dir);
  // earliest file (the first checkpoint), not the final state's time minus train_runtime (which would be later)
  assert.equal(run.startTime, first);
  assert.equal(run.endTime, first + 600_000);
  assert.equal(run.extra?.[TIME_SOURCE_KEY], 'file-times');
});

test('Lightning: start from an event file in the version folder, else from hparams.yaml/metrics.csv times', async () => {
  const root = tempDir();
  const a = path.join(root, 'lightning_logs', 'version_0');
  writeLightningCsvRun(a, { hparams: { lr: 0.1 }, rows: [{ epoch: 0, step: 0, loss: 1 }] });
  fs.writeFileSync(path.join(a, `events.out.tfevents.${T2023 / 1000}.host.1.0`), '');
  const ra = await listOne(lightningCsvReader, a);
  assert.equal(ra.startTime, T2023);
  assert.equal(ra.extra?.[TIME_SOURCE_KEY], 'event-file-name');

  const b = path.join(root, 'lightning_logs', 'version_1');
  writeLightningCsvRun(b, { hparams: { lr: 0.2 }, rows: [{ epoch: 0, step: 0, loss: 1 }] });
  const t = Date.UTC(2024, 1, 2);
  fs.utimesSync(path.join(b, 'hparams.yaml'), t / 1000, t / 1000);
  fs.utimesSync(path.join(b, 'metrics.csv'), t / 1000 + 60, t / 1000 + 60);
  const rb = await listOne(lightningCsvReader, b);
  assert.equal(rb.startTime, t);
  assert.equal(rb.endTime, undefined);
  assert.equal(rb.extra?.[TIME_SOURCE_KEY], 'file-times');
});
