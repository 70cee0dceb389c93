// Everything the checks share, computed once per analysis: masked source and Python facts per code cell,
// markdown facts per markdown cell, the heading outline, and output texts. Per-cell analysis is cached by
// source text, so re-analysing a notebook after one cell changed re-parses only that cell.
import { maskIPython, type MaskedCell } from './ipython-mask';
import { markdownFacts, type MarkdownFacts } from './markdown-facts';
import type { FormatProblem, NbCell, Notebook, Profile } from './model';
import { cellOutputText } from './outputs';
import { DEFAULT_PROFILE } from './profiles';
import { emptyPyFacts, pythonFacts, type PyFacts } from './python-facts';
import type { TrackedRunsLookup } from './tracked-lookup';

/** Files around the notebook, for the W-level checks; paths are relative to the notebook's folder. */
export interface WorkspaceFiles {
  exists(relativePath: string): boolean;
  /** Texts of requirements*.txt, pyproject.toml, environment.yml, Pipfile, setup.py next to the notebook or at the workspace root. */
  requirementTexts(): string[];
}

export interface AnalyseOptions {
  profile?: Profile;
  lookup?: TrackedRunsLookup;
  workspace?: WorkspaceFiles;
}

export interface CodeInfo {
  cell: NbCell;
  masked: MaskedCell;
  facts: PyFacts;
}

export interface MdInfo {
  cell: NbCell;
  md: MarkdownFacts;
}

export interface OutlineEntry {
  cell: number;
  line: number;
  level: number;
  text: string;
}

const CACHE_LIMIT = 4000;
const codeCache = new Map<string, { masked: MaskedCell; facts: PyFacts }>();
const mdCache = new Map<string, MarkdownFacts>();

function remember<T>(cache: Map<string, T>, key: string, make: () => T): T {
  const hit = cache.get(key);
  if (hit) return hit;
  const value = make();
  if (cache.size >= CACHE_LIMIT) cache.delete(cache.keys().next().value as string);
  cache.set(key, value);
  return value;
}

export class NotebookContext {
  readonly code: CodeInfo[] = [];
  readonly markdown: MdInfo[] = [];
  readonly outline: OutlineEntry[] = [];
  /** False when the kernel language is known and not Python: Python checks are then skipped. */
  readonly python: boolean;
  readonly language: string | undefined;
  readonly profile: Profile;
  /** The course's hand-in profile: messages may say what the course requires. */
  get course(): boolean {
    return this.profile === 'hand-in';
  }
  private readonly outputTexts = new Map<number, string>();
  private identifiersCache?: Set<string>;

  constructor(
    readonly notebook: Notebook,
    readonly problems: FormatProblem[],
    readonly options: AnalyseOptions = {},
  ) {
    this.profile = options.profile ?? DEFAULT_PROFILE;
    this.language = kernelLanguage(notebook.metadata);
    this.python = this.language === undefined || /python|ipython/i.test(this.language);
    for (const cell of notebook.cells) {
      if (cell.type === 'code') {
        const { masked, facts } = this.python
          ? remember(codeCache, cell.source, () => {
              const masked = maskIPython(cell.source);
              return { masked, facts: masked.isPython ? pythonFacts(masked.text) : emptyPyFacts() };
            })
          : { masked: maskIPython(''), facts: emptyPyFacts() };
        this.code.push({ cell, masked, facts });
      } else if (cell.type === 'markdown') {
        const md = remember(mdCache, cell.source, () => markdownFacts(cell.source));
        this.markdown.push({ cell, md });
        for (const h of md.headings) this.outline.push({ cell: cell.index, line: h.line, level: h.level, text: h.text });
      }
    }
  }

  /** Code cells with something in them besides whitespace. */
  get nonEmptyCode(): CodeInfo[] {
    return this.code.filter((c) => c.cell.source.trim() !== '');
  }

  outputText(cell: NbCell): string {
    let text = this.outputTexts.get(cell.index);
    if (text === undefined) {
      text = cellOutputText(cell);
      this.outputTexts.set(cell.index, text);
    }
    return text;
  }

  /** Every identifier used in any code cell or magic (import statements themselves excluded). */
  get identifiers(): Set<string> {
    if (!this.identifiersCache) {
      const all = new Set<string>();
      for (const c of this.code) {
        for (const id of c.facts.identifiers) all.add(id);
        for (const m of c.masked.magics) {
          if (/^(pip3?|conda|mamba|uv|apt(-get)?)$/.test(m.name)) continue; // naming a package to install is not using it
          for (const w of `${m.name} ${m.args}`.match(/[A-Za-z_]\w*/g) ?? []) all.add(w);
        }
        if (!c.masked.isPython) for (const w of c.cell.source.match(/[A-Za-z_]\w*/g) ?? []) all.add(w);
      }
      this.identifiersCache = all;
    }
    return this.identifiersCache;
  }

  /** All markdown prose, struck-out text removed. */
  get prose(): string {
    return this.markdown.map((m) => m.md.prose).join('\n\n');
  }
}

function kernelLanguage(metadata: Record<string, unknown>): string | undefined {
  const li = metadata.language_info as Record<string, unknown> | undefined;
  if (li && typeof li.name === 'string') return li.name;
  const ks = metadata.kernelspec as Record<string, unknown> | undefined;
  if (ks && typeof ks.language === 'string') return ks.language;
  return undefined;
}
