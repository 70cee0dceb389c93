// Walks the data blocks of one SST in key order, loading each block only when reached.
// Hot path of every metric read: varints are decoded inline and the key buffer is reused.
// A block that fails its checksum or decodes badly is skipped with a warning; the rest still reads.
import { commonPrefix as imported_commonPrefix, compareBytes as imported_compareBytes } from './bytes';
import { entriesEnd } from './block';
import { trailerSeq as imported_trailerSeq, type EntryStream } from './entry-stream';

// Local copies of entry-stream's KIND_* values: imported bindings become property getters under
// CommonJS transpilation (tsx, tests), which shows up in this per-entry loop. Tests pin them.
const KIND_DELETE = 0;
const KIND_PUT = 1;
const KIND_UNSUPPORTED = 2;
import type { SstTable } from './sst-table';

// Imported functions are property getters under CommonJS transpilation (tsx); the hot loops
// below call these local aliases instead.
const commonPrefix = imported_commonPrefix;
const compareBytes = imported_compareBytes;
const trailerSeq = imported_trailerSeq;

const TYPE_DELETION = 0;
const TYPE_VALUE = 1;
const TYPE_SINGLE_DELETION = 7;

export class SstIterator implements EntryStream {
  valid = false;
  key = new Uint8Array(256);
  keyLen = 0;
  shared = 0;
  seq = 0;
  kind = KIND_PUT;
  value: Uint8Array = new Uint8Array(0);
  valueOff = 0;
  valueLen = 0;

  private blockIndex = -1;
  private block: Uint8Array = new Uint8Array(0);
  // DataViews over the block and the key buffer: the key rebuild copies 4 bytes per (unaligned) load and store
  private blockView: DataView = new DataView(new ArrayBuffer(0));
  private keyView: DataView = new DataView(this.key.buffer);
  private pos = 0;
  private end = 0;
  /** Internal-key length of the previous entry in this block (the delta base). */
  private ikeyLen = 0;
  /** Last user key of the previous block: the same user key may continue in the next block. */
  private boundaryKey: Uint8Array | undefined;

  constructor(private readonly table: SstTable) {}

  seek(target: Uint8Array): boolean {
    const idx = this.table.index;
    const userKeys = this.table.indexKeyIsUserKey;
    // First block whose separator (>= all its keys) is >= target.
    let lo = 0;
    let hi = idx.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      const sep = idx[mid].key;
      const sepLen = userKeys ? sep.length : Math.max(0, sep.length - 8);
      if (compareBytes(sep, sepLen, target, target.length) < 0) lo = mid + 1;
      else hi = mid;
    }
    this.blockIndex = lo - 1;
    this.pos = this.end = 0;
    while (this.advance()) {
      if (compareBytes(this.key, this.keyLen, target, target.length) >= 0) {
        this.shared = 0; // nothing before a seek is known to the consumer
        return true;
      }
    }
    return false;
  }

  next(): boolean {
    return this.advance();
  }

  private advance(): boolean {
    for (;;) {
      if (this.pos >= this.end && !this.loadNextBlock()) {
        this.valid = false;
        return false;
      }
      if (this.decodeEntry()) return true;
    }
  }

  private loadNextBlock(): boolean {
    const idx = this.table.index;
    while (++this.blockIndex < idx.length) {
      try {
        const block = this.table.block(idx[this.blockIndex].handle);
        this.end = entriesEnd(block);
        this.boundaryKey = this.valid ? this.key.slice(0, this.keyLen) : undefined;
        this.block = block;
        this.blockView = new DataView(block.buffer, block.byteOffset, block.byteLength);
        this.pos = 0;
        this.ikeyLen = 0;
        this.keyLen = 0;
        return true;
      } catch (err) {
        this.table.warn(`data block ${this.blockIndex} skipped: ${(err as Error).message}`);
      }
    }
    return false;
  }

  /** Decodes the entry at pos; false when it was skipped (bad bytes or an unsupported type). */
  private decodeEntry(): boolean {
    const b = this.block;
    let p = this.pos;
    const end = this.end;
    let shared: number, nonShared: number, valueLen: number;
    // Fast path: all three varints fit in one byte each.
    if (p + 3 <= end && (b[p] | b[p + 1] | b[p + 2]) < 0x80) {
      shared = b[p];
      nonShared = b[p + 1];
      valueLen = b[p + 2];
      p += 3;
    } else {
      const r = { p };
      shared = readVarint(b, r, end);
      nonShared = readVarint(b, r, end);
      valueLen = readVarint(b, r, end);
      p = r.p;
      if (shared < 0 || nonShared < 0 || valueLen < 0) return this.corrupt('bad varint');
    }
    const ikeyLen = shared + nonShared;
    if (shared > this.ikeyLen) return this.corrupt('key shares more bytes than the previous key has');
    if (p + nonShared + valueLen > end) return this.corrupt('entry runs past the end of the block');
    if (ikeyLen < 8) return this.corrupt('internal key shorter than its 8-byte trailer');
    if (ikeyLen > this.key.length) {
      const grown = new Uint8Array(Math.max(ikeyLen, this.key.length * 2));
      grown.set(this.key.subarray(0, this.ikeyLen));
      this.key = grown;
      this.keyView = new DataView(grown.buffer);
    }
    const key = this.key;
    // The stored `shared` is 0 at restart points even when keys do share bytes; extend it over
    // the delta bytes that equal the previous key so `shared` is the exact common prefix (the
    // merge relies on it to spot repeated keys). Matching bytes need no copy.
    const prevIkeyLen = this.ikeyLen;
    let i = 0;
    while (i < nonShared && shared + i < prevIkeyLen && key[shared + i] === b[p + i]) i++;
    const exact = shared + i;
    // the rest is new: 4 bytes at a time (a byte loop here was most of the entry's cost), then the tail
    if (nonShared - i >= 4) {
      const kv = this.keyView;
      const bv = this.blockView;
      for (; i <= nonShared - 4; i += 4) kv.setInt32(shared + i, bv.getInt32(p + i));
    }
    for (; i < nonShared; i++) key[shared + i] = b[p + i];
    p += nonShared;
    const prevUserLen = this.keyLen;
    const userLen = ikeyLen - 8;
    this.ikeyLen = ikeyLen;
    this.keyLen = userLen;
    this.valueOff = p;
    this.valueLen = valueLen;
    this.value = b;
    this.pos = p + valueLen;
    let s = exact;
    if (s > userLen) s = userLen;
    if (s > prevUserLen) s = prevUserLen;
    if (this.boundaryKey) {
      s = commonPrefix(this.boundaryKey, this.boundaryKey.length, key, userLen);
      this.boundaryKey = undefined;
    }
    const type = key[userLen];
    if (type === TYPE_VALUE) this.kind = KIND_PUT;
    else if (type === TYPE_DELETION || type === TYPE_SINGLE_DELETION) this.kind = KIND_DELETE;
    else {
      // Returned rather than skipped so `shared` stays exact for the next entry; the merge hides it.
      this.table.warn(`entry type ${type} (merge/blob/wide-column) is not supported; key hidden`);
      this.kind = KIND_UNSUPPORTED;
    }
    this.shared = s;
    this.seq = trailerSeq(key, userLen);
    this.valid = true;
    return true;
  }

  private corrupt(what: string): false {
    this.table.warn(`data block ${this.blockIndex}: ${what}; rest of the block skipped`);
    this.pos = this.end;
    return false;
  }
}

function readVarint(b: Uint8Array, r: { p: number }, end: number): number {
  let result = 0;
  for (let shift = 0; shift <= 28; shift += 7) {
    if (r.p >= end) return -1;
    const byte = b[r.p++];
    result += (byte & 0x7f) * 2 ** shift;
    if (byte < 0x80) return result;
  }
  return -1;
}
