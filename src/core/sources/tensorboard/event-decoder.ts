// Decodes `tensorboard.Event` protobufs (event.proto, summary.proto) into scalar points.
// Hand-written wire decoding: the hot path (Event -> Summary -> Value -> simple_value) walks bytes
// with inline varints and no per-record objects, which measured several times faster than a
// generic field reader; rarer payloads (tensors, hparams) use the generic ProtoReader.
// A malformed message inside a record whose CRC was fine is counted and skipped, never thrown.
import { ProtoError, ProtoReader } from '../../util/proto-wire';
import { ScalarColumns } from './columns';
import { decodeTensorScalar } from './tensor-scalar';
import { decodeSessionStartHparams } from './hparams';

const utf8 = new TextDecoder('utf-8');

/** One tag seen in a file: its columns, and the plugin named by its first SummaryMetadata. */
export interface TagEntry {
  name: string;
  bytes: Uint8Array;
  /** TF2 writers send metadata only with a tag's first value; later tensor values inherit it. */
  plugin: string | undefined;
  columns: ScalarColumns;
  /** Values of this tag that were not scalars (images, histograms, hparams…). */
  nonScalar: number;
}

/** Per-file decoding state; kept between incremental reads of the same file. */
export class EventDecoder {
  readonly tags = new Map<string, TagEntry>();
  private readonly byHash = new Map<number, TagEntry[]>();
  fileVersion: string | undefined;
  records = 0;
  firstWallTime = NaN;
  lastWallTime = NaN;
  /** hparams from the hparams plugin's session_start_info (PyTorch add_hparams, Lightning). */
  hparams: Record<string, string> | undefined;
  hasHparamsPlugin = false;
  malformed = 0;
  firstMalformed: string | undefined;

  /** Decodes one Event in buf[start, end). */
  decode(buf: Uint8Array, start: number, end: number, view: DataView): void {
    this.records++;
    try {
      this.decodeEvent(buf, start, end, view);
    } catch (err) {
      // ProtoError for bad wire data; anything else (a RangeError from a view) is the same story
      this.malformed++;
      this.firstMalformed ??= err instanceof Error ? err.message : String(err);
    }
  }

  private decodeEvent(buf: Uint8Array, start: number, end: number, view: DataView): void {
    let wallTime = NaN;
    let step = 0;
    let summaryStart = -1;
    let summaryEnd = -1;
    let p = start;
    // Keys and most lengths are one byte: read inline, fall back to readVarint otherwise.
    while (p < end) {
      let key = buf[p];
      if (key < 0x80) p++;
      else {
        p = readVarint(buf, p, end);
        key = vValue;
      }
      if (key === 0x09) {
        // 1 wall_time double
        if (p + 8 > end) throw new ProtoError('truncated wall_time');
        wallTime = view.getFloat64(p, true);
        p += 8;
      } else if (key === 0x10) {
        // 2 step int64
        if (p >= end) throw new ProtoError('truncated step');
        const b = buf[p];
        if (b < 0x80) {
          step = b;
          p++;
        } else {
          p = readVarint(buf, p, end);
          step = vValue;
        }
      } else if (key === 0x1a || key === 0x2a) {
        // 3 file_version string, 5 summary
        if (p >= end) throw new ProtoError('truncated length');
        let len = buf[p];
        if (len < 0x80) p++;
        else {
          p = readVarint(buf, p, end);
          len = vValue;
        }
        if (len > end - p) throw new ProtoError('field runs past its event');
        if (key === 0x1a) this.fileVersion = utf8.decode(buf.subarray(p, p + len));
        else {
          // decoded after the loop, because step (field 2) may in theory follow it
          summaryStart = p;
          summaryEnd = p + len;
        }
        p += len;
      } else p = skipField(buf, p, end, key);
    }
    if (!Number.isNaN(wallTime)) {
      if (Number.isNaN(this.firstWallTime)) this.firstWallTime = wallTime;
      this.lastWallTime = wallTime;
    }
    if (summaryStart < 0) return;
    // Summary { repeated Value value = 1 }
    const timeMs = wallTime * 1000;
    p = summaryStart;
    end = summaryEnd;
    while (p < end) {
      let key = buf[p];
      if (key < 0x80) p++;
      else {
        p = readVarint(buf, p, end);
        key = vValue;
      }
      if (key !== 0x0a) {
        p = skipField(buf, p, end, key);
        continue;
      }
      if (p >= end) throw new ProtoError('truncated length');
      let len = buf[p];
      if (len < 0x80) p++;
      else {
        p = readVarint(buf, p, end);
        len = vValue;
      }
      if (len > end - p) throw new ProtoError('summary value runs past its summary');
      this.decodeValue(buf, p, p + len, view, step, timeMs);
      p += len;
    }
  }

  private decodeValue(buf: Uint8Array, start: number, end: number, view: DataView, step: number, timeMs: number): void {
    let entry: TagEntry | undefined;
    let simple = NaN;
    let hasSimple = false;
    let tensorStart = -1;
    let tensorEnd = -1;
    let metaStart = -1;
    let metaEnd = -1;
    let other = false;
    let p = start;
    while (p < end) {
      let key = buf[p];
      if (key < 0x80) p++;
      else {
        p = readVarint(buf, p, end);
        key = vValue;
      }
      if (key === 0x15) {
        // 2 simple_value float
        if (p + 4 > end) throw new ProtoError('truncated simple_value');
        simple = view.getFloat32(p, true);
        hasSimple = true;
        p += 4;
      } else if (key === 0x0a || key === 0x42 || key === 0x4a) {
        // 1 tag, 8 tensor, 9 metadata
        if (p >= end) throw new ProtoError('truncated length');
        let len = buf[p];
        if (len < 0x80) p++;
        else {
          p = readVarint(buf, p, end);
          len = vValue;
        }
        if (len > end - p) throw new ProtoError('field runs past its value');
        if (key === 0x0a) entry = this.intern(buf, p, p + len);
        else if (key === 0x42) {
          tensorStart = p;
          tensorEnd = p + len;
        } else {
          metaStart = p;
          metaEnd = p + len;
        }
        p += len;
      } else {
        // images, histograms, audio (not node_name, field 7)
        if (key >>> 3 !== 7) other = true;
        p = skipField(buf, p, end, key);
      }
    }
    if (!entry) return;
    if (metaStart >= 0) this.readMetadata(entry, buf, metaStart, metaEnd);
    if (hasSimple) {
      entry.columns.push(step, simple, timeMs);
      return;
    }
    if (tensorStart >= 0 && entry.plugin === 'scalars') {
      const v = decodeTensorScalar(buf, tensorStart, tensorEnd);
      if (v !== undefined) {
        entry.columns.push(step, v, timeMs);
        return;
      }
    }
    if (tensorStart >= 0 || other || metaStart >= 0) entry.nonScalar++;
  }

  private readMetadata(entry: TagEntry, buf: Uint8Array, start: number, end: number): void {
    const meta = new ProtoReader(buf, start, end);
    let plugin: string | undefined;
    let content: Uint8Array | undefined;
    while (!meta.done()) {
      const key = meta.tag();
      if (key === 0x0a) {
        // 1 plugin_data { 1 plugin_name, 2 content }
        const pd = meta.message();
        while (!pd.done()) {
          const k = pd.tag();
          if (k === 0x0a) plugin = pd.string();
          else if (k === 0x12) content = pd.bytes();
          else pd.skip(k & 7);
        }
      } else meta.skip(key & 7);
    }
    if (plugin === undefined) return;
    entry.plugin ??= plugin;
    if (plugin === 'hparams') {
      this.hasHparamsPlugin = true;
      if (content && entry.name === '_hparams_/session_start_info') {
        const hp = decodeSessionStartHparams(content);
        if (hp) this.hparams = { ...this.hparams, ...hp };
      }
    }
  }

  /** The entry of a tag, found by a hash of its bytes so repeated tags cost no string decoding. */
  private intern(buf: Uint8Array, start: number, end: number): TagEntry {
    let h = 0x811c9dc5;
    for (let i = start; i < end; i++) h = Math.imul(h ^ buf[i], 0x01000193);
    const bucket = this.byHash.get(h);
    if (bucket) {
      const len = end - start;
      outer: for (const e of bucket) {
        if (e.bytes.length !== len) continue;
        for (let i = 0; i < len; i++) if (e.bytes[i] !== buf[start + i]) continue outer;
        return e;
      }
    }
    const bytes = buf.slice(start, end);
    const name = utf8.decode(bytes);
    let entry = this.tags.get(name);
    if (!entry) {
      // (two byte spellings decoding to one name, e.g. invalid UTF-8, share one entry)
      entry = { name, bytes, plugin: undefined, columns: new ScalarColumns(), nonScalar: 0 };
      this.tags.set(name, entry);
    }
    if (bucket) bucket.push(entry);
    else this.byHash.set(h, [entry]);
    return entry;
  }
}

// Value of the last readVarint. Module state is safe: decoding is synchronous and not re-entrant.
let vValue = 0;

/** Reads the varint at p into vValue and returns the position after it; int64-exact via ProtoReader past 8 bytes. */
function readVarint(buf: Uint8Array, p: number, end: number): number {
  const start = p;
  let result = 0;
  let mul = 1;
  for (let i = 0; i < 8; i++) {
    if (p >= end) throw new ProtoError('truncated varint');
    const b = buf[p++];
    result += (b & 0x7f) * mul;
    if (b < 0x80) {
      vValue = result;
      return p;
    }
    mul *= 128;
  }
  const r = new ProtoReader(buf, start, end);
  vValue = r.int64();
  return r.pos;
}

function skipField(buf: Uint8Array, p: number, end: number, key: number): number {
  switch (key & 7) {
    case 0:
      p = readVarint(buf, p, end);
      break;
    case 1:
      p += 8;
      break;
    case 2:
      p = readVarint(buf, p, end);
      p += vValue;
      break;
    case 5:
      p += 4;
      break;
    default:
      throw new ProtoError(`unsupported wire type ${key & 7}`);
  }
  if (p > end) throw new ProtoError('field runs past its message');
  return p;
}
