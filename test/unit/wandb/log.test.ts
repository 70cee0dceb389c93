import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as zlib from 'node:zlib';
import { crc32, crc32Portable, crc32Range } from '../../../src/core/sources/wandb/crc32';
import { readLogFile, BLOCK_SIZE } from '../../../src/core/sources/wandb/leveldb-log';
import { readWandbLog } from '../../../src/core/sources/wandb/log-contents';
import { tempDir } from '../../helpers/tmp';
import { logBytes, records } from '../../writers/wandb';

const dir = tempDir();
let n = 0;
function writeLog(bytes: Uint8Array): string {
  const file = path.join(dir, `run-${n++}.wandb`);
  fs.writeFileSync(file, bytes);
  return file;
}

async function collect(file: string) {
  const recs: Uint8Array[] = [];
  const read = await readLogFile(file, undefined, (r) => recs.push(r.slice()));
  return { recs, read };
}

test('CRC-32/IEEE: native and portable paths agree with the check value', () => {
  const data = new TextEncoder().encode('123456789');
  assert.equal(crc32(data, 0), 0xcbf43926);
  assert.equal(crc32Portable(data, 0), 0xcbf43926);
  const rnd = Uint8Array.from({ length: 1000 }, (_, i) => (i * 7919) & 0xff);
  assert.equal(crc32Portable(rnd, 12345), (zlib as unknown as { crc32: (d: Uint8Array, i: number) => number }).crc32(rnd, 12345));
});

test('CRC-32 of a range: the slicing-by-8 loop (small ranges) and zlib (large ones) agree at every length and offset', () => {
  const native = (zlib as unknown as { crc32: (d: Uint8Array, i: number) => number }).crc32;
  const rnd = Uint8Array.from({ length: 1200 }, (_, i) => (i * 7919 + (i >> 3) * 31) & 0xff);
  for (const start of [0, 1, 3, 7]) {
    for (let len = 0; len <= 1100; len += len < 40 ? 1 : 37) {
      const want = native(rnd.subarray(start, start + len), 0) >>> 0;
      assert.equal(crc32Range(rnd, start, start + len), want, `start ${start} length ${len}`);
      assert.equal(crc32(rnd.subarray(start, start + len), 0), want, `start ${start} length ${len}`);
    }
  }
});

test('records spanning blocks (FIRST/MIDDLE/LAST) and block trailer padding are read back', async () => {
  const big = new Uint8Array(80000).map((_, i) => i & 0xff); // 3 blocks
  // a record sized so the next header would start 3 bytes before a block end -> padding
  const pad = new Uint8Array(BLOCK_SIZE - 7 - 7 - 3);
  const small = new Uint8Array([1, 2, 3]);
  const file = writeLog(logBytes([pad, small, big, small]));
  const { recs, read } = await collect(file);
  assert.equal(read.error, undefined);
  assert.deepEqual(read.warnings, []);
  assert.equal(recs.length, 4);
  assert.deepEqual(recs[0], pad);
  assert.deepEqual(recs[1], small);
  assert.deepEqual(recs[2], big);
  assert.deepEqual(recs[3], small);
  assert.equal(read.stats.paddingBytes, 3);
  assert.equal(read.stats.chunks[1], 1); // one FIRST
  assert.ok(read.stats.chunks[2] >= 1); // MIDDLE(s)
  assert.equal(read.stats.chunks[3], 1); // one LAST
});

test('a file still being written reads what is complete and continues from the cursor', async () => {
  const recs = [new Uint8Array(100).fill(1), new Uint8Array(50000).fill(2), new Uint8Array(10).fill(3)];
  const whole = logBytes(recs);
  for (const cut of [3, 7, 7 + 7 + 50, 7 + 7 + 100 + 5, 40000, whole.length - 1]) {
    const file = writeLog(whole.subarray(0, cut));
    const got: Uint8Array[] = [];
    const r1 = await readLogFile(file, undefined, (r) => got.push(r.slice()));
    assert.equal(r1.error, undefined, `cut ${cut}`);
    assert.ok(got.length < 3);
    fs.writeFileSync(file, whole); // the writer catches up
    const r2 = await readLogFile(file, r1.cursor, (r) => got.push(r.slice()));
    assert.equal(r2.error, undefined);
    assert.deepEqual(got.map((g) => g.length), [100, 50000, 10], `cut ${cut}`);
    assert.equal(r2.partialTailBytes, 0);
  }
  const live = writeLog(whole.subarray(0, 7 + 7 + 100 + 20));
  assert.equal((await readLogFile(live, undefined, () => undefined)).partialTailBytes, 20);
});

test('a bad chunk checksum costs only its block; later blocks still read', async () => {
  const recs = [new Uint8Array(20000).fill(1), new Uint8Array(20000).fill(2), new Uint8Array(20000).fill(3), new Uint8Array(10).fill(4)];
  const bytes = logBytes(recs);
  bytes[7 + 7 + 100] ^= 0xff; // inside the first record's data (block 0)
  const { recs: got, read } = await collect(writeLog(bytes));
  assert.equal(read.stats.crcErrors, 1);
  assert.match(read.warnings.join(), /1 chunk\(s\) with a bad checksum/);
  // record 1 lost; record 2 (FIRST in block 0) lost with the block; 3 and 4 survive
  assert.deepEqual(got.map((g) => g[0]), [3, 4]);
});

test('headers: wrong magic, LFS pointer, empty and short files', async () => {
  const bad = logBytes([new Uint8Array([1])]);
  bad[4] = 0;
  assert.match((await collect(writeLog(bad))).read.error!, /not a W&B transaction log/);
  const lfs = writeLog(new TextEncoder().encode('version https://git-lfs.github.com/spec/v1\noid sha256:00\nsize 3\n'));
  assert.match((await collect(lfs)).read.error!, /^Git LFS pointer, not the W&B log: fetch it with `git lfs pull`/);
  const empty = await collect(writeLog(new Uint8Array(0)));
  assert.equal(empty.read.error, undefined);
  assert.equal(empty.recs.length, 0);
  const short = await collect(writeLog(new Uint8Array([0x3a, 0x57, 0x26])));
  assert.equal(short.read.error, undefined); // the header is still being written
  assert.match((await collect(writeLog(new TextEncoder().encode('xyz')))).read.error!, /bad header/);
});

test('history rows become series: _step, _timestamp, NaN/Infinity, nested keys; media skipped', async () => {
  const file = writeLog(
    logBytes([
      records.header(1),
      records.run(2, { runId: 'abc', project: 'proj', startTime: 1700000000.25, tags: ['t1'] }),
      records.history(3, [['train loss', 1.5], ['acc', NaN], ['_step', 0], ['_timestamp', 1700000001.5], ['_runtime', 1.2]]),
      records.history(4, [['train loss', Infinity], ['val', { f1: 0.5, inner: { x: -Infinity } }], ['img', { _type: 'image-file', path: 'a.png' }], ['label', 'text'], ['_step', 5]]),
      records.history(5, [['train loss', -2]], 9), // no _step item: step.num
      records.history(6, [['train loss', 3]]), // neither: the next step
      records.future(7),
      records.exit(8, 0, 12),
    ]),
  );
  const c = await readWandbLog(file, { history: true });
  assert.equal(c.log.error, undefined);
  assert.deepEqual(c.log.warnings, []);
  assert.equal(c.run?.project, 'proj');
  assert.equal(c.run?.startTime, 1700000000.25);
  assert.deepEqual(c.run?.tags, ['t1']);
  assert.deepEqual(c.exit, { exitCode: 0, runtime: 12 });
  assert.equal(c.historyRows, 4);
  assert.equal(c.recordTypes['field 42'], 1);
  const loss = c.history.get('train loss')!;
  assert.deepEqual([...loss.steps], [0, 5, 9, 10]);
  assert.deepEqual([...loss.values], [1.5, Infinity, -2, 3]);
  assert.equal(loss.times![0], 1700000001500);
  assert.ok(Number.isNaN(loss.times![1]));
  assert.ok(Number.isNaN(c.history.get('acc')!.values[0]));
  assert.deepEqual([...c.history.get('val.f1')!.values], [0.5]);
  assert.deepEqual([...c.history.get('val.inner.x')!.values], [-Infinity]);
  assert.deepEqual([...c.history.keys()].sort(), ['acc', 'train loss', 'val.f1', 'val.inner.x']);
  // listing does not decode history
  const light = await readWandbLog(file, { history: false });
  assert.equal(light.history.size, 0);
  assert.equal(light.historyRows, 4);
});

test('a record with a valid checksum but broken protobuf is counted, not thrown', async () => {
  const broken = new Uint8Array([0x12, 0x7f, 0x01]); // history field claiming 127 bytes
  const c = await readWandbLog(writeLog(logBytes([broken, records.exit(2, 1, 3)])), { history: true });
  assert.equal(c.malformed, 1);
  assert.match(c.log.warnings.join(), /1 record\(s\) could not be decoded/);
  assert.deepEqual(c.exit, { exitCode: 1, runtime: 3 });
});

test('history items read from their bytes: JSON numbers only, keys by bytes (BOM, nested_key, a key changing between rows)', async () => {
  const { ProtoWriter } = await import('../../writers/proto-encode');
  type Raw = { key: string; nested?: string[]; json: string };
  const history = (num: number, list: Raw[]) =>
    new ProtoWriter()
      .int(1, num)
      .message(2, (h) => {
        for (const it of list) h.message(1, (m) => {
          m.string(1, it.key);
          for (const part of it.nested ?? []) m.string(2, part);
          m.string(16, it.json);
        });
      })
      .finish();
  const file = writeLog(
    logBytes([
      history(1, [
        { key: 'loss', json: '0.8414709848078965' },
        { key: '_step', json: '0' },
        { key: '_timestamp', json: '1700000000.5' },
        { key: 'acc', json: ' 1.5 ' }, // JSON allows the spaces
        { key: 'odd', json: '01' }, // not JSON: no point
        { key: 'plus', json: '+1' }, // not JSON either
        { key: '\ufeff_hidden', json: '1' }, // a BOM is dropped in decoding: an `_` key
        { key: '\ufeffbom', json: '2' },
        { key: '', nested: ['a', 'b'], json: '3' },
        { key: '', nested: ['_x'], json: '4' },
        { key: 'big', json: '1e400' },
      ]),
      history(2, [
        { key: 'acc', json: '2' },
        { key: 'lost', json: '4' }, // where 'loss' was, same length
        { key: 'loss', json: 'NaN' },
        { key: '_step', json: '-0' },
      ]),
    ]),
  );
  const c = await readWandbLog(file, { history: true });
  assert.equal(c.malformed, 0);
  assert.deepEqual([...c.history.keys()], ['loss', 'acc', 'bom', 'a.b', 'big', 'lost']);
  const loss = c.history.get('loss')!;
  assert.deepEqual([...loss.values], [0.8414709848078965, NaN]);
  assert.ok(Object.is(loss.steps[1], -0));
  assert.deepEqual([...loss.times!], [1700000000500, NaN]);
  assert.deepEqual([...c.history.get('acc')!.values], [1.5, 2]);
  assert.deepEqual([...c.history.get('lost')!.values], [4]);
  assert.deepEqual([...c.history.get('big')!.values], [Infinity]);
  assert.deepEqual([...c.history.get('a.b')!.values], [3]);
});
