// TFRecord framing of event files: uint64 length, masked CRC-32C of the length, data, masked CRC-32C
// of the data (tensorboard/summary/writer/record_writer.py). No file header, no sync markers, so a
// reader walks records from byte 0 and can only resume at an offset it reached itself.
import * as crc from '../../util/crc32c';
import * as bytes from '../../util/bytes';

// Bound once: a CommonJS build (tests, benchmarks) turns each use of an imported name into a
// property getter call, which showed up at ~8% of the read time in profiles.
const { crc32c8, maskCrc, maskedCrc32c } = crc;
const { readUint32LE } = bytes;

export const RECORD_OVERHEAD = 16; // 8 length + 4 length CRC + 4 data CRC

/** Records larger than this are treated as corruption: a bit flip in the length would else ask for terabytes. */
export const MAX_RECORD_BYTES = 512 * 1024 * 1024;

export type FrameOutcome =
  /** all complete records in the buffer were handed out; `offset` is where the next record starts */
  | { kind: 'ok' }
  /** the buffer ends inside a record; it needs `need` bytes from `offset` to finish it */
  | { kind: 'partial'; need: number }
  /** corrupt framing at `offset`: nothing after it can be trusted */
  | { kind: 'corrupt'; message: string };

export interface FrameCursor {
  /** Position in `buf` of the next unread record. */
  pos: number;
}

/**
 * Walks complete records in buf[cursor.pos, end), calling onRecord(dataStart, dataEnd) for each.
 * `fileBase` is the file offset of buf[0], only used in messages.
 */
export function walkRecords(
  buf: Uint8Array,
  end: number,
  cursor: FrameCursor,
  fileBase: number,
  onRecord: (dataStart: number, dataEnd: number) => void,
): FrameOutcome {
  let pos = cursor.pos;
  try {
    while (pos + 12 <= end) {
      const lenCrc = readUint32LE(buf, pos + 8);
      if (maskCrc(crc32c8(buf, pos)) !== lenCrc) {
        const where = fileBase + pos;
        return {
          kind: 'corrupt',
          message:
            where === 0
              ? 'not a TensorBoard event file (bad length checksum at byte 0)'
              : `corrupt record header at byte ${where} (length checksum mismatch); rest of file skipped`,
        };
      }
      // The uint64 length as two words: a length computed as hi * 2^32 + lo is a double, and every offset
      // derived from it would make the CRC and decode loops index with doubles (2.4x slower walking).
      const lo = readUint32LE(buf, pos);
      const hi = readUint32LE(buf, pos + 4);
      if (hi !== 0 || lo > MAX_RECORD_BYTES) {
        return { kind: 'corrupt', message: `record at byte ${fileBase + pos} claims ${hi * 4294967296 + lo} bytes; rest of file skipped` };
      }
      const length = lo | 0;
      const dataStart = pos + 12;
      const dataEnd = dataStart + length;
      if (dataEnd + 4 > end) return { kind: 'partial', need: length + RECORD_OVERHEAD };
      const dataCrc = readUint32LE(buf, dataEnd);
      if (maskedCrc32c(buf, dataStart, dataEnd) !== dataCrc) {
        return {
          kind: 'corrupt',
          message: `checksum mismatch in record at byte ${fileBase + pos}; rest of file skipped`,
        };
      }
      onRecord(dataStart, dataEnd);
      pos = dataEnd + 4;
    }
    return pos < end ? { kind: 'partial', need: 12 } : { kind: 'ok' };
  } finally {
    cursor.pos = pos;
  }
}
