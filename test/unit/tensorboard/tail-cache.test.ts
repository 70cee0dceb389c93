// Index passes over a live TensorBoard run read only what was appended since the last pass.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { clearEventFileTails, readEventFileTail } from '../../../src/core/sources/tensorboard/tail-cache';
import { tensorboardReader } from '../../../src/core/sources/tensorboard/reader';
import { tempDir } from '../../helpers/tmp';
import { encodeEvent, eventFileBytes, frameRecord, type TbEvent } from '../../writers/tensorboard';

const T0 = 1716735746.5;
const events = (tag: string, values: number[], firstStep = 0): TbEvent[] =>
  values.map((v, i) => ({ wallTime: T0 + firstStep + i, step: firstStep + i, values: [{ tag, simple: v }] }));
const records = (evs: TbEvent[]) => Buffer.concat(evs.map((e) => frameRecord(encodeEvent(e))));

test('a second read of an appended file reads only the new bytes and returns every point', async () => {
  clearEventFileTails();
  const file = path.join(tempDir(), 'events.out.tfevents.1.host');
  fs.writeFileSync(file, eventFileBytes(events('loss', [1, 2, 3])));
  const first = await readEventFileTail(file);
  assert.equal(first.bytesRead, fs.statSync(file).size);
  assert.deepEqual([...first.all.get('loss')!.values], [1, 2, 3]);

  const more = records(events('loss', [4, NaN], 3));
  fs.appendFileSync(file, more);
  const second = await readEventFileTail(file);
  assert.equal(second.bytesRead, more.length, 'only the appended records are read');
  assert.deepEqual([...second.all.get('loss')!.steps], [0, 1, 2, 3, 4]);
  assert.ok(Number.isNaN(second.all.get('loss')!.values[4]));

  const third = await readEventFileTail(file);
  assert.equal(third.bytesRead, 0);
  assert.equal(third.all.get('loss')!.steps.length, 5);
});

test('a rewritten (shorter) file drops what was cached and is read from the start', async () => {
  clearEventFileTails();
  const file = path.join(tempDir(), 'events.out.tfevents.2.host');
  fs.writeFileSync(file, eventFileBytes(events('acc', [0.1, 0.2, 0.3, 0.4])));
  await readEventFileTail(file);
  fs.writeFileSync(file, eventFileBytes(events('acc', [0.9])));
  const again = await readEventFileTail(file);
  assert.deepEqual([...again.all.get('acc')!.values].map((v) => Math.round(v * 10) / 10), [0.9]);
});

test('the reader sees appended points on the next readSeries', async () => {
  clearEventFileTails();
  const dir = path.join(tempDir(), 'runs', 'exp1');
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, 'events.out.tfevents.3.host');
  fs.writeFileSync(file, eventFileBytes(events('loss', [5, 4])));
  const root = { format: 'tensorboard' as const, path: path.dirname(dir) };
  const [run] = (await tensorboardReader.listRuns(root)).runs;
  const before = await tensorboardReader.readSeries(run);
  assert.equal(before.series.find((s) => s.key === 'loss')!.points.steps.length, 2);
  fs.appendFileSync(file, records(events('loss', [3, 2], 2)));
  const after = await tensorboardReader.readSeries(run);
  assert.deepEqual([...after.series.find((s) => s.key === 'loss')!.points.values], [5, 4, 3, 2]);
});

test('listRuns seeds the cache: the readSeries after it decodes only what the peek did not read', async () => {
  clearEventFileTails();
  const dir = path.join(tempDir(), 'runs', 'exp1');
  fs.mkdirSync(dir, { recursive: true });
  const small = path.join(dir, 'events.out.tfevents.1.host');
  fs.writeFileSync(small, eventFileBytes(events('loss', [5, 4, 3])));
  // bigger than listRuns' 1 MB peek: the rest is read by readSeries
  const big = path.join(dir, 'events.out.tfevents.2.host');
  const bigValues = Array.from({ length: 40_000 }, (_, i) => i / 7);
  fs.writeFileSync(big, eventFileBytes(events('acc', bigValues)));
  const root = { format: 'tensorboard' as const, path: path.dirname(dir) };
  const [run] = (await tensorboardReader.listRuns(root)).runs;
  const smallAgain = await readEventFileTail(small);
  assert.equal(smallAgain.bytesRead, 0, 'the peek read the small file whole');
  assert.deepEqual([...smallAgain.all.get('loss')!.values], [5, 4, 3]);
  const series = await tensorboardReader.readSeries(run);
  assert.deepEqual([...series.series.find((s) => s.key === 'acc')!.points.values], bigValues.map((v) => Math.fround(v)));
  assert.deepEqual([...series.series.find((s) => s.key === 'acc')!.points.steps], bigValues.map((_, i) => i));
  assert.deepEqual(series.errors, []);
  const bigAgain = await readEventFileTail(big);
  assert.equal(bigAgain.bytesRead, 0);
});

test('a cached file keeps saying how many malformed events it skipped', async () => {
  clearEventFileTails();
  const dir = path.join(tempDir(), 'runs', 'exp1');
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, 'events.out.tfevents.1.host');
  // a record with a valid CRC whose payload is not an Event (wire type 7)
  fs.writeFileSync(file, Buffer.concat([eventFileBytes(events('loss', [1, 2])), frameRecord(Uint8Array.of(0x0f, 0x00))]));
  const root = { format: 'tensorboard' as const, path: path.dirname(dir) };
  const [run] = (await tensorboardReader.listRuns(root)).runs;
  for (let pass = 0; pass < 2; pass++) {
    const read = await tensorboardReader.readSeries(run);
    assert.equal(read.series.find((s) => s.key === 'loss')!.points.values.length, 2);
    assert.ok(read.errors.some((e) => /1 malformed event\(s\) skipped/.test(e.message)), `pass ${pass}: ${JSON.stringify(read.errors)}`);
  }
});
