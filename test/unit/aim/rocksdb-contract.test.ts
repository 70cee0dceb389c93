// Real RocksDB as the other side of the Aim reader's contract (the npm `rocksdb` package, a devDependency used
// only here): databases it writes - Snappy on, flushed SSTs, an unflushed WAL, mid-compaction copies - read with
// our reader give exactly the keys and values RocksDB itself iterates; and what our test writer writes opens in
// RocksDB with the same keys and values (so the generated Aim fixtures are what Aim's storage would accept).
// RocksDB runs in a child process (test/contract/rocksdb/rocks-tool.mjs): it aborts on some inputs.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { RocksDb } from '../../../src/core/sources/aim/rocksdb/db';
import { SstTable } from '../../../src/core/sources/aim/rocksdb/sst-table';
import { MemoryFile } from '../../../src/core/sources/aim/rocksdb/file-access';
import { tempDir } from '../../helpers/tmp';
import { writeRocksFolder } from '../../writers/aim/rocksdb-folder';
import { fromWriterRun, metaRecords, seqsRecords, writeAimRepo, type AimRun } from '../../writers/aim/aim-repo';
import { snapshot } from '../oracle/snapshot';
import type { WriterRun } from '../../../src/demo/writers/types';

const TOOL = path.join(__dirname, '..', '..', 'contract', 'rocksdb', 'rocks-tool.mjs');
const b64 = (b: Uint8Array) => Buffer.from(b).toString('base64');

function rocks(cmd: object): Record<string, unknown> {
  const res = spawnSync(process.execPath, [TOOL], { input: JSON.stringify(cmd), encoding: 'utf8', maxBuffer: 256 << 20, timeout: 60_000 });
  if (res.status !== 0) throw new Error(`rocks-tool ${JSON.stringify(cmd).slice(0, 80)} failed (${res.status ?? res.signal}): ${(res.stderr || '').trim().split('\n').slice(-3).join(' | ')}`);
  return JSON.parse(res.stdout) as Record<string, unknown>;
}

/** Why real RocksDB cannot run here (the test is then skipped with that reason), or undefined. */
function unavailable(): string | undefined {
  const res = spawnSync(process.execPath, [TOOL], { input: '{"op":"ping"}', encoding: 'utf8', timeout: 30_000 });
  if (res.status === 0) return undefined;
  return `the rocksdb npm package's prebuilt binding does not load here: ${(res.stderr || String(res.error ?? res.signal)).trim().split('\n')[0]}`;
}
const skip = unavailable() ?? false;

/** Every live key and value of a folder as our reader sees it, in key order. */
function ours(dir: string): { entries: [string, string][]; warnings: string[] } {
  const db = RocksDb.open(dir);
  const entries: [string, string][] = [];
  db.scan(new Uint8Array(0), (s) => {
    entries.push([b64(s.key.subarray(0, s.keyLen)), b64(s.value.subarray(s.valueOff, s.valueOff + s.valueLen))]);
  });
  const warnings = [...db.allWarnings(), ...(db.error ? [db.error] : [])];
  db.close();
  return { entries, warnings };
}

/** Data blocks of an SST stored Snappy-compressed (the trailer's type byte is 1). */
function snappyDataBlocks(file: string): number {
  const bytes = new Uint8Array(fs.readFileSync(file));
  const table = SstTable.open(new MemoryFile(bytes), path.basename(file));
  return table.index.filter((e) => bytes[e.handle.offset + e.handle.size] === 1).length;
}

const theirs = (dir: string) => rocks({ op: 'dump', dir }).entries as [string, string][];

const T0 = 1_700_000_000_000;
function run(i: number): AimRun {
  const r: WriterRun = {
    id: `r${i}`,
    name: `run ${i}`,
    experiment: 'contract',
    status: 'finished',
    startTime: T0 + i,
    endTime: T0 + i + 60_000,
    params: { lr: String(0.01 * (i + 1)), optimizer: 'adam', note: 'x'.repeat(300) },
    tags: {},
    metrics: ['loss', 'acc', 'lr'].map((key, k) => ({ key, points: Array.from({ length: 400 }, (_, s) => ({ step: s, value: Math.sin(s + k + i), time: T0 + s * 100 })) })),
  };
  return fromWriterRun(r, String(i).repeat(24).slice(0, 24));
}

/** Puts in batches of `size` records. */
const batches = (records: [Uint8Array, Uint8Array][], size: number) =>
  Array.from({ length: Math.ceil(records.length / size) }, (_, i) => ({ batch: records.slice(i * size, (i + 1) * size).map(([k, v]) => [b64(k), b64(v)]) }));

test('RocksDB opens what our Aim test writer writes (Snappy SSTs, WAL) with the same keys and values', { skip, timeout: 120_000 }, () => {
  const dir = path.join(tempDir(), 'db');
  const enc = (s: string) => new TextEncoder().encode(s);
  const entries = Array.from({ length: 600 }, (_, i) => ({ key: enc(`k${String(i).padStart(5, '0')}`), seq: i + 1, value: enc(`value ${i} `.repeat(1 + (i % 9))) }));
  writeRocksFolder(dir, {
    ssts: [{ number: 5, entries, options: { blockSize: 1024 } }],
    logNumber: 6,
    lastSequence: 600,
    wals: [{ number: 6, batches: [{ seq: 700, ops: [{ op: 'put', key: enc('k00001'), value: enc('newer') }, { op: 'delete', key: enc('k00002') }] }] }],
  });
  const mine = ours(dir);
  assert.deepEqual(mine.warnings, []);
  const real = theirs(dir);
  assert.equal(real.length, 599);
  assert.deepEqual(mine.entries, real);
});

test('Aim chunks written by RocksDB (Snappy; flushed, WAL-only and mixed) read as the same runs as our writer\'s', { skip, timeout: 180_000 }, async () => {
  const base = tempDir();
  const runs = [run(0), run(1), run(2)];
  const ref = path.join(base, 'ref', '.aim');
  await writeAimRepo(ref, runs);
  const real = path.join(base, 'real', '.aim');
  fs.cpSync(ref, real, { recursive: true });
  // 0: everything compacted into SSTs; 1: never flushed (only the WAL holds it); 2: half in SSTs, half in the WAL
  const plans = [
    (recs: [Uint8Array, Uint8Array][]) => [...batches(recs, 50), { compact: true }],
    (recs: [Uint8Array, Uint8Array][]) => batches(recs, 50),
    (recs: [Uint8Array, Uint8Array][]) => [...batches(recs.slice(0, recs.length >> 1), 50), { compact: true }, ...batches(recs.slice(recs.length >> 1), 50)],
  ];
  let snappyBlocks = 0;
  runs.forEach((r, i) => {
    for (const [kind, records] of [['meta', metaRecords(r)], ['seqs', seqsRecords(r)]] as const) {
      const dir = path.join(real, kind, 'chunks', r.hash);
      fs.rmSync(dir, { recursive: true });
      const out = rocks({ op: 'write', dir, options: { writeBufferSize: 1 << 20 }, steps: plans[i](records) });
      const files = out.files as string[];
      if (i === 1) assert.ok(!files.some((f) => f.endsWith('.sst')), `${kind} of run 1 stays in the WAL: ${files}`);
      else assert.ok(files.some((f) => f.endsWith('.sst')), `${kind} of run ${i} was flushed: ${files}`);
      for (const f of files.filter((n) => n.endsWith('.sst'))) snappyBlocks += snappyDataBlocks(path.join(dir, f));
      const mine = ours(dir);
      assert.deepEqual(mine.warnings, [], `${kind} ${i}`);
      assert.deepEqual(mine.entries, theirs(dir), `${kind} chunk of run ${i}: keys and values as RocksDB iterates them`);
    }
  });
  assert.ok(snappyBlocks > 0, 'RocksDB wrote Snappy-compressed data blocks');
  const a = await snapshot(path.dirname(ref));
  const b = await snapshot(path.dirname(real));
  const norm = (s: string, root: string) => s.split(root).join('<repo>');
  assert.equal(b.runs.size, 3);
  for (const [key, r] of a.runs) {
    const other = b.runs.get(key.replace(path.dirname(ref), path.dirname(real)))!;
    assert.ok(other, key);
    assert.equal(norm(other.facts, path.dirname(real)), norm(r.facts, path.dirname(ref)), `run ${key}`);
    assert.deepEqual(other.messages, []);
  }
});

test('a RocksDB folder copied mid-compaction (new SSTs before the MANIFEST names them, old ones after) reads every key once', { skip, timeout: 120_000 }, () => {
  const base = tempDir();
  const dir = path.join(base, 'live');
  const enc = (s: string) => new TextEncoder().encode(s);
  const rec = (i: number, round: number): [Uint8Array, Uint8Array] => [enc(`key${String(i).padStart(6, '0')}`), enc(`round ${round} value ${i} `.repeat(4))];
  // small write buffers: several L0 files; later rounds overwrite and delete some keys. Copies are taken
  // of the closed folder (a copy of a live one races with RocksDB deleting obsolete files).
  const steps: object[] = [];
  for (let round = 0; round < 4; round++) steps.push(...batches(Array.from({ length: 1500 }, (_, i) => rec(i * 3 + round, round)), 100));
  steps.push({ batch: Array.from({ length: 40 }, (_, i) => [b64(rec(i * 7, 0)[0]), null]) });
  rocks({ op: 'write', dir, options: { writeBufferSize: 64 << 10 }, steps });
  const before = path.join(base, 'before');
  fs.cpSync(dir, before, { recursive: true });
  rocks({ op: 'write', dir, options: { writeBufferSize: 64 << 10 }, steps: [{ compact: true }] });
  const after = path.join(base, 'after');
  fs.cpSync(dir, after, { recursive: true });
  const sst = (d: string) => new Set(fs.readdirSync(d).filter((f) => f.endsWith('.sst')));
  const [oldSst, newSst] = [sst(before), sst(after)];
  assert.ok(oldSst.size > 1, `several flushed files before the compaction: ${[...oldSst]}`);
  assert.ok([...newSst].some((f) => !oldSst.has(f)), 'the compaction wrote new files');
  // compaction outputs written, MANIFEST not yet switched: the new files must be ignored
  const midOutputs = path.join(base, 'mid-outputs');
  fs.cpSync(before, midOutputs, { recursive: true });
  for (const f of newSst) if (!oldSst.has(f)) fs.copyFileSync(path.join(after, f), path.join(midOutputs, f));
  // MANIFEST switched, inputs not yet deleted: the obsolete files must be ignored
  const midInputs = path.join(base, 'mid-inputs');
  fs.cpSync(after, midInputs, { recursive: true });
  for (const f of oldSst) if (!newSst.has(f)) fs.copyFileSync(path.join(before, f), path.join(midInputs, f));
  const expected = theirs(after);
  assert.equal(expected.length, 4501 - 40); // keys 0..4500 (round 3 overwrites round 0's), 40 deleted
  assert.deepEqual(theirs(before), expected, 'RocksDB reads the same before and after');
  for (const d of [before, after, midOutputs, midInputs]) {
    const mine = ours(d);
    assert.deepEqual(mine.warnings, [], path.basename(d));
    assert.deepEqual(mine.entries, expected, path.basename(d));
  }
});
