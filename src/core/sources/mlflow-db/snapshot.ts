// Read-only sql.js snapshots of MLflow databases, kept open briefly for reuse.
// sql.js loads the whole file into memory, so reopening it for each of 1,000 readSeries
// calls would read the file 1,000 times; a snapshot is reused while the file's size and
// mtime are unchanged, and dropped after a short idle time. The file is never written:
// sql.js works on an in-memory copy, and nothing here exports it back.
import { promises as fsp } from 'node:fs';
import type { Database } from 'sql.js';
import { isLfsPointer, lfsPointerMessage } from '../../util/fs';
import { isSqliteHeader, loadSqlJs, readSqliteBytes, sqliteStamp } from '../../util/sqljs';

/** sql.js copies the file into wasm memory (4 GB address space, shared with everything else). */
export const MAX_DB_BYTES = 1024 * 1024 * 1024;
const MAX_OPEN = 2;
const IDLE_CLOSE_MS = 15_000;

interface Entry {
  file: string;
  /** sqliteStamp(): the main file's and its WAL's size and mtime when loaded. */
  stamp: string;
  opening: Promise<Database>;
  db?: Database;
  closed: boolean;
  lastUsed: number;
  timer?: NodeJS.Timeout;
}

const open = new Map<string, Entry>();

/**
 * Runs `fn` on a snapshot of the database file. `fn` must be synchronous, so the snapshot
 * cannot be closed under it. Throws an Error with a readable message when the file cannot
 * be opened as SQLite.
 */
export async function withDbSnapshot<T>(file: string, fn: (db: Database) => T): Promise<T> {
  for (;;) {
    const st = await fsp.stat(file);
    if (!st.isFile()) throw new Error('not a file');
    if (st.size > MAX_DB_BYTES) {
      throw new Error(`database is ${Math.round(st.size / 1048576)} MB; the in-memory SQLite reader handles up to ${MAX_DB_BYTES / 1048576} MB`);
    }
    const stamp = await sqliteStamp(file);
    let entry = open.get(file);
    if (entry && entry.stamp !== stamp) {
      close(entry); // the file changed: a sql.js database is a snapshot taken at load time
      entry = undefined;
    }
    if (!entry) entry = start(file, stamp);
    let db: Database;
    try {
      db = await entry.opening;
    } catch (err) {
      if (open.get(file) === entry) open.delete(file);
      throw err;
    }
    if (entry.closed) continue; // evicted while we waited; open again
    touch(entry);
    return fn(db);
  }
}

function start(file: string, stamp: string): Entry {
  const entry: Entry = { file, stamp, closed: false, lastUsed: Date.now(), opening: Promise.resolve(undefined as never) };
  entry.opening = loadSnapshot(file).then((db) => {
    entry.db = db;
    if (entry.closed) db.close();
    return db;
  });
  open.set(file, entry);
  evictBeyond(MAX_OPEN);
  return entry;
}

async function loadSnapshot(file: string): Promise<Database> {
  const bytes = await readSqliteBytes(file);
  if (bytes.length === 0) throw new Error('the database file is empty (0 bytes): nothing has been written to it yet');
  if (isLfsPointer(bytes)) throw new Error(lfsPointerMessage('the database'));
  if (!isSqliteHeader(bytes)) throw new Error('not a SQLite database (bad header)');
  // WAL-mode files: readSqliteBytes applied the committed frames of the -wal sibling, so runs a
  // live tracking server wrote since its last checkpoint are read too.
  const SQL = await loadSqlJs();
  return new SQL.Database(bytes);
}

function touch(entry: Entry): void {
  entry.lastUsed = Date.now();
  if (entry.timer) clearTimeout(entry.timer);
  entry.timer = setTimeout(() => close(entry), IDLE_CLOSE_MS);
  entry.timer.unref?.();
}

function close(entry: Entry): void {
  if (entry.closed) return;
  entry.closed = true;
  if (entry.timer) clearTimeout(entry.timer);
  if (open.get(entry.file) === entry) open.delete(entry.file);
  entry.db?.close();
}

function evictBeyond(max: number): void {
  while (open.size > max) {
    let oldest: Entry | undefined;
    for (const e of open.values()) if (!oldest || e.lastUsed < oldest.lastUsed) oldest = e;
    if (!oldest) return;
    close(oldest);
  }
}

/** Closes every cached snapshot (tests, extension deactivate). */
export function closeAllDbSnapshots(): void {
  for (const e of [...open.values()]) close(e);
}
