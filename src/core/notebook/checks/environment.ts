// 3.3 Environment: colab-only-code, pip-install-unpinned, dependencies-undeclared.
import type { CodeInfo, NotebookContext } from '../context';
import type { MagicLine } from '../ipython-mask';
import { distributionKey, distributionsOfModule, IMPLICIT_USE, moduleOfDistribution, STDLIB_MODULES } from '../python-packages';
import type { CheckDef } from './types';
import { lineRange, listSome } from './types';

const COLAB_RE: [RegExp, string][] = [
  [/\bfrom\s+google\.colab\b|\bimport\s+google\.colab\b/, 'google.colab import'],
  [/\bdrive\.mount\s*\(/, 'drive.mount()'],
  [/\bfiles\.upload\s*\(/, 'files.upload()'],
  [/\buserdata\.get\s*\(/, 'userdata.get()'],
  [/\bgoogle\.colab\.\w+/, 'google.colab.*'],
];
const COLAB_GUARD_RE = /['"]google\.colab['"]\s+in\s+sys\.modules|\bIN_COLAB\b|\bis_colab\b|\bCOLAB\w*\b/;

export const colabOnlyCode: CheckDef = {
  id: 'colab-only-code',
  run(ctx, emit) {
    for (const c of ctx.code) {
      const code = c.masked.text; // strings kept: `'google.colab' in sys.modules` is the guard
      const hit = COLAB_RE.find(([re]) => re.test(c.masked.code));
      const magic = c.masked.magics.find((m) => m.name === 'tensorflow_version');
      if (!hit && !magic) continue;
      if (COLAB_GUARD_RE.test(code) || c.facts.imports.some((i) => i.module.startsWith('google.colab') && i.guarded)) continue;
      const what = hit ? hit[1] : '%tensorflow_version';
      emit({ cell: c.cell.index, message: `This cell only runs in Google Colab (${what}). Guard it (\`if 'google.colab' in sys.modules:\`) or provide a local alternative.` });
    }
  },
};

interface Install {
  cell: CodeInfo;
  magic: MagicLine;
  tool: string;
  requirements: string[];
  files: string[];
}

const OPTIONS_WITH_VALUE = new Set(['-i', '--index-url', '--extra-index-url', '-f', '--find-links', '-c', '--constraint', '--target', '-t', '--prefix', '--root', '--python', '-p', '--channel', '--platform', '--python-version', '--only-binary', '--no-binary', '--trusted-host', '--cache-dir', '--src']);

function installsOf(ctx: NotebookContext): Install[] {
  const out: Install[] = [];
  for (const c of ctx.code) {
    for (const m of c.masked.magics) {
      let tool = m.name.toLowerCase();
      let args = m.args;
      if (tool === 'python' || tool === 'python3') {
        const mm = /^-m\s+(pip)\s+(.*)$/.exec(args);
        if (!mm) continue;
        tool = 'pip';
        args = mm[2];
      } else if (tool === 'uv') {
        const mm = /^pip\s+(.*)$/.exec(args);
        if (!mm) continue;
        args = mm[1];
      }
      if (!/^(pip3?|conda|mamba|uv)$/.test(tool)) continue;
      const tokens = args.split(/\s+/).filter(Boolean);
      if (tokens[0] !== 'install') continue;
      const inst: Install = { cell: c, magic: m, tool, requirements: [], files: [] };
      for (let i = 1; i < tokens.length; i++) {
        const t = tokens[i].replace(/^['"]|['"]$/g, '');
        if (t === '-r' || t === '--requirement') {
          if (tokens[i + 1]) inst.files.push(tokens[++i]);
        } else if (t.startsWith('-r') && t.length > 2) inst.files.push(t.slice(2));
        else if (OPTIONS_WITH_VALUE.has(t)) i++;
        else if (t.startsWith('-') || t === '&&' || t === ';' || t === '|') {
          if (t === '&&' || t === ';' || t === '|') break;
        } else if (!/^[>]/.test(t) && !t.startsWith('$')) inst.requirements.push(t);
      }
      out.push(inst);
    }
  }
  return out;
}

/** pinned: exact version, a URL/path, or a git commit; loose: >=, ~=, <; unpinned: just a name. */
function pinState(req: string): 'pinned' | 'loose' | 'unpinned' {
  if (/===?/.test(req) || /\s@\s|@\s*(https?|file|git)/.test(req) || /^(\.{0,2}\/|[A-Za-z]:\\)|\.whl$|\.tar\.gz$|\.zip$/.test(req)) return 'pinned';
  if (/^git\+/.test(req)) return /@[0-9a-f]{7,40}\b/.test(req) ? 'pinned' : 'unpinned';
  if (/[<>~!]=?|=/.test(req)) return 'loose';
  return 'unpinned';
}

export const pipInstallUnpinned: CheckDef = {
  id: 'pip-install-unpinned',
  run(ctx, emit) {
    const imported = new Set(ctx.code.flatMap((c) => c.facts.imports.flatMap((i) => [i.module, ...(i.from ? [] : i.bound.map((b) => b.imported))]).map((m) => m.split('.')[0].toLowerCase())));
    const identifiers = ctx.identifiers;
    for (const inst of installsOf(ctx)) {
      const cell = inst.cell.cell.index;
      const range = lineRange(inst.magic.line, inst.magic.column, inst.magic.column + inst.magic.name.length + 1);
      const names = inst.requirements.map((r) => r.replace(/[[<>=!~@;\s].*$/, ''));
      const unpinned = inst.requirements.filter((r) => pinState(r) === 'unpinned').map((r) => r.replace(/\[.*\]$/, ''));
      const loose = inst.requirements.filter((r) => pinState(r) === 'loose');
      if (unpinned.length > 0) {
        const list = listSome(unpinned.map((p) => `\`${p}\``), 6);
        emit({
          cell,
          range,
          message: `${list} ${unpinned.length > 1 ? 'are' : 'is'} installed without a version. Pin ${unpinned.length > 1 ? 'them' : 'it'} (e.g. \`${unpinned[0]}==<version>\`) or install from requirements.txt so the notebook can be re-run later.`,
        });
      }
      if (loose.length > 0)
        emit({ cell, range, severity: 'info', message: `${listSome(loose.map((p) => `\`${p}\``), 6)} ${loose.length > 1 ? 'use' : 'uses'} a version range, not an exact pin.` });
      if (inst.magic.kind === 'shell' && /^(pip3?|conda)$/.test(inst.magic.name)) {
        const at = inst.cell.cell.source.split('\n')[inst.magic.line]?.indexOf('!') ?? -1;
        emit({
          cell,
          range,
          severity: 'info',
          message: `Use '%${inst.magic.name} install' instead of '!${inst.magic.name} install': '!${inst.magic.name} install' could install packages into the wrong environment.`,
          fixes: at >= 0 ? [{ kind: 'replace', title: `Replace !${inst.magic.name} with %${inst.magic.name}`, cell, range: lineRange(inst.magic.line, at, at + 1), text: '%' }] : undefined,
        });
      }
      for (const file of inst.files)
        if (ctx.options.workspace && !ctx.options.workspace.exists(file))
          emit({ cell, range, message: `Requirements file \`${file}\` is not in the repository next to the notebook.` });
      const unused = names.filter((n) => {
        if (!n || /[/:\\]/.test(n) || IMPLICIT_USE.has(distributionKey(n))) return false; // URLs and paths name no module
        const mod = moduleOfDistribution(n);
        return !imported.has(mod.toLowerCase()) && !identifiers.has(mod) && !imported.has(distributionKey(n).replace(/-/g, '_'));
      });
      if (unused.length > 0)
        emit({ cell, range, severity: 'info', message: `${listSome(unused.map((p) => `\`${p}\``), 6)} ${unused.length > 1 ? 'are' : 'is'} installed but never imported — remove ${unused.length > 1 ? 'them' : 'it'} from Setup if not needed.` });
    }
  },
};

export const dependenciesUndeclared: CheckDef = {
  id: 'dependencies-undeclared',
  run(ctx, emit) {
    const ws = ctx.options.workspace;
    if (!ws || !ctx.python) return;
    const declared = ws.requirementTexts().join('\n').toLowerCase().replace(/_/g, '-');
    const installed = new Set(installsOf(ctx).flatMap((i) => i.requirements.map((r) => moduleOfDistribution(r.replace(/[<>=!~@;\s\[].*$/, '')).toLowerCase())));
    const seen = new Set<string>();
    for (const c of ctx.code) {
      for (const imp of c.facts.imports) for (const module of imp.from ? [imp.module] : imp.bound.map((b) => b.imported)) {
        const top = module.split('.')[0];
        if (!top || top.startsWith('.') || seen.has(top) || STDLIB_MODULES.has(top)) continue;
        seen.add(top);
        if (installed.has(top.toLowerCase())) continue;
        if (ws.exists(`${top}.py`) || ws.exists(`${top}/__init__.py`) || ws.exists(top)) continue; // a local module
        const names = distributionsOfModule(top);
        if (names.some((n) => new RegExp(`(^|[\\s"',\\[])${n.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\b`, 'm').test(declared))) continue;
        emit({ cell: c.cell.index, range: lineRange(imp.line, imp.column, imp.endColumn), message: `\`${top}\` is imported but not declared in any requirements file.` });
      }
    }
  },
};
