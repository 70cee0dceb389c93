// 3.3 hardcoded-secret: W&B, Hugging Face and OpenAI keys (gitleaks-style rules), 40-hex W&B legacy keys
// only where a W&B key is expected, and generic `key/token/secret = "…"` values with high entropy.
// Placeholders (`***`, `xxx`, `YOUR_…`, `<your …>`, partly masked keys) are info; tokenizer special tokens
// (`token="<pad>"`) and values read from the environment never match. A secret is never echoed: messages
// show only its first characters, and redactSecrets() cleans every message of the report.
import type { CodeInfo } from '../context';
import type { CheckDef } from './types';
import { lineRange } from './types';

const TOKEN_RULES: [RegExp, string][] = [
  [/\bwandb_v1_[A-Za-z0-9]{27}_[A-Za-z0-9]{49}\b/g, 'W&B API key'],
  [/\bhf_[A-Za-z]{34}\b/g, 'Hugging Face token'],
  [/\bapi_org_[A-Za-z]{34}\b/g, 'Hugging Face organization token'],
  [/\bsk-(?:proj-|svcacct-|admin-)?[A-Za-z0-9_-]{20,}T3BlbkFJ[A-Za-z0-9_-]{20,}\b/g, 'OpenAI API key'],
  [/\bsk-ant-[A-Za-z0-9_-]{80,}\b/g, 'Anthropic API key'],
  [/\bgh[pousr]_[A-Za-z0-9]{36}\b/g, 'GitHub token'],
  [/\bAKIA[0-9A-Z]{16}\b/g, 'AWS access key'],
];
const SECRET_NAME_RE = /(api[_-]?key|apikey|secret|token|passw(or)?d|pwd|access[_-]?key|auth|credential|private[_-]?key)/i;
const NOT_SECRET_NAME_RE = /(tokeni[sz]er|_tokens?_id|token_ids?|max_tokens?|num_tokens|pad_token|eos_token|bos_token|unk_token|sep_token|cls_token|mask_token|special_tokens?|token_type|tokens$|tokenized)/i;
const PLACEHOLDER_RE = /\*{3,}|x{3,}|X{3,}|YOUR_|your[_ -]|<[^>]*your[^>]*>|\.\.\.|…|^<[^>]+>$|^\$\{?[A-Z_]+\}?$|^(none|null|changeme|todo|secret|password|token)$/i;

export function shannonEntropy(s: string): number {
  const counts = new Map<string, number>();
  for (const ch of s) counts.set(ch, (counts.get(ch) ?? 0) + 1);
  let h = 0;
  for (const n of counts.values()) {
    const p = n / s.length;
    h -= p * Math.log2(p);
  }
  return h;
}

/** The first few characters and the length; never the secret itself. */
export function maskSecret(value: string): string {
  const keep = Math.min(4, Math.max(1, Math.floor(value.length / 8)));
  return `${value.slice(0, keep)}…`;
}

/** Replaces anything that looks like a known token with its masked form (defence in depth for messages). */
export function redactSecrets(text: string): string {
  let out = text;
  for (const [re] of TOKEN_RULES) out = out.replace(re, (m) => maskSecret(m));
  return out;
}

function lineCol(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, offset);
  const line = before.split('\n').length - 1;
  return { line, column: offset - (before.lastIndexOf('\n') + 1) };
}

export const hardcodedSecret: CheckDef = {
  id: 'hardcoded-secret',
  run(ctx, emit) {
    const reported = new Set<string>();
    const report = (cell: number, kind: string, value: string, where: { line: number; column: number } | undefined, placeholder: boolean, place = 'cell'): void => {
      const key = `${cell}|${value}`;
      if (reported.has(key)) return;
      reported.add(key);
      const range = where ? lineRange(where.line, where.column, where.column + value.length) : undefined;
      if (placeholder)
        emit({ cell, severity: 'info', range, message: `A masked placeholder for a ${kind} is in ${place} ${cell} (\`${maskSecret(value)}\`). Read the real value from an environment variable or a login prompt.` });
      else
        emit({ cell, range, message: `Possible ${kind} hard-coded in ${place} ${cell} (\`${maskSecret(value)}\`, ${value.length} characters). Revoke it and read it from an environment variable or the \`wandb.login()\` / \`huggingface_hub.login()\` prompt.` });
    };
    for (const cell of ctx.notebook.cells) {
      const texts: [string, boolean][] = [[cell.source, true]];
      if (cell.type === 'code') texts.push([ctx.outputText(cell), false]);
      for (const [text, isSource] of texts) {
        for (const [re, kind] of TOKEN_RULES) {
          re.lastIndex = 0;
          for (const m of text.matchAll(re)) report(cell.index, kind, m[0], isSource ? lineCol(text, m.index ?? 0) : undefined, false, isSource ? 'cell' : 'the output of cell');
        }
      }
    }
    for (const c of ctx.code) contextualSecrets(c, report);
  },
};

type Report = (cell: number, kind: string, value: string, where: { line: number; column: number } | undefined, placeholder: boolean) => void;

/** Secrets recognisable only by where they are written: W&B 40-hex keys and generic `token = "…"`. */
function contextualSecrets(c: CodeInfo, report: Report): void {
  const cell = c.cell.index;
  for (const s of c.facts.strings) {
    const value = s.value;
    const name = s.kwarg ?? s.assignTarget ?? '';
    const wandbContext = /WANDB_API_KEY/.test(name) || (s.kwarg === 'key' && /login$/.test(s.callee ?? ''));
    const secretName = SECRET_NAME_RE.test(name) && !NOT_SECRET_NAME_RE.test(name);
    if (!wandbContext && !secretName) continue;
    if (s.fstring && value.includes('{')) continue;
    const where = { line: s.line, column: s.column + 1 };
    if (PLACEHOLDER_RE.test(value)) {
      if (value.length >= 3 && /[*xX…]{3,}|YOUR|your|\.\.\./.test(value)) report(cell, wandbContext ? 'W&B API key' : 'secret', value, where, true);
      continue;
    }
    if (wandbContext && /^[0-9a-f]{40}$|^[\w-]+-[0-9a-f]{40}$/.test(value)) {
      report(cell, 'W&B API key', value, where, false);
      continue;
    }
    if (value.length >= 10 && value.length <= 150 && !/\s/.test(value) && shannonEntropy(value) >= 3.5 && !/^[a-z]+(_[a-z]+)*$/.test(value) && !/^(\.{0,2}\/|[A-Za-z]:\\)/.test(value))
      report(cell, 'secret', value, where, false);
  }
  // `%env WANDB_API_KEY=…` / `!export WANDB_API_KEY=…`
  for (const m of c.masked.magics) {
    const hit = /WANDB_API_KEY\s*=\s*['"]?([0-9a-f]{40}|[\w-]+-[0-9a-f]{40})\b/.exec(m.args);
    if (hit) report(cell, 'W&B API key', hit[1], { line: m.line, column: 0 }, false);
  }
}
