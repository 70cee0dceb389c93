// Writes RocksDB log files (WAL and MANIFEST framing, spec §3.3): 32 KiB blocks, 7-byte headers
// (masked crc32c over type + payload, uint16 length, type), records split into FIRST/MIDDLE/LAST
// fragments at block ends, and fewer than 7 leftover bytes zero-padded.
import { ByteWriter, concatBytes, maskedCrc } from './byte-writer';

const BLOCK = 32768;
const HEADER = 7;

export class LogWriter {
  private parts: Uint8Array[] = [];
  private offset = 0;

  addRecord(payload: Uint8Array): this {
    let pos = 0;
    let first = true;
    do {
      const left = BLOCK - (this.offset % BLOCK);
      if (left < HEADER) {
        this.emit(new Uint8Array(left));
        continue;
      }
      const room = left - HEADER;
      const n = Math.min(room, payload.length - pos);
      const last = pos + n === payload.length;
      const type = first && last ? 1 : first ? 2 : last ? 4 : 3;
      const frag = payload.subarray(pos, pos + n);
      const header = new ByteWriter().fixed32(maskedCrc(new Uint8Array([type]), frag)).u8(n & 0xff).u8(n >> 8).u8(type).done();
      this.emit(header);
      this.emit(frag);
      pos += n;
      first = false;
    } while (pos < payload.length);
    return this;
  }

  private emit(b: Uint8Array): void {
    this.parts.push(b);
    this.offset += b.length;
  }

  bytes(): Uint8Array {
    return concatBytes(this.parts);
  }
}

export type BatchOp =
  | { op: 'put'; key: Uint8Array; value: Uint8Array }
  | { op: 'delete'; key: Uint8Array }
  | { op: 'singleDelete'; key: Uint8Array }
  | { op: 'deleteRange'; key: Uint8Array; end: Uint8Array }
  | { op: 'logData'; blob: Uint8Array };

/** WriteBatch: fixed64 first seq, fixed32 count, tagged ops (spec §3.3 table). */
export function encodeWriteBatch(seq: number, ops: BatchOp[]): Uint8Array {
  const w = new ByteWriter().fixed64(seq);
  const counted = ops.filter((o) => o.op !== 'logData').length;
  w.fixed32(counted);
  for (const o of ops) {
    if (o.op === 'put') w.u8(0x01).slice(o.key).slice(o.value);
    else if (o.op === 'delete') w.u8(0x00).slice(o.key);
    else if (o.op === 'singleDelete') w.u8(0x07).slice(o.key);
    else if (o.op === 'deleteRange') w.u8(0x0f).slice(o.key).slice(o.end);
    else w.u8(0x03).slice(o.blob);
  }
  return w.done();
}

export interface NewFile {
  level: number;
  number: number;
  size: number;
  smallest: Uint8Array;
  largest: Uint8Array;
  smallestSeq: number;
  largestSeq: number;
}

export interface VersionEdit {
  comparator?: string;
  logNumber?: number;
  prevLogNumber?: number;
  nextFileNumber?: number;
  lastSequence?: number;
  deleted?: { level: number; number: number }[];
  added?: NewFile[];
  /** A tag with the safe-to-ignore bit (8192) that readers must skip, e.g. the DB id. */
  dbId?: string;
}

/** VersionEdit fields (tags 1,2,3,4,6,9,103 and 8193), as in spec §3.1. */
export function encodeVersionEdit(e: VersionEdit): Uint8Array {
  const w = new ByteWriter();
  if (e.comparator !== undefined) w.varint(1).slice(new TextEncoder().encode(e.comparator));
  if (e.logNumber !== undefined) w.varint(2).varint(e.logNumber);
  if (e.prevLogNumber !== undefined) w.varint(9).varint(e.prevLogNumber);
  if (e.nextFileNumber !== undefined) w.varint(3).varint(e.nextFileNumber);
  if (e.lastSequence !== undefined) w.varint(4).varint(e.lastSequence);
  for (const d of e.deleted ?? []) w.varint(6).varint(d.level).varint(d.number);
  for (const f of e.added ?? []) {
    w.varint(103).varint(f.level).varint(f.number).varint(f.size).slice(f.smallest).slice(f.largest);
    w.varint(f.smallestSeq).varint(f.largestSeq);
    // custom fields: file creation time (6) as a slice, then terminate (1)
    w.varint(6).slice(new ByteWriter().varint(1_700_000_000).done());
    w.varint(1);
  }
  if (e.dbId !== undefined) w.varint(8193).slice(new TextEncoder().encode(e.dbId));
  return w.done();
}
