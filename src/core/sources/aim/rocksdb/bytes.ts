// Bounds-checked little-endian readers for RocksDB's on-disk encodings (varints, fixed ints, slices).
// Every read past the end throws RocksFormatError, which the layers above turn into a warning:
// a corrupt file must never produce an out-of-range read that silently yields undefined/NaN.
import { readUint32LE } from '../../../util/bytes';

export class RocksFormatError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'RocksFormatError';
  }
}

/** A read position over a byte range [pos, end) of `buf`. */
export class ByteCursor {
  pos: number;
  constructor(
    readonly buf: Uint8Array,
    pos = 0,
    readonly end = buf.length,
  ) {
    this.pos = pos;
  }

  get remaining(): number {
    return this.end - this.pos;
  }

  atEnd(): boolean {
    return this.pos >= this.end;
  }

  u8(): number {
    if (this.pos >= this.end) throw new RocksFormatError('unexpected end of data');
    return this.buf[this.pos++];
  }

  fixed32(): number {
    const p = this.pos;
    if (p + 4 > this.end) throw new RocksFormatError('unexpected end of data (fixed32)');
    this.pos = p + 4;
    return readUint32LE(this.buf, p);
  }

  /** uint64 as a JS number; exact below 2^53, which covers every sequence number and size we meet. */
  fixed64(): number {
    const lo = this.fixed32();
    const hi = this.fixed32();
    return hi * 0x100000000 + lo;
  }

  varint32(): number {
    let result = 0;
    for (let shift = 0; shift <= 28; shift += 7) {
      const b = this.u8();
      result += (b & 0x7f) * 2 ** shift;
      if (b < 0x80) {
        if (result > 0xffffffff) throw new RocksFormatError('varint32 overflow');
        return result;
      }
    }
    throw new RocksFormatError('varint32 too long');
  }

  /** varint64 as a JS number (precision loss above 2^53 is harmless for offsets/sizes/seqnos here). */
  varint64(): number {
    let result = 0;
    for (let shift = 0; shift <= 63; shift += 7) {
      const b = this.u8();
      result += (b & 0x7f) * 2 ** shift;
      if (b < 0x80) return result;
    }
    throw new RocksFormatError('varint64 too long');
  }

  bytes(n: number): Uint8Array {
    if (n < 0 || this.pos + n > this.end) throw new RocksFormatError(`slice of ${n} bytes runs past the end`);
    const out = this.buf.subarray(this.pos, this.pos + n);
    this.pos += n;
    return out;
  }

  /** varint32 length + bytes. */
  slice(): Uint8Array {
    return this.bytes(this.varint32());
  }

  skip(n: number): void {
    if (n < 0 || this.pos + n > this.end) throw new RocksFormatError('skip past the end');
    this.pos += n;
  }
}

/** Unsigned bytewise comparison, RocksDB's BytewiseComparator. */
export function compareBytes(a: Uint8Array, aLen: number, b: Uint8Array, bLen: number): number {
  const n = aLen < bLen ? aLen : bLen;
  for (let i = 0; i < n; i++) {
    const d = a[i] - b[i];
    if (d !== 0) return d;
  }
  return aLen - bLen;
}

/** True when `key[0..keyLen)` begins with `prefix`. */
export function hasPrefix(key: Uint8Array, keyLen: number, prefix: Uint8Array): boolean {
  if (keyLen < prefix.length) return false;
  for (let i = prefix.length - 1; i >= 0; i--) if (key[i] !== prefix[i]) return false;
  return true;
}

/** Length of the common prefix of two byte ranges. */
export function commonPrefix(a: Uint8Array, aLen: number, b: Uint8Array, bLen: number): number {
  const n = aLen < bLen ? aLen : bLen;
  let i = 0;
  while (i < n && a[i] === b[i]) i++;
  return i;
}

const latin1 = new TextDecoder('latin1');
/** Printable form of a key for messages: ASCII kept, other bytes as \xNN. */
export function describeKey(key: Uint8Array, max = 80): string {
  let out = '';
  for (let i = 0; i < key.length && out.length < max; i++) {
    const b = key[i];
    out += b >= 0x20 && b < 0x7f ? latin1.decode(key.subarray(i, i + 1)) : `\\x${b.toString(16).padStart(2, '0')}`;
  }
  return key.length > 0 && out.length >= max ? out + '…' : out;
}
