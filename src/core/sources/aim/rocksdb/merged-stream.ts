// The live view of one database: all SST iterators and WAL entries merged so that, per user key,
// only the newest version counts, and deletions / range tombstones hide older values.
// Positions only on live puts. One child (a compacted chunk) takes a copy-free fast path.
import { commonPrefix, compareBytes } from './bytes';
import { KIND_PUT, type EntryStream, type RangeTombstone } from './entry-stream';

const EMPTY = new Uint8Array(0);

export class MergedStream implements EntryStream {
  valid = false;
  key: Uint8Array = EMPTY;
  keyLen = 0;
  shared = 0;
  seq = 0;
  kind = KIND_PUT;
  value: Uint8Array = EMPTY;
  valueOff = 0;
  valueLen = 0;

  private readonly tombstones: RangeTombstone[];
  private tombNext = 0;
  private active: RangeTombstone[] = [];
  /** Multi-child mode keeps its own copy of the key (children move on). */
  private own = new Uint8Array(256);
  private last = new Uint8Array(256);
  private lastLen = -1;
  /** Single-child mode: length of the child's previous entry (for repeated-key detection). */
  private childPrevLen = -1;

  constructor(
    private readonly children: EntryStream[],
    tombstones: RangeTombstone[],
  ) {
    this.tombstones = tombstones
      .filter((t) => compareBytes(t.start, t.start.length, t.end, t.end.length) < 0)
      .sort((a, b) => compareBytes(a.start, a.start.length, b.start, b.start.length));
  }

  seek(target: Uint8Array): boolean {
    for (const c of this.children) c.seek(target);
    this.resetTombstones(target);
    this.lastLen = -1;
    this.childPrevLen = -1;
    const ok = this.advance(true);
    this.shared = 0;
    return ok;
  }

  next(): boolean {
    return this.advance(false);
  }

  private advance(fresh: boolean): boolean {
    return this.children.length === 1 ? this.advanceSingle(fresh) : this.advanceMany();
  }

  private advanceSingle(fresh: boolean): boolean {
    const c = this.children[0];
    let shared = Infinity;
    // After seek() the child is already on its first candidate; otherwise step past the current one.
    let ok = fresh ? c.valid : c.next();
    while (ok) {
      if (c.shared < shared) shared = c.shared;
      const len = c.keyLen;
      const repeated = len === this.childPrevLen && c.shared === len;
      this.childPrevLen = len;
      if (!repeated && c.kind === KIND_PUT && !this.covered(c.key, len, c.seq)) {
        this.key = c.key;
        this.keyLen = len;
        this.shared = shared;
        this.seq = c.seq;
        this.kind = KIND_PUT;
        this.value = c.value;
        this.valueOff = c.valueOff;
        this.valueLen = c.valueLen;
        this.valid = true;
        return true;
      }
      ok = c.next();
    }
    this.valid = false;
    return false;
  }

  private advanceMany(): boolean {
    const kids = this.children;
    for (;;) {
      // The smallest user key across children; on ties, the newest sequence.
      let best: EntryStream | undefined;
      for (const c of kids) {
        if (!c.valid) continue;
        if (!best) {
          best = c;
          continue;
        }
        const d = compareBytes(c.key, c.keyLen, best.key, best.keyLen);
        if (d < 0 || (d === 0 && c.seq > best.seq)) best = c;
      }
      if (!best) {
        this.valid = false;
        return false;
      }
      const len = best.keyLen;
      if (this.own.length < len) this.own = new Uint8Array(len * 2);
      this.own.set(best.key.subarray(0, len));
      const seq = best.seq;
      const kind = best.kind;
      const value = best.value;
      const valueOff = best.valueOff;
      const valueLen = best.valueLen;
      // Step every child past all versions of this user key.
      for (const c of kids) {
        while (c.valid && c.keyLen === len && compareBytes(c.key, len, this.own, len) === 0) c.next();
      }
      if (kind !== KIND_PUT || this.covered(this.own, len, seq)) continue;
      this.shared = this.lastLen < 0 ? 0 : commonPrefix(this.last, this.lastLen, this.own, len);
      // Swap buffers so `last` holds the key just returned and `own` is free for the next one.
      const t = this.last;
      this.last = this.own;
      this.own = t.length >= len ? t : new Uint8Array(len * 2);
      this.lastLen = len;
      this.key = this.last;
      this.keyLen = len;
      this.seq = seq;
      this.kind = KIND_PUT;
      this.value = value;
      this.valueOff = valueOff;
      this.valueLen = valueLen;
      this.valid = true;
      return true;
    }
  }

  /** True when a range tombstone newer than `seq` covers the key. Keys arrive in ascending order. */
  private covered(key: Uint8Array, len: number, seq: number): boolean {
    const ts = this.tombstones;
    if (ts.length === 0) return false;
    while (this.tombNext < ts.length) {
      const t = ts[this.tombNext];
      if (compareBytes(t.start, t.start.length, key, len) > 0) break;
      this.active.push(t);
      this.tombNext++;
    }
    if (this.active.length === 0) return false;
    let hit = false;
    let keep = 0;
    for (let i = 0; i < this.active.length; i++) {
      const t = this.active[i];
      if (compareBytes(key, len, t.end, t.end.length) >= 0) continue; // ended before this key: drop
      this.active[keep++] = t;
      if (t.seq > seq) hit = true;
    }
    this.active.length = keep;
    return hit;
  }

  private resetTombstones(target: Uint8Array): void {
    const ts = this.tombstones;
    let lo = 0;
    let hi = ts.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (compareBytes(ts[mid].start, ts[mid].start.length, target, target.length) <= 0) lo = mid + 1;
      else hi = mid;
    }
    this.tombNext = lo;
    this.active = ts.slice(0, lo).filter((t) => compareBytes(target, target.length, t.end, t.end.length) < 0);
  }
}
