import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { crc32c, maskedCrc32c } from '../../../src/core/util/crc32c';
import { readEventFile } from '../../../src/core/sources/tensorboard/event-file';
import { tempDir } from '../../helpers/tmp';
import { ProtoWriter } from '../../writers/proto-encode';
import {
  DT_DOUBLE,
  DT_FLOAT,
  DT_HALF,
  DT_INT32,
  DT_INT64,
  encodeEvent,
  eventFileBytes,
  frameRecord,
  writeEventFile,
  type TbEvent,
} from '../../writers/tensorboard';

const T0 = 1716735746.5;

function scalarEvents(tag: string, values: number[], firstStep = 0): TbEvent[] {
  return values.map((v, i) => ({ wallTime: T0 + i, step: firstStep + i, values: [{ tag, simple: v }] }));
}

test('CRC-32C matches the Castagnoli check value and masks like TFRecord', () => {
  const bytes = new TextEncoder().encode('123456789');
  assert.equal(crc32c(bytes), 0xe3069283);
  assert.equal(crc32c(new Uint8Array(0)), 0);
  // 32 zero bytes: RFC 3720 test vector
  assert.equal(crc32c(new Uint8Array(32)), 0x8a9136aa);
  const c = 0xe3069283;
  assert.equal(maskedCrc32c(bytes), ((((c >>> 15) | (c << 17)) >>> 0) + 0xa282ead8) >>> 0);
});

test('simple_value scalars keep NaN and infinities and widen float32 exactly', async () => {
  const dir = tempDir();
  const file = writeEventFile(dir, scalarEvents('loss', [0.1, NaN, Infinity, -Infinity, 2.5]));
  const read = await readEventFile(file);
  assert.equal(read.error, undefined);
  assert.equal(read.records, 6); // file_version + 5
  const loss = read.appended.get('loss')!;
  assert.deepEqual([...loss.steps], [0, 1, 2, 3, 4]);
  assert.equal(loss.values[0], Math.fround(0.1));
  assert.ok(Number.isNaN(loss.values[1]));
  assert.equal(loss.values[2], Infinity);
  assert.equal(loss.values[3], -Infinity);
  assert.equal(loss.values[4], 2.5);
  assert.equal(loss.times![0], T0 * 1000);
  assert.equal(read.cursor.decoder.fileVersion, 'brain.Event:2');
  assert.equal(read.reachedEnd, true);
});

test('scalar tensors of float, double, int and half dtypes are read (TF2 writers)', async () => {
  const dir = tempDir();
  const f64 = new Uint8Array(8);
  new DataView(f64.buffer).setFloat64(0, 0.1234567890123, true);
  const f32 = new Uint8Array(4);
  new DataView(f32.buffer).setFloat32(0, -3.5, true);
  const events: TbEvent[] = [
    // TF2 sends plugin metadata with the first value of a tag only
    { wallTime: T0, step: 1, values: [{ tag: 'acc', plugin: 'scalars', tensor: { dtype: DT_FLOAT, content: f32 } }] },
    { wallTime: T0 + 1, step: 2, values: [{ tag: 'acc', tensor: { dtype: DT_FLOAT, floatVal: [0.75] } }] },
    { wallTime: T0, step: 1, values: [{ tag: 'lr', plugin: 'scalars', tensor: { dtype: DT_DOUBLE, content: f64 } }] },
    { wallTime: T0, step: 2, values: [{ tag: 'lr', tensor: { dtype: DT_DOUBLE, doubleVal: [NaN] } }] },
    { wallTime: T0, step: 1, values: [{ tag: 'count', plugin: 'scalars', tensor: { dtype: DT_INT32, intVal: [-7] } }] },
    { wallTime: T0, step: 1, values: [{ tag: 'big', plugin: 'scalars', tensor: { dtype: DT_INT64, int64Val: [2 ** 40] } }] },
    { wallTime: T0, step: 1, values: [{ tag: 'h', plugin: 'scalars', tensor: { dtype: DT_HALF, halfVal: [0x3c00] } }] },
    // a tensor of another plugin, and a non-scalar tensor, are not series
    { wallTime: T0, step: 1, values: [{ tag: 'text', plugin: 'text', tensor: { dtype: 7 } }] },
    { wallTime: T0, step: 1, values: [{ tag: 'vec', plugin: 'scalars', tensor: { dtype: DT_FLOAT, floatVal: [1, 2], shape: [2] } }] },
  ];
  const read = await readEventFile(writeEventFile(dir, events));
  assert.equal(read.error, undefined);
  assert.deepEqual([...read.appended.get('acc')!.values], [-3.5, 0.75]);
  assert.equal(read.appended.get('lr')!.values[0], 0.1234567890123);
  assert.ok(Number.isNaN(read.appended.get('lr')!.values[1]));
  assert.deepEqual([...read.appended.get('count')!.values], [-7]);
  assert.deepEqual([...read.appended.get('big')!.values], [2 ** 40]);
  assert.deepEqual([...read.appended.get('h')!.values], [1]);
  assert.equal(read.appended.has('text'), false);
  assert.equal(read.appended.has('vec'), false);
});

test('unknown protobuf fields are skipped by wire type', async () => {
  const dir = tempDir();
  const value = new ProtoWriter()
    .int(99, 12345) // unknown varint
    .string(1, 'x')
    .double(98, 1.5) // unknown fixed64
    .float(2, 4.25)
    .string(97, 'ignored') // unknown length-delimited
    .finish();
  const event = new ProtoWriter()
    .double(1, T0)
    .int(2, 7)
    .message(10, (m) => m.string(1, 'writer')) // source_metadata
    .float(55, 1) // unknown fixed32
    .bytes(5, new ProtoWriter().bytes(1, value).finish())
    .finish();
  const file = path.join(dir, 'events.out.tfevents.1.h');
  fs.writeFileSync(file, frameRecord(event));
  const read = await readEventFile(file);
  assert.equal(read.error, undefined);
  assert.deepEqual(read.warnings, []);
  assert.deepEqual([...read.appended.get('x')!.steps], [7]);
  assert.deepEqual([...read.appended.get('x')!.values], [4.25]);
});

test('negative and large int64 steps decode exactly', async () => {
  const dir = tempDir();
  const file = writeEventFile(dir, [
    { wallTime: T0, step: -3, values: [{ tag: 's', simple: 1 }] },
    { wallTime: T0, step: 2 ** 50 + 1, values: [{ tag: 's', simple: 2 }] },
  ]);
  const read = await readEventFile(file);
  assert.deepEqual([...read.appended.get('s')!.steps], [-3, 2 ** 50 + 1]);
});

test('an appended file is read on from the last offset; a partial record waits', async () => {
  const dir = tempDir();
  const file = path.join(dir, 'events.out.tfevents.1.h');
  const first = eventFileBytes(scalarEvents('loss', [1, 2, 3]));
  fs.writeFileSync(file, first);
  const r1 = await readEventFile(file);
  assert.deepEqual([...r1.appended.get('loss')!.values], [1, 2, 3]);
  const offset1 = r1.cursor.offset;
  assert.equal(offset1, first.length);

  const more = scalarEvents('loss', [4, 5], 3).map((e) => frameRecord(encodeEvent(e)));
  fs.appendFileSync(file, more[0]);
  fs.appendFileSync(file, more[1].subarray(0, 10)); // the writer is mid-flush
  const r2 = await readEventFile(file, r1.cursor);
  assert.deepEqual([...r2.appended.get('loss')!.values], [4]);
  assert.equal(r2.partialTailBytes, 10);
  assert.equal(r2.error, undefined);
  assert.equal(r2.cursor.offset, offset1 + more[0].length);

  const r3 = await readEventFile(file, r2.cursor);
  assert.equal(r3.appended.size, 0); // nothing complete yet

  fs.appendFileSync(file, more[1].subarray(10));
  const r4 = await readEventFile(file, r3.cursor);
  assert.deepEqual([...r4.appended.get('loss')!.values], [5]);
  assert.deepEqual([...r4.appended.get('loss')!.steps], [4]);
  assert.equal(r4.partialTailBytes, 0);

  // a rewritten (shorter) file is read again from the start
  fs.writeFileSync(file, eventFileBytes(scalarEvents('loss', [9])));
  const r5 = await readEventFile(file, r4.cursor);
  assert.equal(r5.restarted, true);
  assert.deepEqual([...r5.appended.get('loss')!.values], [9]);
});

test('a record larger than the read chunk is read whole', async () => {
  const dir = tempDir();
  const big = new Uint8Array(9 * 1024 * 1024).fill(7);
  const file = writeEventFile(dir, [
    { wallTime: T0, step: 1, values: [{ tag: 'img', image: big }] },
    { wallTime: T0, step: 2, values: [{ tag: 'loss', simple: 0.5 }] },
  ]);
  const read = await readEventFile(file);
  assert.equal(read.error, undefined);
  assert.deepEqual([...read.appended.get('loss')!.values], [0.5]);
  assert.equal(read.appended.has('img'), false);
});

test('a data CRC mismatch stops the file with a clear error and keeps what came before', async () => {
  const dir = tempDir();
  const bytes = eventFileBytes(scalarEvents('loss', [1, 2, 3]));
  const recordLen = frameRecord(encodeEvent(scalarEvents('loss', [1])[0])).length;
  const fileVersionLen = bytes.length - 3 * recordLen;
  const corruptAt = fileVersionLen + recordLen + 14; // inside the data of the 2nd scalar record
  bytes[corruptAt] ^= 0xff;
  const file = path.join(dir, 'events.out.tfevents.1.h');
  fs.writeFileSync(file, bytes);
  const read = await readEventFile(file);
  assert.match(read.error!, /checksum mismatch in record at byte \d+/);
  assert.deepEqual([...read.appended.get('loss')!.values], [1]);
  // later calls do not re-read a corrupt file
  const again = await readEventFile(file, read.cursor);
  assert.equal(again.appended.size, 0);
  assert.equal(again.error, read.error);
});

test('a file that is not an event file, and an LFS pointer, get distinct messages', async () => {
  const dir = tempDir();
  const junk = path.join(dir, 'events.out.tfevents.2.h');
  fs.writeFileSync(junk, 'hello, this is not a TFRecord file at all');
  assert.match((await readEventFile(junk)).error!, /not a TensorBoard event file/);
  const lfs = path.join(dir, 'events.out.tfevents.3.h');
  fs.writeFileSync(
    lfs,
    'version https://git-lfs.github.com/spec/v1\noid sha256:ce8736a4289b0e76a23dbaa396ceaecd698cc28fc51fd1a633da12aa58da6e8e\nsize 37748\n',
  );
  // The message says how to get the real file.
  assert.match((await readEventFile(lfs)).error!, /^Git LFS pointer, not the event file: fetch it with `git lfs pull` in its repository/);
  assert.match((await readEventFile(path.join(dir, 'missing'))).error!, /cannot read event file/);
});

test('a peek stops early without calling the cut record partial', async () => {
  const dir = tempDir();
  const file = writeEventFile(dir, scalarEvents('loss', Array.from({ length: 1000 }, (_, i) => i)));
  const peek = await readEventFile(file, undefined, { maxBytes: 500 });
  assert.equal(peek.reachedEnd, false);
  assert.equal(peek.partialTailBytes, 0);
  const n = peek.appended.get('loss')!.values.length;
  assert.ok(n > 0 && n < 1000);
  const rest = await readEventFile(file, peek.cursor);
  assert.equal(rest.appended.get('loss')!.values.length, 1000 - n);
});

test('what a read keeps in its cursor does not hold on to the read buffer', async () => {
  const file = path.join(tempDir(), 'events.out.tfevents.9.host');
  fs.writeFileSync(file, eventFileBytes(Array.from({ length: 2000 }, (_, i) => ({ wallTime: T0 + i, step: i, values: [{ tag: `tag${i % 3}`, simple: i }] }))));
  const read = await readEventFile(file);
  assert.equal(read.appended.size, 3);
  // the rewrite check's tail is a copy of 8 bytes, not a view into the ~100 KB the file was read into
  assert.equal(read.cursor.seen!.tail.length, 8);
  assert.equal(read.cursor.seen!.tail.buffer.byteLength, 8);
});
