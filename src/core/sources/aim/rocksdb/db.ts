// Read-only view of one RocksDB folder: CURRENT -> MANIFEST -> live SSTs, plus the WALs that
// still hold unflushed writes, merged into one live key/value stream. Never opens LOCK, never
// writes, never replays WALs into the folder (RocksDB's own read-only open may flush; we must not).
import * as fs from 'node:fs';
import * as path from 'node:path';
import { hasPrefix as imported_hasPrefix } from './bytes';
import type { EntryStream, RangeTombstone } from './entry-stream';
import { DiskFile, type RandomAccess } from './file-access';
import { replayManifest, type ManifestState } from './manifest';
import { MemoryStream } from './memory-stream';
import { MergedStream, sortTombstones } from './merged-stream';
import { SstTable } from './sst-table';
import { decodeWal, type WalContents } from './wal';
import { readRegularFileSync } from '../../../util/fs';

// Imported functions are property getters under CommonJS transpilation (tsx); the hot loops
// below call these local aliases instead.
const hasPrefix = imported_hasPrefix;

export interface RocksDbInfo {
  manifest?: string;
  logNumber?: number;
  lastSequence?: number;
  /** SST files actually read. */
  ssts: string[];
  /** WAL files actually read. */
  wals: string[];
  /** Bytes of SST files read (for throughput figures). */
  sstBytes: number;
  /** True when the MANIFEST could not be used and every *.sst / *.log was read instead. */
  bestEffort: boolean;
}

export interface RocksDbOptions {
  /** Skip WAL files (cheap summaries of closed runs); default false. */
  skipWal?: boolean;
}

const fileNumber = (name: string, ext: string): number | undefined => {
  const m = new RegExp(`^(\\d+)\\.${ext}$`).exec(name);
  return m ? Number(m[1]) : undefined;
};
const sstName = (n: number): string => `${String(n).padStart(6, '0')}.sst`;

export class RocksDb {
  readonly warnings: string[] = [];
  /** Set when nothing at all could be read (missing folder, no readable file). */
  error?: string;
  info: RocksDbInfo = { ssts: [], wals: [], sstBytes: 0, bestEffort: false };
  private tables: SstTable[] = [];
  private files: RandomAccess[] = [];
  private wal: WalContents = { entries: [], tombstones: [], batches: 0, warnings: [] };
  private tombstones: RangeTombstone[] | undefined;
  private walStream: MemoryStream | undefined;

  private constructor(readonly dir: string) {}

  /** Opens the folder; problems end up in `warnings` / `error`, never thrown. */
  static open(dir: string, options: RocksDbOptions = {}): RocksDb {
    let db = new RocksDb(dir);
    const missing = db.load(options);
    if (missing.length > 0) {
      // A flush or compaction may have replaced files between reading the MANIFEST and opening
      // them: read CURRENT/MANIFEST again once before calling the SST lost.
      db.close();
      db = new RocksDb(dir);
      const still = db.load(options);
      for (const name of still) db.warnings.push(`live SST ${name} named in the MANIFEST is missing`);
    }
    return db;
  }

  /** Returns the names of live SSTs that could not be found. */
  private load(options: RocksDbOptions): string[] {
    let names: string[];
    try {
      names = fs.readdirSync(this.dir);
    } catch (err) {
      this.error = `cannot list ${this.dir}: ${(err as Error).message}`;
      return [];
    }
    const manifest = this.readManifest(names);
    let sstNumbers: number[];
    let walNumbers: number[];
    const allSst = names.map((n) => fileNumber(n, 'sst')).filter((n): n is number => n !== undefined);
    const allWal = names.map((n) => fileNumber(n, 'log')).filter((n): n is number => n !== undefined);
    if (manifest) {
      sstNumbers = manifest.liveFiles;
      walNumbers = allWal.filter((n) => n >= manifest.logNumber || (manifest.prevLogNumber !== 0 && n === manifest.prevLogNumber));
      this.info.logNumber = manifest.logNumber;
      this.info.lastSequence = manifest.lastSequence;
      this.warnings.push(...manifest.warnings);
    } else {
      this.info.bestEffort = true;
      sstNumbers = allSst;
      walNumbers = allWal;
    }
    const missing: string[] = [];
    for (const n of sstNumbers) {
      const name = sstName(n);
      let file: DiskFile;
      try {
        file = new DiskFile(path.join(this.dir, name));
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code === 'ENOENT') missing.push(name);
        else this.warnings.push(`${name}: cannot open (${(err as Error).message})`);
        continue;
      }
      this.files.push(file);
      try {
        const table = SstTable.open(file, name);
        this.tables.push(table);
        this.info.ssts.push(name);
        this.info.sstBytes += file.size;
      } catch (err) {
        this.warnings.push(`${name}: unreadable (${(err as Error).message}); its keys are missing`);
      }
    }
    if (!options.skipWal) {
      for (const n of walNumbers.sort((a, b) => a - b)) {
        const name = `${String(n).padStart(6, '0')}.log`;
        let bytes: Uint8Array;
        try {
          // Read at once: the writer may be appending; a torn tail is handled by the log reader.
          bytes = readRegularFileSync(path.join(this.dir, name));
        } catch (err) {
          this.warnings.push(`${name}: cannot read (${(err as Error).message})`);
          continue;
        }
        this.info.wals.push(name);
        if (bytes.length > 0) decodeWal(new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength), name, this.wal);
      }
      this.warnings.push(...this.wal.warnings);
    }
    if (this.tables.length === 0 && this.wal.batches === 0 && (sstNumbers.length > 0 || walNumbers.length > 0) && missing.length === 0) {
      this.error = `no readable data in ${this.dir}`;
    }
    return missing;
  }

  private readManifest(names: string[]): ManifestState | undefined {
    let current: string;
    try {
      current = readRegularFileSync(path.join(this.dir, 'CURRENT')).toString('utf8').trim();
    } catch {
      this.warnings.push('CURRENT is missing; read every *.sst and *.log (best effort)');
      return undefined;
    }
    if (!/^MANIFEST-\d+$/.test(current) || !names.includes(current)) {
      this.warnings.push(`CURRENT names ${JSON.stringify(current.slice(0, 40))}, which is not a MANIFEST here; read every *.sst and *.log (best effort)`);
      return undefined;
    }
    this.info.manifest = current;
    try {
      const bytes = readRegularFileSync(path.join(this.dir, current));
      return replayManifest(new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength), current);
    } catch (err) {
      this.warnings.push(`${current}: ${(err as Error).message}; read every *.sst and *.log (best effort)`);
      return undefined;
    }
  }

  /** A merged stream over everything live; position it with seek() first. */
  stream(): EntryStream {
    const children: EntryStream[] = this.tables.map((t) => t.iterator());
    if (this.wal.entries.length > 0) {
      // Sorted once; each stream gets its own cursor over the same entries.
      this.walStream ??= new MemoryStream(this.wal.entries);
      children.push(this.walStream.fork());
    }
    if (!this.tombstones) {
      const all: RangeTombstone[] = [...this.wal.tombstones];
      for (const t of this.tables) for (const r of t.rangeTombstones) all.push(r);
      this.tombstones = sortTombstones(all);
    }
    return new MergedStream(children, this.tombstones);
  }

  /**
   * Visits every live key starting with `prefix`, in key order. `visit` sees the stream positioned
   * on the entry (copy what you keep); returning false stops the scan.
   */
  scan(prefix: Uint8Array, visit: (s: EntryStream) => boolean | void): void {
    const s = this.stream();
    for (let ok = s.seek(prefix); ok; ok = s.next()) {
      if (s.shared < prefix.length && !hasPrefix(s.key, s.keyLen, prefix)) break;
      if (visit(s) === false) break;
    }
  }

  /** Warnings collected while iterating (bad blocks are found lazily). */
  allWarnings(): string[] {
    const out = [...this.warnings];
    for (const t of this.tables) out.push(...t.warnings);
    return out;
  }

  close(): void {
    for (const f of this.files) f.close();
    this.files = [];
  }
}
