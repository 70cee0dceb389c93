// In-memory upgrade of a v3 notebook to the v4 shape, mirroring nbformat's v4/convert.upgrade:
// worksheets[].cells → cells, input → source, prompt_number → execution_count, heading cells → markdown
// `#` lines, pyout/pyerr → execute_result/error, stream key → name, flat rich data → a mime bundle.
// Every check then runs on the upgraded model; the file itself is never changed.

type Json = Record<string, unknown>;

const V3_MIME: Record<string, string> = {
  text: 'text/plain',
  html: 'text/html',
  svg: 'image/svg+xml',
  png: 'image/png',
  jpeg: 'image/jpeg',
  latex: 'text/latex',
  json: 'application/json',
  javascript: 'application/javascript',
  pdf: 'application/pdf',
};

function isObject(v: unknown): v is Json {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function joined(v: unknown): string {
  if (typeof v === 'string') return v;
  if (Array.isArray(v)) return v.filter((x) => typeof x === 'string').join('');
  return '';
}

/** Returns a v4-shaped root; `offsets` gets the old cell offsets for the new cell objects. */
export function upgradeV3(root: Json, offsets: WeakMap<object, number>): Json {
  const cells: Json[] = [];
  const worksheets = Array.isArray(root.worksheets) ? root.worksheets : [];
  for (const ws of worksheets) {
    if (!isObject(ws) || !Array.isArray(ws.cells)) continue;
    for (const cell of ws.cells) {
      if (!isObject(cell)) continue;
      const upgraded = upgradeCell(cell);
      const at = offsets.get(cell);
      if (at !== undefined) offsets.set(upgraded, at);
      cells.push(upgraded);
    }
  }
  const metadata = isObject(root.metadata) ? { ...root.metadata } : {};
  delete metadata.name; // v3 kept the notebook name here; v4 drops it
  return { nbformat: 4, nbformat_minor: 0, metadata: { ...metadata, orig_nbformat: 3 }, cells };
}

function upgradeCell(cell: Json): Json {
  const metadata = isObject(cell.metadata) ? cell.metadata : {};
  switch (cell.cell_type) {
    case 'code':
      return {
        cell_type: 'code',
        metadata,
        source: joined(cell.input),
        execution_count: typeof cell.prompt_number === 'number' ? cell.prompt_number : null,
        outputs: Array.isArray(cell.outputs) ? cell.outputs.filter(isObject).map(upgradeOutput) : [],
      };
    case 'heading': {
      const level = typeof cell.level === 'number' ? Math.min(6, Math.max(1, cell.level)) : 1;
      const text = joined(cell.source).split('\n').join(' ');
      return { cell_type: 'markdown', metadata, source: `${'#'.repeat(level)} ${text}` };
    }
    case 'html':
      return { cell_type: 'markdown', metadata, source: joined(cell.source) };
    default:
      return { ...cell, metadata, source: joined(cell.source) };
  }
}

function upgradeOutput(out: Json): Json {
  switch (out.output_type) {
    case 'pyout':
      return {
        output_type: 'execute_result',
        execution_count: typeof out.prompt_number === 'number' ? out.prompt_number : null,
        metadata: isObject(out.metadata) ? out.metadata : {},
        data: mimeBundle(out),
      };
    case 'display_data':
      return { output_type: 'display_data', metadata: isObject(out.metadata) ? out.metadata : {}, data: mimeBundle(out) };
    case 'pyerr':
      return {
        output_type: 'error',
        ename: out.ename ?? '',
        evalue: out.evalue ?? '',
        traceback: Array.isArray(out.traceback) ? out.traceback : [],
      };
    case 'stream':
      return { output_type: 'stream', name: out.stream ?? out.name ?? 'stdout', text: joined(out.text) };
    default:
      return out;
  }
}

function mimeBundle(out: Json): Json {
  const data: Json = {};
  for (const [key, value] of Object.entries(out)) {
    const mime = V3_MIME[key] ?? (key.includes('/') ? key : undefined);
    if (!mime) continue;
    data[mime] = key === 'json' && typeof value === 'string' ? safeJson(value) : value;
  }
  return data;
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}
