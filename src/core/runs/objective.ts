// The objective of a group of runs ("which metric, which direction is best") and each run's best value of
// it. In order: the user's setting; what the script declares (metric_for_best_model, Optuna direction,
// ModelCheckpoint monitor/mode); what the runs themselves recorded; only then a guess from metric names
// (a validation-looking metric most runs logged). Pure (no 'vscode'); the CodeLens ranks by it and the
// Runs table takes the direction of `best` from metricGoal().
import type { IndexedRun } from '../index/types';
import { declaredObjectiveOfRun, objectiveKeyCandidates, type DeclaredObjective, type Goal } from './declared-objective';

export type { Goal } from './declared-objective';

export type ObjectiveSource = 'setting' | 'script' | 'run' | 'guess';

export interface Objective {
  /** The logged key (`eval_f1_en`, `val_loss`, Optuna's `value`). */
  key: string;
  goal: Goal;
  source: ObjectiveSource;
  /** What declared it (`metric_for_best_model`, `ModelCheckpoint(monitor=…)`, …); absent for the setting and a guess. */
  via?: string;
}

export interface RankedRun<R> {
  run: R;
  /** Best value of the objective over the run's steps (or its final value); NaN when the run did not log it. */
  best: number;
}

type RunLike = Pick<IndexedRun, 'params' | 'series'> & Partial<Pick<IndexedRun, 'format' | 'summary' | 'extra'>>;

const LOWER_IS_BETTER = /loss|err(or)?\b|error|perplexity|ppl|wer|cer|mae|mse|rmse|nll|regret|latency|runtime|_time\b/i;
const VALIDATION = /(^|[_/.\-])(val|valid|validation|eval|dev|test)([_/.\-]|$)/i;
const QUALITY = /loss|acc|accuracy|f1|bleu|rouge|auc|map|iou|score|perplexity|ppl|wer|cer|exact_match|precision|recall/i;

/** The direction a metric's name suggests, when nothing declares one. */
export function goalOf(key: string): Goal {
  return LOWER_IS_BETTER.test(key) ? 'min' : 'max';
}

/** The logged key a declaration names in this run, if the run logged it under any of its usual names. */
function keyOfDeclared(run: RunLike, metric: string): string | undefined {
  return objectiveKeyCandidates(metric).find((k) => hasKey(run, k));
}

function hasKey(run: RunLike, key: string): boolean {
  return run.series.some((s) => s.key === key && Object.keys(s.context).length === 0) || run.summary?.[key] !== undefined;
}

/**
 * Which direction is better for `key` in this run: the run's own declaration when it names that key
 * (greater_is_better, an Optuna study direction, ModelCheckpoint's mode), otherwise the name's suggestion.
 */
export function metricGoal(run: RunLike, key: string): Goal {
  const declared = run.format !== undefined ? declaredObjectiveOfRun({ format: run.format, params: run.params, extra: run.extra, series: run.series }) : undefined;
  if (declared && objectiveKeyCandidates(declared.metric).includes(key)) return declared.goal;
  return goalOf(key);
}

/** Keys of context-free series (and scalar summaries), with how many runs logged each. */
function keyCounts(runs: readonly RunLike[], withSummary: boolean): Map<string, number> {
  const counts = new Map<string, number>();
  for (const run of runs) {
    const keys = new Set(run.series.filter((s) => Object.keys(s.context).length === 0).map((s) => s.key));
    if (withSummary) for (const k of Object.keys(run.summary ?? {})) keys.add(k);
    for (const k of keys) counts.set(k, (counts.get(k) ?? 0) + 1);
  }
  return counts;
}

/** The first declaration that some run logged, resolved to its logged key. */
function fromDeclared(runs: readonly RunLike[], declared: readonly DeclaredObjective[], source: ObjectiveSource): Objective | undefined {
  for (const d of declared) {
    for (const run of runs) {
      const key = keyOfDeclared(run, d.metric);
      if (key) return { key, goal: d.goal, source, via: d.via };
    }
  }
  return undefined;
}

/** The declaration most runs recorded (a sweep may mix; ties go to the first run's). */
function fromRuns(runs: readonly RunLike[]): Objective | undefined {
  const votes = new Map<string, { objective: Objective; n: number }>();
  for (const run of runs) {
    if (run.format === undefined) continue;
    const d = declaredObjectiveOfRun({ format: run.format, params: run.params, extra: run.extra, series: run.series });
    const key = d && keyOfDeclared(run, d.metric);
    if (!d || !key) continue;
    const id = `${d.goal}:${key}`;
    const v = votes.get(id) ?? { objective: { key, goal: d.goal, source: 'run' as const, via: d.via }, n: 0 };
    v.n++;
    votes.set(id, v);
  }
  let best: { objective: Objective; n: number } | undefined;
  for (const v of votes.values()) if (!best || v.n > best.n) best = v;
  return best?.objective;
}

export interface ObjectiveHints {
  /** The user's setting: a key, optionally `max:` / `min:` prefixed. */
  preferred?: string;
  /** What the script declares (declaredObjectivesInScript), in source order. */
  script?: readonly DeclaredObjective[];
}

export function chooseObjective(runs: readonly RunLike[], hints: ObjectiveHints = {}): Objective | undefined {
  const counts = keyCounts(runs, false);
  const wanted = hints.preferred?.trim();
  if (wanted) {
    const goal = wanted.startsWith('max:') ? 'max' : wanted.startsWith('min:') ? 'min' : undefined;
    const key = wanted.replace(/^(max|min):/, '');
    if (runs.some((r) => hasKey(r, key))) return { key, goal: goal ?? metricGoalOfRuns(runs, key), source: 'setting' };
  }
  const declared = fromDeclared(runs, hints.script ?? [], 'script') ?? fromRuns(runs);
  if (declared) return declared;
  if (!counts.size) return undefined;
  // Among metrics that at least half as many runs logged as the most common one (crashed runs miss the
  // validation metric), prefer validation-looking quality metrics, then losses, then the name.
  const most = Math.max(...counts.values());
  const score = (k: string) => (VALIDATION.test(k) ? 2 : 0) + (QUALITY.test(k) ? 1 : 0);
  const lossFirst = (a: string, b: string) => (goalOf(a) === goalOf(b) ? 0 : goalOf(a) === 'min' ? -1 : 1);
  const [key] = [...counts.keys()]
    .filter((k) => counts.get(k)! * 2 >= most)
    .sort((a, b) => score(b) - score(a) || counts.get(b)! - counts.get(a)! || lossFirst(a, b) || a.localeCompare(b));
  return { key, goal: goalOf(key), source: 'guess' };
}

function metricGoalOfRuns(runs: readonly RunLike[], key: string): Goal {
  const run = runs.find((r) => hasKey(r, key));
  return run ? metricGoal(run, key) : goalOf(key);
}

/** Best value over the run's steps; a key only in the summary (an Optuna trial's value) counts as is. */
export function bestValue(run: RunLike, objective: Pick<Objective, 'key' | 'goal'>): number {
  const s = run.series.find((x) => x.key === objective.key && Object.keys(x.context).length === 0);
  const v = s ? (objective.goal === 'min' ? s.min : s.max) : run.summary?.[objective.key];
  return v !== undefined && Number.isFinite(v) ? v : NaN;
}

/** Runs ordered best first; runs without a finite value of the objective come last, in their order. */
export function rankRuns<R extends RunLike>(runs: readonly R[], objective: Pick<Objective, 'key' | 'goal'>): Array<RankedRun<R>> {
  const ranked = runs.map((run) => ({ run, best: bestValue(run, objective) }));
  const sign = objective.goal === 'min' ? 1 : -1;
  return ranked.sort((a, b) => {
    if (Number.isNaN(a.best) || Number.isNaN(b.best)) return Number.isNaN(a.best) ? (Number.isNaN(b.best) ? 0 : 1) : -1;
    return sign * (a.best - b.best);
  });
}
