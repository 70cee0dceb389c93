// Aim's key/value encoding for the test writers, from spec §4: path segments end in 0xFE, integer
// segments are 0xFE + int64 big-endian + 0xFE; values start with a type byte.
import { ByteWriter, concatBytes, utf8 } from './byte-writer';

export type Segment = string | bigint;
/** A value to encode: bigint = int64, number = float64 (use intValue() for ints). */
export type Encodable = null | boolean | number | bigint | string | Uint8Array | { $flag: 'array' | 'object' } | { $custom: string };

export function encodeKey(segments: Segment[]): Uint8Array {
  const parts: Uint8Array[] = [];
  for (const s of segments) {
    if (typeof s === 'bigint') {
      const b = new Uint8Array(10);
      b[0] = 0xfe;
      new DataView(b.buffer).setBigInt64(1, BigInt.asIntN(64, s), false);
      b[9] = 0xfe;
      parts.push(b);
    } else {
      parts.push(utf8(s), new Uint8Array([0xfe]));
    }
  }
  return concatBytes(parts);
}

export function encodeValue(v: Encodable): Uint8Array {
  if (v === null) return new Uint8Array([0x00]);
  if (typeof v === 'boolean') return new Uint8Array([0x01, v ? 1 : 0]);
  if (typeof v === 'bigint') return new ByteWriter().u8(0x02).fixed64(BigInt.asUintN(64, v)).done();
  if (typeof v === 'number') {
    const b = new Uint8Array(9);
    b[0] = 0x03;
    new DataView(b.buffer).setFloat64(1, v, true);
    return b;
  }
  if (typeof v === 'string') return concatBytes([new Uint8Array([0x04]), utf8(v)]);
  if (v instanceof Uint8Array) return concatBytes([new Uint8Array([0x05]), v]);
  if ('$flag' in v) return new Uint8Array([v.$flag === 'array' ? 0x06 : 0x07]);
  return concatBytes([new Uint8Array([0x0f]), utf8(v.$custom)]);
}

export type Record = [Uint8Array, Uint8Array];

/**
 * Flattens a JS value the way Aim stores a tree: dicts by key (an empty dict gets an ObjectFlag),
 * lists as an ArrayFlag plus int-keyed elements, integers as int64 and other numbers as float64.
 */
export function unfold(path: Segment[], value: unknown, out: Record[] = []): Record[] {
  if (Array.isArray(value)) {
    out.push([encodeKey(path), encodeValue({ $flag: 'array' })]);
    value.forEach((v, i) => unfold([...path, BigInt(i)], v, out));
  } else if (value !== null && typeof value === 'object' && !(value instanceof Uint8Array)) {
    const entries = Object.entries(value as { [k: string]: unknown });
    if (entries.length === 0) out.push([encodeKey(path), encodeValue({ $flag: 'object' })]);
    for (const [k, v] of entries) unfold([...path, k], v, out);
  } else if (typeof value === 'number' && Number.isInteger(value)) {
    out.push([encodeKey(path), encodeValue(BigInt(value))]);
  } else {
    out.push([encodeKey(path), encodeValue(value as Encodable)]);
  }
  return out;
}

/** A stable signed 64-bit id (FNV-1a) standing in for Aim's hash_auto; readers never recompute it. */
export function hash64(text: string): bigint {
  let h = 0xcbf29ce484222325n;
  for (const b of utf8(text)) {
    h ^= BigInt(b);
    h = (h * 0x100000001b3n) & 0xffffffffffffffffn;
  }
  return BigInt.asIntN(64, h);
}

/**
 * A scrambled 64-bit key per step (v2 layout) as [hi, lo] uint32 halves, so keys are not in step
 * order (as with Aim's hash_auto). Integer-only mixing keeps big workloads fast.
 */
export function stepKeyParts(step: number): [number, number] {
  const lo0 = step >>> 0;
  const hi0 = Math.floor(step / 4294967296) >>> 0;
  let a = Math.imul(lo0 ^ 0x9e3779b9, 0x85ebca6b) ^ hi0;
  a = Math.imul(a ^ (a >>> 13), 0xc2b2ae35);
  a ^= a >>> 16;
  let b = Math.imul(lo0 ^ 0x7f4a7c15 ^ a, 0x27d4eb2f);
  b = Math.imul(b ^ (b >>> 15), 0x165667b1);
  b ^= b >>> 16;
  return [a >>> 0, b >>> 0];
}

export function stepKey(step: number): bigint {
  const [hi, lo] = stepKeyParts(step);
  return BigInt.asIntN(64, (BigInt(hi) << 32n) | BigInt(lo));
}

export function contextId(context: { [k: string]: unknown }): bigint {
  const keys = Object.keys(context).sort();
  return hash64(JSON.stringify(keys.map((k) => [k, context[k]])));
}
