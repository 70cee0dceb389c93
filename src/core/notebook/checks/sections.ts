// 3.5 required-section-missing and introduction-incomplete: the course's sections Introduction … Tools
// used, matched against heading text by configurable synonyms. Heading text is normalised (emoji,
// numbering and punctuation removed, words stemmed) and a synonym matches when all its words occur in the
// heading, in any order ("Load Data" satisfies "data loading"). Any heading level counts: real notebooks
// put "Results" or "Overview" on sub-headings, and a stricter rule reports sections that are there.
import type { NotebookContext } from '../context';
import type { CheckDef } from './types';
import { listSome } from './types';

export const SECTION_SYNONYMS: [string, string[]][] = [
  ['Introduction', ['introduction', 'intro', 'overview', 'abstract', 'summary', 'motivation', 'problem statement', 'task', 'goal', 'objective']],
  ['Setup', ['setup', 'set up', 'environment', 'installation', 'install', 'dependencies', 'requirements', 'imports', 'configuration']],
  ['Preprocessing', ['preprocessing', 'pre-processing', 'data preparation', 'dataset preparation', 'data cleaning', 'tokenization', 'tokenisation', 'feature engineering', 'data loading', 'dataset']],
  ['Model', ['model', 'architecture', 'approach', 'method', 'methodology']],
  ['Training', ['training', 'train', 'fine-tuning', 'finetuning', 'fine tuning', 'experiments', 'hyperparameter', 'hyperparameters']],
  ['Evaluation', ['evaluation', 'results', 'testing', 'metrics', 'validation', 'performance']],
  ['Interpretation', ['interpretation', 'discussion', 'conclusion', 'conclusions', 'findings', 'insights', 'reflection', 'learnings', 'error analysis', 'lessons learned']],
  ['Tools used', ['tools', 'tooling', 'libraries used', 'software used', 'tools and resources', 'resources used']],
];

function stem(word: string): string {
  const w = word.toLowerCase();
  if (w.length <= 4) return w;
  return w.replace(/(ings|ing|ies|es|s)$/, (m) => (m === 'ies' ? 'y' : '')).replace(/(ation|ations)$/, 'ate');
}

export function headingWords(text: string): Set<string> {
  const cleaned = text
    .replace(/[\u{1F000}-\u{1FAFF}\u{2600}-\u{27BF}]/gu, ' ')
    .replace(/^\s*((\d+(\.\d+)*|[IVX]+|step \d+)[.):\s-]+)/i, ' ')
    .toLowerCase()
    .replace(/[-_/]/g, ' ')
    .replace(/[^\p{L}\p{N}\s]/gu, ' ');
  return new Set(cleaned.split(/\s+/).filter(Boolean).map(stem));
}

function matches(words: Set<string>, synonym: string): boolean {
  return synonym
    .replace(/[-_/]/g, ' ')
    .split(/\s+/)
    .map(stem)
    .every((w) => words.has(w));
}

/** Canonical sections found, with the cell of the first heading that satisfies each. */
export function findSections(ctx: NotebookContext): Map<string, number> {
  const found = new Map<string, number>();
  const outline = ctx.outline;
  for (const h of outline) {
    const words = headingWords(h.text);
    for (const [section, synonyms] of SECTION_SYNONYMS) {
      if (found.has(section)) continue;
      if (section === 'Tools used' && h.level > 3) continue;
      if (synonyms.some((s) => matches(words, s))) found.set(section, h.cell);
    }
  }
  // an untitled introduction: prose between the title and the first section heading
  if (!found.has('Introduction') && outline.length > 0) {
    const title = outline[0];
    const next = outline.find((h) => h.cell > title.cell)?.cell ?? Infinity;
    const intro = ctx.markdown.filter((m) => m.cell.index >= title.cell && m.cell.index < next);
    const words = intro.reduce((n, m) => n + m.md.words, 0) - headingWords(title.text).size;
    if (words >= 25) found.set('Introduction', title.cell);
  }
  return found;
}

export const requiredSectionMissing: CheckDef = {
  id: 'required-section-missing',
  run(ctx, emit) {
    const found = findSections(ctx);
    for (const [section] of SECTION_SYNONYMS) {
      if (found.has(section)) continue;
      emit({ cell: null, message: `Section '${section}' is missing (expected a heading such as '# ${section}').` });
    }
    const order = SECTION_SYNONYMS.map(([s]) => s).filter((s) => found.has(s) && s !== 'Tools used');
    const cells = order.map((s) => found.get(s)!);
    const outOfOrder = order.filter((_, i) => i > 0 && cells[i] < cells[i - 1]);
    if (outOfOrder.length > 0)
      emit({ cell: found.get(outOfOrder[0]) ?? null, severity: 'info', message: `Sections are not in the usual order (${listSome(outOfOrder)} comes earlier than expected).` });
  },
};

const INTRO_ITEMS: [string, RegExp][] = [
  ['data', /\b(data|dataset|datasets|corpus|corpora|benchmark)\b/i],
  ['method', /\b(model|models|method|architecture|approach|transformer|bert|roberta|deberta|gpt|t5|lstm|rnn|cnn|embedding|embeddings|classifier|regression)\b/i],
  ['experiments', /\b(experiment|experiments|tried|sweep|sweeps|hyperparameters?|search|compare|comparison|ablation)\b/i],
  ['results', /\d+(\.\d+)?\s?%|\b(accuracy|f1|precision|recall|auc|bleu|rouge|perplexity|loss)\b[^.\n]{0,30}\d/i],
  ['tracking link', /wandb\.ai\/|wandb\.me\/|#\/experiments\/|\/ml\/experiments\/|:43800\/|\/runs\/[0-9a-f]{8,}/i],
];

export const introductionIncomplete: CheckDef = {
  id: 'introduction-incomplete',
  run(ctx, emit) {
    const outline = ctx.outline;
    const introIdx = outline.findIndex((h) => SECTION_SYNONYMS[0][1].some((s) => matches(headingWords(h.text), s)));
    if (introIdx === -1) return;
    const intro = outline[introIdx];
    const end = outline.slice(introIdx + 1).find((h) => h.level <= intro.level);
    const parts: string[] = [];
    for (const m of ctx.markdown) {
      if (m.cell.index < intro.cell || (end && m.cell.index > end.cell)) continue;
      const lines = m.cell.source.split('\n');
      const from = m.cell.index === intro.cell ? intro.line + 1 : 0;
      const to = end && m.cell.index === end.cell ? end.line : lines.length;
      parts.push(lines.slice(from, to).join('\n'));
    }
    const text = parts.join('\n');
    const missing: string[] = [];
    if (!/[A-Za-z]{3,}[^.!?\n]*\s+[A-Za-z]{3,}/.test(text)) missing.push('topic');
    for (const [item, re] of INTRO_ITEMS) if (!re.test(text)) missing.push(item);
    if (missing.length > 0) emit({ cell: intro.cell, message: `Introduction does not mention: ${missing.join(', ')}.` });
  },
};
