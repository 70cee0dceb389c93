// CRC-32C (Castagnoli, reflected polynomial 0x82F63B78), as used by TFRecord framing and by
// RocksDB block trailers and log records. Slicing-by-8 tables: the TensorBoard and Aim readers
// check a CRC over every byte they read, so this loop is the throughput floor of both.

const POLY = 0x82f63b78;
const TABLES: Uint32Array[] = buildTables();

function buildTables(): Uint32Array[] {
  const t0 = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? (c >>> 1) ^ POLY : c >>> 1;
    t0[n] = c >>> 0;
  }
  const tables = [t0];
  for (let s = 1; s < 8; s++) {
    const prev = tables[s - 1];
    const t = new Uint32Array(256);
    for (let n = 0; n < 256; n++) t[n] = (prev[n] >>> 8) ^ t0[prev[n] & 0xff];
    tables.push(t);
  }
  return tables;
}

const [T0, T1, T2, T3, T4, T5, T6, T7] = TABLES;

/** CRC-32C of bytes[start, end). */
export function crc32c(bytes: Uint8Array, start = 0, end = bytes.length): number {
  let crc = 0xffffffff;
  let i = start;
  // Eight bytes per step; the tail byte by byte.
  const fastEnd = end - 8;
  while (i <= fastEnd) {
    const a = (crc ^ (bytes[i] | (bytes[i + 1] << 8) | (bytes[i + 2] << 16) | (bytes[i + 3] << 24))) >>> 0;
    crc =
      T7[a & 0xff] ^
      T6[(a >>> 8) & 0xff] ^
      T5[(a >>> 16) & 0xff] ^
      T4[a >>> 24] ^
      T3[bytes[i + 4]] ^
      T2[bytes[i + 5]] ^
      T1[bytes[i + 6]] ^
      T0[bytes[i + 7]];
    i += 8;
  }
  while (i < end) crc = T0[(crc ^ bytes[i++]) & 0xff] ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}

/** CRC-32C of exactly the 8 bytes at bytes[i] (a TFRecord length field): one slicing step, no loop. */
export function crc32c8(bytes: Uint8Array, i: number): number {
  const a = ~(bytes[i] | (bytes[i + 1] << 8) | (bytes[i + 2] << 16) | (bytes[i + 3] << 24)) >>> 0;
  const crc =
    T7[a & 0xff] ^
    T6[(a >>> 8) & 0xff] ^
    T5[(a >>> 16) & 0xff] ^
    T4[a >>> 24] ^
    T3[bytes[i + 4]] ^
    T2[bytes[i + 5]] ^
    T1[bytes[i + 6]] ^
    T0[bytes[i + 7]];
  return (crc ^ 0xffffffff) >>> 0;
}

const MASK_DELTA = 0xa282ead8;

/** The LevelDB-family masked CRC (TFRecord, RocksDB): rotate right by 15 and add a constant,
 * so CRCs of data that itself contains CRCs stay well spread. */
export function maskCrc(crc: number): number {
  return ((((crc >>> 15) | (crc << 17)) >>> 0) + MASK_DELTA) >>> 0;
}

/** Inverse of maskCrc: RocksDB stores masked CRCs and compares them unmasked. */
export function unmaskCrc(masked: number): number {
  const rot = (masked - MASK_DELTA) >>> 0;
  return ((rot >>> 17) | (rot << 15)) >>> 0;
}

export function maskedCrc32c(bytes: Uint8Array, start = 0, end = bytes.length): number {
  return maskCrc(crc32c(bytes, start, end));
}
