// Metric points from a run's seqs chunk (spec §5.2). Version 2 metrics live under
// `seqs/v2/chunks/<H>/<ctx>/<name>/{step,val,epoch,time}/<K>` with K = a hash of the step;
// version 1 under `seqs/chunks/<H>/<ctx>/<name>/{val,epoch,time}/<step>`. Columns are joined on K,
// then ordered by step. This is the hot path of every curve: the key prefix up to the column is
// parsed once per column, not once per point (EntryStream.shared tells when it is unchanged).
import type { SeriesPoints } from '../../model';
import { alignTo, Column, compact, sortByStep, type PointArrays } from './columns';
import { encodePath, readInt64BE } from './encoding';

const SEP = 0xfe; // encoding's path separator, kept local for the per-point loop
import type { TraceInfo } from './meta-chunk';
import { runPrefix } from './meta-chunk';
import type { EntryStream } from './rocksdb/entry-stream';
import type { RocksDb } from './rocksdb/db';

const COL_STEP = 0;
const COL_VAL = 1;
const COL_EPOCH = 2;
const COL_TIME = 3;
const COLUMN_IDS: Record<string, number> = { step: COL_STEP, val: COL_VAL, epoch: COL_EPOCH, time: COL_TIME };

class SeriesAccumulator {
  readonly cols: Column[];
  nonNumeric = 0;
  constructor(readonly trace: TraceInfo) {
    // Meta's first/last step predict the row count of dense sequences; it is only a hint.
    const span = trace.lastStep !== undefined && trace.firstStep !== undefined ? trace.lastStep - trace.firstStep + 1 : 0;
    const capacity = Number.isFinite(span) && span > 0 ? Math.min(span, 1 << 20) : 256;
    this.cols = [new Column(capacity), new Column(capacity), new Column(capacity), new Column(capacity)];
  }
}

export interface SequenceReadResult {
  /** Keyed by traceKey(trace). */
  points: Map<string, SeriesPoints>;
  warnings: string[];
}

export const traceKey = (t: Pick<TraceInfo, 'contextId' | 'name'>): string => `${t.contextId}\u0000${t.name}`;

const utf8 = new TextDecoder();

/** Streams one scan's entries into per-series columns. */
class ColumnCollector {
  private colPrefixLen = 0;
  /** Copy of the current column prefix, to re-check cheaply when `shared` says nothing. */
  private colPrefix = new Uint8Array(128);
  private target: Column | undefined;
  private targetAcc: SeriesAccumulator | undefined;
  private targetCol = -1;
  private buf: Uint8Array | undefined;
  private view: DataView | undefined;
  badKeys = 0;

  constructor(
    private readonly base: number,
    private readonly wanted: Map<string, SeriesAccumulator>,
  ) {}

  take(s: EntryStream): void {
    const key = s.key;
    const P = this.colPrefixLen;
    if (!(P > 0 && s.keyLen === P + 10 && key[P] === SEP && key[P + 9] === SEP && (s.shared >= P || this.samePrefix(key, s.shared)))) {
      if (!this.parsePrefix(key, s.keyLen)) return;
      if (s.keyLen !== this.colPrefixLen + 10) return; // the column's own record, or an object field
    }
    const col = this.target;
    if (!col) return;
    const p = this.colPrefixLen + 1;
    const hi = ((key[p] << 24) | (key[p + 1] << 16) | (key[p + 2] << 8) | key[p + 3]) >>> 0;
    const lo = ((key[p + 4] << 24) | (key[p + 5] << 16) | (key[p + 6] << 8) | key[p + 7]) >>> 0;
    const v = this.number(s.value, s.valueOff, s.valueLen);
    if (v === undefined) {
      if (this.targetCol === COL_VAL || this.targetCol === COL_STEP) this.targetAcc!.nonNumeric++;
      return;
    }
    col.push(hi, lo, v);
  }

  /** True when key[from, colPrefixLen) equals the stored column prefix (bytes before `from` are known equal). */
  private samePrefix(key: Uint8Array, from: number): boolean {
    const p = this.colPrefix;
    for (let i = this.colPrefixLen - 1; i >= from; i--) if (key[i] !== p[i]) return false;
    return true;
  }

  /** Numeric content of a value: int, float, bool; None -> NaN; anything else -> undefined. */
  private number(buf: Uint8Array, off: number, len: number): number | undefined {
    if (len === 0) return undefined;
    if (buf !== this.buf) {
      this.buf = buf;
      this.view = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
    }
    const t = buf[off];
    if (t === 0x03 && len >= 9) return this.view!.getFloat64(off + 1, true);
    if (t === 0x02 && len >= 9) return this.view!.getInt32(off + 5, true) * 4294967296 + this.view!.getUint32(off + 1, true);
    if (t === 0x00) return NaN;
    if (t === 0x01 && len >= 2) return buf[off + 1] ? 1 : 0;
    return undefined;
  }

  /** Parses `FE ctx8 FE name FE column FE` after the run prefix; false when the key is not shaped so. */
  private parsePrefix(key: Uint8Array, len: number): boolean {
    this.colPrefixLen = 0;
    this.target = undefined;
    const b = this.base;
    if (len < b + 10 || key[b] !== SEP || key[b + 9] !== SEP) return this.bad();
    let q = b + 10;
    while (q < len && key[q] !== SEP) q++;
    if (q >= len) return this.bad();
    let r = q + 1;
    while (r < len && key[r] !== SEP) r++;
    if (r >= len) return this.bad();
    this.colPrefixLen = r + 1;
    if (this.colPrefix.length < r + 1) this.colPrefix = new Uint8Array(2 * (r + 1));
    this.colPrefix.set(key.subarray(0, r + 1));
    const name = utf8.decode(key.subarray(b + 10, q));
    const acc = this.wanted.get(`${readInt64BE(key, b + 1)}\u0000${name}`);
    const colId = COLUMN_IDS[utf8.decode(key.subarray(q + 1, r))];
    this.targetAcc = acc;
    this.targetCol = colId ?? -1;
    this.target = acc && colId !== undefined ? acc.cols[colId] : undefined;
    return true;
  }

  private bad(): false {
    this.badKeys++;
    return false;
  }
}

/**
 * Reads the points of the given metric traces. With `seek`, each sequence is found by seeking to
 * its prefix (cheap for a few series of a large chunk); otherwise one pass reads everything.
 */
export function readSequences(db: RocksDb, hash: string, traces: TraceInfo[], seek = false): SequenceReadResult {
  const warnings: string[] = [];
  const points = new Map<string, SeriesPoints>();
  for (const v2 of [false, true]) {
    const wanted = new Map<string, SeriesAccumulator>();
    for (const t of traces) if ((t.version === 2) === v2) wanted.set(traceKey(t), new SeriesAccumulator(t));
    if (wanted.size === 0) continue;
    const prefix = runPrefix('seqs', hash, v2);
    const collector = new ColumnCollector(prefix.length, wanted);
    if (seek) {
      for (const acc of wanted.values()) {
        const p = encodePath(v2 ? ['seqs', 'v2', 'chunks', hash, BigInt(acc.trace.contextId), acc.trace.name] : ['seqs', 'chunks', hash, BigInt(acc.trace.contextId), acc.trace.name]);
        db.scan(p, (s) => collector.take(s));
      }
    } else {
      db.scan(prefix, (s) => collector.take(s));
    }
    if (collector.badKeys) warnings.push(`${collector.badKeys} sequence keys could not be decoded and were skipped`);
    for (const [k, acc] of wanted) {
      if (acc.nonNumeric) warnings.push(`${acc.trace.name}: ${acc.nonNumeric} non-numeric values skipped`);
      points.set(k, finish(acc, v2));
    }
  }
  return { points, warnings };
}

function finish(acc: SeriesAccumulator, v2: boolean): SeriesPoints {
  const [stepCol, valCol, epochCol, timeCol] = acc.cols;
  // v2: a point is a step record; v1: the key itself is the step, so the val column drives.
  const driver = v2 ? stepCol : valCol;
  const n = driver.n;
  const present = new Uint8Array(n).fill(1);
  let steps: Float64Array;
  if (v2) {
    steps = stepCol.v.slice(0, n);
  } else {
    steps = new Float64Array(n);
    for (let i = 0; i < n; i++) steps[i] = (driver.hi[i] | 0) * 4294967296 + driver.lo[i];
  }
  const values = v2 ? alignTo(driver, valCol, NaN, present) : valCol.v.slice(0, n);
  const epochs = alignTo(driver, epochCol, NaN);
  const seconds = alignTo(driver, timeCol, NaN);
  const times = new Float64Array(n);
  for (let i = 0; i < n; i++) times[i] = seconds[i] * 1000;
  // A step without a value is a point still being written: left out until the value lands.
  let p: PointArrays = compact({ steps, values, epochs, times }, present);
  p = sortByStep(p);
  return p;
}
