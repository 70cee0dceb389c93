// Reads a table file from disk and parses it by its extension. Read-only; bounded in size.
import { promises as fsp } from 'node:fs';
import * as path from 'node:path';
import { errorMessage, isLfsPointer, lfsPointerMessage, readRegularFile } from '../../util/fs';
import { parseCsvText } from './parse-csv';
import { parseJsonLinesText, parseJsonText } from './parse-json';
import type { ParsedTable, TableKind } from './types';

/** A results table is one row per run; beyond this it is not one (and would not fit the index). */
export const MAX_TABLE_BYTES = 256 << 20;

export function tableKindOf(file: string): TableKind | undefined {
  const ext = path.extname(file).toLowerCase();
  if (ext === '.csv' || ext === '.tsv' || ext === '.txt') return 'csv';
  if (ext === '.json') return 'json';
  if (ext === '.jsonl' || ext === '.ndjson') return 'jsonl';
  return undefined;
}

export function parseTableText(text: string, kind: TableKind): ParsedTable {
  if (kind === 'json') return parseJsonText(text);
  if (kind === 'jsonl') return parseJsonLinesText(text);
  return parseCsvText(text);
}

/** The parsed table, or a message saying why the file cannot be read as one. */
export async function loadTable(file: string): Promise<ParsedTable | string> {
  const kind = tableKindOf(file);
  if (!kind) return `unsupported table file type ${path.extname(file) || '(none)'}: use .csv, .json or .jsonl`;
  let size: number;
  try {
    const st = await fsp.stat(file);
    if (!st.isFile()) return 'not a file';
    size = st.size;
  } catch (err) {
    return `cannot read ${file}: ${errorMessage(err)}`;
  }
  if (size > MAX_TABLE_BYTES) return `table file is ${Math.round(size / 2 ** 20)} MB; the limit is ${MAX_TABLE_BYTES / 2 ** 20} MB`;
  let bytes: Buffer;
  try {
    bytes = await readRegularFile(file);
  } catch (err) {
    return `cannot read ${file}: ${errorMessage(err)}`;
  }
  if (isLfsPointer(bytes.subarray(0, 64))) return lfsPointerMessage('the table');
  // Excel's "Unicode text" export is UTF-16 LE with a BOM
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return parseTableText(new TextDecoder('utf-16le').decode(bytes.subarray(2)), kind);
  if (bytes.subarray(0, 8192).includes(0)) return 'binary file, not a text table';
  return parseTableText(bytes.toString('utf8'), kind);
}
