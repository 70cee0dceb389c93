// Fuzzing the binary parsers with truncated, bit-flipped and random inputs (seeded, bounded):
// they may report RocksFormatError or warnings, never throw anything else, never hang.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { RocksFormatError } from '../../../src/core/sources/aim/rocksdb/bytes';
import { MemoryFile } from '../../../src/core/sources/aim/rocksdb/file-access';
import { SstTable } from '../../../src/core/sources/aim/rocksdb/sst-table';
import { readLogRecords } from '../../../src/core/sources/aim/rocksdb/log-reader';
import { decodeWriteBatch } from '../../../src/core/sources/aim/rocksdb/write-batch';
import { replayManifest } from '../../../src/core/sources/aim/rocksdb/manifest';
import { RocksDb } from '../../../src/core/sources/aim/rocksdb/db';
import { writeSst } from '../../writers/aim/sst-writer';
import { encodeVersionEdit, encodeWriteBatch, LogWriter } from '../../writers/aim/log-writer';
import { writeRocksFolder } from '../../writers/aim/rocksdb-folder';
import { tempDir } from '../../helpers/tmp';
import { prng as mulberry32 } from '../../../src/core/util/prng';

const enc = (s: string) => new TextEncoder().encode(s);

function mutate(base: Uint8Array, rnd: () => number): Uint8Array {
  const r = rnd();
  const int = (n: number) => Math.floor(rnd() * n);
  if (r < 0.3) return base.slice(0, int(base.length)); // truncation
  if (r < 0.75) {
    const out = base.slice();
    const flips = 1 + int(8);
    // half of the flips aim at the tail, where footers and index blocks live
    for (let i = 0; i < flips; i++) out[rnd() < 0.5 ? int(out.length) : out.length - 1 - int(Math.min(out.length, 200))] ^= 1 << int(8);
    return out;
  }
  if (r < 0.85) {
    const out = base.slice();
    const at = int(out.length);
    for (let i = at; i < Math.min(out.length, at + 1 + int(64)); i++) out[i] = int(256);
    return out;
  }
  return Uint8Array.from({ length: int(base.length * 2) + 1 }, () => int(256)); // random bytes
}

function timed(label: string, fn: () => void, budgetMs: number): void {
  const t0 = performance.now();
  fn();
  const dt = performance.now() - t0;
  assert.ok(dt < budgetMs, `${label} took ${dt.toFixed(0)} ms`);
}

function expectOnly(fn: () => void, what: string): void {
  try {
    fn();
  } catch (err) {
    assert.ok(err instanceof RocksFormatError, `${what}: unexpected ${(err as Error).stack}`);
  }
}

test('SST parser survives truncated, bit-flipped and random files', { timeout: 120_000 }, () => {
  const rnd = mulberry32(0xa1b2c3);
  const entries = Array.from({ length: 300 }, (_, i) => ({ key: enc(`meta\u00fechunks\u00fe${String(i * 7).padStart(5, '0')}\u00fe`), seq: i + 1, value: enc(`v${i}`.repeat(1 + (i % 5))) }));
  const bases = [
    writeSst(entries, { blockSize: 256 }),
    writeSst(entries, { blockSize: 128, compression: 'none', checksum: 'none' }), // damage reaches block parsing
    writeSst(entries, { blockSize: 512, checksum: 'none', indexRestartInterval: 3 }), // ... and snappy
    writeSst(entries.slice(0, 20), { rangeDeletions: [{ start: enc('a'), end: enc('m'), seq: 99 }] }),
  ];
  let opened = 0;
  timed('2,400 SST cases', () => {
    for (let n = 0; n < 2400; n++) {
      const bytes = mutate(bases[n % bases.length], rnd);
      expectOnly(() => {
        const t = SstTable.open(new MemoryFile(bytes), 'fuzz.sst');
        opened++;
        const it = t.iterator();
        let count = 0;
        for (let ok = it.seek(new Uint8Array(0)); ok && count < 100_000; ok = it.next()) count++;
        it.seek(entries[Math.floor(rnd() * entries.length)].key);
      }, `case ${n}`);
    }
  }, 60_000);
  assert.ok(opened > 100, `some damaged tables still open (${opened})`);
});

test('log reader and write-batch decoder survive damaged input', { timeout: 120_000 }, () => {
  const rnd = mulberry32(0x5eed);
  const w = new LogWriter();
  for (let i = 0; i < 60; i++) {
    w.addRecord(
      encodeWriteBatch(i * 10 + 1, [
        { op: 'deleteRange', key: enc(`k${i}`), end: enc(`k${i}\u00ff`) },
        { op: 'put', key: enc(`k${i}`), value: new Uint8Array(i * 29) },
        { op: 'delete', key: enc(`d${i}`) },
      ]),
    );
  }
  const base = w.bytes();
  timed('2,000 log cases', () => {
    for (let n = 0; n < 2000; n++) {
      const bytes = mutate(base, rnd);
      const { records } = readLogRecords(bytes);
      for (const r of records) decodeWriteBatch(r);
      // batches with damage the log CRC would otherwise catch
      decodeWriteBatch(mutate(encodeWriteBatch(5, [{ op: 'put', key: enc('a'), value: enc('b') }]), rnd));
    }
  }, 60_000);
});

test('MANIFEST replay survives damaged input', { timeout: 120_000 }, () => {
  const rnd = mulberry32(42);
  const nf = (number: number) => ({ level: 1, number, size: 1234, smallest: enc('aaaaaaaaaaaa'), largest: enc('zzzzzzzzzzzz'), smallestSeq: 1, largestSeq: 9 });
  const m = new LogWriter().addRecord(encodeVersionEdit({ comparator: 'leveldb.BytewiseComparator', dbId: 'x' }));
  for (let i = 0; i < 30; i++) m.addRecord(encodeVersionEdit({ logNumber: i, lastSequence: i * 100, added: [nf(i * 2), nf(i * 2 + 1)], deleted: i ? [{ level: 1, number: i * 2 - 1 }] : [] }));
  const base = m.bytes();
  timed('1,500 MANIFEST cases', () => {
    for (let n = 0; n < 1500; n++) {
      const bytes = mutate(base, rnd);
      expectOnly(() => replayManifest(bytes), `case ${n}`);
    }
  }, 30_000);
});

test('opening a damaged database folder never throws', { timeout: 120_000 }, () => {
  const rnd = mulberry32(7);
  const dir = path.join(tempDir(), 'db');
  const entries = Array.from({ length: 200 }, (_, i) => ({ key: enc(`k${String(i).padStart(4, '0')}`), seq: i + 1, value: enc(`value ${i}`) }));
  writeRocksFolder(dir, {
    ssts: [{ number: 5, entries, options: { blockSize: 200 } }],
    logNumber: 6,
    wals: [{ number: 6, batches: [{ seq: 500, ops: [{ op: 'put', key: enc('k0001'), value: enc('new') }, { op: 'deleteRange', key: enc('k01'), end: enc('k02') }] }] }],
  });
  const originals = new Map(['000005.sst', '000006.log', 'MANIFEST-000001', 'CURRENT'].map((f) => [f, fs.readFileSync(path.join(dir, f))]));
  timed('300 folder cases', () => {
    for (let n = 0; n < 300; n++) {
      for (const [f, b] of originals) fs.writeFileSync(path.join(dir, f), rnd() < 0.5 ? mutate(new Uint8Array(b), rnd) : b);
      const db = RocksDb.open(dir);
      let count = 0;
      db.scan(new Uint8Array(0), () => {
        count++;
      });
      db.close();
      assert.ok(count <= 400);
    }
  }, 60_000);
});
