// A line-level Python scanner: knows, for every line, whether it starts a new statement (not inside a
// string, brackets or a backslash continuation). IPython masking hooks in there, and the same pass
// produces a copy of the code with string contents and comments blanked (so identifier searches never
// match text in strings or comments), the comment list, and the indentation errors that @lezer/python
// silently recovers from (a cell that starts indented, a dedent to an unknown level).
// Blanking keeps every line's length, so offsets in the blanked text equal offsets in the source.

export interface Comment {
  line: number;
  column: number;
  /** Text after the `#`. */
  text: string;
}

export interface ScanError {
  line: number;
  column: number;
  message: string;
}

export interface ScanResult {
  /** The (masked) source the scan ran on. */
  text: string;
  /** `text` with string contents and comments replaced by spaces. */
  code: string;
  comments: Comment[];
  /** IndentationError / unterminated string / unclosed bracket, in Python's words. */
  errors: ScanError[];
}

/** Called at the start of each line that starts a statement; may return a replacement of the same length. */
export type StatementStartHook = (line: string, lineIndex: number) => string | undefined;

interface StringState {
  quote: string;
  triple: boolean;
}

export function scanPython(source: string, hook?: StatementStartHook): ScanResult {
  const lines = source.split('\n');
  const outLines: string[] = [];
  const codeLines: string[] = [];
  const comments: Comment[] = [];
  const errors: ScanError[] = [];
  let str: StringState | undefined;
  let depth = 0;
  let continued = false;
  const indentStack = [0];
  let expectIndent = false;

  for (let li = 0; li < lines.length; li++) {
    let line = lines[li];
    const statementStart = !str && depth === 0 && !continued;
    if (statementStart && hook) {
      const replaced = hook(line, li);
      if (replaced !== undefined) line = replaced;
    }
    outLines.push(line);
    const code = line.split('');
    let lastSignificant = '';
    continued = false;
    let i = 0;
    if (statementStart) {
      const firstCol = line.search(/\S/);
      if (firstCol !== -1 && line[firstCol] !== '#') {
        const width = indentWidth(line.slice(0, firstCol));
        const top = indentStack[indentStack.length - 1];
        if (expectIndent) {
          if (width <= top) errors.push({ line: li, column: firstCol, message: 'IndentationError: expected an indented block' });
          else indentStack.push(width);
        } else if (width > top) {
          errors.push({ line: li, column: firstCol, message: 'IndentationError: unexpected indent' });
          indentStack.push(width);
        } else if (width < top) {
          while (indentStack.length > 1 && indentStack[indentStack.length - 1] > width) indentStack.pop();
          if (indentStack[indentStack.length - 1] !== width) {
            errors.push({ line: li, column: firstCol, message: 'IndentationError: unindent does not match any outer indentation level' });
            indentStack.push(width);
          }
        }
        expectIndent = false;
      }
    }
    while (i < line.length) {
      const c = line[i];
      if (str) {
        if (c === '\\') {
          code[i] = ' ';
          if (i + 1 < line.length) code[i + 1] = ' ';
          else if (!str.triple) continued = true; // backslash-newline inside a one-line string continues it
          i += 2;
          continue;
        }
        if (c === str.quote[0] && line.startsWith(str.quote, i)) {
          i += str.quote.length;
          str = undefined;
          lastSignificant = c;
          continue;
        }
        code[i] = ' ';
        i++;
        continue;
      }
      if (c === '#') {
        comments.push({ line: li, column: i, text: line.slice(i + 1) });
        for (let k = i; k < line.length; k++) code[k] = ' ';
        break;
      }
      if (c === '"' || c === "'") {
        const triple = line.startsWith(c.repeat(3), i);
        str = { quote: triple ? c.repeat(3) : c, triple };
        i += str.quote.length;
        lastSignificant = c;
        continue;
      }
      if (c === '(' || c === '[' || c === '{') depth++;
      else if (c === ')' || c === ']' || c === '}') depth = Math.max(0, depth - 1);
      if (c === '\\' && i === line.length - 1) {
        continued = true;
        break;
      }
      if (c !== ' ' && c !== '\t' && c !== '\r') lastSignificant = c;
      i++;
    }
    if (str && !str.triple && !continued) {
      errors.push({ line: li, column: Math.max(0, line.length - 1), message: 'SyntaxError: unterminated string literal' });
      str = undefined;
    }
    if (!str && depth === 0 && !continued && lastSignificant !== '') expectIndent = lastSignificant === ':';
    codeLines.push(code.join(''));
  }
  if (str?.triple) errors.push({ line: lines.length - 1, column: 0, message: 'SyntaxError: unterminated triple-quoted string literal' });
  else if (depth > 0) errors.push({ line: lines.length - 1, column: 0, message: "SyntaxError: '(' was never closed" });
  return { text: outLines.join('\n'), code: codeLines.join('\n'), comments, errors };
}

function indentWidth(ws: string): number {
  let w = 0;
  for (let i = 0; i < ws.length; i++) w = ws.charCodeAt(i) === 9 ? (Math.floor(w / 8) + 1) * 8 : w + 1;
  return w;
}
