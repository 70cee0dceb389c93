// The JSON of `runlens select --json` (issue 14's shape, plus the last-step and seed-median variants), also
// what the Compare panel's Selection tab receives: one shape for both.
import type { IndexedRun } from '../index/types';
import type { RunPick, SelectionReport } from './select-runs';

export interface PickJson {
  runId: string;
  runName: string;
  runKey: string;
  step: number;
  value: number;
  rank: number;
  selectionValue: number;
  regret: number;
}

export interface TargetJson {
  metric: string;
  goal: 'min' | 'max';
  candidates: number;
  selected: PickJson;
  oracle: PickJson;
  regret: number;
  kendallTau: number | null;
  last: PickJson;
  seedMedian: { config: Record<string, string>; runs: string[]; value: number; regret: number };
}

export interface SelectionJson {
  by: string;
  unit: 'step' | 'run';
  selectionGoal: 'min' | 'max';
  configParams: string[];
  targets: TargetJson[];
  missing: string[];
  meanRegret: number | null;
  meanRegretLast: number | null;
  meanRegretSeedMedian: number | null;
}

const num = (x: number) => (Number.isFinite(x) ? x : null);
const runName = (r: IndexedRun) => r.name || r.id;

function pickJson(p: RunPick): PickJson {
  return { runId: p.run.id, runName: runName(p.run), runKey: p.run.key, step: p.step, value: p.value, rank: p.rank, selectionValue: p.selection, regret: p.regret };
}

export function selectionJson(r: SelectionReport): SelectionJson {
  return {
    by: r.by,
    unit: r.unit,
    selectionGoal: r.selectionGoal,
    configParams: r.configParams,
    targets: r.targets.map((t) => ({
      metric: t.metric,
      goal: t.goal,
      candidates: t.pool,
      selected: pickJson(t.selected),
      oracle: pickJson(t.oracle),
      regret: t.regret,
      kendallTau: num(t.kendallTau),
      last: pickJson(t.last),
      seedMedian: { config: t.seedMedian.config, runs: t.seedMedian.runs.map(runName), value: t.seedMedian.value, regret: t.seedMedian.regret },
    })),
    missing: r.missing,
    meanRegret: num(r.meanRegret),
    meanRegretLast: num(r.meanRegretLast),
    meanRegretSeedMedian: num(r.meanRegretSeedMedian),
  };
}
