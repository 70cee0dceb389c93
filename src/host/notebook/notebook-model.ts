// A live vscode.NotebookDocument as the core's Notebook model. Sources are the cell documents' text, so
// finding positions map 1:1 onto what the editor shows (no list-vs-string line drift, pitfall 2.4 #1),
// and unsaved edits are analysed. Metadata is read from both layouts VS Code's ipynb serializer has used
// (`metadata.metadata` and the older `metadata.custom.metadata`).
import * as vscode from 'vscode';
import type { NbCell, NbOutput, Notebook } from '../../core/notebook/model';

type Json = Record<string, unknown>;

const STDOUT = 'application/vnd.code.notebook.stdout';
const STDERR = 'application/vnd.code.notebook.stderr';
const ERROR = 'application/vnd.code.notebook.error';
const JSON_MIME_RE = /^application\/(.*\+)?json$/;
const TEXT_MIME_RE = /^text\/|json$|javascript$|svg\+xml$|latex$/;
const decoder = new TextDecoder();

function obj(v: unknown): Json {
  return typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Json) : {};
}

/** The ipynb-level metadata of a notebook or a cell, whichever layout the serializer used. */
export function ipynbMetadata(metadata: Json): Json {
  if (metadata.metadata && typeof metadata.metadata === 'object') return obj(metadata.metadata);
  return obj(obj(metadata.custom).metadata);
}

function convertOutput(output: vscode.NotebookCellOutput): NbOutput[] {
  const meta = obj(output.metadata);
  const outputType = typeof meta.outputType === 'string' ? meta.outputType : undefined;
  const result: NbOutput[] = [];
  const data: Record<string, unknown> = {};
  for (const item of output.items) {
    if (item.mime === STDOUT || item.mime === STDERR) {
      result.push({ type: 'stream', name: item.mime === STDOUT ? 'stdout' : 'stderr', text: decoder.decode(item.data) });
    } else if (item.mime === ERROR) {
      let err: Json = {};
      try {
        err = obj(JSON.parse(decoder.decode(item.data)));
      } catch {
        /* keep the empty error */
      }
      result.push({ type: 'error', ename: String(err.name ?? 'Error'), evalue: String(err.message ?? ''), traceback: typeof err.stack === 'string' ? err.stack.split('\n') : [] });
    } else if (JSON_MIME_RE.test(item.mime)) {
      try {
        data[item.mime] = JSON.parse(decoder.decode(item.data));
      } catch {
        data[item.mime] = decoder.decode(item.data);
      }
    } else if (TEXT_MIME_RE.test(item.mime)) data[item.mime] = decoder.decode(item.data);
    // binary payloads (images): only their stored size matters, as base64 text in the file
    else data[item.mime] = ''.padEnd(Math.ceil((item.data.byteLength * 4) / 3), 'A');
  }
  if (Object.keys(data).length > 0) {
    const type = outputType === 'execute_result' ? 'execute_result' : 'display_data';
    const executionCount = typeof meta.executionCount === 'number' ? meta.executionCount : undefined;
    result.push({ type, data, ...(type === 'execute_result' ? { executionCount: executionCount ?? null } : {}) });
  }
  return result;
}

export function notebookFromDocument(doc: vscode.NotebookDocument): Notebook {
  const nbMeta = obj(doc.metadata);
  const custom = obj(nbMeta.custom);
  const cells: NbCell[] = doc.getCells().map((cell, index) => {
    const cellMeta = obj(cell.metadata);
    const metadata = ipynbMetadata(cellMeta);
    const tags = Array.isArray(metadata.tags) ? metadata.tags.filter((t): t is string => typeof t === 'string') : [];
    const isCode = cell.kind === vscode.NotebookCellKind.Code;
    const order = cell.executionSummary?.executionOrder;
    const rawCount = cellMeta.execution_count;
    return {
      index,
      type: isCode ? 'code' : 'markdown',
      source: cell.document.getText(),
      id: typeof cellMeta.id === 'string' ? cellMeta.id : undefined,
      metadata,
      tags,
      executionCount: isCode ? (typeof order === 'number' ? order : typeof rawCount === 'number' ? rawCount : null) : null,
      outputs: isCode ? cell.outputs.flatMap(convertOutput) : [],
      attachments: cellMeta.attachments && typeof cellMeta.attachments === 'object' ? obj(cellMeta.attachments) : undefined,
    };
  });
  const major = nbMeta.nbformat ?? custom.nbformat;
  const minor = nbMeta.nbformat_minor ?? custom.nbformat_minor;
  return {
    fileName: doc.uri.path.replace(/^.*\//, ''),
    nbformat: typeof major === 'number' ? major : 4,
    nbformatMinor: typeof minor === 'number' ? minor : null,
    metadata: ipynbMetadata(nbMeta),
    cells,
    rawSize: 0,
  };
}
