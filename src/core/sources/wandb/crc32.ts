// CRC-32/IEEE (zlib's crc32), the checksum of W&B's transaction log chunks.
// Node >= 20.15 has zlib.crc32 in native code; older runtimes (an older VS Code) use the table.
import * as zlib from 'node:zlib';

// Slicing-by-8 tables (Int32Array: the XORs stay small integers, no heap numbers).
const TABLES: Int32Array[] = (() => {
  const t0 = new Int32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? (c >>> 1) ^ 0xedb88320 : c >>> 1;
    t0[n] = c;
  }
  const tables = [t0];
  for (let s = 1; s < 8; s++) {
    const prev = tables[s - 1];
    const t = new Int32Array(256);
    for (let n = 0; n < 256; n++) t[n] = (prev[n] >>> 8) ^ t0[prev[n] & 0xff];
    tables.push(t);
  }
  return tables;
})();
const [T0, T1, T2, T3, T4, T5, T6, T7] = TABLES;

function tableCrc32(data: Uint8Array, initial: number, start = 0, end = data.length): number {
  let crc = ~initial;
  let i = start;
  const fastEnd = end - 8;
  while (i <= fastEnd) {
    const a = crc ^ (data[i] | (data[i + 1] << 8) | (data[i + 2] << 16) | (data[i + 3] << 24));
    crc = T7[a & 0xff] ^ T6[(a >>> 8) & 0xff] ^ T5[(a >>> 16) & 0xff] ^ T4[a >>> 24] ^ T3[data[i + 4]] ^ T2[data[i + 5]] ^ T1[data[i + 6]] ^ T0[data[i + 7]];
    i += 8;
  }
  while (i < end) crc = T0[(crc ^ data[i++]) & 0xff] ^ (crc >>> 8);
  return ~crc >>> 0;
}

type Crc32 = (data: Uint8Array, initial: number) => number;
const native = (zlib as unknown as { crc32?: Crc32 }).crc32;

/** Below this many bytes the JS loop beats zlib.crc32's per-call cost (W&B chunks are mostly one small record). */
const NATIVE_FROM = 512;

/** zlib.crc32(data, initial): `initial` continues a running CRC. */
export const crc32: Crc32 = typeof native === 'function' ? (d, i) => (d.length < NATIVE_FROM ? tableCrc32(d, i) : native(d, i) >>> 0) : tableCrc32;

/** CRC-32 (initial 0) of data[start, end) without a subarray per call. */
export function crc32Range(data: Uint8Array, start: number, end: number): number {
  return typeof native === 'function' && end - start >= NATIVE_FROM ? native(data.subarray(start, end), 0) >>> 0 : tableCrc32(data, 0, start, end);
}

/** Exposed for the test that checks both paths agree. */
export const crc32Portable: Crc32 = (d, i) => tableCrc32(d, i);
