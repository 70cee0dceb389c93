// Reads one event file from a byte offset to its end, in bounded chunks, and hands back the
// scalar points appended since the last call. The cursor is what makes tailing cheap: a live
// file is re-read only from the first record not yet seen, and a partial trailing record (the
// writer is mid-flush) is left for the next call.
import type { SeriesPoints } from '../../model';
import { errorMessage, isLfsPointer, lfsPointerMessage, openRegularFile } from '../../util/fs';
import { EventDecoder } from './event-decoder';
import { walkRecords } from './tfrecord';

const CHUNK_BYTES = 8 * 1024 * 1024;

export interface EventFileCursor {
  path: string;
  /** File offset of the first record not yet read. */
  offset: number;
  /** Tag table, plugin names and file facts carried between calls. */
  decoder: EventDecoder;
  /** Set once the file is found corrupt or not an event file: later calls read nothing until the file changes. */
  stopped?: string;
  /**
   * What the file looked like when last read: its size and mtime, and the last bytes before `offset` (the
   * previous record's CRC). A file of the same size with another mtime, or whose bytes before the cursor
   * differ, was rewritten, not appended to: it is read again from the start.
   */
  seen?: { size: number; mtimeMs: number; tail: Uint8Array };
}

const TAIL_CHECK_BYTES = 8;

export interface EventFileRead {
  cursor: EventFileCursor;
  /** Scalar points read by this call, per tag, in file order. */
  appended: Map<string, SeriesPoints>;
  /** Records decoded by this call. */
  records: number;
  /** Bytes of an incomplete last record (normal while a run is live). */
  partialTailBytes: number;
  /** Reading got to the end of the file (false when stopped by maxBytes, an error or the signal). */
  reachedEnd: boolean;
  /** Reading stopped cleanly at maxBytes before the end of the file: the cursor can go on from there. */
  peeked: boolean;
  /** The file shrank since the last call, so it was read again from byte 0. */
  restarted: boolean;
  /** Why reading stopped early (corrupt record, LFS pointer, I/O error); the points before it are kept. */
  error?: string;
  /** Recoverable oddities (malformed protobuf inside a record with a valid CRC). */
  warnings: string[];
}

export function newEventFileCursor(path: string): EventFileCursor {
  return { path, offset: 0, decoder: new EventDecoder() };
}

/**
 * Reads `path` from `cursor.offset` (a fresh cursor reads the whole file). Never throws:
 * I/O and format problems come back in `error`.
 */
export async function readEventFile(
  path: string,
  cursor: EventFileCursor = newEventFileCursor(path),
  options: {
    signal?: AbortSignal;
    /** Stop after about this many bytes (a cheap peek at the head). */
    maxBytes?: number;
    /** A directory listing typed the path as a regular file (saves a stat; the open still checks). */
    listedAsFile?: boolean;
  } = {},
): Promise<EventFileRead> {
  const result: EventFileRead = {
    cursor,
    appended: new Map(),
    records: 0,
    partialTailBytes: 0,
    reachedEnd: false,
    peeked: false,
    restarted: false,
    warnings: [],
  };
  let recordsBefore = cursor.decoder.records;
  let handle: import('node:fs/promises').FileHandle | undefined;
  try {
    handle = await openRegularFile(path, { listedAsFile: options.listedAsFile });
    const stat = await handle.stat();
    const size = stat.size;
    if (size < cursor.offset || (await rewritten(handle, cursor, size, stat.mtimeMs))) {
      // rewritten or truncated in place: everything known about it is stale
      Object.assign(cursor, newEventFileCursor(path));
      cursor.stopped = undefined;
      result.restarted = true;
      recordsBefore = 0;
    }
    if (cursor.stopped) {
      result.error = cursor.stopped;
      return result;
    }
    const limit = options.maxBytes === undefined ? size : Math.min(size, cursor.offset + options.maxBytes);
    let tail = await readFrom(handle, limit, cursor, result, options.signal);
    if (!tail) {
      // the bytes before the cursor were not in the last buffer (or nothing was read): fetch them
      tail = new Uint8Array(Math.min(TAIL_CHECK_BYTES, cursor.offset));
      if (tail.length) await handle.read(tail, 0, tail.length, cursor.offset - tail.length);
    }
    cursor.seen = { size, mtimeMs: stat.mtimeMs, tail };
    if (limit < size) {
      // a peek: a record cut by the limit is not a partial record of the file
      result.partialTailBytes = 0;
      result.peeked = result.reachedEnd && !result.error;
      result.reachedEnd = false;
    }
  } catch (err) {
    result.error = `cannot read event file: ${errorMessage(err)}`;
  } finally {
    await handle?.close().catch(() => undefined);
  }
  const d = cursor.decoder;
  result.records = d.records - recordsBefore;
  // Counted over the cursor's life, not this call: a later read of a cached file still says what it skipped.
  if (d.malformed > 0) result.warnings.push(`${d.malformed} malformed event(s) skipped (${d.firstMalformed})`);
  // Hand out what this call read and keep the cursor small: only tag names and plugins stay.
  result.appended = d.take();
  return result;
}

/** The file changed other than by appending since the cursor last read it. */
async function rewritten(handle: import('node:fs/promises').FileHandle, cursor: EventFileCursor, size: number, mtimeMs: number): Promise<boolean> {
  const seen = cursor.seen;
  if (!seen) return false;
  if (size === seen.size) return mtimeMs !== seen.mtimeMs;
  // grown: appended to, unless the bytes the cursor stands on changed (or a stopped read may now succeed)
  if (cursor.stopped) return true;
  const now = new Uint8Array(seen.tail.length);
  if (now.length) await handle.read(now, 0, now.length, cursor.offset - now.length);
  return now.some((b, i) => b !== seen.tail[i]);
}

/**
 * A buffer for file bytes: not zero-filled (only the bytes read into it are looked at), never a pooled slice,
 * and a plain Uint8Array, not a Buffer: Buffer's slice() is a view, and the tag bytes and tail check bytes
 * sliced from it must be copies that do not keep the whole read buffer alive.
 */
function newBuffer(length: number): Uint8Array {
  const B = (globalThis as { Buffer?: { allocUnsafeSlow(n: number): Uint8Array } }).Buffer;
  return B ? new Uint8Array(B.allocUnsafeSlow(length).buffer, 0, length) : new Uint8Array(length);
}

/**
 * Reads and decodes records from cursor.offset up to `size`, in chunks of at most CHUNK_BYTES (a whole
 * small file in one read). Returns the TAIL_CHECK_BYTES before the final cursor when they were still in
 * the buffer (the caller reads them from the file otherwise).
 */
async function readFrom(
  handle: import('node:fs/promises').FileHandle,
  size: number,
  cursor: EventFileCursor,
  result: EventFileRead,
  signal: AbortSignal | undefined,
): Promise<Uint8Array | undefined> {
  // at least the 64 bytes the Git LFS check looks at
  let buf = newBuffer(Math.min(CHUNK_BYTES, Math.max(size - cursor.offset, 64)));
  let view = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
  let bufBase = cursor.offset; // file offset of buf[0]
  let filled = 0;
  let checkLfs = cursor.offset === 0 && size > 0;
  const frame = { pos: 0 };
  const decoder = cursor.decoder;
  const onRecord = (s: number, e: number) => decoder.decode(buf, s, e, view);
  const tailInBuffer = () => (frame.pos >= TAIL_CHECK_BYTES ? buf.slice(frame.pos - TAIL_CHECK_BYTES, frame.pos) : undefined);

  for (;;) {
    if (signal?.aborted) return undefined;
    // fill the buffer from the file
    const want = Math.min(buf.length - filled, size - (bufBase + filled));
    if (want > 0) {
      const { bytesRead } = await handle.read(buf, filled, want, bufBase + filled);
      filled += bytesRead;
      if (bytesRead === 0) size = bufBase + filled; // file shrank under us
    }
    if (checkLfs) {
      checkLfs = false;
      if (isLfsPointer(buf.subarray(0, Math.min(64, filled)))) {
        cursor.stopped = lfsPointerMessage('the event file');
        result.error = cursor.stopped;
        return undefined;
      }
    }
    const atEof = bufBase + filled >= size;
    const outcome = walkRecords(buf, filled, frame, bufBase, onRecord);
    cursor.offset = bufBase + frame.pos;
    if (outcome.kind === 'corrupt') {
      cursor.stopped = outcome.message;
      result.error = outcome.message;
      return tailInBuffer();
    }
    if (outcome.kind === 'ok' && atEof) {
      result.reachedEnd = true;
      return tailInBuffer();
    }
    if (outcome.kind === 'partial' && atEof) {
      result.partialTailBytes = filled - frame.pos;
      result.reachedEnd = true;
      return tailInBuffer();
    }
    // keep the unread tail, make room for the rest of the record, read on
    const tail = filled - frame.pos;
    const need = outcome.kind === 'partial' ? Math.max(outcome.need, tail) : tail;
    const capacity = Math.max(buf.length, need, Math.min(CHUNK_BYTES, size - cursor.offset));
    if (capacity > buf.length) {
      const bigger = newBuffer(capacity);
      bigger.set(buf.subarray(frame.pos, filled));
      buf = bigger;
      view = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
    } else buf.copyWithin(0, frame.pos, filled);
    bufBase += frame.pos;
    filled = tail;
    frame.pos = 0;
  }
}
