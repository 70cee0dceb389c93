// Decodes the parts of `wandb_internal.Record` (wandb/proto/wandb_internal.proto) that a run
// view needs: run, history, config, summary and exit records. Everything else (output lines,
// system stats, telemetry, files, requests) is skipped by wire type; unknown fields too.
import { ProtoError, ProtoReader } from '../../util/proto-wire';

export const RECORD_TYPE_NAMES: Record<number, string> = {
  2: 'history',
  3: 'summary',
  4: 'output',
  5: 'config',
  6: 'files',
  7: 'stats',
  8: 'artifact',
  9: 'tbrecord',
  10: 'alert',
  11: 'telemetry',
  12: 'metric',
  13: 'output_raw',
  17: 'run',
  18: 'exit',
  20: 'final',
  21: 'header',
  22: 'footer',
  23: 'preempting',
  25: 'use_artifact',
  26: 'environment',
  27: 'output_logger',
  100: 'request',
};

/** A key/value_json item (HistoryItem, ConfigItem, SummaryItem share fields 1, 2 and 16). */
export interface JsonItem {
  key: string;
  valueJson: string;
}

export interface RunRecord {
  runId?: string;
  entity?: string;
  project?: string;
  config: JsonItem[];
  runGroup?: string;
  jobType?: string;
  displayName?: string;
  notes?: string;
  tags: string[];
  host?: string;
  startingStep?: number;
  /** Epoch seconds. */
  startTime?: number;
  resumed?: boolean;
}

export type DecodedRecord =
  | { type: 'history'; row?: HistoryRow; stepNum?: number }
  | { type: 'summary'; update: JsonItem[]; remove: string[] }
  | { type: 'config'; update: JsonItem[]; remove: string[] }
  | { type: 'run'; run: RunRecord }
  | { type: 'exit'; exitCode: number; runtime: number }
  | { type: 'other'; field: number };

/**
 * Decodes one record. With `history: false`, history records are recognised but their items are
 * not decoded (listing runs does not need them). Throws ProtoError on malformed bytes.
 */
export function decodeRecord(data: Uint8Array, options: { history: boolean }): DecodedRecord {
  const r = new ProtoReader(data);
  let decoded: DecodedRecord = { type: 'other', field: 0 };
  while (!r.done()) {
    const key = r.tag();
    const field = key >>> 3;
    const wire = key & 7;
    if (wire !== 2 || field === 1 || field === 16 || field === 19) {
      r.skip(wire); // num, control, uuid, and any scalar field
      continue;
    }
    switch (field) {
      case 2:
        decoded = options.history ? decodeHistory(r.message()) : (r.skip(wire), { type: 'history' });
        break;
      case 3:
      case 5: {
        const { update, remove } = decodeItemsRecord(r.message());
        decoded = { type: field === 3 ? 'summary' : 'config', update, remove };
        break;
      }
      case 17:
        decoded = { type: 'run', run: decodeRun(r.message()) };
        break;
      case 18:
        decoded = decodeExit(r.message());
        break;
      default:
        r.skip(wire);
        // `_info` (200, on every record) is not the record's type; an unknown field below it
        // probably is (a record type newer than this reader)
        if (RECORD_TYPE_NAMES[field] || (decoded.type === 'other' && decoded.field === 0 && field < 200)) {
          decoded = { type: 'other', field };
        }
    }
  }
  return decoded;
}

/** HistoryItem / ConfigItem / SummaryItem: 1 key, 2 repeated nested_key, 16 value_json. */
function decodeItem(r: ProtoReader): JsonItem {
  let key = '';
  const nested: string[] = [];
  let valueJson = '';
  while (!r.done()) {
    const k = r.tag();
    if (k === 0x0a) key = r.string();
    else if (k === 0x12) nested.push(r.string());
    else if (k === 0x82) valueJson = r.string(); // field 16, wire type 2
    else r.skip(k & 7);
  }
  // newer writers may send a nested key path instead of a flat key
  return { key: key || nested.join('.'), valueJson };
}

/**
 * The items of one history record, as byte ranges of `buf`: a row is many small key/value_json pairs, and
 * making two strings of each (then JSON.parse of the value) cost more than everything else in reading a run.
 * The consumer turns keys into strings once per distinct key and parses numbers from the bytes.
 * One row is reused record after record: it is valid until the next decodeRecord.
 */
export class HistoryRow {
  buf: Uint8Array = new Uint8Array(0);
  count = 0;
  keyStart = new Int32Array(16);
  keyEnd = new Int32Array(16);
  valueStart = new Int32Array(16);
  valueEnd = new Int32Array(16);
  /** The key of items that name it by nested_key parts instead (a newer writer), when any item does. */
  private nestedKeys: Array<string | undefined> = [];
  private anyNested = false;

  reset(buf: Uint8Array): void {
    this.buf = buf;
    this.count = 0;
    if (this.anyNested) {
      this.nestedKeys.length = 0;
      this.anyNested = false;
    }
  }

  /** The nested_key path of item i, joined with '.'; undefined for an item with a key. */
  nestedKey(i: number): string | undefined {
    return this.anyNested ? this.nestedKeys[i] : undefined;
  }

  add(keyStart: number, keyEnd: number, valueStart: number, valueEnd: number, nestedKey: string | undefined): void {
    const i = this.count++;
    if (i === this.keyStart.length) {
      const grow = (a: Int32Array) => {
        const b = new Int32Array(a.length * 2);
        b.set(a);
        return b;
      };
      this.keyStart = grow(this.keyStart);
      this.keyEnd = grow(this.keyEnd);
      this.valueStart = grow(this.valueStart);
      this.valueEnd = grow(this.valueEnd);
    }
    this.keyStart[i] = keyStart;
    this.keyEnd[i] = keyEnd;
    this.valueStart[i] = valueStart;
    this.valueEnd[i] = valueEnd;
    if (nestedKey !== undefined) {
      this.anyNested = true;
      this.nestedKeys[i] = nestedKey;
    } else if (this.anyNested) this.nestedKeys[i] = undefined;
  }
}

const historyRow = new HistoryRow();

/** A length-delimited field's [start, end) in r's buffer, bounds-checked as ProtoReader.bytes() does. */
function lengthDelimited(r: ProtoReader): number {
  const len = r.uint32();
  if (len > r.end - r.pos) throw new ProtoError('length-delimited field runs past its message');
  r.pos += len;
  return r.pos - len;
}

/** HistoryItem as decodeItem reads it (the last key and value_json win; nested_key parts when key is empty), as ranges. */
function decodeHistoryItem(r: ProtoReader, row: HistoryRow): void {
  let keyStart = 0;
  let keyEnd = 0;
  let valueStart = 0;
  let valueEnd = 0;
  let nested: string[] | undefined;
  while (!r.done()) {
    const k = r.tag();
    if (k === 0x0a) {
      keyStart = lengthDelimited(r);
      keyEnd = r.pos;
    } else if (k === 0x12) (nested ??= []).push(r.string());
    else if (k === 0x82) {
      valueStart = lengthDelimited(r); // field 16, wire type 2
      valueEnd = r.pos;
    } else r.skip(k & 7);
  }
  // newer writers may send a nested key path instead of a flat key
  row.add(keyStart, keyEnd, valueStart, valueEnd, keyEnd === keyStart && nested ? nested.join('.') : undefined);
}

function decodeHistory(r: ProtoReader): DecodedRecord {
  const row = historyRow;
  row.reset(r.buf);
  let stepNum: number | undefined;
  while (!r.done()) {
    const k = r.tag();
    if (k === 0x0a) decodeHistoryItem(r.message(), row);
    else if (k === 0x12) {
      const step = r.message();
      while (!step.done()) {
        const sk = step.tag();
        if (sk === 0x08) stepNum = step.int64();
        else step.skip(sk & 7);
      }
    } else r.skip(k & 7);
  }
  return { type: 'history', row, stepNum };
}

/** ConfigRecord / SummaryRecord: 1 repeated update, 2 repeated remove (items with a key). */
function decodeItemsRecord(r: ProtoReader): { update: JsonItem[]; remove: string[] } {
  const update: JsonItem[] = [];
  const remove: string[] = [];
  while (!r.done()) {
    const k = r.tag();
    if (k === 0x0a) update.push(decodeItem(r.message()));
    else if (k === 0x12) remove.push(decodeItem(r.message()).key);
    else r.skip(k & 7);
  }
  return { update, remove };
}

function decodeRun(r: ProtoReader): RunRecord {
  const run: RunRecord = { config: [], tags: [] };
  while (!r.done()) {
    const k = r.tag();
    switch (k) {
      case 0x0a:
        run.runId = r.string();
        break;
      case 0x12:
        run.entity = r.string();
        break;
      case 0x1a:
        run.project = r.string();
        break;
      case 0x22:
        run.config = decodeItemsRecord(r.message()).update;
        break;
      case 0x32:
        run.runGroup = r.string();
        break;
      case 0x3a:
        run.jobType = r.string();
        break;
      case 0x42:
        run.displayName = r.string();
        break;
      case 0x4a:
        run.notes = r.string();
        break;
      case 0x52:
        run.tags.push(r.string());
        break;
      case 0x6a:
        run.host = r.string();
        break;
      case 0x70:
        run.startingStep = r.int64();
        break;
      case 0x8a: {
        // 17 start_time: google.protobuf.Timestamp { 1 seconds, 2 nanos }
        const ts = r.message();
        let seconds = 0;
        let nanos = 0;
        while (!ts.done()) {
          const tk = ts.tag();
          if (tk === 0x08) seconds = ts.int64();
          else if (tk === 0x10) nanos = ts.int32();
          else ts.skip(tk & 7);
        }
        run.startTime = seconds + nanos / 1e9;
        break;
      }
      case 0x90: // 18 resumed
        run.resumed = r.bool();
        break;
      default:
        r.skip(k & 7);
    }
  }
  return run;
}

function decodeExit(r: ProtoReader): DecodedRecord {
  let exitCode = 0;
  let runtime = 0;
  while (!r.done()) {
    const k = r.tag();
    if (k === 0x08) exitCode = r.int32();
    else if (k === 0x10) runtime = r.int32();
    else r.skip(k & 7);
  }
  return { type: 'exit', exitCode, runtime };
}
