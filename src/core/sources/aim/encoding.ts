// Aim's key and value encoding (aim/storage/encoding/encoding.pyx), per ../shared/specs/aim-format.md §4.
// Keys are paths: a string segment is UTF-8 + 0xFE; an integer segment is 0xFE + int64 big-endian
// + 0xFE. Values carry a type byte first. 0xFE never occurs in UTF-8, so it is a safe separator.
import { concatBytes } from '../../util/bytes';

export const SEP = 0xfe;

export type PathSegment = string | bigint;

export type AimValue =
  | { t: 'none' }
  | { t: 'bool'; v: boolean }
  | { t: 'int'; v: number; big: bigint }
  | { t: 'float'; v: number }
  | { t: 'str'; v: string }
  | { t: 'bytes'; v: Uint8Array }
  | { t: 'array' }
  | { t: 'object' }
  | { t: 'custom'; typeName: string }
  /** Zero-length value: the real one lives at `BLOBS\xfe` + key. */
  | { t: 'blob' }
  | { t: 'unknown'; typeByte: number };

export const T_NONE = 0x00;
export const T_BOOL = 0x01;
export const T_INT = 0x02;
export const T_FLOAT = 0x03;
export const T_STR = 0x04;
export const T_BYTES = 0x05;
export const T_ARRAY = 0x06;
export const T_OBJECT = 0x07;
export const T_CUSTOM = 0x0f;

const utf8 = new TextDecoder('utf-8', { fatal: false });
const utf8Encoder = new TextEncoder();

export class AimKeyError extends Error {}

/** Decodes key bytes [start, end) into path segments. Throws AimKeyError on malformed keys. */
export function decodePath(buf: Uint8Array, start = 0, end = buf.length): PathSegment[] {
  const out: PathSegment[] = [];
  let p = start;
  while (p < end) {
    if (buf[p] === SEP) {
      // Integer segment: FE + 8 bytes (which may contain FE themselves) + FE.
      if (p + 10 > end || buf[p + 9] !== SEP) throw new AimKeyError('malformed integer path segment');
      out.push(readInt64BE(buf, p + 1));
      p += 10;
    } else {
      let q = p;
      while (q < end && buf[q] !== SEP) q++;
      if (q >= end) throw new AimKeyError('path segment without terminator');
      out.push(utf8.decode(buf.subarray(p, q)));
      p = q + 1;
    }
  }
  return out;
}

export function encodePath(segments: PathSegment[]): Uint8Array {
  const parts: Uint8Array[] = [];
  for (const s of segments) {
    let bytes: Uint8Array;
    if (typeof s === 'bigint') {
      bytes = new Uint8Array(10);
      bytes[0] = SEP;
      new DataView(bytes.buffer).setBigInt64(1, s, false);
      bytes[9] = SEP;
    } else {
      const text = utf8Encoder.encode(s);
      bytes = new Uint8Array(text.length + 1);
      bytes.set(text);
      bytes[text.length] = SEP;
    }
    parts.push(bytes);
  }
  return concatBytes(parts);
}

export function readInt64BE(buf: Uint8Array, off: number): bigint {
  return new DataView(buf.buffer, buf.byteOffset + off, 8).getBigInt64(0, false);
}

/** Decodes a value from buf[off, off+len). Never throws: malformed values become 'unknown'. */
export function decodeValue(buf: Uint8Array, off: number, len: number): AimValue {
  if (len === 0) return { t: 'blob' };
  const type = buf[off];
  const body = len - 1;
  const view = () => new DataView(buf.buffer, buf.byteOffset + off + 1, body);
  switch (type) {
    case T_NONE:
      return { t: 'none' };
    case T_BOOL:
      return body >= 1 ? { t: 'bool', v: buf[off + 1] !== 0 } : { t: 'unknown', typeByte: type };
    case T_INT: {
      if (body < 8) return { t: 'unknown', typeByte: type };
      const big = view().getBigInt64(0, true);
      return { t: 'int', v: Number(big), big };
    }
    case T_FLOAT:
      return body >= 8 ? { t: 'float', v: view().getFloat64(0, true) } : { t: 'unknown', typeByte: type };
    case T_STR:
      return { t: 'str', v: utf8.decode(buf.subarray(off + 1, off + len)) };
    case T_BYTES:
      return { t: 'bytes', v: buf.slice(off + 1, off + len) };
    case T_ARRAY:
      return { t: 'array' };
    case T_OBJECT:
      return { t: 'object' };
    case T_CUSTOM:
      return { t: 'custom', typeName: utf8.decode(buf.subarray(off + 1, off + len)) };
    default:
      return { t: 'unknown', typeByte: type };
  }
}

/** A value as a plain number when it is one (int, float, bool); undefined otherwise. */
export function numericValue(v: AimValue): number | undefined {
  if (v.t === 'int' || v.t === 'float') return v.v;
  if (v.t === 'bool') return v.v ? 1 : 0;
  return undefined;
}
