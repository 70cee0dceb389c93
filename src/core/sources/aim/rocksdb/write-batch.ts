// A WriteBatch, the payload of one WAL record (rocksdb db/write_batch.cc):
// fixed64 first sequence, fixed32 count, then `count` tagged operations; operation i gets seq+i.
import { ByteCursor, RocksFormatError } from './bytes';

export type BatchOp =
  | { op: 'put'; key: Uint8Array; value: Uint8Array; seq: number }
  | { op: 'delete'; key: Uint8Array; seq: number }
  | { op: 'deleteRange'; key: Uint8Array; end: Uint8Array; seq: number };

export interface DecodedBatch {
  ops: BatchOp[];
  /** Problems met; the ops decoded before a problem are kept. */
  warnings: string[];
}

const T_DELETION = 0x00;
const T_VALUE = 0x01;
const T_MERGE = 0x02;
const T_LOG_DATA = 0x03;
const T_CF_DELETION = 0x04;
const T_CF_VALUE = 0x05;
const T_CF_MERGE = 0x06;
const T_SINGLE_DELETION = 0x07;
const T_CF_SINGLE_DELETION = 0x08;
const T_BEGIN_PREPARE = 0x09;
const T_END_PREPARE = 0x0a;
const T_COMMIT = 0x0b;
const T_ROLLBACK = 0x0c;
const T_NOOP = 0x0d;
const T_CF_RANGE_DELETION = 0x0e;
const T_RANGE_DELETION = 0x0f;
const T_CF_BLOB_INDEX = 0x10;
const T_BLOB_INDEX = 0x11;
const T_BEGIN_PERSISTED_PREPARE = 0x12;
const T_BEGIN_UNPREPARE = 0x13;

export const WRITE_BATCH_HEADER = 12;

export function decodeWriteBatch(rec: Uint8Array): DecodedBatch {
  const warnings: string[] = [];
  const ops: BatchOp[] = [];
  if (rec.length < WRITE_BATCH_HEADER) return { ops, warnings: ['write batch shorter than its 12-byte header'] };
  const c = new ByteCursor(rec);
  let seq = c.fixed64();
  const count = c.fixed32();
  let seen = 0;
  let otherFamilies = false;
  try {
    while (!c.atEnd()) {
      const tag = c.u8();
      let cf = 0;
      switch (tag) {
        case T_CF_VALUE:
        case T_CF_DELETION:
        case T_CF_SINGLE_DELETION:
        case T_CF_RANGE_DELETION:
        case T_CF_MERGE:
        case T_CF_BLOB_INDEX:
          cf = c.varint32();
          break;
      }
      // Only the default column family (0) is Aim's; others are decoded to stay in step, then dropped.
      const keep = cf === 0;
      if (!keep) otherFamilies = true;
      switch (tag) {
        case T_VALUE:
        case T_CF_VALUE: {
          const key = c.slice();
          const value = c.slice();
          if (keep) ops.push({ op: 'put', key, value, seq });
          seq++;
          seen++;
          break;
        }
        case T_DELETION:
        case T_CF_DELETION:
        case T_SINGLE_DELETION:
        case T_CF_SINGLE_DELETION: {
          const key = c.slice();
          if (keep) ops.push({ op: 'delete', key, seq });
          seq++;
          seen++;
          break;
        }
        case T_RANGE_DELETION:
        case T_CF_RANGE_DELETION: {
          const key = c.slice();
          const end = c.slice();
          if (keep) ops.push({ op: 'deleteRange', key, end, seq });
          seq++;
          seen++;
          break;
        }
        case T_MERGE:
        case T_CF_MERGE:
        case T_BLOB_INDEX:
        case T_CF_BLOB_INDEX:
          c.slice();
          c.slice();
          warnings.push(`write batch op 0x${tag.toString(16)} (merge/blob) is not supported; skipped`);
          seq++;
          seen++;
          break;
        case T_LOG_DATA:
        case T_END_PREPARE:
        case T_COMMIT:
        case T_ROLLBACK:
          c.slice(); // blob or transaction id; consumes no sequence number
          break;
        case T_NOOP:
        case T_BEGIN_PREPARE:
        case T_BEGIN_PERSISTED_PREPARE:
        case T_BEGIN_UNPREPARE:
          break;
        default:
          throw new RocksFormatError(`unknown write batch tag 0x${tag.toString(16)}`);
      }
    }
  } catch (err) {
    warnings.push(`write batch damaged after ${seen} of ${count} operations: ${(err as Error).message}`);
    return { ops, warnings };
  }
  if (seen !== count) warnings.push(`write batch header says ${count} operations, found ${seen}`);
  if (otherFamilies) warnings.push('write batch touches column families other than the default; ignored');
  return { ops, warnings };
}
