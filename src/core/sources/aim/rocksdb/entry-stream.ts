// The cursor shape every key/value source exposes (SST iterator, WAL records, the merged view).
// Fields are read in place after seek()/next() to avoid an allocation per entry: `key` is a buffer
// the source reuses, so a consumer that keeps a key must copy key.subarray(0, keyLen).
import { readUint32LE } from '../../../util/bytes';

export const KIND_DELETE = 0;
export const KIND_PUT = 1;
/** Merge operands, blob indexes…: Aim never writes them; the newest such version hides the key. */
export const KIND_UNSUPPORTED = 2;

export interface EntryStream {
  /** True while positioned on an entry. */
  valid: boolean;
  /** User key (internal-key trailer stripped) in key[0..keyLen). */
  key: Uint8Array;
  keyLen: number;
  /**
   * How many leading bytes this key shares with the previous entry of the same stream: exact
   * for SST and memory streams, a lower bound for the merged view, 0 right after a seek.
   * Lets consumers skip re-parsing an unchanged key prefix and detect repeated keys cheaply.
   */
  shared: number;
  seq: number;
  kind: number;
  /** The value is value[valueOff, valueOff + valueLen); the bytes stay valid after next(). */
  value: Uint8Array;
  valueOff: number;
  valueLen: number;
  /** Moves to the next entry (user key ascending, then newest sequence first). */
  next(): boolean;
  /** Positions on the first entry whose user key is >= target (an empty target = first entry). Call before next(). */
  seek(target: Uint8Array): boolean;
}

/** A range tombstone: deletes user keys in [start, end) written with a lower sequence number. */
export interface RangeTombstone {
  start: Uint8Array;
  end: Uint8Array;
  seq: number;
}

/** Decodes the 8-byte internal-key trailer `(seq << 8) | type` at buf[off, off+8). */
export function trailerSeq(buf: Uint8Array, off: number): number {
  const lo24 = buf[off + 1] | (buf[off + 2] << 8) | (buf[off + 3] << 16);
  const hi32 = readUint32LE(buf, off + 4);
  return hi32 * 0x1000000 + lo24;
}
