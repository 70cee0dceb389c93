// Keeps, per event file, the read cursor and the points read so far, so that when a live run
// appends records the next index pass reads only the new bytes (TensorBoard itself re-reads
// from the start). It is a cache, not state: evicting an entry only costs a full re-read.
// Bounded by total points, least recently used first. listRuns' peek at each file seeds it, so the
// readSeries that follows in an index pass reads only what the peek did not (nothing, for files under
// the peek size) instead of decoding every file twice.
import type { SeriesPoints } from '../../model';
import { newEventFileCursor, readEventFile, type EventFileCursor, type EventFileRead } from './event-file';

/** Points kept at most across all cached files (steps, values, times: ~24 bytes each). */
const MAX_CACHED_POINTS = 2_000_000;

interface TailEntry {
  cursor: EventFileCursor;
  /** Per tag, the chunks read by successive calls, in file order. */
  chunks: Map<string, SeriesPoints[]>;
  points: number;
}

export interface TailRead {
  /** Every point of the file read so far (cached + appended), per tag. */
  all: Map<string, SeriesPoints>;
  /** What the last call returned: errors, warnings, partial tail, records. */
  last: EventFileRead;
  /** Bytes this call read: the appended part only when the file was cached. */
  bytesRead: number;
}

const entries = new Map<string, TailEntry>();
let cachedPoints = 0;

function concat(chunks: SeriesPoints[]): SeriesPoints {
  if (chunks.length === 1) return chunks[0];
  const n = chunks.reduce((a, c) => a + c.steps.length, 0);
  const steps = new Float64Array(n);
  const values = new Float64Array(n);
  const withTimes = chunks.every((c) => c.times);
  const times = withTimes ? new Float64Array(n) : undefined;
  let o = 0;
  for (const c of chunks) {
    steps.set(c.steps, o);
    values.set(c.values, o);
    if (times) times.set(c.times!, o);
    o += c.steps.length;
  }
  return times ? { steps, values, times } : { steps, values };
}

function drop(path: string): void {
  const e = entries.get(path);
  if (!e) return;
  cachedPoints -= e.points;
  entries.delete(path);
}

function evict(): void {
  while (cachedPoints > MAX_CACHED_POINTS && entries.size) drop(entries.keys().next().value as string);
}

/** A read can be continued from its cursor: it stopped at a record boundary it chose, not on an error. */
function continuable(read: EventFileRead, signal: AbortSignal | undefined): boolean {
  return !read.error && !signal?.aborted && (read.reachedEnd || read.peeked);
}

/**
 * Caches a read made elsewhere with a fresh cursor (listRuns' peek at the head of a file) when the file is
 * not cached yet, so the next readEventFileTail continues where it stopped. The cursor and points become
 * the cache's: the caller must not read with that cursor again.
 */
export function seedEventFileTail(path: string, read: EventFileRead, signal?: AbortSignal): void {
  if (entries.has(path) || read.restarted || !continuable(read, signal)) return;
  const entry: TailEntry = { cursor: read.cursor, chunks: new Map(), points: 0 };
  for (const [tag, points] of read.appended) {
    if (!points.steps.length) continue;
    entry.chunks.set(tag, [points]);
    entry.points += points.steps.length;
  }
  cachedPoints += entry.points;
  entries.set(path, entry);
  evict();
}

/** Reads an event file, continuing from the cached cursor when the file was seen before. */
export async function readEventFileTail(path: string, options: { signal?: AbortSignal; listedAsFile?: boolean } = {}): Promise<TailRead> {
  let entry = entries.get(path);
  entries.delete(path); // re-inserted below: Map order is the LRU order
  if (!entry) entry = { cursor: newEventFileCursor(path), chunks: new Map(), points: 0 };
  const offsetBefore = entry.cursor.offset;
  const last = await readEventFile(path, entry.cursor, { signal: options.signal, listedAsFile: options.listedAsFile });
  if (last.restarted) {
    // the file was rewritten: what was cached belongs to its old content
    cachedPoints -= entry.points;
    entry.chunks.clear();
    entry.points = 0;
  }
  for (const [tag, points] of last.appended) {
    if (!points.steps.length) continue;
    let list = entry.chunks.get(tag);
    if (!list) entry.chunks.set(tag, (list = []));
    list.push(points);
    entry.points += points.steps.length;
    cachedPoints += points.steps.length;
  }
  const all = new Map<string, SeriesPoints>();
  for (const [tag, list] of entry.chunks) {
    const merged = concat(list);
    // keep one chunk per tag so later reads concatenate once
    entry.chunks.set(tag, [merged]);
    all.set(tag, merged);
  }
  const bytesRead = last.cursor.offset - (last.restarted ? 0 : offsetBefore);
  if (continuable(last, options.signal)) entries.set(path, entry);
  else cachedPoints -= entry.points; // an interrupted read is not trusted for the next pass
  evict();
  return { all, last, bytesRead };
}

/** Forgets every cached file (tests, or when memory matters more than speed). */
export function clearEventFileTails(): void {
  entries.clear();
  cachedPoints = 0;
}
