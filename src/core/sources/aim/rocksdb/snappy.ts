// Snappy block decompression (github.com/google/snappy format_description.txt), as RocksDB uses it
// for data blocks: a varint of the uncompressed length, then literal and copy elements. Our own
// decoder rather than snappyjs's: that one copies every literal and match byte by byte through helper
// calls (20 % of an Aim read), and it neither checks that a copy fits the output nor that the output
// comes out exactly as long as the header says. This one copies long runs with set/copyWithin and
// rejects any element that reads or writes out of bounds, and any length mismatch.

/** Result of readSnappyLength: the uncompressed length and where the elements start. */
export interface SnappyHeader {
  length: number;
  start: number;
}

/** The uncompressed length header (a varint32) of a Snappy block, or undefined when it is malformed. */
export function readSnappyLength(src: Uint8Array): SnappyHeader | undefined {
  let result = 0;
  for (let i = 0, shift = 0; i < 5 && i < src.length; i++, shift += 7) {
    const c = src[i];
    result += (c & 0x7f) * 2 ** shift;
    if (c < 0x80) return result > 0xffffffff ? undefined : { length: result, start: i + 1 };
  }
  return undefined;
}

/** Runs at most this long are copied byte by byte: cheaper than making a subarray for set(). */
const SHORT_RUN = 24;

/**
 * Decompresses the elements of src[start, end) into all of `out` (its length is the header's length).
 * False when the data is corrupt: an element past the input, a copy from before the output's start or
 * past its end, or an output that is not filled exactly.
 */
export function snappyDecompress(src: Uint8Array, start: number, end: number, out: Uint8Array): boolean {
  const outLen = out.length;
  let pos = start;
  let op = 0;
  while (pos < end) {
    const c = src[pos++];
    const tag = c & 3;
    if (tag === 0) {
      // literal: length - 1 in the tag's upper 6 bits, or in the 1–4 bytes after it (60–63)
      let len = c >>> 2;
      if (len >= 60) {
        const extra = len - 59;
        if (extra > end - pos) return false;
        len = src[pos];
        if (extra > 1) len |= src[pos + 1] << 8;
        if (extra > 2) len |= src[pos + 2] << 16;
        if (extra > 3) len = (len | (src[pos + 3] << 24)) >>> 0;
        pos += extra;
      }
      len += 1;
      if (len > end - pos || len > outLen - op) return false;
      if (len <= 8 && op + 8 <= outLen && pos + 8 <= end) {
        // most literals are short (Aim blocks: ~8 bytes): copy 8 unconditionally, no loop; bytes past
        // `len` are overwritten by the next elements (the output must come out filled exactly)
        out[op] = src[pos];
        out[op + 1] = src[pos + 1];
        out[op + 2] = src[pos + 2];
        out[op + 3] = src[pos + 3];
        out[op + 4] = src[pos + 4];
        out[op + 5] = src[pos + 5];
        out[op + 6] = src[pos + 6];
        out[op + 7] = src[pos + 7];
      } else if (len <= SHORT_RUN) {
        for (let k = 0; k < len; k++) out[op + k] = src[pos + k];
      } else out.set(src.subarray(pos, pos + len), op);
      pos += len;
      op += len;
      continue;
    }
    let len: number;
    let offset: number;
    if (tag === 1) {
      // 4–11 bytes, 11-bit offset
      if (pos >= end) return false;
      len = ((c >>> 2) & 7) + 4;
      offset = ((c >>> 5) << 8) | src[pos];
      pos += 1;
    } else if (tag === 2) {
      // 1–64 bytes, 16-bit offset
      if (pos + 2 > end) return false;
      len = (c >>> 2) + 1;
      offset = src[pos] | (src[pos + 1] << 8);
      pos += 2;
    } else {
      // 1–64 bytes, 32-bit offset
      if (pos + 4 > end) return false;
      len = (c >>> 2) + 1;
      offset = (src[pos] | (src[pos + 1] << 8) | (src[pos + 2] << 16) | (src[pos + 3] << 24)) >>> 0;
      pos += 4;
    }
    if (offset === 0 || offset > op || len > outLen - op) return false;
    const from = op - offset;
    // an overlapping copy (offset < len) repeats the last `offset` bytes: it must go byte by byte
    if (len <= 8 && offset >= 8 && op + 8 <= outLen) {
      // the common short copy (4–11 bytes from a 1-byte-offset element): 8 bytes at once, as for literals;
      // offset >= 8 means the 8 bytes read all lie before op, so the overcopy cannot feed on itself
      out[op] = out[from];
      out[op + 1] = out[from + 1];
      out[op + 2] = out[from + 2];
      out[op + 3] = out[from + 3];
      out[op + 4] = out[from + 4];
      out[op + 5] = out[from + 5];
      out[op + 6] = out[from + 6];
      out[op + 7] = out[from + 7];
    } else if (len > SHORT_RUN && offset >= len) out.copyWithin(op, from, from + len);
    else for (let k = 0; k < len; k++) out[op + k] = out[from + k];
    op += len;
  }
  return op === outLen;
}
