// IPython syntax masking, the nbQA way: magics (`%pip`, `%%time`), shell escapes (`!ls`, `x = !ls`),
// help (`obj?`, `?obj`) and common automagics (`pip install x`) are replaced by a same-length Python
// placeholder before parsing, so offsets stay valid and the Python parser never sees them. The masked
// lines are kept as MagicLine records: the path, pip and secret checks read them.
import { scanPython, type ScanResult } from './python-scan';

export type MagicKind = 'line-magic' | 'cell-magic' | 'shell' | 'help' | 'automagic';

export interface MagicLine {
  /** 0-based line in the cell. */
  line: number;
  column: number;
  kind: MagicKind;
  /** Magic name without `%` (`pip`, `time`), or the shell command's first word (`pip`, `wget`). */
  name: string;
  /** Everything after the name, continuation lines joined. */
  args: string;
}

export interface MaskedCell extends ScanResult {
  /** False for cells whose cell magic makes the body non-Python (`%%bash`, `%%writefile`, …). */
  isPython: boolean;
  cellMagic?: string;
  magics: MagicLine[];
}

// Cell magics whose body is still Python.
const PYTHON_CELL_MAGICS = new Set(['time', 'timeit', 'capture', 'prun', 'debug', 'memit', 'px', 'autopx', 'pypy']);
const AUTOMAGIC_RE = /^(\s*)(pip3?|conda|mamba)\s+(install|uninstall)\b(.*)$/;
const CD_AUTOMAGIC_RE = /^(\s*)(cd)\s+([^=(\[.,:\s][^=]*)$/;
const ASSIGN_FROM_RE = /^(\s*[A-Za-z_][\w.]*(?:\s*,\s*[A-Za-z_][\w.]*)*\s*=\s*)([!%])(.*)$/;
const HELP_RE = /^(\s*)(\?{1,2}[\w.]+|[\w.]+\?{1,2}|%[\w.]+\?{1,2})\s*$/;

export function maskIPython(source: string): MaskedCell {
  const magics: MagicLine[] = [];
  const lines = source.split('\n');
  const first = lines.findIndex((l) => l.trim() !== '');
  const firstLine = first === -1 ? '' : lines[first];
  const cellMagic = /^\s*%%(\w+)/.exec(firstLine)?.[1];
  if (cellMagic !== undefined) {
    magics.push({ line: first, column: firstLine.indexOf('%%'), kind: 'cell-magic', name: cellMagic, args: firstLine.slice(firstLine.indexOf('%%') + 2 + cellMagic.length).trim() });
    if (!PYTHON_CELL_MAGICS.has(cellMagic)) {
      // the body is another language: nothing to parse, but keep it for path/secret scans
      const blank = lines.map((l) => ' '.repeat(l.length)).join('\n');
      return { text: blank, code: blank, comments: [], errors: [], isPython: false, cellMagic, magics };
    }
  }

  let continuation = -1; // index into magics of a magic continued by a trailing backslash
  const hook = (line: string, li: number): string | undefined => {
    if (li === first && cellMagic !== undefined) return ' '.repeat(line.length);
    const m = matchMagic(line, li);
    if (!m) return undefined;
    continuation = line.trimEnd().endsWith('\\') ? magics.length : -1;
    m.magic.args = m.magic.args.replace(/\s*\\\s*$/, '');
    magics.push(m.magic);
    return m.replacement;
  };
  const scanned = scanPython(source, (line, li) => {
    if (continuation !== -1) {
      const m = magics[continuation];
      m.args += ' ' + line.trim().replace(/\\$/, '').trim();
      if (!line.trimEnd().endsWith('\\')) continuation = -1;
      return ' '.repeat(line.length);
    }
    return hook(line, li);
  });
  for (const m of magics) m.args = m.args.replace(/\s*\\\s*$/, '').trim();
  return { ...scanned, isPython: true, cellMagic, magics };
}

function placeholder(prefix: string, length: number): string {
  // `0` is a valid expression statement; padding keeps the line length (and so every offset) unchanged
  const body = length - prefix.length;
  return body >= 1 ? prefix + '0' + ' '.repeat(body - 1) : prefix + '0';
}

function matchMagic(line: string, li: number): { magic: MagicLine; replacement: string } | undefined {
  const indent = /^\s*/.exec(line)![0];
  const rest = line.slice(indent.length);
  const help = HELP_RE.exec(line);
  if (help) {
    const name = help[2].replace(/[?%]/g, '');
    return { magic: { line: li, column: indent.length, kind: 'help', name, args: '' }, replacement: placeholder(indent, line.length) };
  }
  if (rest.startsWith('%') || rest.startsWith('!')) {
    const shell = rest.startsWith('!');
    const body = rest.replace(/^[%!]+/, '');
    const name = /^[\w.-]*/.exec(body)![0];
    return {
      magic: { line: li, column: indent.length, kind: shell ? 'shell' : 'line-magic', name, args: body.slice(name.length).trim() },
      replacement: placeholder(indent, line.length),
    };
  }
  const assigned = ASSIGN_FROM_RE.exec(line);
  if (assigned) {
    const body = assigned[3];
    const name = /^[\w.-]*/.exec(body.replace(/^[%!]+/, ''))![0];
    return {
      magic: { line: li, column: assigned[1].length, kind: assigned[2] === '!' ? 'shell' : 'line-magic', name, args: body.replace(/^[%!]*[\w.-]*/, '').trim() },
      replacement: placeholder(assigned[1], line.length),
    };
  }
  const auto = AUTOMAGIC_RE.exec(line) ?? CD_AUTOMAGIC_RE.exec(line);
  if (auto) {
    const args = auto[2] === 'cd' ? auto[3] : `${auto[3]}${auto[4]}`;
    return { magic: { line: li, column: indent.length, kind: 'automagic', name: auto[2], args: args.trim() }, replacement: placeholder(indent, line.length) };
  }
  return undefined;
}
