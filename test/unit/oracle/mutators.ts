// Damage for the corruption oracle: generic byte mutations (truncation, bit flips, zeroed, duplicated and random
// blocks, empty and random files) and format-aware ones that reach past the first line of defence: YAML alias
// bombs and deep nesting, deep JSON, huge lines, and checksum-fixing mutators for TFRecord, LevelDB-log (RocksDB
// WAL/MANIFEST, W&B) and SST blocks, whose CRCs still pass after the payload is damaged.
import * as zlib from 'node:zlib';
import { maskedCrc32c } from '../../../src/core/util/crc32c';
import { SstTable } from '../../../src/core/sources/aim/rocksdb/sst-table';
import { MemoryFile } from '../../../src/core/sources/aim/rocksdb/file-access';

export type Rnd = () => number;
export interface Mutation {
  name: string;
  /** A cut of the file's end only: the state a reader sees while an append-only log is being written. */
  truncation?: boolean;
  /**
   * The damage leaves well-formed content that says something else (a CRC-fixed record whose protobuf still
   * parses, a valid document with other keys): what a writer could have written, so fewer points or params
   * are the file's new content, not a silent loss. Other runs must still read as before.
   */
  forged?: boolean;
  bytes: Uint8Array;
}
export type Mutator = (base: Uint8Array, rnd: Rnd) => Mutation | undefined;

const int = (rnd: Rnd, n: number) => Math.floor(rnd() * n);

/** `b` with `insert` placed at `at`. */
function spliced(b: Uint8Array, at: number, insert: Uint8Array): Uint8Array {
  const out = new Uint8Array(b.length + insert.length);
  out.set(b.subarray(0, at));
  out.set(insert, at);
  out.set(b.subarray(at), at + insert.length);
  return out;
}
const enc = (s: string) => new TextEncoder().encode(s);

function flipSome(out: Uint8Array, from: number, to: number, rnd: Rnd, n = 1 + int(rnd, 4)): void {
  if (to <= from) return;
  for (let i = 0; i < n; i++) out[from + int(rnd, to - from)] ^= 1 << int(rnd, 8);
}

export const generic: Record<string, Mutator> = {
  truncate: (b, rnd) => ({ name: 'truncate', truncation: true, bytes: b.slice(0, int(rnd, b.length)) }),
  empty: () => ({ name: 'empty', truncation: true, bytes: new Uint8Array(0) }),
  bitflip: (b, rnd) => {
    const out = b.slice();
    flipSome(out, 0, out.length, rnd, 1 + int(rnd, 8));
    return { name: 'bitflip', bytes: out };
  },
  zeroBlock: (b, rnd) => {
    const out = b.slice();
    const at = int(rnd, out.length);
    out.fill(0, at, Math.min(out.length, at + 1 + int(rnd, 512)));
    return { name: 'zeroBlock', bytes: out };
  },
  duplicateBlock: (b, rnd) => {
    const from = int(rnd, b.length);
    const len = 1 + int(rnd, Math.min(4096, b.length - from));
    const at = int(rnd, b.length + 1);
    return { name: 'duplicateBlock', bytes: spliced(b, at, b.slice(from, from + len)) };
  },
  randomBlock: (b, rnd) => {
    const out = b.slice();
    const at = int(rnd, out.length);
    for (let i = at; i < Math.min(out.length, at + 1 + int(rnd, 256)); i++) out[i] = int(rnd, 256);
    return { name: 'randomBlock', bytes: out };
  },
  randomFile: (b, rnd) => ({ name: 'randomFile', bytes: Uint8Array.from({ length: 1 + int(rnd, Math.max(64, b.length)) }, () => int(rnd, 256)) }),
};

/** Hostile YAML: alias bombs (a few hundred bytes expanding to billions of nodes), deep nesting, a huge line. */
export const yaml: Record<string, Mutator> = {
  aliasBomb: () => {
    const lines = ['a0: &a0 ["x","x","x","x","x","x","x","x","x"]'];
    for (let i = 1; i < 10; i++) lines.push(`a${i}: &a${i} [*a${i - 1},*a${i - 1},*a${i - 1},*a${i - 1},*a${i - 1},*a${i - 1},*a${i - 1},*a${i - 1},*a${i - 1}]`);
    return { name: 'yamlAliasBomb', bytes: enc(lines.join('\n') + '\n') };
  },
  deepNesting: (_b, rnd) => {
    const depth = 2000 + int(rnd, 20000);
    return { name: 'yamlDeepNesting', bytes: enc('key: ' + '['.repeat(depth) + ']'.repeat(depth) + '\n') };
  },
  hugeLine: () => ({ name: 'yamlHugeLine', forged: true, bytes: enc('key: ' + 'y'.repeat(2 << 20) + '\n') }),
};

/** Hostile JSON: nesting beyond any sane depth, and one value of several megabytes. */
export const json: Record<string, Mutator> = {
  deepNesting: (_b, rnd) => {
    const depth = 5000 + int(rnd, 100_000);
    return { name: 'jsonDeepNesting', bytes: enc('{"a":'.repeat(depth) + '1' + '}'.repeat(depth)) };
  },
  deepArray: (_b, rnd) => {
    const depth = 5000 + int(rnd, 100_000);
    return { name: 'jsonDeepArray', bytes: enc('['.repeat(depth) + ']'.repeat(depth)) };
  },
  hugeString: () => ({ name: 'jsonHugeString', forged: true, bytes: enc(JSON.stringify({ log_history: [], big: 'z'.repeat(2 << 20) })) }),
};

/** A line of a megabyte in a line-oriented text file (metric files, CSV, JSONL). */
export const lines: Record<string, Mutator> = {
  hugeLine: (b, rnd) => {
    const at = int(rnd, b.length + 1);
    return { name: 'hugeLine', bytes: spliced(b, at, new Uint8Array(1 << 20).fill(0x39)) };
  },
};

/** TFRecord: damage one record's payload (or its length) and frame it again with valid CRCs. */
export const tfrecord: Record<string, Mutator> = {
  payloadFixedCrc: (b, rnd) => {
    const records: Array<[number, number]> = [];
    const dv = new DataView(b.buffer, b.byteOffset, b.byteLength);
    for (let pos = 0; pos + 12 <= b.length; ) {
      const len = Number(dv.getBigUint64(pos, true));
      if (pos + 16 + len > b.length) break;
      records.push([pos, len]);
      pos += 16 + len;
    }
    if (records.length === 0) return undefined;
    const [pos, len] = records[int(rnd, records.length)];
    const payload = b.slice(pos + 12, pos + 12 + len);
    const kind = rnd();
    let damaged: Uint8Array;
    if (kind < 0.5) {
      flipSome(payload, 0, payload.length, rnd);
      damaged = payload;
    } else if (kind < 0.75) damaged = payload.slice(0, int(rnd, payload.length));
    else damaged = Uint8Array.from({ length: int(rnd, 64) }, () => int(rnd, 256));
    const frame = new Uint8Array(damaged.length + 16);
    const fdv = new DataView(frame.buffer);
    fdv.setBigUint64(0, BigInt(damaged.length), true);
    fdv.setUint32(8, maskedCrc32c(frame, 0, 8), true);
    frame.set(damaged, 12);
    fdv.setUint32(12 + damaged.length, maskedCrc32c(damaged), true);
    const out = new Uint8Array(b.length - (16 + len) + frame.length);
    out.set(b.subarray(0, pos));
    out.set(frame, pos);
    out.set(b.subarray(pos + 16 + len), pos + frame.length);
    return { name: 'tfrecordPayloadFixedCrc', forged: true, bytes: out };
  },
};

const ieeeCrc = (zlib as unknown as { crc32: (d: Uint8Array, init?: number) => number }).crc32;

/**
 * LevelDB log framing (RocksDB WAL and MANIFEST: masked CRC-32C; W&B's .wandb: plain CRC-32 after a 7-byte
 * header): flip bits in one physical record's payload and write the CRC it now has.
 */
function logPayloadFixedCrc(headerLen: number, crc: (typeAndPayload: Uint8Array) => number, label: string): Mutator {
  return (b, rnd) => {
    const recs: Array<[number, number]> = [];
    const BLOCK = 32768;
    for (let pos = headerLen; pos + 7 <= b.length; ) {
      const left = BLOCK - (pos % BLOCK);
      if (left < 7) {
        pos += left;
        continue;
      }
      const len = b[pos + 4] | (b[pos + 5] << 8);
      if (b[pos + 6] === 0 && len === 0) break; // zero padding / preallocated tail
      if (pos + 7 + len > b.length) break;
      if (len > 0) recs.push([pos, len]);
      pos += 7 + len;
    }
    if (recs.length === 0) return undefined;
    const [pos, len] = recs[int(rnd, recs.length)];
    const out = b.slice();
    flipSome(out, pos + 7, pos + 7 + len, rnd);
    const c = crc(out.subarray(pos + 6, pos + 7 + len)) >>> 0;
    out[pos] = c & 0xff;
    out[pos + 1] = (c >>> 8) & 0xff;
    out[pos + 2] = (c >>> 16) & 0xff;
    out[pos + 3] = c >>> 24;
    return { name: label, forged: true, bytes: out };
  };
}

export const rocksLog: Record<string, Mutator> = {
  payloadFixedCrc: logPayloadFixedCrc(0, (tp) => maskedCrc32c(tp), 'rocksLogPayloadFixedCrc'),
};
export const wandbLog: Record<string, Mutator> = {
  payloadFixedCrc: logPayloadFixedCrc(7, (tp) => ieeeCrc(tp), 'wandbLogPayloadFixedCrc'),
};

/** SST: flip bits inside one data block (compressed or not) and fix that block's trailer CRC. */
export const sst: Record<string, Mutator> = {
  blockFixedCrc: (b, rnd) => {
    let table: SstTable;
    try {
      table = SstTable.open(new MemoryFile(b), 'oracle.sst');
    } catch {
      return undefined;
    }
    if (table.index.length === 0) return undefined;
    const { offset, size } = table.index[int(rnd, table.index.length)].handle;
    const out = b.slice();
    flipSome(out, offset, offset + size, rnd);
    const crc = maskedCrc32c(out, offset, offset + size + 1); // block contents + compression type byte
    new DataView(out.buffer).setUint32(offset + size + 1, crc, true);
    return { name: 'sstBlockFixedCrc', forged: true, bytes: out };
  },
};
