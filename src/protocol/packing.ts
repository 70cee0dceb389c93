// Typed arrays travel packed: every typed array of a message is copied into ONE buffer and replaced by
// a small reference (kind, byte offset, length) in the JSON part. VS Code's extension-host → webview
// channel sends each typed array as a separate transferred argument and keeps their count in one byte
// (rpcProtocol's writeMixedArray), so a message with 4 arrays per series silently lost everything past
// 63 series; with one buffer per message the count is always 1 (DESIGN.md §4). Pure: used by the host,
// the webviews and the tests alike.

/** No message (JSON part + buffer) larger than this: larger results are sent in chunks. */
export const MAX_MESSAGE_BYTES = 2 * 1024 * 1024;

const KINDS = {
  f32: Float32Array,
  f64: Float64Array,
  u8: Uint8Array,
  i32: Int32Array,
  u32: Uint32Array,
} as const;
type Kind = keyof typeof KINDS;
type Typed = InstanceType<(typeof KINDS)[Kind]>;

/** The reference that stands for one typed array inside the JSON part (a non-finite number is `{ $num }`). */
interface ArrayRef {
  $array: Kind;
  offset: number;
  length: number;
}

/** What goes over the wire: the message with references, and the one buffer they point into. */
export interface PackedMessage {
  $packed: 1;
  body: unknown;
  buffer: Uint8Array;
}

function kindOf(v: unknown): Kind | undefined {
  if (v instanceof Float32Array) return 'f32';
  if (v instanceof Float64Array) return 'f64';
  if (v instanceof Uint8Array) return 'u8';
  if (v instanceof Int32Array) return 'i32';
  if (v instanceof Uint32Array) return 'u32';
  return undefined;
}

const align8 = (n: number) => (n + 7) & ~7;

/** Packs a message: typed arrays anywhere inside it (objects, arrays) become references into one buffer. */
export function packMessage(message: unknown): PackedMessage {
  const arrays: Typed[] = [];
  let size = 0;
  const walk = (v: unknown): unknown => {
    // The channel's JSON part would turn NaN and ±Infinity into null (a NaN edge point, a diverged value).
    if (typeof v === 'number' && !Number.isFinite(v)) return { $num: String(v) };
    if (v === null || typeof v !== 'object') return v;
    const kind = kindOf(v);
    if (kind) {
      const a = v as Typed;
      const offset = size;
      arrays.push(a);
      size = align8(size + a.byteLength);
      return { $array: kind, offset, length: a.length } satisfies ArrayRef;
    }
    if (ArrayBuffer.isView(v) || v instanceof ArrayBuffer) throw new TypeError('packMessage: unsupported binary value');
    if (Array.isArray(v)) return v.map(walk);
    const out: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(v)) if (x !== undefined) Object.defineProperty(out, k, { value: walk(x), enumerable: true, writable: true, configurable: true });
    return out;
  };
  const body = walk(message);
  // An exactly-sized, 8-aligned buffer of its own: VS Code transfers a view's whole ArrayBuffer.
  const buffer = new Uint8Array(new ArrayBuffer(size));
  let offset = 0;
  for (const a of arrays) {
    buffer.set(new Uint8Array(a.buffer, a.byteOffset, a.byteLength), offset);
    offset = align8(offset + a.byteLength);
  }
  return { $packed: 1, body, buffer };
}

const NON_FINITE = { NaN: NaN, Infinity: Infinity, '-Infinity': -Infinity } as const;

const own = (o: object, k: string) => Object.prototype.hasOwnProperty.call(o, k);

export function isPackedMessage(v: unknown): v is PackedMessage {
  return typeof v === 'object' && v !== null && own(v, '$packed') && (v as PackedMessage).$packed === 1 && own(v, 'body') && own(v, 'buffer') && (v as PackedMessage).buffer instanceof Uint8Array;
}

function isArrayRef(v: Record<string, unknown>): v is Record<string, unknown> & ArrayRef {
  const keys = Object.keys(v);
  return keys.length === 3 && own(v, '$array') && own(v, 'offset') && own(v, 'length') && typeof v.$array === 'string' && own(KINDS, v.$array);
}

/**
 * The message a packed one stands for, with typed arrays as views of (an aligned copy of) the buffer.
 * A message that is not packed comes back as it is. A reference that does not fit the buffer is left as
 * a plain object, so the receiver's guard rejects the message instead of reading outside the buffer.
 */
export function unpackMessage(raw: unknown): unknown {
  if (!isPackedMessage(raw)) return raw;
  let bytes = raw.buffer;
  // Float64 views need an 8-aligned offset: copy when the channel handed us a view that is not.
  if (bytes.byteOffset % 8 !== 0) bytes = bytes.slice();
  const walk = (v: unknown, depth: number): unknown => {
    if (v === null || typeof v !== 'object' || depth > 64) return v;
    if (Array.isArray(v)) return v.map((x) => walk(x, depth + 1));
    const o = v as Record<string, unknown>;
    if (Object.keys(o).length === 1 && own(o, '$num') && typeof o.$num === 'string' && own(NON_FINITE, o.$num)) return NON_FINITE[o.$num as keyof typeof NON_FINITE];
    if (isArrayRef(o)) {
      const Ctor = KINDS[o.$array];
      const { offset, length } = o;
      const fits =
        Number.isInteger(offset) && Number.isInteger(length) && offset >= 0 && length >= 0 && offset % 8 === 0 && offset + length * Ctor.BYTES_PER_ELEMENT <= bytes.byteLength;
      return fits ? new Ctor(bytes.buffer as ArrayBuffer, bytes.byteOffset + offset, length) : o;
    }
    return Object.fromEntries(Object.entries(o).map(([k, x]) => [k, walk(x, depth + 1)]));
  };
  return walk(raw.body, 0);
}

/** A rough size of a value on the wire (JSON text + typed array bytes), for chunking. */
export function wireBytes(v: unknown): number {
  if (v === null || v === undefined) return 4;
  switch (typeof v) {
    case 'string':
      return v.length + 2;
    case 'number':
      return 12;
    case 'boolean':
      return 5;
    case 'object': {
      if (ArrayBuffer.isView(v)) return v.byteLength + 48;
      let n = 2;
      if (Array.isArray(v)) for (const x of v) n += wireBytes(x) + 1;
      else for (const [k, x] of Object.entries(v)) n += k.length + 4 + wireBytes(x);
      return n;
    }
    default:
      return 0;
  }
}

/**
 * Splits items into consecutive chunks of at most `maxBytes` each (by wireBytes); the first chunk gets
 * `firstMaxBytes` (room left next to the rest of the first message). Every chunk holds at least one
 * item, so an item larger than the budget travels alone rather than being dropped. Never empty.
 */
export function chunkBySize<T>(items: readonly T[], maxBytes: number, firstMaxBytes = maxBytes): T[][] {
  const chunks: T[][] = [[]];
  let used = 0;
  let budget = firstMaxBytes;
  for (const item of items) {
    const size = wireBytes(item);
    const current = chunks[chunks.length - 1]!;
    if (current.length && used + size > budget) {
      chunks.push([item]);
      used = size;
      budget = maxBytes;
    } else {
      current.push(item);
      used += size;
    }
  }
  return chunks;
}
