// Byte building blocks for the test writers, written from ../shared/specs/aim-format.md §3
// (not from RocksDB or Aim sources), with their own CRC so reader and writer bugs cannot cancel out.

export class ByteWriter {
  private buf: Uint8Array;
  length = 0;

  constructor(initialCapacity = 64) {
    this.buf = new Uint8Array(initialCapacity);
  }

  private ensure(n: number): void {
    if (this.length + n <= this.buf.length) return;
    let cap = this.buf.length * 2;
    while (cap < this.length + n) cap *= 2;
    const next = new Uint8Array(cap);
    next.set(this.buf.subarray(0, this.length));
    this.buf = next;
  }

  u8(b: number): this {
    this.ensure(1);
    this.buf[this.length++] = b & 0xff;
    return this;
  }

  fixed32(v: number): this {
    this.ensure(4);
    for (let i = 0; i < 4; i++) this.buf[this.length++] = (v >>> (8 * i)) & 0xff;
    return this;
  }

  fixed64(v: number | bigint): this {
    const b = BigInt.asUintN(64, BigInt(v));
    this.fixed32(Number(b & 0xffffffffn));
    this.fixed32(Number(b >> 32n));
    return this;
  }

  varint(v: number | bigint): this {
    if (typeof v === 'number' && v >= 0 && v <= 0x7fffffff && Number.isInteger(v)) {
      while (v >= 0x80) {
        this.u8((v & 0x7f) | 0x80);
        v >>>= 7;
      }
      return this.u8(v);
    }
    let b = BigInt(v);
    if (b < 0n) throw new Error('varint of a negative number');
    do {
      let byte = Number(b & 0x7fn);
      b >>= 7n;
      if (b > 0n) byte |= 0x80;
      this.u8(byte);
    } while (b > 0n);
    return this;
  }

  bytes(data: Uint8Array): this {
    this.ensure(data.length);
    this.buf.set(data, this.length);
    this.length += data.length;
    return this;
  }

  slice(data: Uint8Array): this {
    return this.varint(data.length).bytes(data);
  }

  done(): Uint8Array {
    return this.buf.slice(0, this.length);
  }
}

// Plain one-table CRC-32C (Castagnoli, reflected polynomial 0x82F63B78).
const TABLE = (() => {
  const t = new Uint32Array(256);
  for (let i = 0; i < 256; i++) {
    let c = i;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0x82f63b78 ^ (c >>> 1) : c >>> 1;
    t[i] = c >>> 0;
  }
  return t;
})();

export function crc32cOf(...parts: Uint8Array[]): number {
  let c = 0xffffffff;
  for (const p of parts) for (let i = 0; i < p.length; i++) c = TABLE[(c ^ p[i]) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

/** RocksDB stores CRCs rotated right by 15 bits plus a constant. */
export function maskedCrc(...parts: Uint8Array[]): number {
  const c = crc32cOf(...parts);
  return ((((c >>> 15) | (c << 17)) >>> 0) + 0xa282ead8) >>> 0;
}

export const utf8 = (s: string): Uint8Array => new TextEncoder().encode(s);

export function concatBytes(parts: Uint8Array[]): Uint8Array {
  let n = 0;
  for (const p of parts) n += p.length;
  const out = new Uint8Array(n);
  let o = 0;
  for (const p of parts) {
    out.set(p, o);
    o += p.length;
  }
  return out;
}

export function compareKeys(a: Uint8Array, b: Uint8Array): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) if (a[i] !== b[i]) return a[i] - b[i];
  return a.length - b.length;
}

/** user key + 8-byte little-endian (seq << 8 | type). */
export function internalKey(userKey: Uint8Array, seq: number, type: number): Uint8Array {
  const out = new Uint8Array(userKey.length + 8);
  out.set(userKey);
  const o = userKey.length;
  out[o] = type;
  // seq in the upper 56 bits: 24 low bits here, the rest as a uint32 above
  out[o + 1] = seq & 0xff;
  out[o + 2] = (seq >>> 8) & 0xff;
  out[o + 3] = (seq >>> 16) & 0xff;
  const hi = Math.floor(seq / 0x1000000);
  out[o + 4] = hi & 0xff;
  out[o + 5] = (hi >>> 8) & 0xff;
  out[o + 6] = (hi >>> 16) & 0xff;
  out[o + 7] = (hi >>> 24) & 0xff;
  return out;
}
