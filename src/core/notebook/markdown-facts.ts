// Facts about one markdown cell: headings (ATX, setext, HTML), malformed headings, links, struck-out
// text and the remaining prose. Fenced code and $$ math are skipped, because `#` and `_` there are not
// markdown (nbformat pitfall 12). Struck-out text (`~~…~~`, `<s>…</s>`) is kept apart: it is not a claim.

export interface Heading {
  level: number;
  text: string;
  line: number;
}

export interface MdLink {
  text: string;
  url: string;
  line: number;
  column: number;
  kind: 'inline' | 'image' | 'auto' | 'bare' | 'html';
}

export interface MarkdownFacts {
  headings: Heading[];
  /** `##Heading` lines: an ATX marker not followed by a space. */
  malformedHeadings: { line: number; column: number; raw: string; level: number }[];
  emptyHeadings: number[];
  /** Line of an opening code fence that is never closed. */
  unclosedFence?: number;
  links: MdLink[];
  struck: { text: string; line: number }[];
  /** Text outside code, math and struck-out parts, HTML tags removed. */
  prose: string;
  words: number;
}

const ATX_RE = /^ {0,3}(#{1,6})(?:[ \t]+(.*?))?(?:[ \t]+#+)?[ \t]*$/;
const MALFORMED_RE = /^ {0,3}(#{1,6})([^\s#!][^\n]*)$/;
const HTML_HEADING_RE = /<h([1-6])[^>]*>([\s\S]*?)<\/h\1>/gi;
const INLINE_LINK_RE = /(!?)\[([^\]\n]*)\]\(\s*<?([^)\s>]*)>?(?:\s+["'][^"']*["'])?\s*\)/g;
const AUTO_LINK_RE = /<((?:https?|ftp|mailto):[^>\s]+)>/g;
const BARE_URL_RE = /\bhttps?:\/\/[^\s<>"'`)\]]+/g;
const HTML_LINK_RE = /<(?:a|img)\b[^>]*?\b(href|src)\s*=\s*["']([^"']*)["']/gi;
const STRIKE_RE = /~~([^~]+?)~~|<(s|del|strike)>([\s\S]*?)<\/\2>/gi;

export function markdownFacts(source: string): MarkdownFacts {
  const facts: MarkdownFacts = { headings: [], malformedHeadings: [], emptyHeadings: [], links: [], struck: [], prose: '', words: 0 };
  const lines = source.split('\n');
  const proseLines: string[] = [];
  let fence: { marker: string; line: number } | undefined;
  let math = false;
  for (let li = 0; li < lines.length; li++) {
    const line = lines[li];
    const fenceMatch = /^ {0,3}(`{3,}|~{3,})/.exec(line);
    if (fence) {
      if (fenceMatch && fenceMatch[1][0] === fence.marker[0] && fenceMatch[1].length >= fence.marker.length && line.trim() === fenceMatch[1]) fence = undefined;
      proseLines.push('');
      continue;
    }
    if (fenceMatch) {
      fence = { marker: fenceMatch[1], line: li };
      proseLines.push('');
      continue;
    }
    if (math) {
      if (line.includes('$$')) math = false;
      proseLines.push('');
      continue;
    }
    if (/^\s*\$\$/.test(line) && (line.match(/\$\$/g) ?? []).length === 1) {
      math = true;
      proseLines.push('');
      continue;
    }
    const atx = ATX_RE.exec(line);
    if (atx) {
      const text = cleanHeading(atx[2] ?? '');
      if (text === '') facts.emptyHeadings.push(li);
      else facts.headings.push({ level: atx[1].length, text, line: li });
      proseLines.push(text);
      continue;
    }
    const bad = MALFORMED_RE.exec(line);
    if (bad && !/^#+\d*$/.test(line.trim())) {
      facts.malformedHeadings.push({ line: li, column: line.indexOf('#'), raw: line.trim(), level: bad[1].length });
      facts.headings.push({ level: bad[1].length, text: cleanHeading(bad[2]), line: li });
      proseLines.push(bad[2]);
      continue;
    }
    const next = lines[li + 1];
    if (next !== undefined && line.trim() !== '' && /^ {0,3}(=+|-+)\s*$/.test(next) && !/^\s*([-*+]|\d+\.|\||>)/.test(line) && (next.trim()[0] === '=' || next.trim().length >= 2)) {
      facts.headings.push({ level: next.trim()[0] === '=' ? 1 : 2, text: cleanHeading(line), line: li });
      proseLines.push(line, '');
      li++;
      continue;
    }
    proseLines.push(line.replace(/`[^`\n]*`/g, (m) => ' '.repeat(m.length)));
  }
  if (fence) facts.unclosedFence = fence.line;

  let prose = proseLines.join('\n');
  for (const m of source.matchAll(HTML_HEADING_RE)) {
    const line = lineOf(source, m.index ?? 0);
    const text = cleanHeading(m[2].replace(/<[^>]+>/g, ''));
    if (text && !facts.headings.some((h) => h.line === line)) facts.headings.push({ level: Number(m[1]), text, line });
  }
  facts.headings.sort((a, b) => a.line - b.line);
  prose = prose.replace(STRIKE_RE, (whole, a: string | undefined, _tag, b: string | undefined, offset: number) => {
    facts.struck.push({ text: (a ?? b ?? '').replace(/<[^>]+>/g, '').trim(), line: lineOf(prose, offset) });
    return whole.replace(/[^\n]/g, ' ');
  });
  collectLinks(source, facts.links);
  facts.prose = prose.replace(/<[^>\n]+>/g, ' ');
  facts.words = (facts.prose.match(/[A-Za-zÀ-ÿ0-9][\w'’-]*/g) ?? []).length;
  return facts;
}

function collectLinks(source: string, links: MdLink[]): void {
  // blank out code before looking for links; keep offsets so lines stay right
  const text = blankCode(source);
  const taken: [number, number][] = [];
  const add = (m: RegExpMatchArray, link: Omit<MdLink, 'line' | 'column'>): void => {
    const at = m.index ?? 0;
    taken.push([at, at + m[0].length]);
    const line = lineOf(text, at);
    links.push({ ...link, line, column: at - (text.lastIndexOf('\n', at - 1) + 1) });
  };
  for (const m of text.matchAll(INLINE_LINK_RE)) add(m, { text: m[2], url: m[3], kind: m[1] ? 'image' : 'inline' });
  for (const m of text.matchAll(AUTO_LINK_RE)) add(m, { text: m[1], url: m[1], kind: 'auto' });
  for (const m of text.matchAll(HTML_LINK_RE)) add(m, { text: '', url: m[2], kind: 'html' });
  for (const m of text.matchAll(BARE_URL_RE)) {
    const at = m.index ?? 0;
    if (taken.some(([a, b]) => at >= a && at < b)) continue;
    add(m, { text: m[0], url: m[0].replace(/[.,;:!?]+$/, ''), kind: 'bare' });
  }
}

function blankCode(source: string): string {
  return source
    .replace(/^ {0,3}(`{3,}|~{3,})[\s\S]*?^ {0,3}\1[^\n]*$/gm, (m) => m.replace(/[^\n]/g, ' '))
    .replace(/`[^`\n]*`/g, (m) => ' '.repeat(m.length));
}

function cleanHeading(text: string): string {
  return text
    .replace(/<[^>]+>/g, '')
    .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/[*_`]/g, '')
    .trim();
}

function lineOf(text: string, offset: number): number {
  let n = 0;
  for (let i = text.indexOf('\n'); i !== -1 && i < offset; i = text.indexOf('\n', i + 1)) n++;
  return n;
}
