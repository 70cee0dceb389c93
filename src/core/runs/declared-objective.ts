// The objective a training script or a run declares itself: which metric is "best" and in which direction.
// Hugging Face `TrainingArguments(metric_for_best_model=…, greater_is_better=…)`, Optuna
// `create_study(direction=…)`, Lightning `ModelCheckpoint(monitor=…, mode=…)` / `EarlyStopping(…)`.
// A declaration beats any guess from metric names: a script that keeps the checkpoint with the best
// `f1_en` must not be ranked by `eval_loss`. Pure (no 'vscode'); the script is read with the same Python
// facts the notebook checks use.
import type { SeriesSummary } from '../index/types';
import type { RunInfo } from '../model';
import { pythonFacts, type PyFacts } from '../notebook/python-facts';
import { pythonStringLiteral } from '../util/python-text';
import { paramEntry } from './param-value';

export type Goal = 'min' | 'max';

export interface DeclaredObjective {
  /** The metric as declared (`f1_en`, `val_loss`, Optuna's `value`); see objectiveKeyCandidates. */
  metric: string;
  goal: Goal;
  /** What declared it, for tooltips: `metric_for_best_model`, `ModelCheckpoint(monitor=…)`, `Optuna study direction`. */
  via: string;
}

/** Hugging Face's own rule when greater_is_better is not given: only a `…loss` metric is minimised. */
export function hfGoal(metric: string, greaterIsBetter?: boolean): Goal {
  if (greaterIsBetter !== undefined) return greaterIsBetter ? 'max' : 'min';
  return metric.endsWith('loss') ? 'min' : 'max';
}

/**
 * The logged keys a declared metric can appear under: as written, with the `eval_` prefix the Trainer adds
 * (`f1_en` → `eval_f1_en`, `loss` → `eval_loss`), and as the W&B / TensorBoard integrations log it (`eval/f1_en`).
 */
export function objectiveKeyCandidates(metric: string): string[] {
  const bare = metric.replace(/^eval[_/]/, '');
  return [...new Set([metric, `eval_${bare}`, `eval/${bare}`])];
}

const unquote = pythonStringLiteral;

/** The string a keyword argument's source text stands for: a literal, or a module-level `NAME = "…"`. */
function stringValue(source: string | undefined, facts: PyFacts): string | undefined {
  if (source === undefined) return undefined;
  const literal = unquote(source);
  if (literal !== undefined) return literal;
  if (!/^[A-Za-z_]\w*$/.test(source.trim())) return undefined;
  const assigned = [...facts.assignments].reverse().find((a) => a.name === source.trim());
  return assigned ? unquote(assigned.value) : undefined;
}

function boolValue(source: string | undefined, facts: PyFacts): boolean | undefined {
  const text = source?.trim();
  if (text === 'True') return true;
  if (text === 'False') return false;
  if (text && /^[A-Za-z_]\w*$/.test(text)) {
    const assigned = [...facts.assignments].reverse().find((a) => a.name === text);
    if (assigned?.value.trim() === 'True') return true;
    if (assigned?.value.trim() === 'False') return false;
  }
  return undefined;
}

const last = (callee: string) => callee.split('.').pop() ?? callee;

/** Declarations in a Python script, in source order. */
export function declaredObjectivesInScript(text: string): DeclaredObjective[] {
  const facts = pythonFacts(text);
  const found: DeclaredObjective[] = [];
  // Optuna's metric names (`study.set_metric_names(["f1"])`) rename the objective the index calls `value`.
  const metricNames = facts.calls.find((c) => last(c.callee) === 'set_metric_names');
  const firstName = metricNames?.args[0] && /^\[\s*("[^"]*"|'[^']*')/.exec(metricNames.args[0]);
  const optunaMetric = (firstName && unquote(firstName[1])) || 'value';
  for (const call of facts.calls) {
    const name = last(call.callee);
    const hf = stringValue(call.kwargs['metric_for_best_model'], facts);
    if (hf && hf !== 'None') {
      found.push({ metric: hf, goal: hfGoal(hf, boolValue(call.kwargs['greater_is_better'], facts)), via: 'metric_for_best_model' });
      continue;
    }
    if (name === 'ModelCheckpoint' || name === 'EarlyStopping') {
      // EarlyStopping takes the monitor as its first positional argument; ModelCheckpoint's first is dirpath.
      const monitor = stringValue(call.kwargs['monitor'] ?? (name === 'EarlyStopping' ? call.args[0] : undefined), facts);
      if (!monitor) continue;
      const mode = stringValue(call.kwargs['mode'], facts);
      found.push({ metric: monitor, goal: mode === 'max' ? 'max' : 'min', via: `${name}(monitor=…)` });
      continue;
    }
    if (name === 'create_study') {
      // direction="maximize", direction=StudyDirection.MAXIMIZE, directions=["maximize", …] (the first objective)
      const source = call.kwargs['direction'] ?? call.kwargs['directions'] ?? '';
      const first = /^\[/.test(source.trim()) ? source.trim().slice(1).split(',')[0].replace(/\]\s*$/, '') : source;
      const maximize = stringValue(first, facts) === 'maximize' || /\.MAXIMIZE$/.test(first.trim());
      found.push({ metric: optunaMetric, goal: maximize ? 'max' : 'min', via: 'Optuna study direction' });
    }
  }
  // Settings kept in a dict and passed on (`TrainingArguments(**config)`): `"metric_for_best_model": "f1"`.
  if (!found.some((d) => d.via === 'metric_for_best_model')) {
    for (const s of facts.strings) {
      if (s.value !== 'metric_for_best_model') continue;
      const after = text.slice(lineOffset(text, s.endLine) + s.endColumn);
      const m = /^\s*:\s*("[^"\n]*"|'[^'\n]*')/.exec(after);
      const metric = m && unquote(m[1]);
      if (!metric) continue;
      const greater = /["']greater_is_better["']\s*:\s*(True|False)\b/.exec(text);
      found.push({ metric, goal: hfGoal(metric, greater ? greater[1] === 'True' : undefined), via: 'metric_for_best_model' });
      break;
    }
  }
  return found;
}

function lineOffset(text: string, line: number): number {
  let offset = 0;
  for (let i = 0; i < line; i++) {
    const next = text.indexOf('\n', offset);
    if (next === -1) return text.length;
    offset = next + 1;
  }
  return offset;
}

const paramEndingWith = paramEntry;

function boolParam(v: string | undefined): boolean | undefined {
  if (v === undefined) return undefined;
  if (/^(true|1)$/i.test(v.trim())) return true;
  if (/^(false|0)$/i.test(v.trim())) return false;
  return undefined;
}

type RunFacts = Pick<RunInfo, 'format' | 'params'> & { extra?: Record<string, unknown>; series?: readonly Pick<SeriesSummary, 'key' | 'context' | 'min' | 'max'>[] };

const close = (a: number, b: number) => Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(a), Math.abs(b));

/**
 * A Trainer output folder keeps `best_metric` (trainer_state.json) but not its name, which lives in the pickled
 * training_args.bin. The eval metric whose lowest or highest value is exactly that number is the one: e.g. a
 * Whisper run's best_metric 0.7431… is its lowest eval_wer, so it was ranked by WER, lower is better.
 */
function fromBestMetric(run: RunFacts): DeclaredObjective | undefined {
  const best = run.extra?.best_metric;
  if (typeof best !== 'number' || !Number.isFinite(best) || !run.series) return undefined;
  const hits: DeclaredObjective[] = [];
  for (const s of run.series) {
    if (Object.keys(s.context).length || !/^eval[_/]/.test(s.key) || /runtime|per_second/.test(s.key)) continue;
    const atMin = close(s.min, best);
    const atMax = close(s.max, best);
    if (!atMin && !atMax) continue;
    // One evaluation only (min = max): the Trainer's own default direction for that name.
    const goal = atMin && atMax ? hfGoal(s.key) : atMin ? 'min' : 'max';
    hits.push({ metric: s.key, goal, via: 'best_metric in trainer_state.json' });
  }
  // Two metrics with that same value (accuracy = F1 on a balanced set): say nothing rather than guess.
  return hits.length === 1 ? hits[0] : undefined;
}

/**
 * What a run recorded about its own objective: the Trainer arguments a tracker logged as params, an Optuna
 * trial's study direction, a Lightning `monitor`/`mode` pair in its saved hyperparameters or CLI config, or the
 * eval metric a Trainer folder's best_metric belongs to.
 */
export function declaredObjectiveOfRun(run: RunFacts): DeclaredObjective | undefined {
  if (run.format === 'optuna' && run.extra) {
    const objectives = run.extra.objectives;
    const directions = run.extra.directions;
    if (Array.isArray(objectives) && typeof objectives[0] === 'string' && Array.isArray(directions))
      return { metric: objectives[0], goal: directions[0] === 'maximize' ? 'max' : 'min', via: 'Optuna study direction' };
  }
  const hf = paramEndingWith(run.params, 'metric_for_best_model');
  if (hf && hf[1] && hf[1] !== 'None') {
    const prefix = hf[0].slice(0, hf[0].length - 'metric_for_best_model'.length);
    const greater = run.params[`${prefix}greater_is_better`] ?? paramEndingWith(run.params, 'greater_is_better')?.[1];
    return { metric: hf[1], goal: hfGoal(hf[1], boolParam(greater)), via: 'metric_for_best_model' };
  }
  for (const [k, v] of Object.entries(run.params)) {
    if (k.split(/[./]/).pop() !== 'monitor' || !v || v === 'None') continue;
    const mode = run.params[`${k.slice(0, -'monitor'.length)}mode`];
    if (mode === 'max' || mode === 'min') return { metric: v, goal: mode, via: 'ModelCheckpoint(monitor=…)' };
  }
  return fromBestMetric(run);
}
