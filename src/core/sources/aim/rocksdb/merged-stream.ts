// The live view of one database: all SST iterators and WAL entries merged so that, per user key,
// only the newest version counts, and deletions / range tombstones hide older values.
// Positions only on live puts and exposes the winning child's key buffer (no copy). While one
// child keeps holding the smallest key (files mostly cover distinct ranges), each entry costs a
// single comparison with the runner-up instead of one per child.
import { compareBytes as imported_compareBytes } from './bytes';
import type { EntryStream, RangeTombstone } from './entry-stream';

// Imported functions are property getters under CommonJS transpilation (tsx); the hot loops
// below call these local aliases instead.
const compareBytes = imported_compareBytes;

const KIND_PUT = 1; // entry-stream's KIND_PUT, kept local: imported bindings are getters under CommonJS

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
  /** The child holding the current smallest key; its key buffer is what we expose (no copy). */
  private lead: EntryStream | undefined;
  /** The smallest key among the other children: while lead stays below it, no full rescan. */
  private runnerUp: EntryStream | undefined;
  /** The child that produced the entry currently exposed (undefined before the first). */
  private emitted: EntryStream | undefined;

  constructor(
    private readonly children: EntryStream[],
    /** Non-empty ranges sorted by start (see sortTombstones). */
    tombstones: RangeTombstone[],
  ) {
    this.tombstones = tombstones;
  }

  seek(target: Uint8Array): boolean {
    for (const c of this.children) c.seek(target);
    this.resetTombstones(target);
    this.lead = this.runnerUp = this.emitted = undefined;
    const ok = this.advance(Infinity);
    this.shared = 0;
    return ok;
  }

  next(): boolean {
    const lead = this.emitted;
    if (!lead || !lead.valid) {
      this.valid = false;
      return false;
    }
    // Step the emitting child past every older version of the key just exposed.
    const len = lead.keyLen;
    let shared = Infinity;
    do {
      lead.next();
      if (lead.shared < shared) shared = lead.shared;
    } while (lead.valid && lead.keyLen === len && lead.shared === len);
    return this.advance(shared);
  }

  /** Finds the next live put; `shared` is the prefix shared so far with the last exposed key. */
  private advance(shared: number): boolean {
    for (;;) {
      const w = this.pick();
      if (!w) {
        this.valid = false;
        return false;
      }
      // Entries from another child than the last exposed one share an unknown prefix with it.
      if (w !== this.emitted) shared = 0;
      this.emitted = w;
      const len = w.keyLen;
      if (w.kind === KIND_PUT && !this.covered(w.key, len, w.seq)) {
        this.key = w.key;
        this.keyLen = len;
        this.shared = shared;
        this.seq = w.seq;
        this.kind = KIND_PUT;
        this.value = w.value;
        this.valueOff = w.valueOff;
        this.valueLen = w.valueLen;
        this.valid = true;
        return true;
      }
      // A deletion (or unsupported type) is the newest version: skip it and the older ones.
      do {
        w.next();
        if (w.shared < shared) shared = w.shared;
      } while (w.valid && w.keyLen === len && w.shared === len);
    }
  }

  /**
   * The child whose current key is smallest (newest version on ties). Other children holding the
   * same key are stepped past it here, since their older versions are hidden by the winner.
   */
  private pick(): EntryStream | undefined {
    const lead = this.lead;
    const ru = this.runnerUp;
    if (lead && lead.valid && (!ru || !ru.valid || compareBytes(lead.key, lead.keyLen, ru.key, ru.keyLen) < 0)) return lead;
    for (;;) {
      // One pass for the smallest and second smallest current keys.
      let best: EntryStream | undefined;
      let second: EntryStream | undefined;
      for (const c of this.children) {
        if (!c.valid) continue;
        if (!best) {
          best = c;
          continue;
        }
        const d = compareBytes(c.key, c.keyLen, best.key, best.keyLen);
        if (d < 0 || (d === 0 && c.seq > best.seq)) {
          second = best;
          best = c;
        } else if (!second || compareBytes(c.key, c.keyLen, second.key, second.keyLen) < 0) {
          second = c;
        }
      }
      if (!best) return (this.lead = this.runnerUp = undefined);
      const len = best.keyLen;
      if (second && second.keyLen === len && compareBytes(second.key, len, best.key, len) === 0) {
        // Older versions of the winning key in other children: step past them, then look again.
        for (const c of this.children) {
          if (c === best) continue;
          while (c.valid && c.keyLen === len && compareBytes(c.key, len, best.key, len) === 0) c.next();
        }
        continue;
      }
      this.lead = best;
      this.runnerUp = second;
      return best;
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

/** Drops empty ranges and sorts by start, as MergedStream expects; done once per database. */
export function sortTombstones(tombstones: RangeTombstone[]): RangeTombstone[] {
  return tombstones
    .filter((t) => compareBytes(t.start, t.start.length, t.end, t.end.length) < 0)
    .sort((a, b) => compareBytes(a.start, a.start.length, b.start, b.start.length));
}
