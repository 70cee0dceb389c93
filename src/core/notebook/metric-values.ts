// Metric claims in markdown and metric values in outputs, for reported-metric-mismatch.
// Claims: "accuracy of 61.65%", "F1 0.75" (decimals or percentages only, whole-word metric names,
// sentences with expectation or literature cues skipped). Values: W&B "Run summary" tables, Trainer
// dicts, Lightning test tables and printed `metric: value` lines.

export interface MetricClaim {
  metric: string;
  /** As a fraction for ratio metrics (61.65% → 0.6165). */
  value: number;
  /** Half a unit in the last reported digit, in the same scale as value. */
  tolerance: number;
  text: string;
  line: number;
}

export interface MetricValue {
  metric: string;
  key: string;
  value: number;
  split: 'test' | 'eval' | 'train' | 'other';
}

const METRICS: [string, RegExp, RegExp][] = [
  // [canonical, claim word, source key]
  ['accuracy', /accuracy|acc/, /acc(uracy)?\b|acc(uracy)?_|accuracy/],
  ['f1', /f1(?:[- ]score)?/, /f1/],
  ['precision', /precision/, /precision/],
  ['recall', /recall/, /recall/],
  ['auc', /auc(?:[- ]roc)?|roc[- ]auc|auroc/, /auc|auroc/],
  ['bleu', /bleu/, /bleu/],
  ['rouge-1', /rouge[- ]?1/, /rouge-?1/],
  ['rouge-2', /rouge[- ]?2/, /rouge-?2/],
  ['rouge-l', /rouge[- ]?l(?:sum)?/, /rouge-?l/],
  ['perplexity', /perplexity|ppl/, /perplexity|ppl/],
  ['loss', /loss/, /loss/],
  ['exact match', /exact[- ]match|em/, /exact_?match|(^|_)em($|_)/],
  ['mcc', /mcc/, /mcc|matthews/],
  ['wer', /wer/, /(^|_)wer($|_)/],
  ['cer', /cer/, /(^|_)cer($|_)/],
];
const RATIO = new Set(['accuracy', 'f1', 'precision', 'recall', 'auc', 'exact match', 'mcc', 'wer', 'cer', 'rouge-1', 'rouge-2', 'rouge-l']);
const CLAIM_WORDS = METRICS.map(([, w]) => w.source).join('|');
const CLAIM_RE = new RegExp(`\\b(${CLAIM_WORDS})\\b([^0-9\\n]{0,30}?)(\\d+(?:\\.\\d+)?)\\s*(%)?`, 'gi');
const CUE_RE = /\b(expect\w*|target\w*|goal|baseline|paper|reported by|human performance|state[- ]of[- ]the[- ]art|sota|previous project|literature|should|aim(s|ed)? (for|at)|hope\w*|random guess\w*|chance|majority class|at least|threshold|above|below|would|could|might|if)\b/i;

function canonical(word: string): string | undefined {
  const w = word.toLowerCase();
  return METRICS.find(([, re]) => new RegExp(`^(${re.source})$`, 'i').test(w))?.[0];
}

export function extractClaims(prose: string): MetricClaim[] {
  const claims: MetricClaim[] = [];
  const lines = prose.split('\n');
  lines.forEach((lineText, line) => {
    for (const sentence of lineText.split(/(?<=[.!?])\s+(?=[A-Z])/)) {
      if (CUE_RE.test(sentence)) continue;
      CLAIM_RE.lastIndex = 0;
      for (const m of sentence.matchAll(CLAIM_RE)) {
        const metric = canonical(m[1]);
        const number = m[3];
        const percent = m[4] === '%';
        if (!metric || (!percent && !number.includes('.'))) continue;
        if (/\b(of|for|in|with|on)\s+(all|the|\d)/i.test(m[2]) && !/\b(of|is|was|reached|achieved)\b\s*$/i.test(m[2])) continue;
        const decimals = number.includes('.') ? number.split('.')[1].length : 0;
        const scale = percent ? 100 : 1;
        const value = Number(number) / scale;
        claims.push({ metric, value, tolerance: 0.5 * 10 ** -decimals / scale + 1e-12, text: m[0].trim(), line });
      }
    }
  });
  return claims;
}

const PAIR_RES: RegExp[] = [
  /<td>\s*([A-Za-z][\w/.-]{0,60})\s*<\/td>\s*<td>\s*(-?\d+(?:\.\d+)?(?:e[-+]?\d+)?)\s*<\/td>/g, // W&B run summary
  /['"]([A-Za-z][\w/.-]{0,60})['"]\s*:\s*(-?\d+(?:\.\d+)?(?:e[-+]?\d+)?)/g, // dicts
  /^[\s│|]*([A-Za-z][\w/.-]{0,60})[\s│|]{2,}(-?\d+(?:\.\d+)?(?:e[-+]?\d+)?)[\s│|]*$/gm, // Lightning tables
  /\b([A-Za-z][\w/. -]{0,40}?)\s*[:=]\s*(-?\d+(?:\.\d+)?(?:e[-+]?\d+)?)\s*(%)?/g, // printed lines
];

function splitOf(key: string): MetricValue['split'] {
  if (/test/i.test(key)) return 'test';
  if (/eval|val|dev/i.test(key)) return 'eval';
  if (/train/i.test(key)) return 'train';
  return 'other';
}

export function extractValues(text: string): MetricValue[] {
  const out: MetricValue[] = [];
  for (const re of PAIR_RES) {
    re.lastIndex = 0;
    for (const m of text.matchAll(re)) {
      const key = m[1].trim().toLowerCase().replace(/\s+/g, '_');
      const metric = METRICS.find(([, , k]) => k.test(key))?.[0];
      if (!metric) continue;
      let value = Number(m[2]);
      if (!Number.isFinite(value)) continue;
      if (m[3] === '%' || (RATIO.has(metric) && value > 1 && value <= 100)) value /= 100;
      out.push({ metric, key, value, split: splitOf(key) });
    }
  }
  return out;
}

export function isRatioMetric(metric: string): boolean {
  return RATIO.has(metric);
}
