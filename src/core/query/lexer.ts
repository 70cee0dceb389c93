// Tokens of the run filter language (see ./index.ts for the language itself).
// Every token keeps its character span so errors can point at the exact place in the query.

export type TokenKind = 'word' | 'string' | 'regex' | 'op' | 'lparen' | 'rparen' | 'comma' | 'and' | 'or' | 'not' | 'in' | 'end';

export type CompareOp = '=' | '!=' | '<' | '<=' | '>' | '>=' | '~' | '!~';

export interface Token {
  kind: TokenKind;
  /** The text as the user meant it: quotes removed and escapes resolved for strings. */
  text: string;
  start: number;
  end: number;
}

/** A problem in the query text, with the character span [start, end) it concerns. */
export class QueryError extends Error {
  constructor(
    message: string,
    readonly start: number,
    readonly end: number,
  ) {
    super(message);
    this.name = 'QueryError';
  }
}

/** Characters that end a bare word: whitespace, operators, parentheses, quotes, commas. */
const WORD_STOP = /[\s()=!<>~"',&|]/;

const KEYWORDS: Record<string, TokenKind> = { and: 'and', or: 'or', not: 'not', in: 'in' };

/**
 * Where the bare word starting at `start` ends. Metric column ids are one word although they hold
 * stop characters: a `[context]` runs to its `]` (`f1[lang=de,split=dev]:best`), and a `(` right after a
 * word with a summary runs to its matching `)` (`f1:at(f1[lang=en]:best)`, rejected by the parser with a
 * clear message rather than split into pieces).
 */
function wordEnd(query: string, start: number): number {
  let i = start;
  while (i < query.length) {
    const c = query[i];
    if (c === '[') {
      const close = query.indexOf(']', i);
      if (close < 0) throw new QueryError(`unclosed '[' at ${i + 1}`, i, query.length);
      i = close + 1;
    } else if (c === '(' && query.slice(start, i).includes(':')) {
      let depth = 0;
      const open = i;
      for (; i < query.length; i++) {
        if (query[i] === '(') depth++;
        else if (query[i] === ')' && --depth === 0) break;
      }
      if (i >= query.length) throw new QueryError(`missing ')' for the '(' at ${open + 1}`, open, query.length);
      i++;
    } else if (WORD_STOP.test(c)) break;
    else i++;
  }
  return i;
}

export function tokenize(query: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  const push = (kind: TokenKind, text: string, start: number, end: number) => tokens.push({ kind, text, start, end });
  while (i < query.length) {
    const c = query[i];
    if (/\s/.test(c)) {
      i++;
      continue;
    }
    const two = query.slice(i, i + 2);
    if (two === '&&' || two === '||') {
      push(two === '&&' ? 'and' : 'or', two, i, i + 2);
      i += 2;
      continue;
    }
    if (c === '&' || c === '|') throw new QueryError(`'${c}' at ${i + 1}: write '${c}${c}' or '${c === '&' ? 'and' : 'or'}'`, i, i + 1);
    if (two === '!=' || two === '<=' || two === '>=' || two === '!~' || two === '==') {
      push('op', two === '==' ? '=' : two, i, i + 2);
      i += 2;
      continue;
    }
    if (c === '=' || c === '<' || c === '>' || c === '~') {
      push('op', c, i, i + 1);
      i++;
      continue;
    }
    if (c === '!') {
      push('not', c, i, i + 1);
      i++;
      continue;
    }
    if (c === '(' || c === ')' || c === ',') {
      push(c === '(' ? 'lparen' : c === ')' ? 'rparen' : 'comma', c, i, i + 1);
      i++;
      continue;
    }
    const prev = tokens[tokens.length - 1];
    if (c === '/' && prev?.kind === 'op' && (prev.text === '~' || prev.text === '!~')) {
      // A regular expression literal after ~ or !~: /pattern/flags, where \/ is a literal slash.
      const start = i;
      i++;
      while (i < query.length && query[i] !== '/') i += query[i] === '\\' ? 2 : 1;
      if (i >= query.length) throw new QueryError(`unclosed regular expression starting at ${start + 1}`, start, query.length);
      i++;
      while (i < query.length && /[a-z]/i.test(query[i])) i++;
      push('regex', query.slice(start, i), start, i);
      continue;
    }
    if (c === '"' || c === "'") {
      const start = i;
      let text = '';
      i++;
      while (i < query.length && query[i] !== c) {
        if (query[i] === '\\' && i + 1 < query.length) i++;
        text += query[i++];
      }
      if (i >= query.length) throw new QueryError(`unclosed ${c === '"' ? 'double' : 'single'} quote starting at ${start + 1}`, start, query.length);
      i++;
      push('string', text, start, i);
      continue;
    }
    const start = i;
    i = wordEnd(query, i);
    const word = query.slice(start, i);
    push(KEYWORDS[word.toLowerCase()] ?? 'word', word, start, i);
  }
  tokens.push({ kind: 'end', text: '', start: query.length, end: query.length });
  return tokens;
}
