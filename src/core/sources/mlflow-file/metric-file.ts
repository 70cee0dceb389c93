// Parser for one MLflow metric file: append-only lines `<timestamp_ms> <value> <step>\n`
// (legacy MLflow < 1.0: `<timestamp_ms> <value>`, step 0). Values are Python repr(float),
// so `nan`, `inf` and `-inf` occur. Works on raw bytes in chunks: metric files reach
// hundreds of MB, and building one string per line is the slow part of naive readers.
import { parseFloatToken } from '../../util/numbers';
import * as fs from 'node:fs';
import { isLfsPointer, lfsPointerMessage, openRegularFile, openRegularFileSync } from '../../util/fs';
import * as decimal from '../../util/decimal-bytes';

// Local bindings: a module-namespace property read per call showed up in profiles of the hot loop.
const parseDecimalPrefix = decimal.parseDecimalPrefix;
const parseDecimalBytes = decimal.parseDecimalBytes;
const decimalEnd = decimal.decimalEnd;
const parseIntegerBytes = decimal.parseIntegerBytes;

export interface MetricPoints {
  steps: Float64Array;
  values: Float64Array;
  times: Float64Array;
}

export interface MetricFileResult extends MetricPoints {
  /** Human messages naming the line; the points of good lines are kept. */
  problems: string[];
}

const NL = 0x0a;
const CR = 0x0d;
const SPACE = 0x20;
const ZERO = 0x30;
const MINUS = 0x2d;
const CHUNK_BYTES = 4 << 20;
/** ~60M points: three Float64 columns of that size are already 1.4 GB of memory. */
const MAX_FILE_BYTES = 2 * 2 ** 30;
/** After this many messages per file the rest are only counted. */
const MAX_PROBLEM_MESSAGES = 5;

function latin1(buf: Uint8Array, start: number, end: number): string {
  if (Buffer.isBuffer(buf)) return buf.toString('latin1', start, end);
  return Buffer.from(buf.buffer, buf.byteOffset + start, end - start).toString('latin1');
}

/** Incremental parser: feed chunks in file order, then finish(). */
export class MetricLineParser {
  // Three parallel columns with one shared length: one capacity check per point.
  private steps: Float64Array;
  private values: Float64Array;
  private times: Float64Array;
  private count = 0;
  private carry: Uint8Array = new Uint8Array(0);
  private lineNo = 0;
  private problemCount = 0;
  /** The chunk being parsed as one latin1 string, made on its first 17-digit value (see numberAt). */
  private text: string | undefined;
  private textOf: Uint8Array | undefined;
  readonly problems: string[] = [];

  constructor(
    private readonly label: string,
    expectedBytes = 0,
  ) {
    const guess = Math.ceil(expectedBytes / 28);
    const capacity = Math.max(16, guess);
    this.steps = new Float64Array(capacity);
    this.values = new Float64Array(capacity);
    this.times = new Float64Array(capacity);
  }

  push(chunk: Uint8Array): void {
    let buf = chunk;
    if (this.carry.length) {
      buf = Buffer.allocUnsafe(this.carry.length + chunk.length);
      buf.set(this.carry);
      buf.set(chunk, this.carry.length);
    }
    let lineStart = 0;
    const n = buf.length;
    while (lineStart < n) {
      // one pass over the bytes finds the fields and the line end together; a Buffer.indexOf per line (a native
      // call) cost more than parsing the line
      const next = this.parseLineFast(buf, lineStart, n);
      if (next > 0) {
        this.lineNo++;
        lineStart = next;
        continue;
      }
      const nl = buf.indexOf(NL, lineStart);
      if (nl < 0) break;
      this.lineNo++;
      this.parseLine(buf, lineStart, nl);
      lineStart = nl + 1;
    }
    // Copy, so the (possibly large) chunk can be released.
    this.carry = buf.slice(lineStart);
    this.text = this.textOf = undefined;
  }

  finish(): MetricFileResult {
    if (this.carry.length) {
      // A line without its newline is still being written (or was cut off): not a point yet.
      this.problem(`line ${this.lineNo + 1} has no newline (partly written?); ignored`);
      this.carry = new Uint8Array(0);
    }
    if (this.problemCount > MAX_PROBLEM_MESSAGES) {
      this.problems.push(`${this.label}: ${this.problemCount - MAX_PROBLEM_MESSAGES} more malformed lines`);
    }
    return {
      steps: this.steps.slice(0, this.count),
      values: this.values.slice(0, this.count),
      times: this.times.slice(0, this.count),
      problems: this.problems,
    };
  }

  private add(time: number, value: number, step: number): void {
    const n = this.count;
    if (n === this.values.length) {
      const grow = (a: Float64Array) => {
        const next = new Float64Array(a.length * 2);
        next.set(a);
        return next;
      };
      this.steps = grow(this.steps);
      this.values = grow(this.values);
      this.times = grow(this.times);
    }
    this.times[n] = time;
    this.values[n] = value;
    this.steps[n] = step;
    this.count = n + 1;
  }

  private problem(message: string): void {
    this.problemCount++;
    if (this.problemCount <= MAX_PROBLEM_MESSAGES) this.problems.push(`${this.label}: ${message}`);
  }

  private parseLine(buf: Uint8Array, start: number, end: number): void {
    if (end > start && buf[end - 1] === CR) end--;
    if (end === start) return; // blank line: nothing MLflow would write, nothing to keep
    if (!this.parseLineFields(buf, start, end)) this.parseLineSlow(buf, start, end);
  }

  /** `<int> <value> <int>` split on spaces, for the lines parseLineFast declines (long integers, odd values). */
  private parseLineFields(buf: Uint8Array, start: number, end: number): boolean {
    let i = start;
    while (i < end && buf[i] >= ZERO && buf[i] <= ZERO + 9) i++;
    if (i === start || i === end || buf[i] !== SPACE) return false;
    const time = parseIntegerBytes(buf, start, i);
    const valueStart = i + 1;
    let valueEnd = valueStart;
    while (valueEnd < end && buf[valueEnd] !== SPACE) valueEnd++;
    let value = parseDecimalBytes(buf, valueStart, valueEnd);
    if (Number.isNaN(value)) {
      if (valueEnd === valueStart) return false;
      value = this.numberAt(buf, valueStart, valueEnd);
      if (Number.isNaN(value)) return false; // nan/inf tokens and junk: the slow path decides
    }
    let step = 0;
    if (valueEnd < end) {
      step = parseIntegerBytes(buf, valueEnd + 1, end);
      if (Number.isNaN(step)) return false;
    }
    this.add(time, value, step);
    return true;
  }

  /**
   * The shape MLflow writes, `<int> <decimal> <int>` or `<int> <decimal>` and `\n` (or `\r\n`), parsed from
   * buf[start] with the line end found on the way: the index after the newline, or -1 for anything else
   * (an unusual line, or no newline before `limit`), which the caller hands to parseLine.
   */
  private parseLineFast(buf: Uint8Array, start: number, limit: number): number {
    let i = start;
    let time = 0;
    for (; i < limit; i++) {
      const c = buf[i] - ZERO;
      if (c < 0 || c > 9) break;
      time = time * 10 + c;
    }
    if (i === start || i - start > 15 || i >= limit || buf[i] !== SPACE) return -1;
    const valueStart = i + 1;
    let value = parseDecimalPrefix(buf, valueStart, limit);
    const valueEnd = decimalEnd.at;
    if (Number.isNaN(value)) {
      // no fast answer (nan/inf tokens, more than 19 digits, junk): Number() of the field, if it ends like one
      let e = valueStart;
      while (e < limit && buf[e] !== SPACE && buf[e] !== NL && buf[e] !== CR) e++;
      if (e === valueStart || e >= limit) return -1;
      value = this.numberAt(buf, valueStart, e);
      if (Number.isNaN(value)) return -1; // nan/inf tokens and junk: the slow path decides
      return this.finishLineFast(buf, e, limit, time, value);
    }
    return this.finishLineFast(buf, valueEnd, limit, time, value);
  }

  /** After the value: ` <step>` or nothing, then the newline. */
  private finishLineFast(buf: Uint8Array, i: number, limit: number, time: number, value: number): number {
    let step = 0;
    if (i < limit && buf[i] === SPACE) {
      const stepStart = ++i;
      let negative = false;
      if (i < limit && buf[i] === MINUS) {
        negative = true;
        i++;
      }
      const digitsStart = i;
      for (; i < limit; i++) {
        const c = buf[i] - ZERO;
        if (c < 0 || c > 9) break;
        step = step * 10 + c;
      }
      if (i === digitsStart || i - stepStart > 16) return -1;
      if (negative) step = -step;
    }
    if (i < limit && buf[i] === CR) i++;
    if (i >= limit || buf[i] !== NL) return -1;
    this.add(time, value, step);
    return i + 1;
  }

  /**
   * Number() of buf[start, end). Python writes most doubles with 17 digits, so this runs for most points:
   * one string for the whole chunk and a substring (a view, no copy) per value cost a third of a
   * Buffer-to-string call per value, and leave far less garbage.
   */
  private numberAt(buf: Uint8Array, start: number, end: number): number {
    if (this.textOf !== buf) {
      this.text = latin1(buf, 0, buf.length);
      this.textOf = buf;
    }
    return Number(this.text!.substring(start, end));
  }

  /** Every other line: Python's nan/inf tokens, odd numbers, and malformed lines with a message. */
  private parseLineSlow(buf: Uint8Array, start: number, end: number): void {
    const s1 = buf.indexOf(SPACE, start);
    const fieldsEnd1 = s1 < 0 || s1 >= end ? end : s1;
    let s2 = -1;
    let s3 = -1;
    if (fieldsEnd1 < end) {
      s2 = buf.indexOf(SPACE, fieldsEnd1 + 1);
      if (s2 >= end) s2 = -1;
      if (s2 >= 0) {
        s3 = buf.indexOf(SPACE, s2 + 1);
        if (s3 >= end) s3 = -1;
      }
    }
    if (fieldsEnd1 === end || s3 >= 0) {
      const got = fieldsEnd1 === end ? '1 field' : 'more than 3 fields';
      this.problem(`line ${this.lineNo}: expected 2 or 3 fields, got ${got} ('${preview(buf, start, end)}')`);
      return;
    }
    const valueEnd = s2 >= 0 ? s2 : end;
    let time = parseIntegerBytes(buf, start, fieldsEnd1);
    if (Number.isNaN(time)) time = parseLooseNumber(latin1(buf, start, fieldsEnd1));
    if (Number.isNaN(time)) {
      this.problem(`line ${this.lineNo}: timestamp is not a number ('${preview(buf, start, end)}')`);
      return;
    }
    const valueText = latin1(buf, fieldsEnd1 + 1, valueEnd);
    const value = valueText === '' ? undefined : fastFloat(valueText);
    if (value === undefined) {
      this.problem(`line ${this.lineNo}: value is not a number ('${preview(buf, start, end)}')`);
      return;
    }
    let step = 0;
    if (s2 >= 0) {
      step = parseIntegerBytes(buf, s2 + 1, end);
      if (Number.isNaN(step)) step = parseLooseNumber(latin1(buf, s2 + 1, end));
      if (Number.isNaN(step)) {
        this.problem(`line ${this.lineNo}: step is not an integer ('${preview(buf, start, end)}')`);
        return;
      }
    }
    this.add(time, value, step);
  }
}

/** Number() accepts the common case; Python's nan/inf spellings need the token parser. */
function fastFloat(text: string): number | undefined {
  const n = Number(text);
  if (!Number.isNaN(n)) return text.trim() === text ? n : undefined;
  return parseFloatToken(text);
}

/** Timestamps/steps written by other tools as `1.69e12` or `12.0`: accept finite numbers. */
function parseLooseNumber(text: string): number {
  if (text === '' || text.trim() !== text) return NaN;
  const n = Number(text);
  return Number.isFinite(n) ? n : NaN;
}

function preview(buf: Uint8Array, start: number, end: number): string {
  const text = Buffer.from(buf.buffer, buf.byteOffset + start, Math.min(end - start, 60)).toString('utf8');
  return end - start > 60 ? `${text}…` : text;
}

/**
 * Files up to this size are read synchronously: readers run in worker threads (index, series), where blocking
 * for one small read costs nothing, while each promise-based open/stat/read/close round trip through the thread
 * pool cost more than parsing a typical metric file. Larger files go in chunks, so no read holds much memory.
 */
const SYNC_READ_BYTES = CHUNK_BYTES;

/** Reads and parses a whole metric file. Never throws: I/O failures become a problem. */
export async function readMetricFile(file: string, label: string, signal?: AbortSignal): Promise<MetricFileResult> {
  let fd: number | undefined;
  try {
    fd = openRegularFileSync(file);
    const size = fs.fstatSync(fd).size;
    if (size <= SYNC_READ_BYTES) return readOpenedSync(fd, size, label, signal);
  } catch (err) {
    return emptyResult([`${label}: cannot read: ${err instanceof Error ? err.message : String(err)}`]);
  } finally {
    if (fd !== undefined) fs.closeSync(fd);
  }
  return readChunked(file, label, signal);
}

function readOpenedSync(fd: number, size: number, label: string, signal: AbortSignal | undefined): MetricFileResult {
  const parser = new MetricLineParser(label, size);
  // one read for the whole file, and one more that finds its end (or what was appended meanwhile)
  const chunk = Buffer.allocUnsafe(Math.max(size, 1));
  let position = 0;
  for (;;) {
    if (signal?.aborted) {
      parser.problems.push(`${label}: reading cancelled`);
      break;
    }
    const bytesRead = fs.readSync(fd, chunk, 0, chunk.length, position);
    if (bytesRead === 0) break;
    const data = chunk.subarray(0, bytesRead);
    if (position === 0 && isLfsPointer(data)) return emptyResult([`${label}: ${lfsPointerMessage('the metric history')}`]);
    parser.push(data);
    position += bytesRead;
  }
  return parser.finish();
}

async function readChunked(file: string, label: string, signal: AbortSignal | undefined): Promise<MetricFileResult> {
  let handle: import('node:fs/promises').FileHandle | undefined;
  try {
    handle = await openRegularFile(file);
    const size = (await handle.stat()).size;
    if (size > MAX_FILE_BYTES) {
      return emptyResult([`${label}: file is ${(size / 2 ** 30).toFixed(1)} GB, over the ${MAX_FILE_BYTES / 2 ** 30} GB this reader loads at once; skipped`]);
    }
    const parser = new MetricLineParser(label, size);
    const chunk = Buffer.allocUnsafe(Math.min(CHUNK_BYTES, Math.max(size, 1)));
    let position = 0;
    for (;;) {
      if (signal?.aborted) {
        parser.problems.push(`${label}: reading cancelled`);
        break;
      }
      const { bytesRead } = await handle.read(chunk, 0, chunk.length, position);
      if (bytesRead === 0) break;
      const data = chunk.subarray(0, bytesRead);
      if (position === 0 && isLfsPointer(data)) return emptyResult([`${label}: ${lfsPointerMessage('the metric history')}`]);
      parser.push(data);
      position += bytesRead;
    }
    return parser.finish();
  } catch (err) {
    return emptyResult([`${label}: cannot read: ${err instanceof Error ? err.message : String(err)}`]);
  } finally {
    await handle?.close().catch(() => undefined);
  }
}

function emptyResult(problems: string[]): MetricFileResult {
  return { steps: new Float64Array(0), values: new Float64Array(0), times: new Float64Array(0), problems };
}
