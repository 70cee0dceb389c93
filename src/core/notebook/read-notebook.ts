// Lenient nbformat reader: accepts v4.0–4.5, upgrades v3 in memory, analyses bogus versions as v4, and
// turns every deviation from the schema into a FormatProblem with a line/column in the raw file instead
// of refusing the file. Never throws.
import { makeLocator, parseJsonWithPositions } from './json-positions';
import type { FormatProblem, NbCell, NbOutput, Notebook } from './model';
import { upgradeV3 } from './upgrade-v3';

type Json = Record<string, unknown>;

export interface ReadResult {
  notebook: Notebook;
  problems: FormatProblem[];
}

const KNOWN_OUTPUTS = new Set(['stream', 'display_data', 'execute_result', 'error']);
const CELL_ID_RE = /^[a-zA-Z0-9-_]{1,64}$/;
const JSON_MIME_RE = /^application\/(.*\+)?json$/;

function isObject(v: unknown): v is Json {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** `text` and `source` may be a string or a list of strings; nbformat joins lists with ''. */
export function joinMultiline(v: unknown): string | undefined {
  if (typeof v === 'string') return v;
  if (Array.isArray(v) && v.every((x) => typeof x === 'string')) return v.join('');
  return undefined;
}

export function readNotebook(text: string, fileName: string): ReadResult {
  const problems: FormatProblem[] = [];
  const locate = makeLocator(text);
  const parsed = parseJsonWithPositions(text);
  const at = (obj: unknown): { line?: number; column?: number } => {
    const offset = isObject(obj) || Array.isArray(obj) ? parsed.offsets.get(obj as object) : undefined;
    if (offset === undefined) return {};
    const p = locate(offset);
    return { line: p.line, column: p.column };
  };
  const notebook: Notebook = { fileName, nbformat: null, nbformatMinor: null, metadata: {}, cells: [], rawSize: text.length };

  if (parsed.error) {
    const e = parsed.error;
    problems.push({ message: `invalid JSON at line ${e.line}, column ${e.column}: ${e.message}`, severity: 'error', cell: null, line: e.line, column: e.column });
  }
  for (const d of parsed.duplicateKeys.slice(0, 5)) {
    const p = locate(d.offset);
    problems.push({ message: `duplicate key "${d.key}" (only the last one is used)`, severity: 'error', cell: null, line: p.line, column: p.column });
  }
  for (const t of parsed.lenientTokens.slice(0, 3)) {
    const p = locate(t.offset);
    problems.push({ message: `non-JSON number ${t.token}`, severity: 'error', cell: null, line: p.line, column: p.column });
  }
  let root = parsed.value;
  if (!isObject(root)) {
    if (!parsed.error) problems.push({ message: 'the top level is not a JSON object', severity: 'error', cell: null, line: 1, column: 1 });
    return { notebook, problems };
  }

  const major = root.nbformat;
  if (major === 3 || (major === undefined && Array.isArray(root.worksheets))) {
    problems.push({ message: 'legacy notebook format v3', severity: 'warning', cell: null, ...at(root) });
    notebook.upgradedFrom = 3;
    root = upgradeV3(root, parsed.offsets);
  } else if (major === undefined) {
    problems.push({ message: 'the "nbformat" field is missing', severity: 'error', cell: null, ...at(root) });
  } else if (major !== 4) {
    const minor = typeof root.nbformat_minor === 'number' ? `.${root.nbformat_minor}` : '';
    problems.push({ message: `unsupported nbformat version ${String(major)}${minor} (Jupyter only reads 3 and 4); analysed as v4`, severity: 'error', cell: null, ...at(root) });
  }
  const nb = root as Json;
  notebook.nbformat = typeof nb.nbformat === 'number' ? nb.nbformat : null;
  notebook.nbformatMinor = typeof nb.nbformat_minor === 'number' ? nb.nbformat_minor : null;
  notebook.metadata = isObject(nb.metadata) ? nb.metadata : {};
  if (!isObject(nb.metadata) && !parsed.error) problems.push({ message: 'the notebook "metadata" object is missing', severity: 'error', cell: null, ...at(nb) });
  if (!Array.isArray(nb.cells)) {
    if (!parsed.error) problems.push({ message: 'the "cells" list is missing or not a list', severity: 'error', cell: null, ...at(nb) });
    return { notebook, problems };
  }
  const needsIds = notebook.nbformat === 4 && (notebook.nbformatMinor ?? 0) >= 5;
  const seenIds = new Map<string, number>();
  nb.cells.forEach((raw, index) => {
    const cell = readCell(raw, index, (message, severity = 'error') => problems.push({ message: `cell ${index}: ${message}`, severity, cell: index, ...at(raw) }));
    if (needsIds && cell.type !== '?') {
      if (cell.id === undefined) problems.push({ message: `cell ${index}: missing "id" (required since nbformat 4.5)`, severity: 'error', cell: index, ...at(raw) });
      else if (!CELL_ID_RE.test(cell.id)) problems.push({ message: `cell ${index}: malformed id ${JSON.stringify(cell.id.slice(0, 70))}`, severity: 'error', cell: index, ...at(raw) });
      else if (seenIds.has(cell.id)) problems.push({ message: `cell ${index}: duplicate id "${cell.id}" (also cell ${seenIds.get(cell.id)})`, severity: 'error', cell: index, ...at(raw) });
      if (cell.id !== undefined && !seenIds.has(cell.id)) seenIds.set(cell.id, index);
    }
    notebook.cells.push(cell);
  });
  return { notebook, problems };
}

function readCell(raw: unknown, index: number, problem: (message: string, severity?: 'error' | 'warning') => void): NbCell {
  const cell: NbCell = { index, type: '?', source: '', metadata: {}, tags: [], executionCount: null, outputs: [] };
  if (!isObject(raw)) {
    problem('not a JSON object');
    return cell;
  }
  cell.type = typeof raw.cell_type === 'string' ? raw.cell_type : '?';
  if (typeof raw.cell_type !== 'string') problem('missing "cell_type"');
  const source = joinMultiline(raw.source);
  if (source === undefined) problem('"source" is not a string or a list of strings');
  cell.source = source ?? '';
  if (typeof raw.id === 'string') cell.id = raw.id;
  if (isObject(raw.metadata)) cell.metadata = raw.metadata;
  else problem('missing cell "metadata"');
  const tags = cell.metadata.tags;
  if (Array.isArray(tags)) cell.tags = tags.filter((t): t is string => typeof t === 'string');
  if (isObject(raw.attachments)) cell.attachments = raw.attachments;
  if (cell.type !== 'code') return cell;

  if (!('execution_count' in raw)) problem('code cell without "execution_count"');
  const count = raw.execution_count;
  if (count === null || count === undefined) cell.executionCount = null;
  else if (typeof count === 'number' && Number.isInteger(count) && count >= 0) cell.executionCount = count;
  else problem(`"execution_count" must be a non-negative integer or null, not ${JSON.stringify(count)}`);
  if (!Array.isArray(raw.outputs)) {
    problem('code cell without an "outputs" list');
    return cell;
  }
  for (const o of raw.outputs) {
    const out = readOutput(o);
    if (!out) {
      problem('an output is not a JSON object');
      continue;
    }
    if (!KNOWN_OUTPUTS.has(out.type)) problem(`unknown output_type ${JSON.stringify(out.type)}`);
    cell.outputs.push(out);
  }
  return cell;
}

function readOutput(raw: unknown): NbOutput | undefined {
  if (!isObject(raw)) return undefined;
  const out: NbOutput = { type: typeof raw.output_type === 'string' ? raw.output_type : '?' };
  if (typeof raw.name === 'string') out.name = raw.name;
  const text = joinMultiline(raw.text);
  if (text !== undefined) out.text = text;
  if (isObject(raw.data)) {
    const data: Record<string, unknown> = {};
    for (const [mime, value] of Object.entries(raw.data)) {
      data[mime] = JSON_MIME_RE.test(mime) ? value : joinMultiline(value) ?? value;
    }
    out.data = data;
  }
  if ('execution_count' in raw) out.executionCount = typeof raw.execution_count === 'number' ? raw.execution_count : null;
  if (typeof raw.ename === 'string') out.ename = raw.ename;
  if (typeof raw.evalue === 'string') out.evalue = raw.evalue;
  if (Array.isArray(raw.traceback)) out.traceback = raw.traceback.filter((t): t is string => typeof t === 'string');
  return out;
}
