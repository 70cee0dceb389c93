// RocksDB log-file framing, shared by WAL (*.log) and MANIFEST files (rocksdb db/log_format.h,
// db/log_reader.cc): 32 KiB blocks; record = masked crc32c (4), length (2), type (1), payload;
// recyclable records (types 5-8) add a 4-byte log number. A logical record is one FULL fragment
// or FIRST, MIDDLE…, LAST. Reading stops at the first damaged or truncated record and keeps
// everything before it, like RocksDB's point-in-time recovery: a torn tail is normal while a
// writer is mid-append.
import { crc32c, unmaskCrc } from '../../../util/crc32c';

export const LOG_BLOCK_SIZE = 32768;
export const LOG_HEADER_SIZE = 7;
export const RECYCLABLE_HEADER_SIZE = 11;

export const ZERO_TYPE = 0;
export const FULL_TYPE = 1;
export const FIRST_TYPE = 2;
export const MIDDLE_TYPE = 3;
export const LAST_TYPE = 4;
const RECYCLABLE_OFFSET = 4; // types 5..8 are 1..4 with a log number

export interface LogReadResult {
  records: Uint8Array[];
  /** Why reading stopped early (damage or truncation); undefined when the file ended cleanly. */
  stopped?: string;
}

export function readLogRecords(data: Uint8Array): LogReadResult {
  const records: Uint8Array[] = [];
  let pending: Uint8Array[] | undefined; // fragments of a FIRST..LAST chain
  let pos = 0;
  const n = data.length;
  const stop = (why: string): LogReadResult => ({ records, stopped: `${why} at byte ${pos}` });

  while (pos < n) {
    const leftInBlock = LOG_BLOCK_SIZE - (pos % LOG_BLOCK_SIZE);
    if (leftInBlock < LOG_HEADER_SIZE) {
      pos += leftInBlock; // trailer padding
      continue;
    }
    if (pos + LOG_HEADER_SIZE > n) return withPending(stop('truncated record header'), pending);
    const len = data[pos + 4] | (data[pos + 5] << 8);
    let type = data[pos + 6];
    if (type === ZERO_TYPE && len === 0) {
      // Preallocated/zeroed space: nothing more was written in this block.
      if (isZeroTail(data, pos, Math.min(n, pos + leftInBlock))) {
        pos += leftInBlock;
        continue;
      }
      return withPending(stop('zero record followed by data'), pending);
    }
    let headerSize = LOG_HEADER_SIZE;
    if (type > LAST_TYPE && type <= LAST_TYPE + RECYCLABLE_OFFSET) {
      headerSize = RECYCLABLE_HEADER_SIZE;
      type -= RECYCLABLE_OFFSET;
    } else if (type < FULL_TYPE || type > LAST_TYPE) {
      return withPending(stop(`unknown record type ${type}`), pending);
    }
    if (headerSize + len > leftInBlock) return withPending(stop('record crosses a block boundary'), pending);
    if (pos + headerSize + len > n) return withPending(stop('truncated record'), pending);
    const stored = (data[pos] | (data[pos + 1] << 8) | (data[pos + 2] << 16) | (data[pos + 3] << 24)) >>> 0;
    // The crc covers the type byte, the log number of recyclable records, and the payload.
    if (unmaskCrc(stored) !== crc32c(data, pos + 6, pos + headerSize + len)) {
      return withPending(stop('checksum mismatch'), pending);
    }
    const payload = data.subarray(pos + headerSize, pos + headerSize + len);
    pos += headerSize + len;
    if (type === FULL_TYPE) {
      if (pending) return withPending(stop('FULL record inside a fragmented record'), pending);
      records.push(payload);
    } else if (type === FIRST_TYPE) {
      if (pending) return withPending(stop('FIRST record inside a fragmented record'), pending);
      pending = [payload];
    } else {
      if (!pending) return stop(`${type === MIDDLE_TYPE ? 'MIDDLE' : 'LAST'} record without a FIRST`);
      pending.push(payload);
      if (type === LAST_TYPE) {
        records.push(concat(pending));
        pending = undefined;
      }
    }
  }
  return withPending({ records }, pending, n);
}

function withPending(result: LogReadResult, pending: Uint8Array[] | undefined, at?: number): LogReadResult {
  if (pending && !result.stopped) result.stopped = `incomplete fragmented record at end of file (byte ${at})`;
  return result;
}

function isZeroTail(data: Uint8Array, from: number, to: number): boolean {
  for (let i = from; i < to; i++) if (data[i] !== 0) return false;
  return true;
}

function concat(parts: Uint8Array[]): Uint8Array {
  let total = 0;
  for (const p of parts) total += p.length;
  const out = new Uint8Array(total);
  let o = 0;
  for (const p of parts) {
    out.set(p, o);
    o += p.length;
  }
  return out;
}
