// sql.js loads the whole file into memory, so reading the intermediate values of 1,000 trials one
// by one must not re-read the file 1,000 times. A reader keeps the last few snapshots, re-opens
// one when the file's size or mtime changes, and drops it after a short idle time to give the
// memory back. Nothing is ever written to the file.
import { promises as fsp } from 'node:fs';
import type { Database } from 'sql.js';
import { openSqliteSnapshot, sqliteStamp } from '../../util/sqljs';
import { inspectOptunaSchema, type OptunaSchema } from './schema';

/** sql.js holds the whole file in memory (about twice its size while opening). */
export const MAX_SNAPSHOT_BYTES = 1024 * 2 ** 20;

export interface Snapshot {
  db: Database;
  schema: OptunaSchema;
  /** Lazily built by the reader: run id → trial_id. */
  trialIds?: Map<string, number>;
}

interface Entry {
  snapshot: Snapshot;
  /** sqliteStamp(): the main file's and its WAL's size and mtime when loaded. */
  stamp: string;
  timer?: ReturnType<typeof setTimeout>;
}

export interface SnapshotCacheOptions {
  maxEntries?: number;
  idleMs?: number;
}

export class SnapshotCache {
  private readonly entries = new Map<string, Entry>();
  private readonly maxEntries: number;
  private readonly idleMs: number;

  constructor(options: SnapshotCacheOptions = {}) {
    this.maxEntries = Math.max(1, options.maxEntries ?? 2);
    this.idleMs = options.idleMs ?? 15_000;
  }

  /**
   * Runs `use` on the current snapshot of `file`. Everything after the last await is synchronous,
   * so no other caller can evict and close the database while `use` runs. Returns
   * `{ notOptuna }` when the file is a SQLite database without Optuna's tables.
   */
  async use<T>(file: string, use: (snapshot: Snapshot) => T): Promise<T | { notOptuna: string }> {
    const st = await fsp.stat(file);
    const stamp = await sqliteStamp(file);
    const hit = this.entries.get(file);
    if (hit && hit.stamp === stamp) {
      this.touch(file, hit);
      return use(hit.snapshot);
    }
    // sql.js would open an empty file as a new, empty database and call it "not Optuna"
    if (st.size === 0) throw new Error('the storage file is empty (0 bytes): no study has been written to it yet');
    if (st.size > MAX_SNAPSHOT_BYTES) {
      throw new Error(`the storage is ${Math.round(st.size / 2 ** 20)} MB; Runlens reads Optuna storages up to ${MAX_SNAPSHOT_BYTES / 2 ** 20} MB`);
    }
    const db = await openSqliteSnapshot(file);
    // from here on: no await
    let schema: OptunaSchema | string;
    try {
      schema = inspectOptunaSchema(db);
    } catch (err) {
      db.close();
      throw err;
    }
    if (typeof schema === 'string') {
      db.close();
      return { notOptuna: schema };
    }
    this.drop(file); // an older snapshot, or one another caller opened meanwhile
    const entry: Entry = { snapshot: { db, schema }, stamp };
    this.entries.set(file, entry);
    this.touch(file, entry);
    while (this.entries.size > this.maxEntries) this.drop(this.entries.keys().next().value as string);
    return use(entry.snapshot);
  }

  /** Closes every snapshot (tests and deactivation). */
  clear(): void {
    for (const file of [...this.entries.keys()]) this.drop(file);
  }

  private touch(file: string, entry: Entry): void {
    // re-insert to keep Map order = least recently used first
    this.entries.delete(file);
    this.entries.set(file, entry);
    if (entry.timer) clearTimeout(entry.timer);
    entry.timer = setTimeout(() => this.drop(file), this.idleMs);
    entry.timer.unref?.();
  }

  private drop(file: string): void {
    const entry = this.entries.get(file);
    if (!entry) return;
    this.entries.delete(file);
    if (entry.timer) clearTimeout(entry.timer);
    entry.snapshot.db.close();
  }
}
