import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { RocksDb } from '../../../src/core/sources/aim/rocksdb/db';
import { writeRocksFolder } from '../../writers/aim/rocksdb-folder';
import { TYPE_DELETE } from '../../writers/aim/sst-writer';
import { tempDir } from '../../helpers/tmp';

const enc = (s: string) => new TextEncoder().encode(s);
const dec = (b: Uint8Array) => new TextDecoder().decode(b);

function live(db: RocksDb, prefix = ''): [string, string][] {
  const out: [string, string][] = [];
  db.scan(enc(prefix), (s) => {
    out.push([dec(s.key.subarray(0, s.keyLen)), dec(s.value.subarray(s.valueOff, s.valueOff + s.valueLen))]);
  });
  return out;
}

function snapshot(dir: string): Map<string, string> {
  const m = new Map<string, string>();
  for (const f of fs.readdirSync(dir)) m.set(f, fs.readFileSync(path.join(dir, f)).toString('base64') + fs.statSync(path.join(dir, f)).mtimeMs);
  return m;
}

test('newest version wins across SSTs and the WAL; deletes and range deletes hide older values', () => {
  const dir = path.join(tempDir(), 'db');
  writeRocksFolder(dir, {
    ssts: [
      { number: 5, entries: [{ key: enc('a'), seq: 1, value: enc('a1') }, { key: enc('b'), seq: 2, value: enc('b2') }, { key: enc('r/1'), seq: 3, value: enc('old') }, { key: enc('r/2'), seq: 4, value: enc('old') }], level: 1 },
      { number: 6, entries: [{ key: enc('a'), seq: 10, value: enc('a10') }, { key: enc('c'), seq: 11, value: enc('c11') }, { key: enc('b'), seq: 12, type: TYPE_DELETE }] },
    ],
    logNumber: 7,
    wals: [
      {
        number: 7,
        batches: [
          { seq: 20, ops: [{ op: 'deleteRange', key: enc('r/'), end: enc('r/\u00ff') }, { op: 'put', key: enc('r/2'), value: enc('new') }] },
          { seq: 22, ops: [{ op: 'put', key: enc('d'), value: enc('d22') }, { op: 'delete', key: enc('c') }] },
          { seq: 24, ops: [{ op: 'put', key: enc('a'), value: enc('a24') }] },
        ],
      },
    ],
  });
  const before = snapshot(dir);
  const db = RocksDb.open(dir);
  assert.deepEqual(db.allWarnings(), []);
  assert.deepEqual(live(db), [
    ['a', 'a24'],
    ['d', 'd22'],
    ['r/2', 'new'],
  ]);
  assert.deepEqual(live(db, 'r/'), [['r/2', 'new']]);
  assert.deepEqual(db.info.ssts, ['000005.sst', '000006.sst']);
  assert.deepEqual(db.info.wals, ['000007.log']);
  db.close();
  assert.deepEqual(snapshot(dir), before, 'nothing in the folder changed');
});

test('a range tombstone older than a put does not hide it; one in an SST does hide older keys', () => {
  const dir = path.join(tempDir(), 'db');
  writeRocksFolder(dir, {
    ssts: [
      { number: 3, entries: [{ key: enc('k1'), seq: 1, value: enc('v1') }, { key: enc('k2'), seq: 2, value: enc('v2') }, { key: enc('k3'), seq: 50, value: enc('v3') }] },
      { number: 4, entries: [{ key: enc('z'), seq: 30, value: enc('z') }], options: { rangeDeletions: [{ start: enc('k'), end: enc('k3'), seq: 40 }] } },
    ],
  });
  const db = RocksDb.open(dir);
  assert.deepEqual(live(db), [
    ['k3', 'v3'],
    ['z', 'z'],
  ]);
  db.close();
});

test('WALs older than the MANIFEST log number are already flushed and ignored', () => {
  const dir = path.join(tempDir(), 'db');
  writeRocksFolder(dir, {
    ssts: [{ number: 9, entries: [{ key: enc('a'), seq: 1, value: enc('sst') }] }],
    logNumber: 10,
    wals: [
      { number: 8, batches: [{ seq: 999, ops: [{ op: 'put', key: enc('a'), value: enc('flushed') }] }] },
      { number: 10, batches: [] },
    ],
  });
  const db = RocksDb.open(dir);
  assert.deepEqual(live(db), [['a', 'sst']]);
  assert.deepEqual(db.info.wals, ['000010.log']);
  db.close();
});

test('files deleted by a later MANIFEST edit are not read even when still on disk', () => {
  const dir = path.join(tempDir(), 'db');
  writeRocksFolder(dir, {
    ssts: [
      { number: 3, entries: [{ key: enc('old'), seq: 1, value: enc('x') }] },
      { number: 5, entries: [{ key: enc('new'), seq: 2, value: enc('y') }] },
    ],
  });
  // rewrite the MANIFEST so that 3 is deleted: simplest is to write a folder with deletedSsts
  const dir2 = path.join(tempDir(), 'db2');
  writeRocksFolder(dir2, { ssts: [{ number: 5, entries: [{ key: enc('new'), seq: 2, value: enc('y') }] }], deletedSsts: [3] });
  fs.copyFileSync(path.join(dir, '000003.sst'), path.join(dir2, '000003.sst'));
  const db = RocksDb.open(dir2);
  assert.deepEqual(live(db), [['new', 'y']]);
  db.close();
});

test('a live SST missing from disk is a warning; the rest reads', () => {
  const dir = path.join(tempDir(), 'db');
  writeRocksFolder(dir, {
    ssts: [
      { number: 3, entries: [{ key: enc('a'), seq: 1, value: enc('1') }] },
      { number: 4, entries: [{ key: enc('b'), seq: 2, value: enc('2') }] },
    ],
  });
  fs.rmSync(path.join(dir, '000003.sst'));
  const db = RocksDb.open(dir);
  assert.deepEqual(live(db), [['b', '2']]);
  assert.ok(db.allWarnings().some((w) => /000003\.sst named in the MANIFEST is missing/.test(w)));
  db.close();
});

test('without a usable MANIFEST every SST and WAL is read, marked best effort', () => {
  for (const damage of ['no-current', 'garbage-manifest', 'current-names-nothing'] as const) {
    const dir = path.join(tempDir(), 'db');
    writeRocksFolder(dir, {
      ssts: [{ number: 3, entries: [{ key: enc('a'), seq: 1, value: enc('1') }] }],
      logNumber: 4,
      wals: [{ number: 4, batches: [{ seq: 5, ops: [{ op: 'put', key: enc('b'), value: enc('2') }] }] }],
    });
    if (damage === 'no-current') fs.rmSync(path.join(dir, 'CURRENT'));
    if (damage === 'garbage-manifest') fs.writeFileSync(path.join(dir, 'MANIFEST-000001'), 'not a manifest at all');
    if (damage === 'current-names-nothing') fs.writeFileSync(path.join(dir, 'CURRENT'), 'MANIFEST-000077\n');
    const db = RocksDb.open(dir);
    assert.deepEqual(live(db), [['a', '1'], ['b', '2']], damage);
    assert.equal(db.info.bestEffort, true);
    assert.ok(db.allWarnings().some((w) => /best effort/.test(w)), damage);
    db.close();
  }
});

test('a torn WAL tail keeps the earlier batches and warns', () => {
  const dir = path.join(tempDir(), 'db');
  writeRocksFolder(dir, {
    logNumber: 4,
    wals: [{ number: 4, batches: [{ seq: 1, ops: [{ op: 'put', key: enc('a'), value: enc('1') }] }, { seq: 2, ops: [{ op: 'put', key: enc('b'), value: enc('2') }] }] }],
  });
  const wal = path.join(dir, '000004.log');
  const bytes = fs.readFileSync(wal);
  fs.writeFileSync(wal, bytes.subarray(0, bytes.length - 3));
  const db = RocksDb.open(dir);
  assert.deepEqual(live(db), [['a', '1']]);
  assert.ok(db.allWarnings().some((w) => /000004\.log: read stopped/.test(w)));
  db.close();
});

test('a missing folder is an error, not a throw', () => {
  const db = RocksDb.open(path.join(tempDir(), 'nope'));
  assert.match(db.error!, /cannot list/);
  assert.deepEqual(live(db), []);
});

test('one SST with many versions per key: only the newest counts, across restarts and blocks', () => {
  const dir = path.join(tempDir(), 'db');
  const entries = [];
  for (let i = 0; i < 100; i++) {
    const key = enc(`key/${String(i).padStart(3, '0')}`);
    entries.push({ key, seq: 1 + i * 3, value: enc('v1') }, { key, seq: 2 + i * 3, value: enc('v2') });
    if (i % 2 === 0) entries.push({ key, seq: 3 + i * 3, type: TYPE_DELETE });
  }
  for (const blockSize of [40, 150, 4096]) {
    writeRocksFolder(dir, { ssts: [{ number: 3, entries, options: { blockSize, restartInterval: 4 } }] });
    const db = RocksDb.open(dir);
    const got = live(db);
    assert.equal(got.length, 50, `blockSize ${blockSize}`);
    assert.ok(got.every(([k, v], j) => k === `key/${String(2 * j + 1).padStart(3, '0')}` && v === 'v2'));
    db.close();
  }
});
