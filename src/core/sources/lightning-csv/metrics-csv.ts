// metrics.csv of Lightning's CSVLogger (formats-spec §3): Python csv.DictWriter output (CRLF),
// header = union of logged keys (sorted since Lightning 2.1), sparse rows (only the keys of one
// log_metrics call are filled), steps that repeat (train and val rows at the end of an epoch).
// One series per column except `step` (the x) and `epoch` (carried as each point's epoch).
import { parse } from 'csv-parse/sync';
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

/** Reads the CSV text; `wanted` limits which columns become series (all when omitted). */
export function parseMetricsCsv(text: string, wanted?: (key: string) => boolean): MetricsCsv {
  const warnings: string[] = [];
  const out: MetricsCsv = { header: [], rows: 0, series: new Map(), warnings };
  if (text.trim() === '') {
    warnings.push('metrics.csv is empty');
    return out;
  }
  // Rows are consumed as they are split, so no table of cell strings stays alive (GC cost).
  let cols: Columns | undefined;
  let lastStep = 0;
  let badCells = 0;
  const badKeys = new Set<string>();
  let longRows = 0;
  const onRecord = (row: string[], unterminated: boolean) => {
    if (!cols || isHeaderRow(row)) {
      // the first line, or a writer that appended with a new header (key union grew): switch to it
      cols = columnsOf(row, out.series, wanted);
      out.header = row;
      return;
    }
    if (unterminated && !(row.length === cols.names.length && row.every((c) => c === '' || numberCell(c) !== undefined))) {
      // Python's csv ends every row with CRLF: a last line without one that is not visibly complete was cut while being written
      warnings.push('the last line is incomplete (file still being written?); ignored');
      return;
    }
    out.rows++;
    if (row.length > cols.names.length) longRows++;
    const stepCell = cols.step >= 0 ? row[cols.step] : undefined;
    const step = cols.step < 0 ? out.rows - 1 : stepCell ? numberCell(stepCell) ?? lastStep : lastStep;
    lastStep = step;
    const epoch = cols.epoch >= 0 && row[cols.epoch] ? numberCell(row[cols.epoch]) ?? NaN : NaN;
    const n = Math.min(row.length, cols.names.length);
    for (let c = 0; c < n; c++) {
      const cell = row[c];
      if (cell === '' || c === cols.step || c === cols.epoch) continue;
      const value = numberCell(cell);
      if (value === undefined) {
        if (cell.trim() !== '') {
          badCells++;
          badKeys.add(cols.names[c]);
        }
        continue;
      }
      const target = cols.targets[c];
      if (!target) continue; // not wanted
      target.steps.push(step);
      target.values.push(value);
      target.epochs.push(epoch);
    }
  };
  forEachRecord(text, warnings, onRecord);
  // CSVLogger adds a step column to every row it writes: a header without one is not Lightning's
  if (cols && cols.step < 0) warnings.push(`the header has no step column (${JSON.stringify(out.header.join(',').slice(0, 60))}): not a Lightning metrics.csv, or damaged`);
  if (text.includes('\ufffd')) warnings.push('metrics.csv is not valid UTF-8 (damaged?)');
  if (text.includes('\0')) warnings.push('metrics.csv holds NUL bytes (a block lost in a crash or a damaged copy)');
  if (badCells) warnings.push(`${badCells} cells are not numbers and were skipped (${[...badKeys].sort().join(', ')})`);
  if (longRows) warnings.push(`${longRows} rows have more cells than the header; the extra cells were ignored`);
  // a column only gets a series once it holds a value
  for (const [key, s] of out.series) if (s.values.length === 0) out.series.delete(key);
  return out;
}

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
    let line = body.slice(pos, end);
    if (line.endsWith('\r')) line = line.slice(0, -1);
    pos = end + 1;
    lineNo++;
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
