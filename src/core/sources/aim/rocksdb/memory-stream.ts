// Entries held in memory (decoded WAL write batches), exposed as an EntryStream in
// RocksDB internal-key order: user key ascending, newest sequence first.
import { commonPrefix, compareBytes } from './bytes';
import { KIND_PUT, type EntryStream } from './entry-stream';

export interface MemEntry {
  key: Uint8Array;
  seq: number;
  kind: number;
  value: Uint8Array;
}

const EMPTY = new Uint8Array(0);

export class MemoryStream implements EntryStream {
  valid = false;
  key: Uint8Array = EMPTY;
  keyLen = 0;
  shared = 0;
  seq = 0;
  kind = KIND_PUT;
  value: Uint8Array = EMPTY;
  valueOff = 0;
  valueLen = 0;
  private i = -1;
  private readonly entries: MemEntry[];

  constructor(entries: MemEntry[], sorted = false) {
    this.entries = sorted
      ? entries
      : entries.slice().sort((a, b) => compareBytes(a.key, a.key.length, b.key, b.key.length) || b.seq - a.seq);
  }

  /** An independent cursor over the same (already sorted) entries. */
  fork(): MemoryStream {
    return new MemoryStream(this.entries, true);
  }

  get size(): number {
    return this.entries.length;
  }

  seek(target: Uint8Array): boolean {
    let lo = 0;
    let hi = this.entries.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      const k = this.entries[mid].key;
      if (compareBytes(k, k.length, target, target.length) < 0) lo = mid + 1;
      else hi = mid;
    }
    this.i = lo - 1;
    const ok = this.next();
    this.shared = 0;
    return ok;
  }

  next(): boolean {
    const prev = this.i >= 0 && this.i < this.entries.length ? this.entries[this.i].key : EMPTY;
    this.i++;
    if (this.i >= this.entries.length) {
      this.valid = false;
      return false;
    }
    const e = this.entries[this.i];
    this.key = e.key;
    this.keyLen = e.key.length;
    this.shared = commonPrefix(prev, prev.length, e.key, e.key.length);
    this.seq = e.seq;
    this.kind = e.kind;
    this.value = e.value;
    this.valueOff = 0;
    this.valueLen = e.value.length;
    this.valid = true;
    return true;
  }
}
