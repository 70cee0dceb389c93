// Little byte helpers every binary reader needs (RocksDB, LevelDB logs, TFRecord, SQLite pages).
// Callers bounds-check before calling: these are on hot paths and stay branch-free.

/** The unsigned 32-bit little-endian integer at buf[p, p+4). */
export function readUint32LE(buf: Uint8Array, p: number): number {
  return (buf[p] | (buf[p + 1] << 8) | (buf[p + 2] << 16) | (buf[p + 3] << 24)) >>> 0;
}

/** The parts joined into one new array. */
export function concatBytes(parts: readonly Uint8Array[]): Uint8Array {
  let total = 0;
  for (const p of parts) total += p.length;
  const out = new Uint8Array(total);
  let o = 0;
  for (const p of parts) {
    out.set(p, o);
    o += p.length;
  }
  return out;
}
