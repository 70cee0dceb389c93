// Minimal protobuf wire encoder for the test/bench writers (event files, .wandb records).
// Written from the protobuf encoding spec, independent of the readers' decoders.

export class ProtoWriter {
  private buf = new Uint8Array(256);
  private len = 0;

  private ensure(n: number): void {
    if (this.len + n <= this.buf.length) return;
    let cap = this.buf.length * 2;
    while (cap < this.len + n) cap *= 2;
    const next = new Uint8Array(cap);
    next.set(this.buf.subarray(0, this.len));
    this.buf = next;
  }

  raw(bytes: Uint8Array): this {
    this.ensure(bytes.length);
    this.buf.set(bytes, this.len);
    this.len += bytes.length;
    return this;
  }

  /** Unsigned varint of a non-negative integer up to 2^53, or a negative int64 (10 bytes). */
  varint(n: number | bigint): this {
    this.ensure(10);
    if (typeof n === 'number' && n >= 0 && n < 2 ** 31 && Number.isInteger(n)) {
      // fast path for the common small value (the benchmark writes millions)
      while (n >= 0x80) {
        this.buf[this.len++] = (n & 0x7f) | 0x80;
        n >>>= 7;
      }
      this.buf[this.len++] = n;
      return this;
    }
    let v = BigInt.asUintN(64, BigInt(n));
    while (v >= 0x80n) {
      this.buf[this.len++] = Number(v & 0x7fn) | 0x80;
      v >>= 7n;
    }
    this.buf[this.len++] = Number(v);
    return this;
  }

  key(field: number, wire: number): this {
    return this.varint(field * 8 + wire);
  }

  int(field: number, n: number | bigint): this {
    return this.key(field, 0).varint(n);
  }

  double(field: number, n: number): this {
    this.key(field, 1);
    this.ensure(8);
    new DataView(this.buf.buffer).setFloat64(this.len, n, true);
    this.len += 8;
    return this;
  }

  float(field: number, n: number): this {
    this.key(field, 5);
    this.ensure(4);
    new DataView(this.buf.buffer).setFloat32(this.len, n, true);
    this.len += 4;
    return this;
  }

  bytes(field: number, b: Uint8Array): this {
    return this.key(field, 2).varint(b.length).raw(b);
  }

  string(field: number, s: string): this {
    return this.bytes(field, new TextEncoder().encode(s));
  }

  message(field: number, build: (w: ProtoWriter) => void): this {
    const inner = new ProtoWriter();
    build(inner);
    return this.bytes(field, inner.finish());
  }

  finish(): Uint8Array {
    return this.buf.slice(0, this.len);
  }
}
