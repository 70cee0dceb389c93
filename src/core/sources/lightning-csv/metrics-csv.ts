// metrics.csv of Lightning's CSVLogger (formats-spec §3): Python csv.DictWriter output (CRLF),
// header = union of logged keys (sorted since Lightning 2.1), sparse rows (only the keys of one
// log_metrics call are filled), steps that repeat (train and val rows at the end of an epoch).
// One series per column except `step` (the x) and `epoch` (carried as each point's epoch).
import { parse } from 'csv-parse/sync';
import { parseFloatToken } from '../../util/numbers';
import { errorMessage } from '../../util/fs';

export interface SeriesColumns {
  steps: number[];
  values: number[];
  epochs: number[];
}

export interface MetricsCsv {
  header: string[];
  rows: number;
  series: Map<string, SeriesColumns>;
  warnings: string[];
}

const CSV_OPTIONS = { relax_column_count: true, skip_empty_lines: true, bom: true } as const;

/** Reads the CSV text; `wanted` limits which columns become series (all when omitted). */
export function parseMetricsCsv(text: string, wanted?: (key: string) => boolean): MetricsCsv {
  const warnings: string[] = [];
  const out: MetricsCsv = { header: [], rows: 0, series: new Map(), warnings };
  if (text.trim() === '') {
    warnings.push('metrics.csv is empty');
    return out;
  }
  const records = readRecords(text, warnings);
  dropUnfinishedLastRow(text, records, warnings);
  if (records.length === 0) return out;

  let cols = columnsOf(records[0]);
  out.header = records[0];
  let lastStep = 0;
  let badCells = 0;
  const badKeys = new Set<string>();
  let longRows = 0;
  for (let r = 1; r < records.length; r++) {
    const row = records[r];
    if (isHeaderRow(row)) {
      // a writer that appended with a new header (key union grew): switch to it
      cols = columnsOf(row);
      out.header = row;
      continue;
    }
    out.rows++;
    if (row.length > cols.names.length) longRows++;
    const stepCell = cols.step >= 0 ? row[cols.step] : undefined;
    const step = cols.step < 0 ? out.rows - 1 : stepCell ? numberCell(stepCell) ?? lastStep : lastStep;
    lastStep = step;
    const epoch = cols.epoch >= 0 && row[cols.epoch] ? numberCell(row[cols.epoch]) ?? NaN : NaN;
    const n = Math.min(row.length, cols.names.length);
    for (let c = 0; c < n; c++) {
      if (c === cols.step || c === cols.epoch) continue;
      const cell = row[c];
      if (cell === '') continue;
      const key = cols.names[c];
      const value = numberCell(cell);
      if (value === undefined) {
        if (cell.trim() !== '') {
          badCells++;
          badKeys.add(key);
        }
        continue;
      }
      if (wanted && !wanted(key)) continue;
      let s = out.series.get(key);
      if (!s) out.series.set(key, (s = { steps: [], values: [], epochs: [] }));
      s.steps.push(step);
      s.values.push(value);
      s.epochs.push(epoch);
    }
  }
  if (badCells) warnings.push(`${badCells} cells are not numbers and were skipped (${[...badKeys].sort().join(', ')})`);
  if (longRows) warnings.push(`${longRows} rows have more cells than the header; the extra cells were ignored`);
  return out;
}

interface Columns {
  names: string[];
  step: number;
  epoch: number;
}

function columnsOf(header: string[]): Columns {
  const names = header.map((h, i) => (h === '' ? `column_${i + 1}` : h));
  return { names, step: names.indexOf('step'), epoch: names.indexOf('epoch') };
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

/**
 * csv-parse over the whole text first. A malformed record (a stray or unclosed quote) can make it
 * swallow everything after it, so on any error fall back to parsing line by line, where one bad
 * line costs only itself. Lightning never writes newlines inside cells, so lines are records.
 */
function readRecords(text: string, warnings: string[]): string[][] {
  try {
    return parse(text, CSV_OPTIONS) as string[][];
  } catch {
    /* fall through to the line-by-line reading */
  }
  const records: string[][] = [];
  const lines = text.replace(/^\uFEFF/, '').split(/\r\n|\n|\r/);
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    if (line.trim() === '') continue;
    if (!line.includes('"')) {
      records.push(line.split(','));
      continue;
    }
    try {
      const rec = parse(line, CSV_OPTIONS) as string[][];
      if (rec.length) records.push(rec[0]);
    } catch (err) {
      warnings.push(`line ${i + 1}: ${errorMessage(err).split(':')[0]}; skipped`);
    }
  }
  return records;
}

/**
 * Python's csv module ends every row with CRLF, so text without a final line break was cut while
 * being written (or copied). Keep that last row only when it is visibly complete.
 */
function dropUnfinishedLastRow(text: string, records: string[][], warnings: string[]): void {
  if (records.length < 2 || text.endsWith('\n') || text.endsWith('\r')) return;
  const last = records[records.length - 1];
  const complete = last.length === records[0].length && last.every((c) => c === '' || numberCell(c) !== undefined);
  if (!complete) {
    records.pop();
    warnings.push('the last line is incomplete (file still being written?); ignored');
  }
}
