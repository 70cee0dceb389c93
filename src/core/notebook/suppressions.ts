// Suppressions, so a deliberate exception does not keep a notebook "Not ready" forever:
// - notebook metadata `readiness.ignore: [ids]` (whole notebook);
// - cell tags `readiness-ignore` (every check) or `readiness-ignore:<id>`;
// - an inline comment `# readiness: ignore[<id>, …]` (or `<!-- readiness: ignore[<id>] -->` in markdown):
//   on a line of its own it covers the whole cell, after code it covers findings on that line.
import type { NotebookContext } from './context';
import type { Finding } from './model';

const INLINE_RE = /readiness:\s*ignore(?:\[([^\]]*)\])?/;

interface CellRule {
  ids: Set<string> | 'all';
  /** Only findings on this line; undefined = the whole cell. */
  line?: number;
}

function parseIds(list: string | undefined): Set<string> | 'all' {
  if (list === undefined || list.trim() === '') return 'all';
  return new Set(list.split(',').map((s) => s.trim()).filter(Boolean));
}

export function buildSuppressor(ctx: NotebookContext): (f: Finding) => boolean {
  const readiness = ctx.notebook.metadata.readiness as Record<string, unknown> | undefined;
  const notebookIds = new Set(Array.isArray(readiness?.ignore) ? readiness.ignore.filter((x): x is string => typeof x === 'string') : []);
  const rules = new Map<number, CellRule[]>();
  const add = (cell: number, rule: CellRule): void => {
    const list = rules.get(cell) ?? [];
    list.push(rule);
    rules.set(cell, list);
  };
  for (const cell of ctx.notebook.cells) {
    for (const tag of cell.tags) {
      if (tag === 'readiness-ignore') add(cell.index, { ids: 'all' });
      else if (tag.startsWith('readiness-ignore:')) add(cell.index, { ids: new Set([tag.slice('readiness-ignore:'.length)]) });
    }
  }
  for (const c of ctx.code) {
    for (const comment of c.masked.comments) {
      const m = INLINE_RE.exec(comment.text);
      if (!m) continue;
      const lineText = c.cell.source.split('\n')[comment.line] ?? '';
      const ownLine = lineText.slice(0, comment.column).trim() === '';
      add(c.cell.index, { ids: parseIds(m[1]), line: ownLine ? undefined : comment.line });
    }
  }
  for (const m of ctx.markdown) {
    const hit = /<!--\s*readiness:\s*ignore(?:\[([^\]]*)\])?\s*-->/.exec(m.cell.source);
    if (hit) add(m.cell.index, { ids: parseIds(hit[1]) });
  }
  return (f) => {
    if (notebookIds.has(f.id)) return true;
    if (f.cell === null) return false;
    for (const rule of rules.get(f.cell) ?? []) {
      if (rule.ids !== 'all' && !rule.ids.has(f.id)) continue;
      if (rule.line === undefined || f.range === undefined || f.range.line === rule.line) return true;
    }
    return false;
  };
}
