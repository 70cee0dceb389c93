// Writes a whole RocksDB folder as RocksDB leaves it: CURRENT -> MANIFEST-000001 naming the live
// SSTs, the SST files, an optional WAL, plus the LOCK / IDENTITY / OPTIONS files a reader must ignore.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { compareKeys, internalKey } from './byte-writer';
import { encodeVersionEdit, encodeWriteBatch, LogWriter, type BatchOp, type NewFile } from './log-writer';
import { writeSst, type SstEntry, type SstOptions } from './sst-writer';

export interface SstSpec {
  number: number;
  entries: SstEntry[];
  options?: SstOptions;
  level?: number;
}

export interface WalSpec {
  number: number;
  batches: { seq: number; ops: BatchOp[] }[];
}

export interface RocksFolderSpec {
  ssts?: SstSpec[];
  /** WAL files; those numbered below logNumber are treated as flushed by readers. */
  wals?: WalSpec[];
  logNumber?: number;
  /** Files listed in an early edit and deleted by a later one (compaction leftovers). */
  deletedSsts?: number[];
  lastSequence?: number;
}

const num = (n: number) => String(n).padStart(6, '0');

export function writeRocksFolder(dir: string, spec: RocksFolderSpec): void {
  fs.mkdirSync(dir, { recursive: true });
  const added: NewFile[] = [];
  for (const s of spec.ssts ?? []) {
    const bytes = writeSst(s.entries, s.options);
    fs.writeFileSync(path.join(dir, `${num(s.number)}.sst`), bytes);
    // Smallest/largest key and seqno by one linear pass (tables can hold millions of entries).
    let first = s.entries[0];
    let last = s.entries[0];
    let minSeq = Infinity;
    let maxSeq = 0;
    for (const e of s.entries) {
      if (compareKeys(e.key, first.key) < 0) first = e;
      if (compareKeys(e.key, last.key) > 0) last = e;
      if (e.seq < minSeq) minSeq = e.seq;
      if (e.seq > maxSeq) maxSeq = e.seq;
    }
    added.push({
      level: s.level ?? 0,
      number: s.number,
      size: bytes.length,
      smallest: first ? internalKey(first.key, first.seq, first.type ?? 1) : new Uint8Array(8),
      largest: last ? internalKey(last.key, last.seq, last.type ?? 1) : new Uint8Array(8),
      smallestSeq: s.entries.length ? minSeq : 0,
      largestSeq: maxSeq,
    });
  }
  for (const w of spec.wals ?? []) {
    const log = new LogWriter();
    for (const b of w.batches) log.addRecord(encodeWriteBatch(b.seq, b.ops));
    fs.writeFileSync(path.join(dir, `${num(w.number)}.log`), log.bytes());
  }
  const manifest = new LogWriter();
  manifest.addRecord(encodeVersionEdit({ comparator: 'leveldb.BytewiseComparator', dbId: 'test-db' }));
  if (spec.deletedSsts?.length) {
    const ghosts: NewFile[] = spec.deletedSsts.map((n) => ({ level: 0, number: n, size: 1, smallest: new Uint8Array(8), largest: new Uint8Array(8), smallestSeq: 0, largestSeq: 0 }));
    manifest.addRecord(encodeVersionEdit({ added: ghosts }));
  }
  manifest.addRecord(
    encodeVersionEdit({
      logNumber: spec.logNumber ?? 0,
      prevLogNumber: 0,
      nextFileNumber: 1000,
      lastSequence: spec.lastSequence ?? 0,
      added,
      deleted: (spec.deletedSsts ?? []).map((n) => ({ level: 0, number: n })),
    }),
  );
  fs.writeFileSync(path.join(dir, 'MANIFEST-000001'), manifest.bytes());
  fs.writeFileSync(path.join(dir, 'CURRENT'), 'MANIFEST-000001\n');
  fs.writeFileSync(path.join(dir, 'LOCK'), '');
  fs.writeFileSync(path.join(dir, 'IDENTITY'), 'test-db\n');
  fs.writeFileSync(path.join(dir, 'OPTIONS-000005'), '[Version]\n');
}
