// The framing of `run-<id>.wandb` (wandb/sdk/internal/datastore.py, core/pkg/leveldb/record.go):
// a 7-byte file header (":W&B", uint16 LE 0xBEE1, version 0), then the LevelDB chunk framing
// (util/leveldb-log) in 32 KiB blocks counted from byte 0, checksummed with CRC-32/IEEE over
// (type byte ‖ data); an all-zero chunk header means zeroed space.
// Because chunks never cross blocks, a bad chunk costs at most the rest of its block.
import { concatBytes, readUint32LE } from '../../util/bytes';
import * as fs from 'node:fs';
import { errorMessage, isLfsPointer, lfsPointerMessage, openRegularFile, openRegularFileSync } from '../../util/fs';
import { FIRST_TYPE, FULL_TYPE, LAST_TYPE, LOG_BLOCK_SIZE, LOG_HEADER_SIZE, readChunk, type ChunkFormat } from '../../util/leveldb-log';
import { crc32Range } from './crc32';

export const BLOCK_SIZE = LOG_BLOCK_SIZE;
export const FILE_HEADER = new Uint8Array([0x3a, 0x57, 0x26, 0x42, 0xe1, 0xbe, 0x00]); // ":W&B" BEE1 v0

const WANDB_CHUNKS: ChunkFormat = { checksum: crc32Range };

/** Blocks read per file read: the buffer always starts on a block boundary. */
const BLOCKS_PER_READ = 64;
/** Logs with at most this much left to read are read synchronously (see readLogFile). */
const SYNC_READ_BYTES = 4 * 1024 * 1024;

export interface LogCursor {
  /** File offset of the next chunk to read (7 after the header, at first). */
  offset: number;
  /** Data of a FIRST/MIDDLE… record whose LAST chunk has not been read yet. */
  pending: Uint8Array[] | undefined;
  /** Set when the file cannot be read further (bad header, LFS pointer). */
  stopped?: string;
}

export interface LogStats {
  chunks: [number, number, number, number]; // FULL, FIRST, MIDDLE, LAST
  crcErrors: number;
  paddingBytes: number;
  zeroChunks: number;
}

export interface LogRead {
  cursor: LogCursor;
  records: number;
  stats: LogStats;
  /** Bytes of an incomplete last chunk (the writer is mid-record). */
  partialTailBytes: number;
  restarted: boolean;
  error?: string;
  warnings: string[];
}

export function newLogCursor(): LogCursor {
  return { offset: 0, pending: undefined };
}

/**
 * Reads the log from `cursor.offset` and calls onRecord with each complete logical record
 * (the bytes are only valid during the call). Never throws; problems come back in the result.
 */
export async function readLogFile(
  path: string,
  cursor: LogCursor = newLogCursor(),
  onRecord: (data: Uint8Array) => void,
  signal?: AbortSignal,
): Promise<LogRead> {
  const result: LogRead = {
    cursor,
    records: 0,
    stats: { chunks: [0, 0, 0, 0], crcErrors: 0, paddingBytes: 0, zeroChunks: 0 },
    partialTailBytes: 0,
    restarted: false,
    warnings: [],
  };
  let fd: number | undefined;
  let handle: import('node:fs/promises').FileHandle | undefined;
  try {
    // readers run in worker threads: a log that is not large is read with blocking calls, which cost far less
    // than the thread-pool round trip of each promise-based open/stat/read/close; a large one in async chunks
    fd = openRegularFileSync(path);
    const size = fs.fstatSync(fd).size;
    if (size - Math.min(cursor.offset, size) <= SYNC_READ_BYTES) {
      const syncFd = fd;
      await readChunks(size, (buf, length, position) => fs.readSync(syncFd, buf, 0, length, position), cursor, result, onRecord, signal);
    } else {
      fs.closeSync(fd);
      fd = undefined;
      const opened = await openRegularFile(path);
      handle = opened;
      const size = (await opened.stat()).size;
      await readChunks(size, async (buf, length, position) => (await opened.read(buf, 0, length, position)).bytesRead, cursor, result, onRecord, signal);
    }
  } catch (err) {
    result.error = `cannot read .wandb file: ${errorMessage(err)}`;
  } finally {
    if (fd !== undefined) fs.closeSync(fd);
    await handle?.close().catch(() => undefined);
  }
  if (result.stats.crcErrors) {
    result.warnings.push(`${result.stats.crcErrors} chunk(s) with a bad checksum skipped (with the rest of their 32 KiB block)`);
  }
  return result;
}

/** Reads the file of `size` bytes from cursor.offset with `readAt` (bytes read into buf[0, length) from position). */
async function readChunks(
  size: number,
  readAt: (buf: Uint8Array, length: number, position: number) => number | Promise<number>,
  cursor: LogCursor,
  result: LogRead,
  onRecord: (data: Uint8Array) => void,
  signal: AbortSignal | undefined,
): Promise<void> {
  if (size < cursor.offset) {
    Object.assign(cursor, newLogCursor(), { stopped: undefined });
    result.restarted = true;
  }
  if (cursor.stopped) {
    result.error = cursor.stopped;
    return;
  }
  if (cursor.offset === 0) {
    if (size === 0) return; // created, nothing written yet
    const head = new Uint8Array(Math.min(64, size));
    await readAt(head, head.length, 0);
    const problem = checkHeader(head, size);
    if (problem === 'short') return; // the header itself is still being written
    if (problem) {
      cursor.stopped = problem;
      result.error = problem;
      return;
    }
    cursor.offset = FILE_HEADER.length;
  }
  // no bigger than what is left to read (a 2 MB buffer per small log was mostly zero-filling)
  const firstBase = cursor.offset - (cursor.offset % BLOCK_SIZE);
  // (a plain Uint8Array over unfilled memory: Buffer's slice() is a view, and records are copied with slice())
  const raw = Buffer.allocUnsafe(Math.max(1, Math.min(BLOCK_SIZE * BLOCKS_PER_READ, size - firstBase)));
  const buf = new Uint8Array(raw.buffer, raw.byteOffset, raw.length);
  while (cursor.offset < size) {
    if (signal?.aborted) break;
    const bufBase = cursor.offset - (cursor.offset % BLOCK_SIZE);
    const want = Math.min(buf.length, size - bufBase);
    const bytesRead = await readAt(buf, want, bufBase);
    if (bytesRead === 0) break;
    const before = cursor.offset;
    const done = parseChunks(buf, bufBase, bytesRead, bufBase + bytesRead >= size, cursor, result, onRecord);
    if (done || cursor.offset === before) break;
  }
}

/** Why a file head is not a W&B transaction log; 'short' while the header is incomplete. */
function checkHeader(head: Uint8Array, size: number): string | undefined {
  if (isLfsPointer(head)) return lfsPointerMessage('the W&B log');
  if (size < FILE_HEADER.length) {
    for (let i = 0; i < head.length; i++) if (head[i] !== FILE_HEADER[i]) return 'not a W&B transaction log (bad header)';
    return 'short';
  }
  for (let i = 0; i < 4; i++) if (head[i] !== FILE_HEADER[i]) return 'not a W&B transaction log (bad header)';
  const magic = head[4] | (head[5] << 8);
  if (magic !== 0xbee1) return `not a W&B transaction log (magic 0x${magic.toString(16)})`;
  if (head[6] !== 0) return `unsupported W&B transaction log version ${head[6]}`;
  return undefined;
}

/**
 * Parses chunks in buf (file bytes [bufBase, bufBase + len)) from cursor.offset.
 * Returns true when reading should stop (an incomplete chunk at the end of the file).
 */
function parseChunks(
  buf: Uint8Array,
  bufBase: number,
  len: number,
  atEof: boolean,
  cursor: LogCursor,
  result: LogRead,
  onRecord: (data: Uint8Array) => void,
): boolean {
  const stats = result.stats;
  let pos = cursor.offset - bufBase;
  try {
    while (pos < len) {
      const chunk = readChunk(buf, pos, len, bufBase, WANDB_CHUNKS);
      if (chunk.kind === 'truncated-header' || chunk.kind === 'truncated') return atEofPartial(atEof, len - pos, result);
      if (chunk.kind === 'padding') {
        // block trailer: zero padding
        if (chunk.blockEnd > len) return atEofPartial(atEof, len - pos, result);
        stats.paddingBytes += chunk.blockEnd - pos;
        pos = chunk.blockEnd;
        continue;
      }
      if (chunk.kind === 'zero' && readUint32LE(buf, pos) === 0) {
        // zeroed space (preallocation): nothing more in this block
        stats.zeroChunks++;
        pos = chunk.blockEnd;
        continue;
      }
      if (chunk.kind !== 'chunk') {
        // a bad checksum, or a header that cannot be right (a chunk never crosses its block):
        // the rest of the block cannot be trusted
        stats.crcErrors++;
        cursor.pending = undefined;
        pos = chunk.blockEnd;
        continue;
      }
      const { type } = chunk;
      stats.chunks[type - 1]++;
      const data = buf.subarray(chunk.dataStart, chunk.dataEnd);
      pos = chunk.dataEnd;
      if (type === FULL_TYPE) {
        if (cursor.pending) result.warnings.push(`record cut short before byte ${bufBase + chunk.dataStart - LOG_HEADER_SIZE} (FIRST without LAST)`);
        cursor.pending = undefined;
        emit(data, result, onRecord);
      } else if (type === FIRST_TYPE) {
        cursor.pending = [data.slice()];
      } else if (cursor.pending) {
        cursor.pending.push(data.slice());
        if (type === LAST_TYPE) {
          const whole = concatBytes(cursor.pending);
          cursor.pending = undefined;
          emit(whole, result, onRecord);
        }
      }
      // a MIDDLE or LAST without its FIRST (after a skipped block) is dropped
    }
    return false;
  } finally {
    cursor.offset = bufBase + pos;
  }
}

function emit(data: Uint8Array, result: LogRead, onRecord: (data: Uint8Array) => void): void {
  result.records++;
  onRecord(data);
}

/** An incomplete chunk at the end of the bytes read: at EOF the writer is mid-record, so stop. */
function atEofPartial(atEof: boolean, bytes: number, result: LogRead): boolean {
  if (atEof) result.partialTailBytes = bytes;
  return atEof;
}
