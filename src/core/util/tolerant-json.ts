// Python's json.dumps writes bare NaN, Infinity and -Infinity; JSON.parse rejects them.

const NAN = '__runlens_NaN__';
const POS_INF = '__runlens_Infinity__';
const NEG_INF = '__runlens_-Infinity__';

/**
 * Deepest nesting of objects/arrays accepted. Real logs nest a few levels (a config's sub-dicts); a hostile
 * file nested 100,000 deep parses in V8 but overflows the stack of every recursive consumer after it.
 */
export const MAX_JSON_DEPTH = 256;

/** JSON.parse that also accepts bare NaN / Infinity / -Infinity outside strings. Throws on other errors, and on nesting deeper than MAX_JSON_DEPTH. */
export function parseTolerantJson(text: string): unknown {
  // Most values in logs are numbers (W&B history): text that starts with a digit or '-' holds no brackets
  // outside strings when it parses at all, so the depth scan is only needed when JSON.parse fails on it
  const c = text.charCodeAt(0);
  if ((c >= 0x30 && c <= 0x39) || c === 0x2d) {
    try {
      return JSON.parse(text);
    } catch {
      /* NaN-like or damaged: the general path below */
    }
  }
  checkDepth(text);
  try {
    return JSON.parse(text);
  } catch (first) {
    const rewritten = rewriteBareSpecials(text);
    if (rewritten === text) throw first;
    return JSON.parse(rewritten, (_key, value) => {
      if (value === NAN) return NaN;
      if (value === POS_INF) return Infinity;
      if (value === NEG_INF) return -Infinity;
      return value;
    });
  }
}

/** Throws when brackets outside strings nest deeper than MAX_JSON_DEPTH (a scan of char codes, no allocation). */
function checkDepth(text: string): void {
  let depth = 0;
  const n = text.length;
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x22) {
      // skip the string literal
      for (i++; i < n; i++) {
        const d = text.charCodeAt(i);
        if (d === 0x5c) i++;
        else if (d === 0x22) break;
      }
    } else if (c === 0x7b || c === 0x5b) {
      if (++depth > MAX_JSON_DEPTH) throw new SyntaxError(`nested deeper than ${MAX_JSON_DEPTH} levels`);
    } else if (c === 0x7d || c === 0x5d) depth--;
  }
}

function rewriteBareSpecials(text: string): string {
  let out = '';
  let i = 0;
  const n = text.length;
  while (i < n) {
    const c = text[i];
    if (c === '"') {
      // copy the string literal verbatim
      let j = i + 1;
      while (j < n && text[j] !== '"') j += text[j] === '\\' ? 2 : 1;
      out += text.slice(i, j + 1);
      i = j + 1;
      continue;
    }
    if (text.startsWith('-Infinity', i)) {
      out += `"${NEG_INF}"`;
      i += 9;
    } else if (text.startsWith('Infinity', i)) {
      out += `"${POS_INF}"`;
      i += 8;
    } else if (text.startsWith('NaN', i)) {
      out += `"${NAN}"`;
      i += 3;
    } else {
      out += c;
      i++;
    }
  }
  return out;
}
