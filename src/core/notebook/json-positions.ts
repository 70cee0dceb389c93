// A small position-aware JSON parser for .ipynb files.
// Why not JSON.parse: it cannot say *where* a half-written file breaks, it silently keeps the last of
// duplicate keys, and it gives nothing back for a truncated file. This parser records the start offset of
// every object/array, reports duplicate keys, and on a syntax error returns everything parsed so far
// (containers are filled in place), so a truncated notebook still yields its complete cells.
// Strings are located with indexOf and only decoded by JSON.parse when they hold escapes, which keeps a
// 2 MB notebook well under the 200 ms analysis budget.

export interface JsonPosition {
  offset: number;
  /** 1-based, like editors show. */
  line: number;
  column: number;
}

export interface JsonSyntaxError extends JsonPosition {
  message: string;
}

export interface JsonParseResult {
  /** The parsed value; on a syntax error, the partially filled root (or undefined when nothing parsed). */
  value: unknown;
  error?: JsonSyntaxError;
  duplicateKeys: { key: string; offset: number }[];
  /** Non-standard tokens accepted leniently (NaN, Infinity). */
  lenientTokens: { token: string; offset: number }[];
  /** Start offset of every object and array in the input. */
  offsets: WeakMap<object, number>;
}

class ParseFailure extends Error {
  constructor(
    message: string,
    readonly offset: number,
  ) {
    super(message);
  }
}

const NUMBER_RE = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
const MAX_DEPTH = 512;

export function parseJsonWithPositions(text: string): JsonParseResult {
  const p = new Parser(text);
  const result: JsonParseResult = {
    value: undefined,
    duplicateKeys: p.duplicateKeys,
    lenientTokens: p.lenientTokens,
    offsets: p.offsets,
  };
  try {
    p.skipWs();
    if (p.pos >= text.length) throw new ParseFailure('the file is empty', 0);
    result.value = p.parseValue(0, (v) => (result.value = v));
    p.skipWs();
    if (p.pos < text.length) throw new ParseFailure('unexpected text after the end of the JSON value', p.pos);
  } catch (e) {
    if (e instanceof ParseFailure) result.error = { message: e.message, ...positionAt(text, e.offset) };
    else if (e instanceof RangeError) result.error = { message: 'nesting too deep', ...positionAt(text, p.pos) };
    else throw e;
  }
  return result;
}

/** 1-based line and column of a character offset. */
export function positionAt(text: string, offset: number): JsonPosition {
  const clamped = Math.max(0, Math.min(offset, text.length));
  let line = 1;
  let lineStart = 0;
  for (let i = text.indexOf('\n'); i !== -1 && i < clamped; i = text.indexOf('\n', i + 1)) {
    line++;
    lineStart = i + 1;
  }
  return { offset: clamped, line, column: clamped - lineStart + 1 };
}

class Parser {
  pos = 0;
  readonly duplicateKeys: { key: string; offset: number }[] = [];
  readonly lenientTokens: { token: string; offset: number }[] = [];
  readonly offsets = new WeakMap<object, number>();

  constructor(private readonly s: string) {}

  skipWs(): void {
    const s = this.s;
    let i = this.pos;
    for (;;) {
      const c = s.charCodeAt(i);
      if (c === 32 || c === 10 || c === 13 || c === 9) i++;
      else break;
    }
    this.pos = i;
  }

  /** `publish` hands a container to the caller before it is filled, so partial results survive a failure. */
  parseValue(depth: number, publish: (v: unknown) => void): unknown {
    if (depth > MAX_DEPTH) throw new ParseFailure('nesting too deep', this.pos);
    const s = this.s;
    const c = s[this.pos];
    if (c === '{') return this.parseObject(depth, publish);
    if (c === '[') return this.parseArray(depth, publish);
    if (c === '"') return this.parseString();
    if (c === 't' && s.startsWith('true', this.pos)) return (this.pos += 4), true;
    if (c === 'f' && s.startsWith('false', this.pos)) return (this.pos += 5), false;
    if (c === 'n' && s.startsWith('null', this.pos)) return (this.pos += 4), null;
    for (const [token, value] of LENIENT) {
      if (s.startsWith(token, this.pos)) {
        this.lenientTokens.push({ token, offset: this.pos });
        this.pos += token.length;
        return value;
      }
    }
    NUMBER_RE.lastIndex = this.pos;
    const m = NUMBER_RE.exec(s);
    if (m) {
      this.pos += m[0].length;
      return Number(m[0]);
    }
    if (this.pos >= s.length) throw new ParseFailure('unexpected end of file (the notebook is truncated)', this.pos);
    throw new ParseFailure(`unexpected character ${JSON.stringify(c)}`, this.pos);
  }

  private parseObject(depth: number, publish: (v: unknown) => void): Record<string, unknown> {
    const obj: Record<string, unknown> = {};
    this.offsets.set(obj, this.pos);
    publish(obj);
    this.pos++;
    this.skipWs();
    if (this.s[this.pos] === '}') return this.pos++, obj;
    for (;;) {
      this.skipWs();
      if (this.s[this.pos] !== '"') this.fail('expected a property name in double quotes');
      const keyOffset = this.pos;
      const key = this.parseString();
      this.skipWs();
      if (this.s[this.pos] !== ':') this.fail("expected ':' after a property name");
      this.pos++;
      this.skipWs();
      if (Object.prototype.hasOwnProperty.call(obj, key)) this.duplicateKeys.push({ key, offset: keyOffset });
      obj[key] = this.parseValue(depth + 1, (v) => (obj[key] = v));
      this.skipWs();
      const c = this.s[this.pos];
      if (c === ',') {
        this.pos++;
        continue;
      }
      if (c === '}') return this.pos++, obj;
      this.fail("expected ',' or '}' in an object");
    }
  }

  private parseArray(depth: number, publish: (v: unknown) => void): unknown[] {
    const arr: unknown[] = [];
    this.offsets.set(arr, this.pos);
    publish(arr);
    this.pos++;
    this.skipWs();
    if (this.s[this.pos] === ']') return this.pos++, arr;
    for (;;) {
      this.skipWs();
      const index = arr.length;
      arr[index] = this.parseValue(depth + 1, (v) => (arr[index] = v));
      this.skipWs();
      const c = this.s[this.pos];
      if (c === ',') {
        this.pos++;
        continue;
      }
      if (c === ']') return this.pos++, arr;
      this.fail("expected ',' or ']' in an array");
    }
  }

  private parseString(): string {
    const s = this.s;
    const start = this.pos;
    let i = start + 1;
    let escaped = false;
    for (;;) {
      const q = s.indexOf('"', i);
      if (q === -1) throw new ParseFailure('unterminated string (the notebook is truncated)', start);
      // count the backslashes right before the quote: an odd number escapes it
      let b = q - 1;
      while (b > start && s.charCodeAt(b) === 92) b--;
      const slashes = q - 1 - b;
      if (slashes > 0) escaped = true;
      if (slashes % 2 === 1) {
        i = q + 1;
        continue;
      }
      this.pos = q + 1;
      if (!escaped) {
        const inner = s.slice(start + 1, q);
        if (inner.indexOf('\\') === -1) return inner;
      }
      try {
        return JSON.parse(s.slice(start, q + 1)) as string;
      } catch {
        throw new ParseFailure('invalid escape sequence or control character in a string', start);
      }
    }
  }

  private fail(message: string): never {
    if (this.pos >= this.s.length) throw new ParseFailure('unexpected end of file (the notebook is truncated)', this.pos);
    throw new ParseFailure(message, this.pos);
  }
}

const LENIENT: [string, number][] = [
  ['NaN', NaN],
  ['-Infinity', -Infinity],
  ['Infinity', Infinity],
];

/** Offset → 1-based line/column, for many look-ups in the same text (line starts computed once). */
export function makeLocator(text: string): (offset: number) => JsonPosition {
  let starts: number[] | undefined;
  return (offset) => {
    if (!starts) {
      starts = [0];
      for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
    }
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid] <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { offset, line: lo + 1, column: offset - starts[lo] + 1 };
  };
}
