// Schema-less protobuf wire reader: varints, fixed32/64, length-delimited fields.
// Readers that decode protobuf payloads (TensorBoard events, W&B records) walk fields with it
// and pick the field numbers they know; unknown fields are skipped by wire type, as protobuf intends.
// Every read is bounds-checked and throws ProtoError, which callers turn into a per-file message.

export class ProtoError extends Error {}

export const WIRE_VARINT = 0;
export const WIRE_FIXED64 = 1;
export const WIRE_LEN = 2;
export const WIRE_FIXED32 = 5;

const utf8 = new TextDecoder('utf-8');
// Node's Buffer has a native latin1 slice that works on any Uint8Array; for ASCII bytes it equals UTF-8 and costs
// about half of TextDecoder.decode on the short keys and JSON values records are made of (W&B: 38 % of the read).
const latin1Slice = (globalThis as { Buffer?: { prototype: { latin1Slice?: (this: Uint8Array, start: number, end: number) => string } } }).Buffer?.prototype
  .latin1Slice;

export class ProtoReader {
  pos: number;
  readonly end: number;
  private view: DataView | undefined;

  constructor(
    readonly buf: Uint8Array,
    start = 0,
    end = buf.length,
  ) {
    this.pos = start;
    this.end = end;
  }

  done(): boolean {
    return this.pos >= this.end;
  }

  /** Next field key as fieldNumber * 8 + wireType (a plain varint). */
  tag(): number {
    return this.uint32();
  }

  /** A varint that fits 32 bits (tags, lengths, enums, int32). Longer varints are range-checked. */
  uint32(): number {
    const buf = this.buf;
    let result = 0;
    let shift = 0;
    while (shift < 35) {
      if (this.pos >= this.end) throw new ProtoError('truncated varint');
      const b = buf[this.pos++];
      result |= (b & 0x7f) << shift;
      if (b < 0x80) return result >>> 0;
      shift += 7;
    }
    // Negative int32 values are sign-extended to 10 bytes; keep the low 32 bits.
    for (let i = 0; i < 5; i++) {
      if (this.pos >= this.end) throw new ProtoError('truncated varint');
      if (buf[this.pos++] < 0x80) return result >>> 0;
    }
    throw new ProtoError('varint longer than 10 bytes');
  }

  /** int32 field (two's complement, sign-extended on the wire). */
  int32(): number {
    return this.uint32() | 0;
  }

  /** int64 as a Number: exact up to 2^53 in magnitude; negative values decode correctly. */
  int64(): number {
    const buf = this.buf;
    let lo = 0;
    let hi = 0;
    let i = 0;
    for (; i < 10; i++) {
      if (this.pos >= this.end) throw new ProtoError('truncated varint');
      const b = buf[this.pos++];
      if (i < 4) lo |= (b & 0x7f) << (7 * i);
      else if (i === 4) {
        lo |= (b & 0x0f) << 28;
        hi |= (b & 0x7f) >>> 4;
      } else hi |= (b & 0x7f) << (7 * i - 32);
      if (b < 0x80) break;
    }
    if (i === 10) throw new ProtoError('varint longer than 10 bytes');
    lo >>>= 0;
    hi >>>= 0;
    if (hi & 0x80000000) {
      // two's complement negative
      const nlo = (~lo + 1) >>> 0;
      const nhi = (~hi + (nlo === 0 ? 1 : 0)) >>> 0;
      return -(nhi * 4294967296 + nlo);
    }
    return hi * 4294967296 + lo;
  }

  bool(): boolean {
    return this.int64() !== 0;
  }

  private dv(): DataView {
    if (!this.view) this.view = new DataView(this.buf.buffer, this.buf.byteOffset, this.buf.byteLength);
    return this.view;
  }

  double(): number {
    if (this.pos + 8 > this.end) throw new ProtoError('truncated fixed64');
    const v = this.dv().getFloat64(this.pos, true);
    this.pos += 8;
    return v;
  }

  float(): number {
    if (this.pos + 4 > this.end) throw new ProtoError('truncated fixed32');
    const v = this.dv().getFloat32(this.pos, true);
    this.pos += 4;
    return v;
  }

  fixed32(): number {
    if (this.pos + 4 > this.end) throw new ProtoError('truncated fixed32');
    const v = this.dv().getUint32(this.pos, true);
    this.pos += 4;
    return v;
  }

  /** A length-delimited field's bytes (a view, not a copy). */
  bytes(): Uint8Array {
    const len = this.uint32();
    if (len > this.end - this.pos) throw new ProtoError('length-delimited field runs past its message');
    const out = this.buf.subarray(this.pos, this.pos + len);
    this.pos += len;
    return out;
  }

  /** A nested message as a reader over the same buffer. */
  message(): ProtoReader {
    const len = this.uint32();
    if (len > this.end - this.pos) throw new ProtoError('nested message runs past its parent');
    const r = new ProtoReader(this.buf, this.pos, this.pos + len);
    this.pos += len;
    return r;
  }

  string(): string {
    const len = this.uint32();
    if (len > this.end - this.pos) throw new ProtoError('length-delimited field runs past its message');
    const buf = this.buf;
    const start = this.pos;
    const end = start + len;
    this.pos = end;
    if (latin1Slice && len <= 256) {
      let i = start;
      while (i < end && buf[i] < 0x80) i++;
      if (i === end) return latin1Slice.call(buf, start, end);
    }
    return utf8.decode(buf.subarray(start, end));
  }

  /** Skips one field's value by its wire type (the tag already read). */
  skip(wireType: number): void {
    switch (wireType) {
      case WIRE_VARINT:
        this.int64();
        return;
      case WIRE_FIXED64:
        if (this.pos + 8 > this.end) throw new ProtoError('truncated fixed64');
        this.pos += 8;
        return;
      case WIRE_LEN: {
        const len = this.uint32();
        if (len > this.end - this.pos) throw new ProtoError('length-delimited field runs past its message');
        this.pos += len;
        return;
      }
      case WIRE_FIXED32:
        if (this.pos + 4 > this.end) throw new ProtoError('truncated fixed32');
        this.pos += 4;
        return;
      default:
        // groups (3, 4) are deprecated and never written by these tools; 6 and 7 do not exist
        throw new ProtoError(`unsupported wire type ${wireType}`);
    }
  }
}
