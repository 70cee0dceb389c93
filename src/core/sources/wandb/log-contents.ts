// What a `run-<id>.wandb` transaction log says about its run: the run record, config and
// summary updates, the exit record, and (when asked) the full metric history as series.
import type { SeriesPoints } from '../../model';
import { parseTolerantJson } from '../../util/tolerant-json';
import { readLogFile, newLogCursor, type LogCursor, type LogRead } from './leveldb-log';
import { decodeRecord, RECORD_TYPE_NAMES, type JsonItem, type RunRecord } from './records';

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
          if (options.history) lastStep = addHistoryRow(rec.items, rec.stepNum, lastStep, columns);
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

/**
 * One history row: `_step` (else the record's step.num, else the next step) is x, `_timestamp`
 * the wall time; other `_` keys are row metadata. Numbers become points; nested plain objects
 * give dotted keys; media and histograms (objects with `_type`), strings and booleans are not series.
 */
function addHistoryRow(items: JsonItem[], stepNum: number | undefined, lastStep: number, columns: Map<string, Column>): number {
  let step: number | undefined;
  let time = NaN;
  for (const item of items) {
    if (item.key === '_step') {
      const v = parseJson(item.valueJson);
      if (typeof v === 'number') step = v;
    } else if (item.key === '_timestamp') {
      const v = parseJson(item.valueJson);
      if (typeof v === 'number') time = v * 1000;
    }
  }
  step ??= stepNum ?? lastStep + 1;
  for (const item of items) {
    if (item.key.startsWith('_') || item.key === '') continue;
    addValue(item.key, parseJson(item.valueJson), step, time, columns, 0);
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
