// metrics.csv of Lightning's CSVLogger (formats-spec §3): Python csv.DictWriter output (CRLF),
// header = union of logged keys (sorted since Lightning 2.1), sparse rows (only the keys of one
// log_metrics call are filled), steps that repeat (train and val rows at the end of an epoch).
// One series per column except `step` (the x) and `epoch` (carried as each point's epoch).
import { parse } from 'csv-parse/sync';
import * as nodeBuffer from 'node:buffer';
import { decimalEnd, parseDecimalPrefix } from '../../util/decimal-bytes';
import { parseFloatToken } from '../../util/numbers';
import { errorMessage } from '../../util/fs';
import type { SeriesColumns } from '../../util/context-free-series';

export interface MetricsCsv {
  header: string[];
  rows: number;
  series: Map<string, SeriesColumns>;
  warnings: string[];
}

const CSV_OPTIONS = { relax_column_count: true, skip_empty_lines: true, bom: true } as const;

/**
 * Reads metrics.csv, as its bytes (the reader: numbers are parsed straight from them) or as text; both give the
 * same result. `wanted` limits which columns become series (all when omitted).
 */
export function parseMetricsCsv(input: string | Uint8Array, wanted?: (key: string) => boolean): MetricsCsv {
  if (typeof input !== 'string') return parseMetricsCsvBytes(input, wanted);
  const text = input;
  const csv = new CsvTable(wanted);
  if (text.trim() === '') return csv.empty();
  forEachRecord(text, csv.warnings, csv.onRecord);
  return csv.finish(text.includes('\ufffd'), text.includes('\0'));
}

function parseMetricsCsvBytes(input: Uint8Array, wanted?: (key: string) => boolean): MetricsCsv {
  const bytes = Buffer.isBuffer(input) ? input : Buffer.from(input.buffer, input.byteOffset, input.byteLength);
  // a quoted cell may span lines, and csv-parse reads text: files with quotes (metric names with a comma) take the text path
  if (bytes.indexOf(QUOTE) >= 0) return parseMetricsCsv(bytes.toString('utf8'), wanted);
  const csv = new CsvTable(wanted);
  if (isBlank(bytes)) return csv.empty();
  const start = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
  forEachRecordBytes(bytes, start, csv);
  // decoding replaces bad UTF-8 with U+FFFD: the text path's test, without decoding
  const replaced = !isUtf8(bytes) || bytes.indexOf(REPLACEMENT_CHAR) >= 0;
  return csv.finish(replaced, bytes.indexOf(0) >= 0);
}

/** The rows of one metrics.csv as they are read: the current header, the series, what was odd. */
class CsvTable {
  readonly warnings: string[] = [];
  readonly out: MetricsCsv = { header: [], rows: 0, series: new Map(), warnings: this.warnings };
  cols: Columns | undefined;
  lastStep = 0;
  badCells = 0;
  readonly badKeys = new Set<string>();
  longRows = 0;

  constructor(private readonly wanted: ((key: string) => boolean) | undefined) {}

  empty(): MetricsCsv {
    this.warnings.push('metrics.csv is empty');
    return this.out;
  }

  /** One record as cell texts. Rows are consumed as they are split, so no table of cell strings stays alive (GC cost). */
  readonly onRecord = (row: string[], unterminated: boolean): void => {
    const out = this.out;
    const cols = this.cols;
    if (!cols || isHeaderRow(row)) {
      // the first line, or a writer that appended with a new header (key union grew): switch to it
      this.cols = columnsOf(row, out.series, this.wanted);
      out.header = row;
      return;
    }
    if (unterminated && !(row.length === cols.names.length && row.every((c) => c === '' || numberCell(c) !== undefined))) {
      // Python's csv ends every row with CRLF: a last line without one that is not visibly complete was cut while being written
      this.warnings.push(INCOMPLETE_LAST_LINE);
      return;
    }
    out.rows++;
    if (row.length > cols.names.length) this.longRows++;
    const stepCell = cols.step >= 0 ? row[cols.step] : undefined;
    const step = cols.step < 0 ? out.rows - 1 : stepCell ? numberCell(stepCell) ?? this.lastStep : this.lastStep;
    this.lastStep = step;
    const epoch = cols.epoch >= 0 && row[cols.epoch] ? numberCell(row[cols.epoch]) ?? NaN : NaN;
    const n = Math.min(row.length, cols.names.length);
    for (let c = 0; c < n; c++) {
      const cell = row[c];
      if (cell === '' || c === cols.step || c === cols.epoch) continue;
      const value = numberCell(cell);
      if (value === undefined) {
        if (cell.trim() !== '') this.badCell(cols, c);
        continue;
      }
      const target = cols.targets[c];
      if (!target) continue; // not wanted
      target.steps.push(step);
      target.values.push(value);
      target.epochs.push(epoch);
    }
  };

  /**
   * One record of `count` cells that are all empty or numbers (kinds[c] EMPTY / NUMBER, values[c]), after a
   * header: what onRecord does with the same cells as texts.
   */
  onNumericRow(kinds: Uint8Array, values: Float64Array, count: number, unterminated: boolean): void {
    const cols = this.cols!;
    const out = this.out;
    const names = cols.names.length;
    if (unterminated && count !== names) {
      this.warnings.push(INCOMPLETE_LAST_LINE);
      return;
    }
    out.rows++;
    if (count > names) this.longRows++;
    let step = this.lastStep;
    if (cols.step < 0) step = out.rows - 1;
    else if (cols.step < count && kinds[cols.step] === NUMBER) step = values[cols.step];
    this.lastStep = step;
    const epoch = cols.epoch >= 0 && cols.epoch < count && kinds[cols.epoch] === NUMBER ? values[cols.epoch] : NaN;
    const n = Math.min(count, names);
    const targets = cols.targets;
    for (let c = 0; c < n; c++) {
      if (kinds[c] !== NUMBER) continue;
      const target = targets[c]; // undefined for step, epoch and unwanted columns
      if (!target) continue;
      target.steps.push(step);
      target.values.push(values[c]);
      target.epochs.push(epoch);
    }
  }

  private badCell(cols: Columns, c: number): void {
    this.badCells++;
    this.badKeys.add(cols.names[c]);
  }

  finish(replacementChars: boolean, nulBytes: boolean): MetricsCsv {
    const { out, warnings } = this;
    // CSVLogger adds a step column to every row it writes: a header without one is not Lightning's
    if (this.cols && this.cols.step < 0) warnings.push(`the header has no step column (${JSON.stringify(out.header.join(',').slice(0, 60))}): not a Lightning metrics.csv, or damaged`);
    if (replacementChars) warnings.push('metrics.csv is not valid UTF-8 (damaged?)');
    if (nulBytes) warnings.push('metrics.csv holds NUL bytes (a block lost in a crash or a damaged copy)');
    if (this.badCells) warnings.push(`${this.badCells} cells are not numbers and were skipped (${[...this.badKeys].sort().join(', ')})`);
    if (this.longRows) warnings.push(`${this.longRows} rows have more cells than the header; the extra cells were ignored`);
    // a column only gets a series once it holds a value
    for (const [key, s] of out.series) if (s.values.length === 0) out.series.delete(key);
    return out;
  }
}

const INCOMPLETE_LAST_LINE = 'the last line is incomplete (file still being written?); ignored';

interface Columns {
  names: string[];
  step: number;
  epoch: number;
  /** Where each column's points go; undefined for step/epoch and unwanted columns. */
  targets: Array<SeriesColumns | undefined>;
}

function columnsOf(header: string[], series: Map<string, SeriesColumns>, wanted?: (key: string) => boolean): Columns {
  const names = header.map((h, i) => (h === '' ? `column_${i + 1}` : h));
  const step = names.indexOf('step');
  const epoch = names.indexOf('epoch');
  const targets = names.map((name, i) => {
    if (i === step || i === epoch || (wanted && !wanted(name))) return undefined;
    let s = series.get(name);
    if (!s) series.set(name, (s = { steps: [], values: [], epochs: [] }));
    return s;
  });
  return { names, step, epoch, targets };
}

function isHeaderRow(row: string[]): boolean {
  const i = row.indexOf('step');
  return i >= 0 && row.every((c) => c !== '' && numberCell(c) === undefined);
}

/** Number() is fast and right for Python float text; nan/inf spellings go through the token parser. */
function numberCell(cell: string): number | undefined {
  const n = Number(cell);
  if (!Number.isNaN(n)) return n === 0 && cell.trim() === '' ? undefined : n;
  return parseFloatToken(cell);
}

type RecordSink = (cells: string[], unterminated: boolean) => void;

/**
 * Lightning never writes a line break inside a cell, so each line is one record: a line without
 * quotes is split on commas (exact, and much faster than a general CSV parser), a quoted line (a
 * metric name with a comma or quote) goes through csv-parse, and a bad line costs only itself.
 * A line with an odd number of quotes may open a multi-line cell: then csv-parse reads the whole
 * text, and only if that fails too are lines read one by one.
 */
function forEachRecord(text: string, warnings: string[], sink: RecordSink): void {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  if (hasOddQuoteLine(body)) {
    try {
      const records = parse(body, CSV_OPTIONS) as string[][];
      const unterminated = !/[\r\n]$/.test(body);
      records.forEach((r, i) => sink(r, unterminated && i === records.length - 1));
      return;
    } catch {
      /* unbalanced quotes that are not a multi-line cell: per-line reading below */
    }
  }
  let lineNo = 0;
  let pos = 0;
  const n = body.length;
  while (pos < n) {
    let end = body.indexOf('\n', pos);
    const terminated = end >= 0;
    if (!terminated) end = n;
    recordsOfLine(body.slice(pos, end), terminated, ++lineNo, warnings, sink);
    pos = end + 1;
  }
}

/** The records of one line (without its \n): none when blank, several when lone CRs end lines inside it. */
function recordsOfLine(text: string, terminated: boolean, lineNo: number, warnings: string[], sink: RecordSink): void {
  const line = text.endsWith('\r') ? text.slice(0, -1) : text;
  // a lone CR also ends a line (old Mac files)
  const parts = line.includes('\r') ? line.split('\r') : [line];
  for (let k = 0; k < parts.length; k++) {
    const part = parts[k];
    if (part === '' || part.trim() === '') continue;
    const unterminated = !terminated && k === parts.length - 1;
    if (!part.includes('"')) {
      sink(part.split(','), unterminated);
      continue;
    }
    try {
      const rec = parse(part, CSV_OPTIONS) as string[][];
      if (rec.length) sink(rec[0], unterminated);
    } catch (err) {
      warnings.push(`line ${lineNo}: ${errorMessage(err).split(':')[0]}; skipped`);
    }
  }
}

function hasOddQuoteLine(text: string): boolean {
  if (!text.includes('"')) return false;
  for (const line of text.split(/\r\n|\n|\r/)) {
    let q = 0;
    for (let i = line.indexOf('"'); i >= 0; i = line.indexOf('"', i + 1)) q++;
    if (q % 2 === 1) return true;
  }
  return false;
}

const QUOTE = 0x22;
const COMMA = 0x2c;
const NL = 0x0a;
const CR = 0x0d;
/** U+FFFD in UTF-8: what decoding puts in place of bad bytes, when the file already holds one. */
const REPLACEMENT_CHAR = Buffer.from([0xef, 0xbf, 0xbd]);
/** Kinds of the cells of a numeric row. */
const EMPTY = 0;
const NUMBER = 1;
/** One row's cells, reused row after row (a thread reads one file at a time). */
let rowKinds = new Uint8Array(64);
let rowValues = new Float64Array(64);

/** Whether text.trim() of the decoded bytes is '' (blank or whitespace only), mostly without decoding. */
function isBlank(bytes: Buffer): boolean {
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i];
    if (b === 0x20 || (b >= 0x09 && b <= 0x0d)) continue;
    // a BOM or other Unicode space may lead: decoding decides
    return b >= 0x80 ? bytes.toString('utf8').trim() === '' : false;
  }
  return true;
}

const nativeIsUtf8 = (nodeBuffer as { isUtf8?: (b: Uint8Array) => boolean }).isUtf8;
const strictUtf8 = new TextDecoder('utf-8', { fatal: true });
function isUtf8(bytes: Uint8Array): boolean {
  if (nativeIsUtf8) return nativeIsUtf8(bytes);
  try {
    strictUtf8.decode(bytes);
    return true;
  } catch {
    return false;
  }
}

/**
 * The records of metrics.csv bytes (no quotes in them): a row of numbers and empty cells — nearly every row
 * CSVLogger writes — is parsed straight from the bytes, with no string per line or cell; any other line (the
 * header, a blank line, a lone CR, text in a cell, bytes that are not ASCII) is decoded and goes the text way.
 */
function forEachRecordBytes(bytes: Buffer, start: number, csv: CsvTable): void {
  const n = bytes.length;
  let pos = start;
  let lineNo = 0;
  while (pos < n) {
    lineNo++;
    const next = csv.cols ? numericRow(bytes, pos, csv) : -1;
    if (next >= 0) {
      pos = next;
      continue;
    }
    let end = bytes.indexOf(NL, pos);
    const terminated = end >= 0;
    if (!terminated) end = n;
    recordsOfLine(bytes.toString('utf8', pos, end), terminated, lineNo, csv.warnings, csv.onRecord);
    pos = end + 1;
  }
}

/**
 * The line at bytes[pos] when all its cells are empty or numbers: handed to csv.onNumericRow, and the index after
 * its line end returned. -1, with nothing done, for any other line.
 */
function numericRow(bytes: Buffer, pos: number, csv: CsvTable): number {
  const n = bytes.length;
  if (bytes[pos] === NL || bytes[pos] === CR) return -1; // blank line
  let count = 0;
  let i = pos;
  for (;;) {
    if (count === rowKinds.length) growRow();
    const b = i < n ? bytes[i] : NL;
    if (b === COMMA || b === NL || b === CR) rowKinds[count++] = EMPTY;
    else {
      // a plain integer (the step and epoch columns) inline; anything longer or with a point, sign or exponent
      // through the decimal parser
      let j = i;
      let value = 0;
      while (j < n && j - i < 15) {
        const digit = bytes[j] - 0x30;
        if (digit < 0 || digit > 9) break;
        value = value * 10 + digit;
        j++;
      }
      const d = j < n ? bytes[j] : NL;
      if (j === i || !(d === COMMA || d === NL || d === CR)) {
        value = parseDecimalPrefix(bytes, i, n);
        j = decimalEnd.at;
      }
      if (Number.isNaN(value) || (j < n && bytes[j] !== COMMA && bytes[j] !== NL && bytes[j] !== CR)) {
        // nan/inf spellings, spaces, text: the cell's text decides, as on the text path
        for (j = i; j < n; j++) {
          const c = bytes[j];
          if (c === COMMA || c === NL || c === CR) break;
          if (c >= 0x80) return -1;
        }
        const cell = numberCell(bytes.toString('latin1', i, j));
        if (cell === undefined) return -1;
        value = cell;
      }
      rowKinds[count] = NUMBER;
      rowValues[count++] = value;
      i = j;
    }
    if (i >= n) {
      csv.onNumericRow(rowKinds, rowValues, count, true);
      return n;
    }
    const d = bytes[i];
    if (d === COMMA) {
      i++;
      continue;
    }
    if (d === NL) {
      csv.onNumericRow(rowKinds, rowValues, count, false);
      return i + 1;
    }
    // CR: a line end only before LF (a lone CR splits the line on the text path)
    if (i + 1 < n && bytes[i + 1] === NL) {
      csv.onNumericRow(rowKinds, rowValues, count, false);
      return i + 2;
    }
    return -1;
  }
}

function growRow(): void {
  const kinds = new Uint8Array(rowKinds.length * 2);
  kinds.set(rowKinds);
  const values = new Float64Array(rowValues.length * 2);
  values.set(rowValues);
  rowKinds = kinds;
  rowValues = values;
}
