// 3.4 Code hygiene: duplicate-code, debug-leftover, cell-too-long, no-tests,
// reinvented-library-function, empty-cell.
import { parser } from '@lezer/python';
import type { CodeInfo } from '../context';
import type { CheckDef } from './types';
import { lineRange, listSome } from './types';

/** Source with comments removed and whitespace collapsed: the identity of a cell for duplicate search. */
function normalised(c: CodeInfo): string {
  const lines = c.masked.text.split('\n');
  for (const cm of c.masked.comments) lines[cm.line] = lines[cm.line].slice(0, cm.column);
  return lines.map((l) => l.trim()).filter(Boolean).join('\n').replace(/[ \t]+/g, ' ');
}

function tokens(text: string): Set<string> {
  return new Set(text.match(/[A-Za-z_]\w*|\d+(?:\.\d+)?|[^\s\w]/g) ?? []);
}

export const duplicateCode: CheckDef = {
  id: 'duplicate-code',
  run(ctx, emit) {
    if (!ctx.python) return;
    const seen = new Map<string, number>();
    const long: { index: number; lines: number; tokens: Set<string> }[] = [];
    for (const c of ctx.code) {
      const norm = normalised(c);
      const lines = norm.split('\n').filter((l) => l.length > 3);
      if (lines.length >= 3 || norm.length >= 80) {
        const first = seen.get(norm);
        if (first !== undefined) {
          emit({ cell: c.cell.index, message: `Cell ${c.cell.index} repeats cell ${first}.` });
          continue;
        }
        seen.set(norm, c.cell.index);
      }
      if (lines.length >= 10) long.push({ index: c.cell.index, lines: lines.length, tokens: tokens(norm) });
    }
    // the same def/class defined at module level in two cells
    const defined = new Map<string, number>();
    for (const c of ctx.code) {
      for (const d of c.facts.defs) {
        const first = defined.get(d.name);
        if (first !== undefined && first !== c.cell.index)
          emit({ cell: c.cell.index, range: lineRange(d.line), message: `\`${d.name}\` is defined again in cell ${c.cell.index} (first in cell ${first}).` });
        else defined.set(d.name, c.cell.index);
      }
    }
    // near-duplicates (info); Jaccard ≥ 0.9 needs sizes within 10 %, so only neighbours by size are compared
    const distinct = new Set(seen.values()); // cells that are not exact repeats
    long.sort((x, y) => x.tokens.size - y.tokens.size || x.index - y.index);
    for (let i = 0; i < long.length; i++) {
      // at most 40 size-neighbours per cell keeps this linear on notebooks with hundreds of similar cells
      for (let j = i + 1; j < Math.min(long.length, i + 41) && long[j].tokens.size * 0.9 <= long[i].tokens.size; j++) {
        const a = long[i].tokens;
        const b = long[j].tokens;
        let inter = 0;
        for (const t of a) if (b.has(t)) inter++;
        const jaccard = inter / (a.size + b.size - inter);
        if (jaccard >= 0.9 && distinct.has(long[j].index) && distinct.has(long[i].index)) {
          const [first, second] = long[i].index < long[j].index ? [long[i].index, long[j].index] : [long[j].index, long[i].index];
          emit({ cell: second, severity: 'info', message: `Cell ${second} is nearly the same as cell ${first} — extract a function.` });
          break;
        }
      }
    }
  },
};

const DEBUG_CALL_RE = /^(breakpoint|pdb\.set_trace|ipdb\.set_trace|set_trace|embed)$/;
const EXIT_CALL_RE = /^(sys\.exit|exit|quit|os\._exit)$/;
const CODE_HINT_RE = /[=()[\]]|^\s*(import|from|def|class|for|if|while|return|print|with|try|except)\b|\.\w+\(/;

/** A block of ≥ 3 comment lines, at least 2 of them Python once `#` is stripped (commented-out code). */
function commentedOutCode(c: CodeInfo): number | undefined {
  const lines = c.cell.source.split('\n');
  let start = -1;
  const check = (from: number, to: number): boolean => {
    if (to - from < 3) return false;
    const body = lines.slice(from, to).map((l) => l.replace(/^\s*# ?/, '')).filter((l) => CODE_HINT_RE.test(l) && !/^\s*[A-Z][a-z]+( [a-z]+){3,}/.test(l));
    if (body.length < 2) return false;
    const indent = Math.min(...body.filter((l) => l.trim()).map((l) => /^\s*/.exec(l)![0].length));
    const text = body.map((l) => l.slice(indent)).join('\n') + '\n';
    let ok = true;
    parser.parse(text).iterate({ enter: (n) => { if (n.type.isError) ok = false; return ok; } });
    return ok;
  };
  for (let i = 0; i <= lines.length; i++) {
    const isComment = i < lines.length && /^\s*#/.test(lines[i]) && !/^\s*#\s*(%|!)/.test(lines[i]);
    if (isComment && start === -1) start = i;
    if (!isComment && start !== -1) {
      if (check(start, i)) return start;
      start = -1;
    }
  }
  return undefined;
}

export const debugLeftover: CheckDef = {
  id: 'debug-leftover',
  run(ctx, emit) {
    if (!ctx.python) return;
    for (const c of ctx.code) {
      const cell = c.cell.index;
      const patterns: { what: string; line: number }[] = [];
      for (const d of c.facts.deadBlocks) patterns.push({ what: `\`${d.text}\` block`, line: d.line });
      for (const call of c.facts.calls) {
        if (DEBUG_CALL_RE.test(call.callee)) patterns.push({ what: `\`${call.callee}()\``, line: call.line });
        if (!call.inFunction && EXIT_CALL_RE.test(call.callee)) patterns.push({ what: `\`${call.callee}()\` at module level`, line: call.line });
      }
      for (const imp of c.facts.imports) if (/^i?pdb$/.test(imp.module)) patterns.push({ what: `\`import ${imp.module}\``, line: imp.line });
      for (const a of c.facts.asserts) if (a.alwaysFalse) patterns.push({ what: '`assert False`', line: a.line });
      for (const s of c.facts.statements) if (/^raise\s+SystemExit\b/.test(s.text)) patterns.push({ what: '`raise SystemExit`', line: s.line });
      for (const m of c.masked.magics) if (m.kind === 'line-magic' && (m.name === 'debug' || m.name === 'pdb')) patterns.push({ what: `\`%${m.name}\``, line: m.line });
      if (c.cell.tags.some((t) => t === 'debug' || t === 'scratch')) patterns.push({ what: `tag \`${c.cell.tags.find((t) => t === 'debug' || t === 'scratch')}\``, line: 0 });
      if (patterns.length > 0) {
        emit({ cell, range: lineRange(patterns[0].line), message: `Debugging leftover in cell ${cell} (${listSome(patterns.map((p) => p.what), 3)}) — remove it before ${ctx.course ? 'hand-in' : 'sharing the notebook'}.` });
        continue;
      }
      const commented = commentedOutCode(c);
      if (commented !== undefined)
        emit({ cell, severity: 'info', range: lineRange(commented), message: `Debugging leftover in cell ${cell} (a block of commented-out code) — remove it before ${ctx.course ? 'hand-in' : 'sharing the notebook'}.` });
    }
  },
};

const TRAIN_RE = /\.(fit|train)\s*\(|\bTrainer\s*\(|\bfor\s+\w*epoch\w*\s+in\b|\boptimizer\.step\s*\(/;
const EVAL_RE = /\.(evaluate|predict|test)\s*\(|\bplt\.|\bclassification_report\s*\(|\bconfusion_matrix\s*\(|\baccuracy_score\s*\(|\bf1_score\s*\(|\.plot\s*\(|\bsns\.\w+\(/;

export const cellTooLong: CheckDef = {
  id: 'cell-too-long',
  run(ctx, emit) {
    for (const c of ctx.code) {
      const n = c.cell.source.split('\n').filter((l) => l.trim() !== '').length;
      const concerns: string[] = [];
      if (c.facts.defs.length > 0) concerns.push('definitions');
      if (TRAIN_RE.test(c.masked.code)) concerns.push('training');
      if (EVAL_RE.test(c.masked.code)) concerns.push('evaluation/plotting');
      if (n > 50) emit({ cell: c.cell.index, message: `Cell ${c.cell.index} has ${n} lines${concerns.length > 1 ? ` and mixes ${concerns.join(', ')}` : ''} — split it into Model / Training / Evaluation cells.` });
      else if (concerns.length >= 3) emit({ cell: c.cell.index, message: `Cell ${c.cell.index} has ${n} lines and mixes ${concerns.join(', ')} — split it into Model / Training / Evaluation cells.` });
    }
  },
};

const TEST_HEADING_RE = /\b(unit[- ]?tests?|tests|sanity[- ]?checks?|correctness (tests?|checks?)|testing (the )?(code|functions?|model|implementation))\b/i;

export const noTests: CheckDef = {
  id: 'no-tests',
  run(ctx, emit) {
    if (ctx.code.length === 0) return;
    const hasAssert = ctx.code.some((c) => c.facts.asserts.some((a) => !a.alwaysFalse));
    const hasFramework = ctx.code.some((c) => c.facts.imports.some((i) => /^(unittest|pytest|doctest|hypothesis)\b/.test(i.module)) || c.facts.defs.some((d) => /^test_?/i.test(d.name) && d.kind === 'function') || /\bnp\.testing\.|\btorch\.testing\./.test(c.masked.code));
    const tagged = ctx.notebook.cells.some((c) => c.tags.some((t) => /^tests?$/i.test(t)));
    const heading = ctx.outline.some((h) => TEST_HEADING_RE.test(h.text));
    if (hasAssert || hasFramework || tagged || heading) return;
    emit({ cell: null, message: `No tests found. Add a few \`assert\`-based checks (e.g. tensor shapes, a tokenizer round-trip)${ctx.course ? ' as the course requires' : ''}.` });
  },
};

const LIBRARY_FUNCTIONS: [RegExp, RegExp, string][] = [
  [/^(accuracy|accuracy_score|compute_accuracy|calc_accuracy|calculate_accuracy)$/, /^(sklearn|evaluate|torchmetrics)/, 'sklearn.metrics.accuracy_score'],
  [/^(f1|f1_score|compute_f1|calc_f1|calculate_f1)$/, /^(sklearn|evaluate|torchmetrics)/, 'sklearn.metrics.f1_score'],
  [/^(precision|precision_score|recall|recall_score)$/, /^(sklearn|evaluate|torchmetrics)/, 'sklearn.metrics.precision_recall_fscore_support'],
  [/^confusion_matrix$/, /^(sklearn|torchmetrics)/, 'sklearn.metrics.confusion_matrix'],
  [/^(softmax|sigmoid|log_softmax)$/, /^(torch|scipy|numpy|tensorflow)/, 'torch.softmax / scipy.special.softmax'],
  [/^train_test_split$/, /^sklearn/, 'sklearn.model_selection.train_test_split'],
  [/^(one_hot|onehot|one_hot_encode)$/, /^(torch|sklearn|tensorflow|keras)/, 'torch.nn.functional.one_hot'],
  [/^(pad_sequence|pad_sequences)$/, /^(torch|tensorflow|keras)/, 'torch.nn.utils.rnn.pad_sequence'],
  [/^(cosine_similarity|cosine_sim)$/, /^(sklearn|torch|scipy|sentence_transformers)/, 'sklearn.metrics.pairwise.cosine_similarity'],
];

export const reinventedLibraryFunction: CheckDef = {
  id: 'reinvented-library-function',
  run(ctx, emit) {
    if (!ctx.python) return;
    const modules = ctx.code.flatMap((c) => c.facts.imports.map((i) => i.module));
    const tokenizerExists = ctx.code.some((x) => /\btokenizer\s*=/.test(x.masked.code));
    for (const c of ctx.code) {
      for (const d of c.facts.defs) {
        if (d.kind !== 'function') continue;
        const hit = LIBRARY_FUNCTIONS.find(([name, lib]) => name.test(d.name) && modules.some((m) => lib.test(m)));
        if (hit) emit({ cell: c.cell.index, range: lineRange(d.line), message: `\`${d.name}\` re-implements \`${hit[2]}\` — prefer the library function (tested, faster).` });
      }
      for (const d of c.facts.defs)
        if (tokenizerExists && /^tokeni[sz]e$/.test(d.name) && /\.split\s*\(\s*['"] ['"]\s*\)/.test(c.masked.text))
          emit({ cell: c.cell.index, range: lineRange(d.line), message: `\`${d.name}\` splits on spaces although a tokenizer exists — prefer the tokenizer.` });
    }
  },
};

export const emptyCell: CheckDef = {
  id: 'empty-cell',
  run(ctx, emit) {
    // a trailing empty cell counts too (pynblint empty-cells): it is clutter in the handed-in file
    for (const cell of ctx.notebook.cells) if (cell.source.trim() === '') emit({ cell: cell.index, message: `Empty cell ${cell.index}.` });
  },
};
