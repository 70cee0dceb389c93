// What a `run-<id>.wandb` transaction log says about its run: the run record, config and
// summary updates, the exit record, and (when asked) the full metric history as series.
import type { SeriesPoints } from '../../model';
import { parseTolerantJson } from '../../util/tolerant-json';
import { readLogFile, newLogCursor, type LogCursor, type LogRead } from './leveldb-log';
import { decimalEnd, parseDecimalPrefix } from '../../util/decimal-bytes';
import { decodeRecord, RECORD_TYPE_NAMES, type HistoryRow, type RunRecord } from './records';

export interface WandbLogContents {
  run?: RunRecord;
  exit?: { exitCode: number; runtime: number };
  /** Latest value_json per config key (run record config first, then config records). */
  config: Map<string, string>;
  /** Latest value_json per summary key. */
  summary: Map<string, string>;
  /** Numeric history per key, in log order; x = _step, times from _timestamp. */
  history: Map<string, SeriesPoints>;
  historyRows: number;
  recordTypes: Record<string, number>;
  /** Records with a valid checksum whose protobuf did not decode. */
  malformed: number;
  log: LogRead;
}

class Column {
  steps: number[] = [];
  values: number[] = [];
  times: number[] = [];
}

/** Reads the log (from `cursor` when tailing). Never throws. */
export async function readWandbLog(
  path: string,
  options: { history: boolean; cursor?: LogCursor; signal?: AbortSignal },
): Promise<WandbLogContents> {
  const columns = new Map<string, Column>();
  const keys = new KeyCache();
  const out: Omit<WandbLogContents, 'log' | 'history'> = {
    config: new Map(),
    summary: new Map(),
    historyRows: 0,
    recordTypes: {},
    malformed: 0,
  };
  let firstMalformed = '';
  let lastStep = -1;
  const log = await readLogFile(
    path,
    options.cursor ?? newLogCursor(),
    (data) => {
      let rec;
      try {
        rec = decodeRecord(data, { history: options.history });
      } catch (err) {
        out.malformed++;
        firstMalformed ||= err instanceof Error ? err.message : String(err);
        return;
      }
      const name = rec.type === 'other' ? RECORD_TYPE_NAMES[rec.field] ?? `field ${rec.field}` : rec.type;
      out.recordTypes[name] = (out.recordTypes[name] ?? 0) + 1;
      switch (rec.type) {
        case 'run':
          out.run = rec.run;
          for (const item of rec.run.config) out.config.set(item.key, item.valueJson);
          break;
        case 'config':
          for (const item of rec.update) out.config.set(item.key, item.valueJson);
          for (const key of rec.remove) out.config.delete(key);
          break;
        case 'summary':
          for (const item of rec.update) out.summary.set(item.key, item.valueJson);
          for (const key of rec.remove) out.summary.delete(key);
          break;
        case 'exit':
          out.exit = { exitCode: rec.exitCode, runtime: rec.runtime };
          break;
        case 'history':
          out.historyRows++;
          if (rec.row) lastStep = addHistoryRow(rec.row, rec.stepNum, lastStep, columns, keys);
          break;
      }
    },
    options.signal,
  );
  if (out.malformed) log.warnings.push(`${out.malformed} record(s) could not be decoded (${firstMalformed})`);
  const history = new Map<string, SeriesPoints>();
  for (const [key, c] of columns) {
    history.set(key, { steps: Float64Array.from(c.steps), values: Float64Array.from(c.values), times: Float64Array.from(c.times) });
  }
  return { ...out, history, log };
}

function parseJson(text: string): unknown {
  try {
    return parseTolerantJson(text);
  } catch {
    return undefined;
  }
}

const utf8 = new TextDecoder('utf-8');
const UNDERSCORE = 0x5f;
const BOM_FIRST_BYTE = 0xef;

/** Text of buf[start, end) as ProtoReader.string() decodes it (UTF-8, bad bytes replaced). */
function text(buf: Uint8Array, start: number, end: number): string {
  return utf8.decode(buf.subarray(start, end));
}

/**
 * Key strings by their bytes, made once per distinct key: each row repeats the same keys in the same order, so
 * the key bytes at item i are compared with the last key seen at item i (a few bytes) before any decoding.
 */
class KeyCache {
  private bytes: Uint8Array[] = [];
  private texts: string[] = [];

  key(row: HistoryRow, i: number): string {
    const nested = row.nestedKey(i);
    if (nested !== undefined) return nested;
    const buf = row.buf;
    const start = row.keyStart[i];
    const len = row.keyEnd[i] - start;
    const last = this.bytes[i];
    if (last !== undefined && last.length === len) {
      let j = 0;
      while (j < len && last[j] === buf[start + j]) j++;
      if (j === len) return this.texts[i];
    }
    const key = text(buf, start, start + len);
    this.bytes[i] = buf.slice(start, start + len);
    this.texts[i] = key;
    return key;
  }
}

/** value_json of item i as parseJson reads it: a JSON number straight from the bytes, anything else parsed as text. */
function itemValue(row: HistoryRow, i: number): unknown {
  const start = row.valueStart[i];
  const end = row.valueEnd[i];
  const v = parseDecimalPrefix(row.buf, start, end, true);
  if (decimalEnd.at === end && !Number.isNaN(v)) return v;
  return parseJson(text(row.buf, start, end));
}

/** Whether the key bytes of item i are exactly `name` (ASCII). */
function keyIs(row: HistoryRow, i: number, name: string): boolean {
  const nested = row.nestedKey(i);
  if (nested !== undefined) return nested === name;
  const start = row.keyStart[i];
  // a key that starts with a BOM decodes without it
  if (row.buf[start] === BOM_FIRST_BYTE && row.keyEnd[i] > start) return text(row.buf, start, row.keyEnd[i]) === name;
  if (row.keyEnd[i] - start !== name.length) return false;
  for (let j = 0; j < name.length; j++) if (row.buf[start + j] !== name.charCodeAt(j)) return false;
  return true;
}

/**
 * One history row: `_step` (else the record's step.num, else the next step) is x, `_timestamp`
 * the wall time; other `_` keys are row metadata. Numbers become points; nested plain objects
 * give dotted keys; media and histograms (objects with `_type`), strings and booleans are not series.
 */
function addHistoryRow(row: HistoryRow, stepNum: number | undefined, lastStep: number, columns: Map<string, Column>, keys: KeyCache): number {
  let step: number | undefined;
  let time = NaN;
  const n = row.count;
  for (let i = 0; i < n; i++) {
    if (keyIs(row, i, '_step')) {
      const v = itemValue(row, i);
      if (typeof v === 'number') step = v;
    } else if (keyIs(row, i, '_timestamp')) {
      const v = itemValue(row, i);
      if (typeof v === 'number') time = v * 1000;
    }
  }
  step ??= stepNum ?? lastStep + 1;
  for (let i = 0; i < n; i++) {
    // '' and '_…' keys are not series: told from the first key byte, unless a BOM (dropped in decoding) leads
    const first = row.nestedKey(i) === undefined && row.keyEnd[i] > row.keyStart[i] ? row.buf[row.keyStart[i]] : -1;
    if (first === UNDERSCORE) continue;
    const key = keys.key(row, i);
    if (first !== -1 && first !== BOM_FIRST_BYTE) addValue(key, itemValue(row, i), step, time, columns, 0);
    else if (key !== '' && !key.startsWith('_')) addValue(key, itemValue(row, i), step, time, columns, 0);
  }
  return step;
}

function addValue(key: string, v: unknown, step: number, time: number, columns: Map<string, Column>, depth: number): void {
  if (typeof v === 'number') {
    let c = columns.get(key);
    if (!c) columns.set(key, (c = new Column()));
    c.steps.push(step);
    c.values.push(v);
    c.times.push(time);
  } else if (v !== null && typeof v === 'object' && !Array.isArray(v) && depth < 8) {
    const obj = v as Record<string, unknown>;
    if ('_type' in obj) return;
    for (const [k, sub] of Object.entries(obj)) addValue(`${key}.${k}`, sub, step, time, columns, depth + 1);
  }
}
