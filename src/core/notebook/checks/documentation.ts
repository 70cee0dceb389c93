// 3.5 Documentation: markdown-syntax, broken-link, title-and-name, documentation-density,
// acknowledgment-missing, placeholder-text.
import type { CheckDef } from './types';
import { lineRange, listSome } from './types';

export const markdownSyntax: CheckDef = {
  id: 'markdown-syntax',
  run(ctx, emit) {
    for (const { cell, md } of ctx.markdown) {
      for (const bad of md.malformedHeadings) {
        const hashes = '#'.repeat(bad.level);
        const fixed = `${hashes} ${bad.raw.slice(bad.level)}`;
        emit({
          cell: cell.index,
          range: lineRange(bad.line, bad.column, bad.column + bad.raw.length),
          message: `\`${bad.raw.slice(0, 60)}\` is not a heading — add a space after the #'s (\`${fixed.slice(0, 60)}\`).`,
          fixes: [{ kind: 'replace', title: `Add a space: ${fixed.slice(0, 40)}`, cell: cell.index, range: lineRange(bad.line, bad.column, bad.column + bad.level), text: `${hashes} ` }],
        });
      }
      for (const line of md.emptyHeadings) emit({ cell: cell.index, range: lineRange(line), message: `Empty heading on line ${line + 1} of cell ${cell.index}.` });
      if (md.unclosedFence !== undefined) emit({ cell: cell.index, range: lineRange(md.unclosedFence), message: `A code fence (\`\`\`) opened on line ${md.unclosedFence + 1} of cell ${cell.index} is never closed.` });
    }
    // heading level jumps (#  → ####), info
    let prev: number | undefined;
    for (const h of ctx.outline) {
      if (prev !== undefined && h.level > prev + 1)
        emit({ cell: h.cell, severity: 'info', range: lineRange(h.line), message: `Heading '${h.text.slice(0, 50)}' jumps from level ${prev} to level ${h.level} — use level ${prev + 1}.` });
      prev = h.level;
    }
  },
};

/** GitHub/JupyterLab heading anchor: lower-case, punctuation dropped, spaces → '-'. */
export function headingSlug(text: string): string {
  return text
    .trim()
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\s_-]/gu, '')
    .replace(/\s/g, '-');
}

export const brokenLink: CheckDef = {
  id: 'broken-link',
  run(ctx, emit) {
    const slugs = new Set(ctx.outline.map((h) => headingSlug(h.text)));
    const rawSlugs = new Set(ctx.outline.map((h) => h.text.trim().replace(/\s/g, '-')));
    const ws = ctx.options.workspace;
    const byText = new Map<string, Set<string>>();
    for (const { cell, md } of ctx.markdown) {
      for (const link of md.links) {
        const range = lineRange(link.line, link.column, link.column + link.url.length + link.text.length + 4);
        const url = link.url.trim();
        if (link.kind === 'inline' && link.text.trim()) {
          const set = byText.get(link.text.trim()) ?? new Set<string>();
          set.add(url);
          byText.set(link.text.trim(), set);
        }
        if (url.startsWith('attachment:')) {
          const name = decodeURIComponent(url.slice('attachment:'.length));
          if (!cell.attachments || !(name in cell.attachments))
            emit({ cell: cell.index, severity: 'error', range, message: `Link \`${url}\` points to an attachment that is not saved in the cell.` });
          continue;
        }
        if (url === '' || /^(todo|tbd|#|\.\.\.)$/i.test(url)) {
          emit({ cell: cell.index, range, message: `Link \`${link.text || url || '(empty)'}\` has no target.` });
          continue;
        }
        if (url.startsWith('#')) {
          const anchor = decodeURIComponent(url.slice(1));
          if (!slugs.has(anchor.toLowerCase()) && !rawSlugs.has(anchor) && !ctx.notebook.cells.some((c) => c.source.includes(`id="${anchor}"`) || c.source.includes(`name="${anchor}"`)))
            emit({ cell: cell.index, range, message: `Link \`${url}\` points to no heading in this notebook.` });
          continue;
        }
        if (/^https?:\/\/$|^https?:\/\/[^/.]+$/.test(url) || /\s/.test(url)) {
          emit({ cell: cell.index, range, message: `Link \`${url}\` is malformed.` });
          continue;
        }
        if (ws && !/^[a-z][a-z0-9+.-]*:/i.test(url) && !url.startsWith('//')) {
          const file = decodeURIComponent(url.split('#')[0].split('?')[0]);
          if (file && !ws.exists(file)) emit({ cell: cell.index, range, message: `Link \`${url}\` points to a file that is not in the repository.` });
        }
      }
    }
    for (const [text, urls] of byText)
      if (urls.size > 1) emit({ cell: null, severity: 'info', message: `The link text "${text.slice(0, 60)}" is used for ${urls.size} different targets — readers cannot tell them apart.` });
  },
};

export const titleAndName: CheckDef = {
  id: 'title-and-name',
  run(ctx, emit) {
    const cells = ctx.notebook.cells;
    const firstThree = new Set(cells.slice(0, 3).map((c) => c.index));
    const hasTitle = ctx.outline.some((h) => h.level === 1 && firstThree.has(h.cell));
    if (cells.length > 0 && (cells[0].type !== 'markdown' || !hasTitle))
      emit({
        cell: 0,
        message: cells[0].type !== 'markdown' ? 'The notebook starts with a code cell: add a title (# …) in a first markdown cell.' : 'Add a title (# …) in the first cell.',
        fixes: cells[0].type !== 'markdown' ? [{ kind: 'insert-cell', title: 'Insert a title cell', index: 0, cellType: 'markdown', source: '# Title\n\nWhat this notebook does, on which data, and the main result.' }] : undefined,
      });
    const name = ctx.notebook.fileName.replace(/^.*[\\/]/, '');
    const stem = name.replace(/\.ipynb$/i, '');
    const problems: string[] = [];
    if (stem === '') problems.push('it is empty');
    if (/^untitled/i.test(stem)) problems.push('it starts with "Untitled"');
    if (/-copy\d*$/i.test(stem) || /^copy of /i.test(stem)) problems.push('it is a copy');
    if (/\s/.test(stem)) problems.push('it contains spaces');
    if (/[^A-Za-z0-9_.\-\s]/.test(stem)) problems.push('it has special characters');
    if (stem.length > 0 && stem.length < 10) problems.push('it is very short');
    if (stem.length > 100) problems.push('it is longer than 100 characters');
    if (problems.length > 0) emit({ cell: null, severity: 'info', message: `File name \`${name}\` is not portable/descriptive: ${problems.join(', ')}.` });
  },
};

export const documentationDensity: CheckDef = {
  id: 'documentation-density',
  run(ctx, emit) {
    const code = ctx.nonEmptyCode.length;
    const md = ctx.markdown.filter((m) => m.cell.source.trim() !== '').length;
    if (code === 0) return;
    if (md / code < 0.3) emit({ cell: null, message: `Only ${md} markdown cell${md === 1 ? '' : 's'} for ${code} code cells — explain what each part does and why.` });
    else {
      let run: number[] = [];
      let lines = 0;
      const flush = (): void => {
        if (run.length >= 8 || lines >= 150) emit({ cell: run[0], message: `${run.length} code cells in a row without explanation (cells ${run[0]}–${run[run.length - 1]}).` });
        run = [];
        lines = 0;
      };
      for (const cell of ctx.notebook.cells) {
        if (cell.type === 'markdown' && cell.source.trim() !== '') flush();
        else if (cell.type === 'code' && cell.source.trim() !== '') {
          run.push(cell.index);
          lines += cell.source.split('\n').length;
        }
      }
      flush();
    }
    for (const { cell, md: facts } of ctx.markdown)
      if (facts.words > 400) emit({ cell: cell.index, severity: 'info', message: `Markdown cell ${cell.index} has ${facts.words} words — keep documentation short and precise.` });
    for (const c of ctx.code) {
      let run = 0;
      let start = 0;
      for (const line of c.cell.source.split('\n')) {
        const prose = /^\s*#\s+[A-Za-z][^=()[\]{}]*$/.test(line) && line.split(/\s+/).length >= 4;
        if (prose) {
          if (run === 0) start = c.cell.source.split('\n').indexOf(line);
          run++;
        } else run = 0;
        if (run === 4) {
          emit({ cell: c.cell.index, severity: 'info', range: lineRange(start), message: `Cell ${c.cell.index} explains in a long comment block — move prose to a markdown cell.` });
          break;
        }
      }
    }
  },
};

const ACK_HEADING_RE = /\b(acknowledg(e)?ments?|references?|sources|credits|citations?|bibliography|literature|ai (use|usage|disclosure|statement|tools?)|use of (ai|llms?|generative ai))\b/i;
const AI_DISCLOSURE_RE = /\b(chat ?gpt|gpt-?4o?|gpt-?3\.5|copilot|claude|gemini|generative ai|genai|ai[- ]tools?|ai[- ]generated|ai[- ]assist(ed|ance|ant)|llm[- ]assisted|large language models? (was|were) used|no ai)\b/i;
const BASED_ON_RE = /\b(based on|adapted from|inspired by|taken from|copied from|borrowed from)\b[^.\n]{0,120}(https?:\/\/|\]\(|et al\.|\(\d{4}\))/i;

export const acknowledgmentMissing: CheckDef = {
  id: 'acknowledgment-missing',
  run(ctx, emit) {
    if (ctx.outline.some((h) => ACK_HEADING_RE.test(h.text))) return;
    const prose = ctx.prose;
    if (AI_DISCLOSURE_RE.test(prose) || BASED_ON_RE.test(prose)) return;
    const cited = ctx.code.some((c) => c.masked.comments.some((cm) => /stackoverflow\.com|github\.com|medium\.com|towardsdatascience|kaggle\.com/.test(cm.text)));
    emit({
      cell: null,
      message: `No acknowledgment of external sources or AI assistance found${cited ? ' (code comments cite web sources)' : ''} — add a 'References / AI use' note.`,
    });
  },
};

const PLACEHOLDER_RE = /\b(TODO|FIXME|TBD|XXX)\b|lorem ipsum|\badd (the |a )?link\b|<your[^>]*>|\[\]\([^)]*\)|\binsert (link|here)\b/i;
const STRICT_CASE_RE = /\b(TODO|FIXME|TBD|XXX)\b/;

export const placeholderText: CheckDef = {
  id: 'placeholder-text',
  run(ctx, emit) {
    for (const { cell, md } of ctx.markdown) {
      const lines = cell.source.split('\n');
      const hit = lines.findIndex((l) => PLACEHOLDER_RE.test(l) && (!/\b(todo|fixme|tbd|xxx)\b/i.test(l) || STRICT_CASE_RE.test(l)));
      if (hit !== -1) {
        const snippet = lines[hit].trim().slice(0, 80);
        emit({ cell: cell.index, range: lineRange(hit), message: `Unfinished text in cell ${cell.index}: '${snippet}'.` });
      } else if (md.struck.length > 0)
        emit({ cell: cell.index, severity: 'info', message: `Cell ${cell.index} keeps struck-out text ('${md.struck[0].text.replace(/\s+/g, ' ').slice(0, 60)}') — remove it from the final version.` });
    }
    const todos = ctx.code.filter((c) => c.masked.comments.some((cm) => STRICT_CASE_RE.test(cm.text)));
    if (todos.length > 0) emit({ cell: todos[0].cell.index, severity: 'info', message: `TODO/FIXME comments in code cells ${listSome(todos.map((c) => c.cell.index))}.` });
  },
};
