import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readLogRecords } from '../../../src/core/sources/aim/rocksdb/log-reader';
import { decodeWriteBatch } from '../../../src/core/sources/aim/rocksdb/write-batch';
import { replayManifest } from '../../../src/core/sources/aim/rocksdb/manifest';
import { RocksFormatError } from '../../../src/core/sources/aim/rocksdb/bytes';
import { encodeVersionEdit, encodeWriteBatch, LogWriter } from '../../writers/aim/log-writer';

const enc = (s: string) => new TextEncoder().encode(s);
const dec = (b: Uint8Array) => new TextDecoder().decode(b);
const filled = (n: number, seed: number) => new Uint8Array(n).map((_, i) => (i * 13 + seed) & 0xff);

test('log records round trip, including records fragmented over several 32 KiB blocks', () => {
  const payloads = [filled(10, 1), filled(40_000, 2), filled(32768 - 7 - 10 - 7 - 3, 3), filled(0, 4), filled(100_000, 5), filled(5, 6)];
  const w = new LogWriter();
  for (const p of payloads) w.addRecord(p);
  const bytes = w.bytes();
  const { records, stopped } = readLogRecords(bytes);
  assert.equal(stopped, undefined);
  assert.equal(records.length, payloads.length);
  records.forEach((r, i) => assert.deepEqual(r, payloads[i]));
});

test('a torn tail keeps every complete record before it', () => {
  const w = new LogWriter();
  for (let i = 0; i < 5; i++) w.addRecord(filled(1000, i));
  w.addRecord(filled(50_000, 9)); // spans two blocks
  const bytes = w.bytes();
  for (const cut of [bytes.length - 1, 5 * 1007 + 3, 5 * 1007 + 7 + 100, 32768 + 10]) {
    const { records, stopped } = readLogRecords(bytes.subarray(0, cut));
    assert.equal(records.length, 5, `cut at ${cut}`);
    assert.ok(stopped, `cut at ${cut} is reported`);
  }
});

test('a checksum mismatch stops the log at that record', () => {
  const w = new LogWriter();
  for (let i = 0; i < 4; i++) w.addRecord(filled(100, i));
  const bytes = w.bytes();
  bytes[2 * 107 + 7 + 50] ^= 1; // payload byte of record 3
  const { records, stopped } = readLogRecords(bytes);
  assert.equal(records.length, 2);
  assert.match(stopped!, /checksum mismatch/);
});

test('zero padding (preallocated space) ends a log cleanly', () => {
  const w = new LogWriter();
  w.addRecord(enc('one'));
  const bytes = new Uint8Array(40_000);
  bytes.set(w.bytes());
  const { records, stopped } = readLogRecords(bytes);
  assert.equal(records.length, 1);
  assert.equal(stopped, undefined);
});

test('write batches decode puts, deletes, range deletes and log data with consecutive seqnos', () => {
  const rec = encodeWriteBatch(24505, [
    { op: 'deleteRange', key: enc('a'), end: enc('a\u00ff') },
    { op: 'put', key: enc('a'), value: enc('1') },
    { op: 'logData', blob: enc('ignored') },
    { op: 'delete', key: enc('b') },
    { op: 'singleDelete', key: enc('c') },
  ]);
  const { ops, warnings } = decodeWriteBatch(rec);
  assert.deepEqual(warnings, []);
  assert.deepEqual(
    ops.map((o) => [o.op, dec(o.key), o.seq]),
    [
      ['deleteRange', 'a', 24505],
      ['put', 'a', 24506],
      ['delete', 'b', 24507],
      ['delete', 'c', 24508],
    ],
  );
});

test('a damaged or miscounted write batch keeps what decoded and warns', () => {
  const rec = encodeWriteBatch(1, [
    { op: 'put', key: enc('k1'), value: enc('v1') },
    { op: 'put', key: enc('k2'), value: enc('v2') },
  ]);
  const cut = decodeWriteBatch(rec.subarray(0, rec.length - 2));
  assert.equal(cut.ops.length, 1);
  assert.match(cut.warnings[0], /damaged after 1 of 2/);
  const miscount = rec.slice();
  miscount[8] = 3;
  assert.match(decodeWriteBatch(miscount).warnings[0], /says 3 operations, found 2/);
  const unknown = rec.slice();
  unknown[12] = 0x55;
  assert.match(decodeWriteBatch(unknown).warnings[0], /unknown write batch tag 0x55/);
  assert.match(decodeWriteBatch(new Uint8Array(5)).warnings[0], /shorter than its 12-byte header/);
});

test('MANIFEST replay: adds, deletes, log number, ignorable tags', () => {
  const nf = (number: number) => ({ level: 0, number, size: 10, smallest: new Uint8Array(9), largest: new Uint8Array(9), smallestSeq: 1, largestSeq: 2 });
  const m = new LogWriter()
    .addRecord(encodeVersionEdit({ comparator: 'leveldb.BytewiseComparator', dbId: 'abc' }))
    .addRecord(encodeVersionEdit({ logNumber: 5, lastSequence: 40, added: [nf(7), nf(9)] }))
    .addRecord(encodeVersionEdit({ logNumber: 12, prevLogNumber: 0, lastSequence: 99, added: [nf(11)], deleted: [{ level: 0, number: 7 }] }))
    .bytes();
  const s = replayManifest(m);
  assert.deepEqual(s.liveFiles, [9, 11]);
  assert.equal(s.logNumber, 12);
  assert.equal(s.lastSequence, 99);
  assert.equal(s.comparator, 'leveldb.BytewiseComparator');
  assert.deepEqual(s.warnings, []);
});

test('MANIFEST: a damaged edit stops replay with a warning; an empty one is an error', () => {
  const nf = (number: number) => ({ level: 0, number, size: 10, smallest: new Uint8Array(9), largest: new Uint8Array(9), smallestSeq: 1, largestSeq: 2 });
  const bad = new Uint8Array([0x7f, 0x01]); // tag 127 is unknown and not safe to ignore
  const m = new LogWriter().addRecord(encodeVersionEdit({ added: [nf(3)] })).addRecord(bad).addRecord(encodeVersionEdit({ added: [nf(4)] })).bytes();
  const s = replayManifest(m);
  assert.deepEqual(s.liveFiles, [3]);
  assert.match(s.warnings[0], /edit 2 is damaged/);
  assert.throws(() => replayManifest(new Uint8Array(0)), RocksFormatError);
});
