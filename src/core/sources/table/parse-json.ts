// JSON and JSON Lines results tables. Accepted layouts, as pandas and common tools write them:
//   [ {col: v, …}, … ]                      records (to_json(orient='records'), W&B / MLflow exports)
//   {columns: [...], data: [[...], …]}      pandas orient='split'
//   {schema: {...}, data: [ {…}, … ]}       pandas orient='table'
//   {col: {row: v, …}, …}                   pandas orient='columns' (DataFrame.to_json default)
//   {row: {col: v, …}, …}                   pandas orient='index' (outer keys are row labels)
//   {col: [v, …], …}                        dict of lists
//   {runs: [ {…}, … ]}                      one key holding records
//   one object per line                     .jsonl (to_json(orient='records', lines=True))
// Nested objects are flattened with '.', so {params: {lr: 0.1}} gives the column `params.lr`.
// Bare NaN / Infinity (Python's json.dumps) are accepted.
import { parseTolerantJson } from '../../util/tolerant-json';
import type { ParsedTable, TableCell, TableProblem, TableRow } from './types';

type Json = unknown;
type Flat = Map<string, TableCell>;

function isObject(v: Json): v is Record<string, Json> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function flatten(obj: Record<string, Json>, prefix = '', out: Flat = new Map()): Flat {
  for (const [k, v] of Object.entries(obj)) {
    const key = prefix ? `${prefix}.${k}` : k;
    if (isObject(v) && Object.keys(v).length > 0) flatten(v, key, out);
    else out.set(key, toCell(v));
  }
  return out;
}

function toCell(v: Json): TableCell {
  if (v === null || v === undefined) return null;
  if (typeof v === 'number' || typeof v === 'string' || typeof v === 'boolean') return v;
  return JSON.stringify(v);
}

/** Rows from flattened records; the header is every key in order of first appearance. */
function fromRecords(kind: 'json' | 'jsonl', records: { line: number; flat: Flat }[], problems: TableProblem[]): ParsedTable {
  const index = new Map<string, number>();
  for (const r of records) for (const k of r.flat.keys()) if (!index.has(k)) index.set(k, index.size);
  const header = [...index.keys()];
  const rows: TableRow[] = records.map((r) => {
    const cells: TableCell[] = new Array(header.length).fill(null);
    for (const [k, v] of r.flat) cells[index.get(k)!] = v;
    return { line: r.line, cells };
  });
  return { kind, header, rows, problems };
}

function recordsFromArray(items: Json[], problems: TableProblem[]): { line: number; flat: Flat }[] {
  const out: { line: number; flat: Flat }[] = [];
  items.forEach((item, i) => {
    if (isObject(item)) out.push({ line: i + 1, flat: flatten(item) });
    else problems.push({ line: i + 1, message: `item ${i + 1} is not an object` });
  });
  return out;
}

const looksLikeRowLabel = (k: string) => /^-?\d+$/.test(k);

export function parseJsonText(text: string): ParsedTable {
  const problems: TableProblem[] = [];
  let doc: Json;
  try {
    doc = parseTolerantJson(text);
  } catch (err) {
    const msg = err instanceof Error ? err.message : String(err);
    return { kind: 'json', header: [], rows: [], problems: [{ message: `invalid JSON (truncated or malformed): ${msg}` }] };
  }
  if (Array.isArray(doc)) return fromRecords('json', recordsFromArray(doc, problems), problems);
  if (!isObject(doc)) return { kind: 'json', header: [], rows: [], problems: [{ message: 'JSON is neither an array nor an object of rows' }] };

  if (Array.isArray(doc.columns) && Array.isArray(doc.data)) return fromSplit(doc.columns, doc.data, problems);
  if (isObject(doc.schema) && Array.isArray(doc.data)) return fromRecords('json', recordsFromArray(doc.data, problems), problems);
  const entries = Object.entries(doc);
  if (entries.length === 0) return { kind: 'json', header: [], rows: [], problems };
  const arrays = entries.filter(([, v]) => Array.isArray(v));
  if (arrays.length === 1 && entries.length === 1 && (arrays[0][1] as Json[]).every(isObject)) {
    return fromRecords('json', recordsFromArray(arrays[0][1] as Json[], problems), problems);
  }
  if (arrays.length === entries.length) return fromColumnArrays(entries as [string, Json[]][], problems);
  if (entries.every(([, v]) => isObject(v))) {
    const outer = entries.map(([k]) => k);
    const inner = Object.keys(entries[0][1] as object);
    const isIndexOrient = outer.every(looksLikeRowLabel) && !inner.every(looksLikeRowLabel);
    return isIndexOrient ? fromIndexOrient(entries as [string, Record<string, Json>][], problems) : fromColumnsOrient(entries as [string, Record<string, Json>][], problems);
  }
  return { kind: 'json', header: [], rows: [], problems: [{ message: 'unsupported JSON layout: expected records, or a pandas split/columns/index/table export' }] };
}

function fromSplit(columns: Json[], data: Json[], problems: TableProblem[]): ParsedTable {
  const header = columns.map((c) => (Array.isArray(c) ? c.join('.') : String(c)));
  const rows: TableRow[] = [];
  data.forEach((row, i) => {
    if (!Array.isArray(row)) return problems.push({ line: i + 1, message: `row ${i + 1} is not an array` });
    if (row.length !== header.length) return problems.push({ line: i + 1, message: `row ${i + 1} has ${row.length} values for ${header.length} columns` });
    rows.push({ line: i + 1, cells: row.map(toCell) });
  });
  return { kind: 'json', header, rows, problems };
}

function fromColumnArrays(entries: [string, Json[]][], problems: TableProblem[]): ParsedTable {
  const n = Math.max(...entries.map(([, v]) => v.length));
  const header = entries.map(([k]) => k);
  const rows: TableRow[] = [];
  for (let i = 0; i < n; i++) rows.push({ line: i + 1, cells: entries.map(([, v]) => toCell(v[i])) });
  for (const [k, v] of entries) if (v.length !== n) problems.push({ message: `column ${k} has ${v.length} values, others ${n}` });
  return { kind: 'json', header, rows, problems };
}

function fromColumnsOrient(entries: [string, Record<string, Json>][], problems: TableProblem[]): ParsedTable {
  const labels: string[] = [];
  const seen = new Set<string>();
  for (const [, col] of entries) {
    for (const k of Object.keys(col)) {
      if (seen.has(k)) continue;
      seen.add(k);
      labels.push(k);
    }
  }
  const header = entries.map(([k]) => k);
  const rows = labels.map((label, i) => ({ line: i + 1, cells: entries.map(([, col]) => toCell(col[label])) }));
  return { kind: 'json', header, rows, problems };
}

function fromIndexOrient(entries: [string, Record<string, Json>][], problems: TableProblem[]): ParsedTable {
  return fromRecords('json', entries.map(([, row], i) => ({ line: i + 1, flat: flatten(row) })), problems);
}

export function parseJsonLinesText(text: string): ParsedTable {
  const problems: TableProblem[] = [];
  const records: { line: number; flat: Flat }[] = [];
  const lines = text.split(/\r\n|\r|\n/);
  let lastUsed = lines.length - 1;
  while (lastUsed > 0 && lines[lastUsed].trim() === '') lastUsed--;
  lines.forEach((raw, i) => {
    const line = raw.trim();
    if (line === '') return;
    try {
      const v = parseTolerantJson(line);
      if (isObject(v)) records.push({ line: i + 1, flat: flatten(v) });
      else problems.push({ line: i + 1, message: 'line is not a JSON object' });
    } catch {
      problems.push({ line: i + 1, message: i === lastUsed ? 'invalid JSON (last line truncated?)' : 'invalid JSON' });
    }
  });
  return fromRecords('jsonl', records, problems);
}
