// Recursive-descent parser of the run filter language into a small tree (grammar in ./index.ts).
import { ColumnError, parseColumn, type MetricColumn } from '../runs/columns';
import { indexAnswers } from '../runs/index-exact';
import { parseFloatToken } from '../util/numbers';
import { QueryError, tokenize, type CompareOp, type Token } from './lexer';

/**
 * Where a field is looked up. `auto` tries built-ins, then params, tags, summary, metrics. `column` is a
 * metric column with a summary the index keeps exactly (`f1[lang=de]:best`); `count` the points of one
 * (`count(f1_en)`).
 */
export type FieldScope = 'auto' | 'builtin' | 'param' | 'tag' | 'summary' | 'metric' | 'column' | 'count';

export interface FieldRef {
  scope: FieldScope;
  name: string;
  /** For `column` and `count`: the column as src/core/runs/columns.ts parses it. */
  column?: MetricColumn;
}

/** A field written as a metric column id: it has a summary (`:`) or a `[name=value]` context. */
function isColumnId(name: string): boolean {
  return name.includes(':') || /\[[^\]]*=/.test(name);
}

/** The metric column a field word names; a QueryError on its span when it is not one the index answers. */
function columnOf(text: string, start: number, end: number, what: 'summary' | 'count'): MetricColumn {
  let column;
  try {
    column = parseColumn(text);
  } catch (err) {
    if (err instanceof ColumnError) throw new QueryError(`${err.message} (at ${start + 1})`, start, end);
    throw err;
  }
  if (column.kind !== 'metric') throw new QueryError(`${text} at ${start + 1} is a ${column.kind}, not a metric`, start, end);
  if (what === 'count') {
    if (/^[^[]*(\[[^\]]*\])?:/.test(text)) throw new QueryError(`count(…) takes a metric without a summary, e.g. count(f1_en), at ${start + 1}`, start, end);
    return column;
  }
  if (!indexAnswers(column.summary)) {
    throw new QueryError(
      `${text} at ${start + 1}: the index keeps last, first, min, max, best and count(…) of every series, not ${column.summary.kind === 'at' ? 'at(…)' : column.summary.kind === 'mean_last' ? 'mean_last:k' : 'at_step:S'}; filter on it in the Runs table`,
      start,
      end,
    );
  }
  return column;
}

export interface QueryValue {
  text: string;
  /** The value as a number when it reads as one (3e-5, 0.1, nan, inf); quoted text never does. */
  num?: number;
  regex?: RegExp;
  /** Unquoted `*`: matches any present value (existence test). */
  any?: boolean;
}

export type QueryNode =
  | { kind: 'all' }
  | { kind: 'and' | 'or'; left: QueryNode; right: QueryNode }
  | { kind: 'not'; operand: QueryNode }
  | { kind: 'compare'; field: FieldRef; op: CompareOp; value: QueryValue; start: number; end: number }
  | { kind: 'in'; field: FieldRef; values: QueryValue[]; start: number; end: number }
  /** A bare word or string: matched against run name, experiment and id. */
  | { kind: 'text'; text: string; start: number; end: number };

export type ParseResult = { ok: true; node: QueryNode } | { ok: false; error: QueryError };

export const BUILTIN_FIELDS = ['name', 'status', 'experiment', 'format', 'id', 'run'] as const;

const SCOPE_PREFIXES: Record<string, FieldScope> = {
  param: 'param',
  params: 'param',
  p: 'param',
  tag: 'tag',
  tags: 'tag',
  summary: 'summary',
  metric: 'metric',
  metrics: 'metric',
  m: 'metric',
  run: 'builtin',
  attributes: 'builtin',
};

export function fieldRef(text: string): FieldRef {
  const dot = text.indexOf('.');
  if (dot > 0) {
    const scope = SCOPE_PREFIXES[text.slice(0, dot).toLowerCase()];
    if (scope && dot < text.length - 1) return { scope, name: text.slice(dot + 1) };
  }
  return { scope: 'auto', name: text };
}

function describe(t: Token): string {
  return t.kind === 'end' ? 'the end of the query' : `'${t.text}' at ${t.start + 1}`;
}

class Parser {
  private pos = 0;
  constructor(private readonly tokens: Token[]) {}

  private peek(): Token {
    return this.tokens[this.pos];
  }
  private next(): Token {
    return this.tokens[this.pos++];
  }

  parse(): QueryNode {
    if (this.peek().kind === 'end') return { kind: 'all' };
    const node = this.or();
    const t = this.peek();
    if (t.kind === 'rparen') throw new QueryError(`unexpected ')' at ${t.start + 1}: no '(' to close`, t.start, t.end);
    if (t.kind !== 'end') throw new QueryError(`unexpected ${describe(t)}`, t.start, t.end);
    return node;
  }

  private or(): QueryNode {
    let left = this.and();
    while (this.peek().kind === 'or') {
      this.next();
      left = { kind: 'or', left, right: this.and() };
    }
    return left;
  }

  /** `a and b`, `a && b`, or just `a b`: juxtaposed terms are ANDed. */
  private and(): QueryNode {
    let left = this.not();
    for (;;) {
      const t = this.peek();
      if (t.kind === 'and') this.next();
      else if (t.kind !== 'word' && t.kind !== 'string' && t.kind !== 'not' && t.kind !== 'lparen') return left;
      left = { kind: 'and', left, right: this.not() };
    }
  }

  private not(): QueryNode {
    if (this.peek().kind === 'not') {
      this.next();
      return { kind: 'not', operand: this.not() };
    }
    return this.primary();
  }

  private primary(): QueryNode {
    const t = this.next();
    if (t.kind === 'lparen') {
      if (this.peek().kind === 'rparen') throw new QueryError(`empty parentheses at ${t.start + 1}`, t.start, this.peek().end);
      const inner = this.or();
      const close = this.next();
      if (close.kind !== 'rparen') throw new QueryError(`missing ')' for the '(' at ${t.start + 1}`, t.start, close.start);
      return inner;
    }
    if (t.kind !== 'word' && t.kind !== 'string') throw new QueryError(`expected a field or a word, found ${describe(t)}`, t.start, t.end);
    // count(<metric>), written as a call: the word touches its '('
    const paren = this.peek();
    const counted = t.kind === 'word' && t.text.toLowerCase() === 'count' && paren.kind === 'lparen' && paren.start === t.end ? this.countField(t) : undefined;
    const op = this.peek();
    if (counted && op.kind !== 'op' && op.kind !== 'in') throw new QueryError(`expected a comparison after count(…) at ${t.start + 1}, e.g. count(f1_en) >= 10`, t.start, op.start);
    const field = () => counted ?? this.field(t);
    if (op.kind === 'op') {
      this.next();
      const v = this.next();
      if (v.kind !== 'word' && v.kind !== 'string' && v.kind !== 'regex')
        throw new QueryError(`expected a value after '${op.text}' at ${op.start + 1}, found ${describe(v)}`, v.start, v.end);
      return { kind: 'compare', field: field(), op: op.text as CompareOp, value: this.value(v, op.text as CompareOp), start: t.start, end: v.end };
    }
    if (op.kind === 'in') {
      this.next();
      const open = this.next();
      if (open.kind !== 'lparen') throw new QueryError(`expected '(' after 'in' at ${op.start + 1}`, open.start, open.end);
      const values: QueryValue[] = [];
      for (;;) {
        const v = this.next();
        if (v.kind !== 'word' && v.kind !== 'string') throw new QueryError(`expected a value in the list, found ${describe(v)}`, v.start, v.end);
        values.push(this.value(v, '='));
        const sep = this.next();
        if (sep.kind === 'rparen') return { kind: 'in', field: field(), values, start: t.start, end: sep.end };
        if (sep.kind !== 'comma') throw new QueryError(`expected ',' or ')' in the list, found ${describe(sep)}`, sep.start, sep.end);
      }
    }
    return { kind: 'text', text: t.text, start: t.start, end: t.end };
  }

  /** A field word: a metric column id (`f1[lang=de]:best`, `m.eval_loss:min`) or a field as before. */
  private field(t: Token): FieldRef {
    const ref = fieldRef(t.text);
    if (t.kind !== 'word' || (ref.scope !== 'auto' && ref.scope !== 'metric') || !isColumnId(ref.name)) return ref;
    return { scope: 'column', name: ref.name, column: columnOf(ref.name, t.start, t.end, 'summary') };
  }

  /** `count(` has been seen ahead: reads `count(<metric>)`. */
  private countField(t: Token): FieldRef {
    this.next(); // (
    const arg = this.next();
    if (arg.kind !== 'word' && arg.kind !== 'string') throw new QueryError(`expected a metric in count(…) at ${t.start + 1}, found ${describe(arg)}`, arg.start, arg.end);
    const close = this.next();
    if (close.kind !== 'rparen') throw new QueryError(`missing ')' for count( at ${t.start + 1}`, t.start, close.start);
    const name = fieldRef(arg.text).scope === 'metric' ? fieldRef(arg.text).name : arg.text;
    return { scope: 'count', name, column: columnOf(name, arg.start, arg.end, 'count') };
  }

  private value(t: Token, op: CompareOp): QueryValue {
    if (t.kind === 'regex') {
      const last = t.text.lastIndexOf('/');
      try {
        return { text: t.text, regex: new RegExp(t.text.slice(1, last), t.text.slice(last + 1)) };
      } catch (err) {
        throw new QueryError(`invalid regular expression at ${t.start + 1}: ${(err as Error).message}`, t.start, t.end);
      }
    }
    if (t.kind === 'word' && t.text === '*' && (op === '=' || op === '!=')) return { text: '*', any: true };
    const num = t.kind === 'word' ? parseFloatToken(t.text) : undefined;
    return num === undefined ? { text: t.text } : { text: t.text, num };
  }
}

/** Parses a query; never throws. An empty or blank query matches every run. */
export function parseQuery(query: string): ParseResult {
  try {
    return { ok: true, node: new Parser(tokenize(query)).parse() };
  } catch (err) {
    if (err instanceof QueryError) return { ok: false, error: err };
    return { ok: false, error: new QueryError(String(err), 0, query.length) };
  }
}
