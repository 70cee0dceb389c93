// Decodes `tensorboard.Event` protobufs (event.proto, summary.proto) into scalar points.
// Hand-written wire decoding: the hot path (Event -> Summary -> Value -> simple_value) walks bytes
// with inline varints and no per-record objects, which measured several times faster than a
// generic field reader; rarer payloads (tensors, hparams) use the generic ProtoReader.
// A malformed message inside a record whose CRC was fine is counted and skipped, never thrown.
import { ProtoError, ProtoReader } from '../../util/proto-wire';
import type { SeriesPoints } from '../../model';
import { acquireColumns, copyOut, releaseColumns, type ScalarColumns } from './columns';
import { decodeTensorScalar } from './tensor-scalar';
import { decodeSessionStartHparams } from './hparams';

const utf8 = new TextDecoder('utf-8');

/** One tag seen in a file: its columns, and the plugin named by its first SummaryMetadata. */
export interface TagEntry {
  name: string;
  /** The tag's bytes as first seen. */
  bytes: Uint8Array;
  /** The tag that followed this one the last time (the guess for the next value's tag). */
  next: TagEntry | undefined;
  /** TF2 writers send metadata only with a tag's first value; later tensor values inherit it. */
  plugin: string | undefined;
  /** Position in the decoder's entry list. */
  index: number;
  /** The tag's points decoded and not yet taken (pooled columns: held only while a read decodes). */
  columns: ScalarColumns | undefined;
  /** Values of this tag that were not scalars (images, histograms, hparams…). */
  nonScalar: number;
}

/** Per-file decoding state; kept between incremental reads of the same file. */
export class EventDecoder {
  readonly tags = new Map<string, TagEntry>();
  // The tag table: per slot the entry index + 1 (0: empty), the spelling's hash and its bytes.
  private slotEntry = new Int32Array(16);
  private slotHash = new Int32Array(16);
  private slotBytes = new Array<Uint8Array>(16);
  private slotsUsed = 0;
  private lastTag: TagEntry | undefined;
  /** The tags' entries by index. */
  private readonly entries: TagEntry[] = [];
  fileVersion: string | undefined;
  records = 0;
  firstWallTime = NaN;
  lastWallTime = NaN;
  /** hparams from the hparams plugin's session_start_info (PyTorch add_hparams, Lightning). */
  hparams: Record<string, string> | undefined;
  hasHparamsPlugin = false;
  malformed = 0;
  firstMalformed: string | undefined;

  /**
   * The points decoded since the last call, per tag in first-seen order, as exact-size columns the caller
   * owns; the growable columns go back to their pool.
   */
  take(): Map<string, SeriesPoints> {
    const out = new Map<string, SeriesPoints>();
    const points = copyOut(this.entries.map((e) => e.columns));
    for (const e of this.entries) {
      const p = points[e.index];
      if (p) out.set(e.name, p);
      if (e.columns) releaseColumns(e.columns);
      e.columns = undefined;
    }
    return out;
  }

  private push(entry: TagEntry, step: number, value: number, timeMs: number): void {
    (entry.columns ??= acquireColumns()).push(step, value, timeMs);
  }

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
      this.push(entry, step, simple, timeMs);
      return;
    }
    if (tensorStart >= 0 && entry.plugin === 'scalars') {
      const v = decodeTensorScalar(buf, tensorStart, tensorEnd);
      if (v !== undefined) {
        this.push(entry, step, v, timeMs);
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

  /**
   * The entry of a tag, found by the hash of its bytes in an open-addressed table, so a repeated tag costs a
   * hash and a byte compare, never string decoding (a Map of hash buckets here was 9 % of the decode).
   */
  private intern(buf: Uint8Array, start: number, end: number): TagEntry {
    // Writers log their tags in the same order at every step: try the tag that came after the last one last time.
    const last = this.lastTag;
    const guess = last?.next;
    if (guess && sameBytes(guess.bytes, buf, start, end)) return (this.lastTag = guess);
    const entry = this.lookup(buf, start, end);
    if (last) last.next = entry;
    return (this.lastTag = entry);
  }

  private lookup(buf: Uint8Array, start: number, end: number): TagEntry {
    let h = 0x811c9dc5;
    for (let i = start; i < end; i++) h = Math.imul(h ^ buf[i], 0x01000193);
    const mask = this.slotEntry.length - 1;
    let i = h & mask;
    for (let s = this.slotEntry[i]; s !== 0; s = this.slotEntry[i]) {
      if (this.slotHash[i] === h && sameBytes(this.slotBytes[i], buf, start, end)) return this.entries[s - 1];
      i = (i + 1) & mask;
    }
    const bytes = buf.slice(start, end);
    const name = utf8.decode(bytes);
    let entry = this.tags.get(name);
    if (!entry) {
      // (two byte spellings decoding to one name, e.g. invalid UTF-8, share one entry: one slot each)
      entry = { name, bytes, plugin: undefined, index: this.entries.length, columns: undefined, nonScalar: 0, next: undefined };
      this.tags.set(name, entry);
      this.entries.push(entry);
    }
    this.slotEntry[i] = entry.index + 1;
    this.slotHash[i] = h;
    this.slotBytes[i] = bytes;
    if (++this.slotsUsed * 2 > this.slotEntry.length) this.growSlots();
    return entry;
  }

  /** Doubles the tag table, re-placing every spelling (kept at most half full, so probes stay short). */
  private growSlots(): void {
    const oldEntry = this.slotEntry;
    const oldHash = this.slotHash;
    const oldBytes = this.slotBytes;
    this.slotEntry = new Int32Array(oldEntry.length * 2);
    this.slotHash = new Int32Array(oldEntry.length * 2);
    this.slotBytes = new Array<Uint8Array>(oldEntry.length * 2);
    const mask = this.slotEntry.length - 1;
    for (let j = 0; j < oldEntry.length; j++) {
      if (oldEntry[j] === 0) continue;
      let i = oldHash[j] & mask;
      while (this.slotEntry[i] !== 0) i = (i + 1) & mask;
      this.slotEntry[i] = oldEntry[j];
      this.slotHash[i] = oldHash[j];
      this.slotBytes[i] = oldBytes[j];
    }
  }
}

function sameBytes(known: Uint8Array, buf: Uint8Array, start: number, end: number): boolean {
  const len = end - start;
  if (known.length !== len) return false;
  let k = 0;
  while (k < len && known[k] === buf[start + k]) k++;
  return k === len;
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
