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
  options: { signal?: AbortSignal; /** Stop after about this many bytes (a cheap peek at the head). */ maxBytes?: number } = {},
): Promise<EventFileRead> {
  const result: EventFileRead = {
    cursor,
    appended: new Map(),
    records: 0,
    partialTailBytes: 0,
    reachedEnd: false,
    restarted: false,
    warnings: [],
  };
  let recordsBefore = cursor.decoder.records;
  let malformedBefore = cursor.decoder.malformed;
  let handle: import('node:fs/promises').FileHandle | undefined;
  try {
    handle = await openRegularFile(path);
    const stat = await handle.stat();
    const size = stat.size;
    if (size < cursor.offset || (await rewritten(handle, cursor, size, stat.mtimeMs))) {
      // rewritten or truncated in place: everything known about it is stale
      Object.assign(cursor, newEventFileCursor(path));
      cursor.stopped = undefined;
      result.restarted = true;
      recordsBefore = 0;
      malformedBefore = 0;
    }
    if (cursor.stopped) {
      result.error = cursor.stopped;
      return result;
    }
    const limit = options.maxBytes === undefined ? size : Math.min(size, cursor.offset + options.maxBytes);
    await readFrom(handle, limit, cursor, result, options.signal);
    const tail = new Uint8Array(Math.min(TAIL_CHECK_BYTES, cursor.offset));
    if (tail.length) await handle.read(tail, 0, tail.length, cursor.offset - tail.length);
    cursor.seen = { size, mtimeMs: stat.mtimeMs, tail };
    if (limit < size) {
      // a peek: a record cut by the limit is not a partial record of the file
      result.partialTailBytes = 0;
      result.reachedEnd = false;
    }
  } catch (err) {
    result.error = `cannot read event file: ${errorMessage(err)}`;
  } finally {
    await handle?.close().catch(() => undefined);
  }
  const d = cursor.decoder;
  result.records = d.records - recordsBefore;
  if (d.malformed > malformedBefore) {
    result.warnings.push(`${d.malformed - malformedBefore} malformed event(s) skipped (${d.firstMalformed})`);
  }
  // Hand out what this call read and keep the cursor small: only tag names and plugins stay.
  for (const entry of d.tags.values()) {
    if (entry.columns.length > 0) {
      result.appended.set(entry.name, entry.columns.take());
    }
  }
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

async function readFrom(
  handle: import('node:fs/promises').FileHandle,
  size: number,
  cursor: EventFileCursor,
  result: EventFileRead,
  signal: AbortSignal | undefined,
): Promise<void> {
  if (cursor.offset === 0 && size > 0) {
    const head = new Uint8Array(Math.min(64, size));
    await handle.read(head, 0, head.length, 0);
    if (isLfsPointer(head)) {
      cursor.stopped = lfsPointerMessage('the event file');
      result.error = cursor.stopped;
      return;
    }
  }
  let buf = new Uint8Array(Math.min(CHUNK_BYTES, Math.max(size - cursor.offset, 16)));
  let view = new DataView(buf.buffer);
  let bufBase = cursor.offset; // file offset of buf[0]
  let filled = 0;
  const frame = { pos: 0 };
  const decoder = cursor.decoder;
  const onRecord = (s: number, e: number) => decoder.decode(buf, s, e, view);

  for (;;) {
    if (signal?.aborted) return;
    // fill the buffer from the file
    const want = Math.min(buf.length - filled, size - (bufBase + filled));
    if (want > 0) {
      const { bytesRead } = await handle.read(buf, filled, want, bufBase + filled);
      filled += bytesRead;
      if (bytesRead === 0) size = bufBase + filled; // file shrank under us
    }
    const atEof = bufBase + filled >= size;
    const outcome = walkRecords(buf, filled, frame, bufBase, onRecord);
    cursor.offset = bufBase + frame.pos;
    if (outcome.kind === 'corrupt') {
      cursor.stopped = outcome.message;
      result.error = outcome.message;
      return;
    }
    if (outcome.kind === 'ok' && atEof) {
      result.reachedEnd = true;
      return;
    }
    if (outcome.kind === 'partial' && atEof) {
      result.partialTailBytes = filled - frame.pos;
      result.reachedEnd = true;
      return;
    }
    // keep the unread tail, make room for the rest of the record, read on
    const tail = filled - frame.pos;
    const need = outcome.kind === 'partial' ? Math.max(outcome.need, tail) : tail;
    const capacity = Math.max(buf.length, need, Math.min(CHUNK_BYTES, size - cursor.offset));
    if (capacity > buf.length) {
      const bigger = new Uint8Array(capacity);
      bigger.set(buf.subarray(frame.pos, filled));
      buf = bigger;
      view = new DataView(buf.buffer);
    } else buf.copyWithin(0, frame.pos, filled);
    bufBase += frame.pos;
    filled = tail;
    frame.pos = 0;
  }
}
