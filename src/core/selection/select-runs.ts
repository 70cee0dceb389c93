// Model selection over indexed runs: reads the selection and target series at full resolution through
// ReadSeriesOf, builds the candidates ((run, step) pairs where both are logged with finite values), and runs
// pickModels per target with the runs' configuration groups (src/core/runs/groups.ts). Shared by
// `runlens select` and the Compare panel's Selection tab.
import type { IndexedRun } from '../index/types';
import { contextKey, type ReadError, type ReadSeriesOf, type SeriesPoints } from '../model';
import { seriesRefsFor } from '../runs/column-values';
import { contextMatches, type MetricColumn } from '../runs/columns';
import type { Goal } from '../runs/declared-objective';
import { comparisonParams } from '../compare/compare-groups';
import { groupRuns } from '../runs/groups';
import { metricGoal } from '../runs/objective';
import { mean } from '../stats/describe';
import { pickModels, type Candidate, type Pick, type TargetPicks, type Unit } from './pick';

export interface SelectOptions {
  unit?: Unit;
  /** Per-metric direction of `best` (a setting), beating the run's declaration and the name. */
  goals?: Record<string, Goal>;
  /** Params that define a configuration (default: groupParams — the varying, non-replicate ones). */
  configParams?: string[];
  signal?: AbortSignal;
}

export interface RunPick extends Omit<Pick, 'run'> {
  run: IndexedRun;
}

export interface TargetSelection {
  /** The target column as written. */
  metric: string;
  goal: Goal;
  pool: number;
  selected: RunPick;
  oracle: RunPick;
  regret: number;
  last: RunPick;
  seedMedian: { config: Record<string, string>; runs: IndexedRun[]; value: number; regret: number };
  kendallTau: number;
}

export interface SelectionReport {
  by: string;
  selectionGoal: Goal;
  unit: Unit;
  configParams: string[];
  targets: TargetSelection[];
  /** Targets with no candidate (never logged at a step where the selection metric was). */
  missing: string[];
  /** Means over the targets that have candidates. */
  meanRegret: number;
  meanRegretLast: number;
  meanRegretSeedMedian: number;
  errors: ReadError[];
}

/** Points keyed by (key, context) of a run's series that a column names. */
function pointsFor(run: IndexedRun, points: Map<string, SeriesPoints>, c: MetricColumn): SeriesPoints | undefined {
  const s = run.series.find((x) => x.key === c.key && contextMatches(c.context, x.context));
  return s && points.get(`${s.key} ${contextKey(s.context)}`);
}

/** The value at each step (a repeated step: the last logged, as valueAtStep does). */
function byStep(p: SeriesPoints): Map<number, number> {
  const m = new Map<number, number>();
  for (let i = 0; i < p.steps.length; i++) m.set(p.steps[i], p.values[i]);
  return m;
}

/** Candidates of one run: steps where both series have a finite value. */
export function runCandidates(run: number, selection: SeriesPoints | undefined, target: SeriesPoints | undefined): Candidate[] {
  if (!selection || !target) return [];
  const t = byStep(target);
  const out: Candidate[] = [];
  for (const [step, value] of byStep(selection)) {
    const tv = t.get(step);
    if (tv !== undefined && Number.isFinite(value) && Number.isFinite(tv)) out.push({ run, step, selection: value, target: tv });
  }
  return out.sort((a, b) => a.step - b.step);
}

export async function selectModels(
  runs: readonly IndexedRun[],
  by: MetricColumn,
  targets: readonly MetricColumn[],
  read: ReadSeriesOf,
  options: SelectOptions = {},
): Promise<SelectionReport> {
  const unit = options.unit ?? 'step';
  const errors: ReadError[] = [];
  const loaded: Array<Map<string, SeriesPoints>> = [];
  for (const run of runs) {
    const points = new Map<string, SeriesPoints>();
    const refs = seriesRefsFor(run, [by, ...targets]);
    if (refs.length) {
      try {
        const res = await read(run, refs, options.signal);
        errors.push(...res.errors);
        for (const s of res.series) points.set(`${s.key} ${contextKey(s.context)}`, s.points);
      } catch (err) {
        errors.push({ path: run.path, message: `${run.name || run.id}: ${err instanceof Error ? err.message : String(err)}` });
      }
    }
    loaded.push(points);
  }

  // configurations as Compare groups them, over the runs that logged the selection metric
  const logged = runs.filter((r) => r.series.some((s) => s.key === by.key && contextMatches(by.context, s.context)));
  const configParams = comparisonParams(logged, options.configParams);
  const configOfRun = new Map<IndexedRun, number>();
  groupRuns(runs, configParams).forEach((g, i) => g.members.forEach((r) => configOfRun.set(r, i)));
  const configOf = (i: number) => configOfRun.get(runs[i]) ?? -1;
  const goalOf = (key: string) => options.goals?.[key] ?? (runs.length ? metricGoal(runs[0], key) : 'max');
  const selectionGoal = goalOf(by.key);

  const out: TargetSelection[] = [];
  const missing: string[] = [];
  for (const target of targets) {
    const candidates = runs.flatMap((run, i) => runCandidates(i, pointsFor(run, loaded[i], by), pointsFor(run, loaded[i], target)));
    const goal = goalOf(target.key);
    const picks: TargetPicks | undefined = pickModels(candidates, { selection: selectionGoal, target: goal }, unit, configOf);
    if (!picks) {
      missing.push(target.id);
      continue;
    }
    const withRun = (p: Pick): RunPick => ({ ...p, run: runs[p.run] });
    const chosenRun = runs[picks.selected.run];
    const config: Record<string, string> = {};
    for (const k of configParams) if (chosenRun.params[k] !== undefined) config[k] = chosenRun.params[k];
    out.push({
      metric: target.id,
      goal,
      pool: picks.pool,
      selected: withRun(picks.selected),
      oracle: withRun(picks.oracle),
      regret: picks.selected.regret,
      last: withRun(picks.last),
      seedMedian: { config, runs: picks.seedMedian.runs.map((i) => runs[i]), value: picks.seedMedian.value, regret: picks.seedMedian.regret },
      kendallTau: picks.kendallTau,
    });
  }
  return {
    by: by.id,
    selectionGoal,
    unit,
    configParams,
    targets: out,
    missing,
    meanRegret: mean(out.map((t) => t.regret)),
    meanRegretLast: mean(out.map((t) => t.last.regret)),
    meanRegretSeedMedian: mean(out.map((t) => t.seedMedian.regret)),
    errors,
  };
}
