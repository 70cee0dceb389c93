// 3.3 seed-missing: randomness is used but no seed is set in or before the first cell that uses it.
// Imports alone are never evidence (importing torch draws no random number); evidence is training,
// randomly initialised heads, shuffling, splitting and explicit random calls. All matching runs on code
// with strings and comments blanked.
import type { CodeInfo } from '../context';
import type { CheckDef, Sink } from './types';

const RANDOMNESS: [RegExp, string][] = [
  [/\bTrainer\s*\(/, 'Trainer('],
  [/\.train\s*\(\s*\)/, '.train()'],
  [/\.fit\s*\(/, '.fit('],
  [/\boptimizer\.step\s*\(/, 'optimizer.step()'],
  [/\bfor\s+\w*epoch\w*\s+in\b/, 'for epoch in …'],
  [/\bfrom_pretrained\s*\(/, 'from_pretrained(…For…Classification)'],
  [/\bDataLoader\s*\([^)]*shuffle\s*=\s*True/, 'DataLoader(shuffle=True)'],
  [/\.shuffle\s*\(/, '.shuffle('],
  [/\btrain_test_split\s*\(/, 'train_test_split('],
  [/\brandom\.(random|randint|choice|choices|sample|shuffle|uniform|gauss)\s*\(/, 'random.*'],
  [/\bnp\.random\.(?!seed\b|default_rng\s*\(\s*\d)\w+\s*\(/, 'np.random.*'],
  [/\btorch\.(rand|randn|randint|randperm|bernoulli|multinomial|normal)\s*\(/, 'torch.rand*'],
  [/\.sample\s*\(/, '.sample('],
  [/\brandom_split\s*\(/, 'random_split('],
];
// only heads that are freshly (randomly) initialised count as randomness for from_pretrained
const NEW_HEAD_RE = /\bAuto\w*For(Sequence|Token)Classification|For(QuestionAnswering|MultipleChoice|SequenceClassification|TokenClassification)\b/;

const SEEDING: RegExp[] = [
  /\brandom\.seed\s*\(/,
  /\bnp\.random\.seed\s*\(/,
  /\bnumpy\.random\.seed\s*\(/,
  /\bdefault_rng\s*\(\s*\w/,
  /\btorch\.manual_seed\s*\(/,
  /\btorch\.cuda\.manual_seed(_all)?\s*\(/,
  /\btf\.random\.set_seed\s*\(/,
  /\bset_random_seed\s*\(/,
  /\bset_seed\s*\(/,
  /\bseed_everything\s*\(/,
  /\bmanual_seed\s*\(/,
];
const TRAINER_SEED_RE = /\bTrainingArguments\s*\([^]*?\bseed\s*=/;

function firstRandomness(c: CodeInfo): string | undefined {
  const code = c.masked.code;
  for (const [re, label] of RANDOMNESS) {
    if (!re.test(code)) continue;
    if (label.startsWith('from_pretrained') && !NEW_HEAD_RE.test(code)) continue;
    return label;
  }
  return undefined;
}

function seedKind(c: CodeInfo): 'seed' | 'trainer' | undefined {
  const code = c.masked.code;
  if (SEEDING.some((re) => re.test(code))) return 'seed';
  if (c.masked.magics.some((m) => /--seed[= ]\s*\d/.test(m.args))) return 'seed';
  if (TRAINER_SEED_RE.test(code)) return 'trainer';
  return undefined;
}

export const seedMissing: CheckDef = {
  id: 'seed-missing',
  run(ctx, emit) {
    if (!ctx.python) return;
    let firstR: { cell: number; what: string } | undefined;
    let seededBefore = false;
    let lateSeed: { cell: number; kind: 'seed' | 'trainer' } | undefined;
    for (const c of ctx.code) {
      const kind = seedKind(c);
      const r = firstRandomness(c);
      if (!firstR) {
        if (kind === 'seed') seededBefore = true;
        if (r) {
          firstR = { cell: c.cell.index, what: r };
          if (kind === 'trainer') seededBefore = true; // the Trainer seeds before it initialises its own model
        }
      } else if (kind && !lateSeed) lateSeed = { cell: c.cell.index, kind };
    }
    if (firstR && !seededBefore) {
      const imported = importedSeedFunctions(ctx.code);
      const hint = imported.length ? ` (\`${imported[0]}\` is imported but never called)` : '';
      if (lateSeed?.kind === 'trainer')
        emit({
          cell: firstR.cell,
          severity: 'info',
          message: `Only the Trainer seed is set (cell ${lateSeed.cell}), but the model is created before the Trainer (cell ${firstR.cell}): call \`transformers.set_seed(42)\` before creating the model, or use \`model_init\`.`,
        });
      else if (lateSeed)
        emit({ cell: firstR.cell, message: `Randomness is used in cell ${firstR.cell} (${firstR.what}) before the seed is set in cell ${lateSeed.cell}. Set the seed in the Setup section.` });
      else
        emit({
          cell: firstR.cell,
          message: `Randomness is used (first in cell ${firstR.cell}, ${firstR.what}) but no seed is set before it${hint}. Call e.g. \`transformers.set_seed(42)\` (seeds random, numpy, torch) in the Setup section.`,
          fixes: [{ kind: 'insert-cell', title: 'Insert a seed cell', index: seedCellIndex(ctx.code, firstR.cell), cellType: 'code', source: seedCellSource(ctx.code) }],
        });
    }
    subFindings(ctx.code, emit);
  },
};

function importedSeedFunctions(code: CodeInfo[]): string[] {
  const imported = code.flatMap((c) => c.facts.imports.flatMap((i) => i.bound.filter((b) => /^(set_seed|seed_everything|set_random_seed)$/.test(b.imported)).map((b) => b.name)));
  return imported.filter((name) => !code.some((c) => new RegExp(`\\b${name}\\s*\\(`).test(c.masked.code)));
}

/** Info-level hints that do not by themselves make the notebook irreproducible. */
function subFindings(code: CodeInfo[], emit: Sink): void {
  for (const c of code) {
    for (const call of c.facts.calls) {
      const name = call.callee.split('.').pop();
      if (name === 'train_test_split' && !('random_state' in call.kwargs))
        emit({ cell: c.cell.index, severity: 'info', message: `\`train_test_split\` in cell ${c.cell.index} has no \`random_state\`: the split changes on every run.` });
      if (name === 'shuffle' && call.callee !== 'random.shuffle' && !('seed' in call.kwargs) && !/np\.random/.test(call.callee) && call.args.length === 0)
        emit({ cell: c.cell.index, severity: 'info', message: `\`${call.callee}()\` in cell ${c.cell.index} has no \`seed=\`: the order changes on every run.` });
    }
    if (/\bcudnn\.benchmark\s*=\s*True/.test(c.masked.code))
      emit({ cell: c.cell.index, severity: 'info', message: `\`cudnn.benchmark = True\` in cell ${c.cell.index} picks algorithms non-deterministically; results may differ between runs.` });
  }
}

/** Where a seed cell goes: after the leading import-only cells, and never after the first random use. */
function seedCellIndex(code: CodeInfo[], firstRandom: number): number {
  let index = code[0]?.cell.index ?? 0;
  for (const c of code) {
    if (c.cell.index >= firstRandom) break;
    if (c.facts.statements.length > 0 && c.facts.statements.every((st) => st.kind === 'ImportStatement' || /^0\s*$/.test(st.text))) index = c.cell.index + 1;
    else break;
  }
  return Math.min(index, firstRandom);
}

/** A seed cell for the libraries the notebook imports. */
function seedCellSource(code: CodeInfo[]): string {
  const modules = new Set(code.flatMap((c) => c.facts.imports.flatMap((i) => [i.module, ...i.bound.map((b) => b.imported)]).map((m) => m.split('.')[0])));
  if (modules.has('transformers')) return 'from transformers import set_seed\n\nSEED = 42\nset_seed(SEED)  # seeds random, numpy and torch';
  if (modules.has('lightning') || modules.has('pytorch_lightning')) return `import ${modules.has('lightning') ? 'lightning as L' : 'pytorch_lightning as L'}\n\nSEED = 42\nL.seed_everything(SEED, workers=True)`;
  const lines = ['import random', 'SEED = 42', 'random.seed(SEED)'];
  if (modules.has('numpy')) lines.push('import numpy as np', 'np.random.seed(SEED)');
  if (modules.has('torch')) lines.push('import torch', 'torch.manual_seed(SEED)');
  if (modules.has('tensorflow')) lines.push('import tensorflow as tf', 'tf.random.set_seed(SEED)');
  return lines.join('\n');
}
