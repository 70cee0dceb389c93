// The chunk layer of the LevelDB log format (leveldb doc/log_format.md), which RocksDB's WAL and
// MANIFEST files and W&B's .wandb transaction logs all use: the file is cut into 32 KiB blocks
// counted from byte 0; a chunk is checksum (uint32 LE), length (uint16 LE), type (uint8), data;
// a chunk never crosses a block, and fewer than 7 bytes left in a block are padding.
// Only the checksum differs between the formats (masked CRC-32C, CRC-32/IEEE), so it is a parameter.
// What to do about a bad chunk (stop the log, or skip the rest of the block) and how strictly to
// reassemble FIRST…LAST records differ too, and stay with each reader.
import { readUint32LE } from './bytes';

export const LOG_BLOCK_SIZE = 32768;
export const LOG_HEADER_SIZE = 7;
/** RocksDB's recyclable chunks (types 5..8) carry a 4-byte log number after the header. */
export const RECYCLABLE_HEADER_SIZE = 11;

export const ZERO_TYPE = 0;
export const FULL_TYPE = 1;
export const FIRST_TYPE = 2;
export const MIDDLE_TYPE = 3;
export const LAST_TYPE = 4;
const RECYCLABLE_OFFSET = 4; // types 5..8 are 1..4 with a log number

export interface ChunkFormat {
  /** The checksum as the format stores it, of buf[from, to): the type byte, any log number, the data. */
  checksum(buf: Uint8Array, from: number, to: number): number;
  /** Whether types 5..8 (RocksDB's recyclable log) are valid. */
  recyclable?: boolean;
}

/**
 * What starts at one position. Positions are indexes into the buffer; `blockEnd` is where the
 * chunk's block ends and may lie past the bytes given.
 */
export type Chunk =
  /** A valid chunk; `type` is FULL..LAST (recyclable types folded onto them). */
  | { kind: 'chunk'; type: number; dataStart: number; dataEnd: number }
  /** Fewer than a header's bytes before the end of the block: trailer padding. */
  | { kind: 'padding'; blockEnd: number }
  /** Type 0 with length 0: preallocated, zeroed space (the caller decides how zero it must be). */
  | { kind: 'zero'; blockEnd: number }
  | { kind: 'bad-type'; type: number; blockEnd: number }
  | { kind: 'crosses-block'; blockEnd: number }
  | { kind: 'checksum-mismatch'; blockEnd: number }
  /** The header, or the data, runs past the bytes given (a torn or still-growing tail). */
  | { kind: 'truncated-header' }
  | { kind: 'truncated' };

/**
 * Classifies the chunk at buf[pos], reading no further than `end`. `base` is the file offset of
 * buf[0], since blocks are counted from the start of the file.
 */
export function readChunk(buf: Uint8Array, pos: number, end: number, base: number, format: ChunkFormat): Chunk {
  const leftInBlock = LOG_BLOCK_SIZE - ((base + pos) % LOG_BLOCK_SIZE);
  const blockEnd = pos + leftInBlock;
  if (leftInBlock < LOG_HEADER_SIZE) return { kind: 'padding', blockEnd };
  if (pos + LOG_HEADER_SIZE > end) return { kind: 'truncated-header' };
  const length = buf[pos + 4] | (buf[pos + 5] << 8);
  let type = buf[pos + 6];
  if (type === ZERO_TYPE && length === 0) return { kind: 'zero', blockEnd };
  let headerSize = LOG_HEADER_SIZE;
  if (format.recyclable && type > LAST_TYPE && type <= LAST_TYPE + RECYCLABLE_OFFSET) {
    headerSize = RECYCLABLE_HEADER_SIZE;
    type -= RECYCLABLE_OFFSET;
  } else if (type < FULL_TYPE || type > LAST_TYPE) {
    return { kind: 'bad-type', type, blockEnd };
  }
  if (headerSize + length > leftInBlock) return { kind: 'crosses-block', blockEnd };
  const dataEnd = pos + headerSize + length;
  if (dataEnd > end) return { kind: 'truncated' };
  // The checksum covers the type byte, the log number of recyclable chunks, and the data.
  if (format.checksum(buf, pos + 6, dataEnd) !== readUint32LE(buf, pos)) return { kind: 'checksum-mismatch', blockEnd };
  return { kind: 'chunk', type, dataStart: pos + headerSize, dataEnd };
}
