// Python's json.dumps writes bare NaN, Infinity and -Infinity; JSON.parse rejects them.

const NAN = '__runlens_NaN__';
const POS_INF = '__runlens_Infinity__';
const NEG_INF = '__runlens_-Infinity__';

/** JSON.parse that also accepts bare NaN / Infinity / -Infinity outside strings. Throws on other errors. */
export function parseTolerantJson(text: string): unknown {
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
