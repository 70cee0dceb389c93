// The "primary metric" of a group of runs and each run's best value of it. A setting can name it; otherwise
// Hugging Face's own `metric_for_best_model` wins, then a validation-looking metric most runs logged.
// Pure (no 'vscode').
import type { IndexedRun } from '../../core/index/types';

export interface Objective {
  key: string;
  goal: 'min' | 'max';
}

export interface RankedRun<R> {
  run: R;
  /** Best value of the objective over the run's steps; NaN when the run did not log it. */
  best: number;
}

type RunLike = Pick<IndexedRun, 'params' | 'series'>;

const LOWER_IS_BETTER = /loss|err(or)?\b|error|perplexity|ppl|wer|cer|mae|mse|rmse|nll|regret|latency|runtime|_time\b/i;
const VALIDATION = /(^|[_/.\-])(val|valid|validation|eval|dev|test)([_/.\-]|$)/i;
const QUALITY = /loss|acc|accuracy|f1|bleu|rouge|auc|map|iou|score|perplexity|ppl|wer|cer|exact_match|precision|recall/i;

export function goalOf(key: string): 'min' | 'max' {
  return LOWER_IS_BETTER.test(key) ? 'min' : 'max';
}

/** Keys of context-free series, with how many runs logged each. */
function keyCounts(runs: readonly RunLike[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const run of runs) {
    const keys = new Set(run.series.filter((s) => Object.keys(s.context).length === 0).map((s) => s.key));
    for (const k of keys) counts.set(k, (counts.get(k) ?? 0) + 1);
  }
  return counts;
}

/** Hugging Face Trainer's metric_for_best_model (`loss` means `eval_loss`) and greater_is_better. */
function fromTrainerArgs(runs: readonly RunLike[], present: Map<string, number>): Objective | undefined {
  for (const run of runs) {
    const metric = run.params['metric_for_best_model'] ?? run.params['args.metric_for_best_model'];
    if (!metric || metric === 'None') continue;
    const key = [metric, `eval_${metric}`, `eval/${metric}`].find((k) => present.has(k));
    if (!key) continue;
    const greater = run.params['greater_is_better'] ?? run.params['args.greater_is_better'];
    const goal = greater === 'True' || greater === 'true' ? 'max' : greater === 'False' || greater === 'false' ? 'min' : goalOf(key);
    return { key, goal };
  }
  return undefined;
}

export function chooseObjective(runs: readonly RunLike[], preferred?: string): Objective | undefined {
  const counts = keyCounts(runs);
  if (!counts.size) return undefined;
  const wanted = preferred?.trim();
  if (wanted) {
    const goal = wanted.startsWith('max:') ? 'max' : wanted.startsWith('min:') ? 'min' : undefined;
    const key = wanted.replace(/^(max|min):/, '');
    if (counts.has(key)) return { key, goal: goal ?? goalOf(key) };
  }
  const fromArgs = fromTrainerArgs(runs, counts);
  if (fromArgs) return fromArgs;
  // Among metrics that at least half as many runs logged as the most common one (crashed runs miss the
  // validation metric), prefer validation-looking quality metrics, then losses, then the name.
  const most = Math.max(...counts.values());
  const score = (k: string) => (VALIDATION.test(k) ? 2 : 0) + (QUALITY.test(k) ? 1 : 0);
  const lossFirst = (a: string, b: string) => (goalOf(a) === goalOf(b) ? 0 : goalOf(a) === 'min' ? -1 : 1);
  const [key] = [...counts.keys()]
    .filter((k) => counts.get(k)! * 2 >= most)
    .sort((a, b) => score(b) - score(a) || counts.get(b)! - counts.get(a)! || lossFirst(a, b) || a.localeCompare(b));
  return { key, goal: goalOf(key) };
}

export function bestValue(run: RunLike, objective: Objective): number {
  const s = run.series.find((x) => x.key === objective.key && Object.keys(x.context).length === 0);
  if (!s) return NaN;
  const v = objective.goal === 'min' ? s.min : s.max;
  return Number.isFinite(v) ? v : NaN;
}

/** Runs ordered best first; runs without a finite value of the objective come last, in their order. */
export function rankRuns<R extends RunLike>(runs: readonly R[], objective: Objective): Array<RankedRun<R>> {
  const ranked = runs.map((run) => ({ run, best: bestValue(run, objective) }));
  const sign = objective.goal === 'min' ? 1 : -1;
  return ranked.sort((a, b) => {
    if (Number.isNaN(a.best) || Number.isNaN(b.best)) return Number.isNaN(a.best) ? (Number.isNaN(b.best) ? 0 : 1) : -1;
    return sign * (a.best - b.best);
  });
}
