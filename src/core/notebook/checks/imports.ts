// 3.4 imports-not-at-top and unused-import.
// imports-not-at-top uses a Setup *zone* rather than "first cell only" (Julynter i1) or "top of cell"
// (Ruff E402): cells under a Setup-like heading, plus the leading code cells that only set things up.
// unused-import follows Ruff F401: a binding never referenced as an identifier anywhere in the notebook.
import type { NotebookContext } from '../context';
import { IMPLICIT_USE } from '../python-packages';
import type { CheckDef } from './types';
import { lineRange, listSome } from './types';

const SETUP_HEADING_RE = /\b(setup|set up|set-up|imports?|dependencies|installation|install|requirements|environment|configuration|config|libraries|packages|preliminar(y|ies)|prerequisites)\b/i;
// "Data Setup" or "Model configuration" introduce work, not the environment
const NOT_SETUP_RE = /\b(data|dataset|datasets|model|models|training|train|evaluation|experiment|experiments)\b/i;
const SETUP_CALL_RE = /^(warnings\.\w+|\w*\.?seed\w*|\w*manual_seed\w*|set_seed|seed_everything|\w*login|notebook_login|sys\.path\.\w+|os\.makedirs|os\.chdir|load_dotenv|nltk\.download|logging\.\w+|plt\.style\.use|sns\.set\w*|pd\.set_option|torch\.set_\w+|tf\.config\.\w+|transformers\.logging\.\w+|disable_progress_bar|\w*\.set_verbosity\w*)$/;

/** A statement that belongs in a Setup cell: import, magic, constant, environment, seed, login. */
function isSetupStatement(kind: string, text: string): boolean {
  if (kind === 'ImportStatement') return true;
  const t = text.trim();
  if (t === '0' || /^0\s*$/.test(t)) return true; // a masked magic
  if (kind === 'AssignStatement') {
    if (/^os\.environ\b/.test(t)) return true;
    const m = /^([A-Za-z_][\w.]*)\s*(?::[^=]+)?=\s*([\s\S]*)$/.exec(t);
    if (!m) return false;
    if (/^[A-Z][A-Z0-9_]*$/.test(m[1])) return true;
    return /^(torch\.device|os\.getenv|os\.environ\.get|Path|pathlib\.Path)\s*\(/.test(m[2]) || !/\(/.test(m[2]);
  }
  if (kind === 'ExpressionStatement') {
    const callee = /^([\w.]+)\s*\(/.exec(t)?.[1];
    return !!callee && SETUP_CALL_RE.test(callee);
  }
  return kind === 'TryStatement' && /\bimport\b/.test(t);
}

/** Indices of the code cells that belong to the Setup zone. */
function setupZone(ctx: NotebookContext): Set<number> {
  const zone = new Set<number>();
  const code = ctx.code.filter((c) => c.cell.source.trim() !== '');
  if (code.length === 0) return zone;
  // leading setup-only code cells (the first code cell always counts)
  zone.add(code[0].cell.index);
  for (const c of code.slice(1)) {
    if (!c.facts.statements.every((s) => isSetupStatement(s.kind, s.text))) break;
    zone.add(c.cell.index);
  }
  // cells under a Setup-like heading, until the next heading of the same or a higher level
  const outline = ctx.outline;
  for (let k = 0; k < outline.length; k++) {
    const h = outline[k];
    if (!SETUP_HEADING_RE.test(h.text) || NOT_SETUP_RE.test(h.text)) continue;
    const end = outline.slice(k + 1).find((o) => o.level <= h.level && o.cell > h.cell)?.cell ?? Infinity;
    for (const c of code) if (c.cell.index > h.cell && c.cell.index < end) zone.add(c.cell.index);
  }
  return zone;
}

export const importsNotAtTop: CheckDef = {
  id: 'imports-not-at-top',
  run(ctx, emit) {
    if (!ctx.python) return;
    const zone = setupZone(ctx);
    const lastSetup = Math.max(-1, ...zone);
    for (const c of ctx.code) {
      if (zone.has(c.cell.index) || c.cell.index < lastSetup) continue;
      const imports = c.facts.imports.filter((i) => i.topLevel && !i.guarded);
      if (imports.length === 0) continue;
      const modules = [...new Set(imports.flatMap((i) => (i.from ? [i.module] : i.bound.map((b) => b.imported))))];
      emit({
        cell: c.cell.index,
        range: lineRange(imports[0].line, imports[0].column, imports[0].endLine === imports[0].line ? imports[0].endColumn : undefined),
        message: `Import of ${listSome(modules.map((m) => `\`${m}\``), 4)} in cell ${c.cell.index} — move it to the Setup section so missing dependencies fail early.`,
      });
    }
  },
};

export const unusedImport: CheckDef = {
  id: 'unused-import',
  run(ctx, emit) {
    if (!ctx.python) return;
    const used = ctx.identifiers;
    const exported = new Set(ctx.code.flatMap((c) => c.facts.strings.filter((s) => s.assignTarget === '__all__').map((s) => s.value)));
    const allText = ctx.code.map((c) => c.masked.text).join('\n');
    const allNames = /__all__\s*=\s*[[(]([^\])]*)/.exec(allText)?.[1] ?? '';
    for (const c of ctx.code) {
      for (const imp of c.facts.imports) {
        if (imp.star || imp.guarded || imp.module === '__future__') continue;
        for (const b of imp.bound) {
          const top = (imp.from ? imp.module : b.imported).split('.')[0].replace(/^\.+/, '');
          if (IMPLICIT_USE.has(top.toLowerCase()) || IMPLICIT_USE.has(b.imported.toLowerCase())) continue;
          if (used.has(b.name) || exported.has(b.name) || allNames.includes(`'${b.name}'`) || allNames.includes(`"${b.name}"`)) continue;
          emit({
            cell: c.cell.index,
            range: lineRange(imp.line, imp.column, imp.endLine === imp.line ? imp.endColumn : undefined),
            message: `\`${b.name}\` is imported but never used — remove it to keep Setup minimal.`,
          });
        }
      }
    }
  },
};
