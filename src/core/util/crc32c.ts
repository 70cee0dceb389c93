// CRC-32C (Castagnoli, reflected polynomial 0x82F63B78), as used by TFRecord framing and by
// RocksDB block trailers and log records. The TensorBoard and Aim readers check a CRC over every byte
// they read, so this loop is the throughput floor of both.
//
// Slicing tables in one flat Int32Array (table s at s * 256): int32 entries stay small integers for the
// JIT (Uint32Array entries above 2^31 are not), and one array means one bounds check base. Short inputs
// (TFRecord events are ~30 bytes) take slicing-by-8 over byte loads; long ones (RocksDB blocks) read
// aligned 32-bit words through an Int32Array view and take slicing-by-16, which measured 1.3–2× faster
// on 4 KB+ blocks but loses on short inputs to the cost of making the view.

const POLY = 0x82f63b78;
const T: Int32Array = buildTables(16);

function buildTables(count: number): Int32Array {
  const t = new Int32Array(256 * count);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? (c >>> 1) ^ POLY : c >>> 1;
    t[n] = c;
  }
  for (let s = 1; s < count; s++) {
    for (let n = 0; n < 256; n++) {
      const prev = t[(s - 1) * 256 + n];
      t[s * 256 + n] = (prev >>> 8) ^ t[prev & 0xff];
    }
  }
  return t;
}

/** Word reads assume the host's byte order is little-endian (every platform Node ships on); else bytes only. */
const LITTLE_ENDIAN = new Uint8Array(new Uint32Array([1]).buffer)[0] === 1;
/** Below this many bytes making a word view costs more than it saves. */
const WORDS_FROM = 256;

/** CRC-32C of bytes[start, end). */
export function crc32c(bytes: Uint8Array, start = 0, end = bytes.length): number {
  if (end - start >= WORDS_FROM && LITTLE_ENDIAN) return crcWords(bytes, start, end);
  const t = T;
  let crc = -1;
  let i = start;
  for (; i <= end - 8; i += 8) {
    const a = crc ^ (bytes[i] | (bytes[i + 1] << 8) | (bytes[i + 2] << 16) | (bytes[i + 3] << 24));
    crc =
      t[1792 + (a & 0xff)] ^
      t[1536 + ((a >>> 8) & 0xff)] ^
      t[1280 + ((a >>> 16) & 0xff)] ^
      t[1024 + (a >>> 24)] ^
      t[768 + bytes[i + 4]] ^
      t[512 + bytes[i + 5]] ^
      t[256 + bytes[i + 6]] ^
      t[bytes[i + 7]];
  }
  for (; i < end; i++) crc = t[(crc ^ bytes[i]) & 0xff] ^ (crc >>> 8);
  return ~crc >>> 0;
}

/** Slicing-by-16 over aligned words of the underlying buffer; the unaligned head and the tail byte by byte. */
function crcWords(bytes: Uint8Array, start: number, end: number): number {
  const t = T;
  const off = bytes.byteOffset;
  const w = new Int32Array(bytes.buffer, 0, (off + end) >>> 2);
  let crc = -1;
  // i walks buffer offsets; bytes[i - off] is the same byte
  let i = off + start;
  const e = off + end;
  for (; i < e && (i & 3) !== 0; i++) crc = t[(crc ^ bytes[i - off]) & 0xff] ^ (crc >>> 8);
  for (; i <= e - 16; i += 16) {
    const q = i >>> 2;
    const a = crc ^ w[q];
    const b = w[q + 1];
    const c = w[q + 2];
    const d = w[q + 3];
    crc =
      t[3840 + (a & 0xff)] ^
      t[3584 + ((a >>> 8) & 0xff)] ^
      t[3328 + ((a >>> 16) & 0xff)] ^
      t[3072 + (a >>> 24)] ^
      t[2816 + (b & 0xff)] ^
      t[2560 + ((b >>> 8) & 0xff)] ^
      t[2304 + ((b >>> 16) & 0xff)] ^
      t[2048 + (b >>> 24)] ^
      t[1792 + (c & 0xff)] ^
      t[1536 + ((c >>> 8) & 0xff)] ^
      t[1280 + ((c >>> 16) & 0xff)] ^
      t[1024 + (c >>> 24)] ^
      t[768 + (d & 0xff)] ^
      t[512 + ((d >>> 8) & 0xff)] ^
      t[256 + ((d >>> 16) & 0xff)] ^
      t[d >>> 24];
  }
  for (; i <= e - 4; i += 4) {
    const a = crc ^ w[i >>> 2];
    crc = t[768 + (a & 0xff)] ^ t[512 + ((a >>> 8) & 0xff)] ^ t[256 + ((a >>> 16) & 0xff)] ^ t[a >>> 24];
  }
  for (; i < e; i++) crc = t[(crc ^ bytes[i - off]) & 0xff] ^ (crc >>> 8);
  return ~crc >>> 0;
}

/** CRC-32C of exactly the 8 bytes at bytes[i] (a TFRecord length field): one slicing step, no loop. */
export function crc32c8(bytes: Uint8Array, i: number): number {
  const t = T;
  const a = ~(bytes[i] | (bytes[i + 1] << 8) | (bytes[i + 2] << 16) | (bytes[i + 3] << 24));
  const crc =
    t[1792 + (a & 0xff)] ^
    t[1536 + ((a >>> 8) & 0xff)] ^
    t[1280 + ((a >>> 16) & 0xff)] ^
    t[1024 + (a >>> 24)] ^
    t[768 + bytes[i + 4]] ^
    t[512 + bytes[i + 5]] ^
    t[256 + bytes[i + 6]] ^
    t[bytes[i + 7]];
  return ~crc >>> 0;
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
