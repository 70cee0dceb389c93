// The curve rules applied to one run's series: which rules fit which series (series-roles), the direction of each
// metric (metricGoal), the training loss that overfitting compares against, the early-stopping replay on the
// run's objective. Pure: the caller reads the points.
import type { IndexedRun } from '../index/types';
import type { SeriesPoints, SeriesRef } from '../model';
import { seriesId } from '../model';
import type { Goal } from '../runs/declared-objective';
import { chooseObjective, metricGoal, type Objective } from '../runs/objective';
import { median } from '../stats/describe';
import { finiteCurve, jitterSd } from './curve-math';
import { earlyStop, earlyStopConfig } from './early-stop';
import { divergence, lossSpikes, nonFinite, trainLossIncreasing } from './loss-rules';
import { checksFinite, seriesRole } from './series-roles';
import { highVariance, overfitting, plateau, stillImproving } from './shape-rules';
import type { HealthThresholds } from './thresholds';
import type { CurveRule, Finding, RuleHit } from './types';

export interface SeriesData extends SeriesRef {
  points: SeriesPoints;
}

/** A high-variance hit that waits for the seed-to-seed sd of its configuration (see sweep noise). */
export interface VarianceCandidate {
  finding: Finding;
  /** The late jitter the rule measured. */
  jitter: number;
}

export interface RunHealth {
  findings: Finding[];
  variance: VarianceCandidate[];
  /** Per series id: the median of its last values (for the seed-to-seed sd of a configuration). */
  lateLevels: Map<string, number>;
  /** The run diverged or went non-finite (sweep: the infeasible region). */
  infeasible: boolean;
}

/** The series of a run that any curve rule reads. */
export function healthSeriesOf(run: Pick<IndexedRun, 'series'>): SeriesRef[] {
  return run.series.filter((s) => checksFinite(seriesRole(s))).map((s) => ({ key: s.key, context: s.context }));
}

function trainLossOf(series: readonly SeriesData[]): SeriesData | undefined {
  const train = series.filter((s) => seriesRole(s) === 'train-loss');
  const rank = (s: SeriesData) => (Object.keys(s.context).length ? 2 : 0) + (/step|epoch/.test(s.key) ? 1 : 0);
  return train.sort((a, b) => rank(a) - rank(b))[0];
}

/** `objective`: the experiment's objective (early stopping replays it); the run's own when omitted. */
export function runHealth(
  run: IndexedRun,
  series: readonly SeriesData[],
  t: HealthThresholds,
  rules?: ReadonlySet<CurveRule>,
  objective: Objective | undefined = chooseObjective([run]),
  /** `runlens.metricGoals`: per-metric directions that beat the declaration and the name rule. */
  goals?: Record<string, Goal>,
): RunHealth {
  const goalOfSeries = (key: string): Goal => goals?.[key] ?? metricGoal(run, key);
  const on = (r: CurveRule) => !rules || rules.has(r);
  const findings: Finding[] = [];
  const variance: VarianceCandidate[] = [];
  const lateLevels = new Map<string, number>();
  const train = trainLossOf(series);
  const finding = (s: SeriesData, hit: RuleHit): Finding => ({ ...hit, runId: run.key, runName: run.name || run.id, series: s.key, context: s.context });
  // a run that blew up: the shape of its validation curves says nothing more (it did not "still improve")
  const lossBroken = (s: SeriesData) => {
    const role = seriesRole(s);
    return (role === 'train-loss' || role === 'loss') && goalOfSeries(s.key) === 'min' && (!!nonFinite(s.points) || !!divergence(s.points, t));
  };
  const infeasible = series.some(lossBroken);
  for (const s of series) {
    const role = seriesRole(s);
    if (!checksFinite(role)) continue;
    const goal = goalOfSeries(s.key);
    const hits: Array<RuleHit | undefined> = [];
    const nf = nonFinite(s.points);
    if (on('non-finite')) hits.push(nf);
    const lossLike = goal === 'min' && (role !== 'eval' || /loss/i.test(s.key));
    let div: RuleHit | undefined;
    if (lossLike) {
      div = divergence(s.points, t);
      if (on('divergence')) hits.push(div);
    }
    if (role === 'train-loss' || role === 'loss') {
      if (on('loss-spike') && !div) hits.push(lossSpikes(s.points, t));
      if (on('train-loss-increasing') && !div && !nf) hits.push(trainLossIncreasing(s.points, t));
    }
    if (role === 'eval' && !div && !infeasible) {
      const over = overfitting(s.points, goal, t, train?.points);
      if (on('overfitting')) hits.push(over);
      // overfitting already says it stopped improving
      if (on('plateau') && !over) hits.push(plateau(s.points, goal, t));
      if (on('still-improving')) hits.push(stillImproving(s.points, goal, t));
      if (on('early-stop') && objective && objective.key === s.key && Object.keys(s.context).length === 0) hits.push(earlyStop(s.points, earlyStopConfig(run.params, objective.goal)));
      const c = finiteCurve(s.points);
      const tail = c.values.slice(Math.floor(c.values.length * (1 - t.varianceTail)));
      if (tail.length) lateLevels.set(seriesId(s), median(tail));
      const hv = on('high-variance') ? highVariance(s.points, goal, t) : undefined;
      if (hv) variance.push({ finding: finding(s, hv), jitter: jitterSd(tail.length >= 3 ? tail : c.values) });
    }
    for (const h of hits) if (h) findings.push(finding(s, h));
  }
  return { findings, variance, lateLevels, infeasible };
}
