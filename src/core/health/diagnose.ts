// The whole health report of a set of runs: curve rules per run (series read at full resolution through
// ReadSeriesOf), the high-variance rule against each configuration's seed-to-seed sd, sweep rules per
// experiment, checkpoints with markers and the reclaimable disk. Shared by `runlens diagnose` and the extension.
import { createHash } from 'node:crypto';
import type { IndexedRun } from '../index/types';
import type { ReadError, ReadSeriesOf } from '../model';
import { seriesId } from '../model';
import { groupParams, groupRuns } from '../runs/groups';
import type { Goal } from '../runs/declared-objective';
import { chooseObjective, metricGoal, type Objective } from '../runs/objective';
import { sd } from '../stats/describe';
import { markCheckpoints, reclaimableBytes, runCheckpoints } from './checkpoints';
import { healthSeriesOf, runHealth, type RunHealth } from './run-health';
import { runsDigest } from '../series/runs-digest';
import { seriesRole } from './series-roles';
import { sweepHealth } from './sweep-health';
import { DEFAULT_THRESHOLDS, type HealthThresholds } from './thresholds';
import { CURVE_RULES, SWEEP_RULES, type CheckpointEntry, type CurveRule, type Finding, type HealthReport, type SweepRule } from './types';

export interface DiagnoseOptions {
  thresholds?: Partial<HealthThresholds>;
  /** Only these rules (curve and sweep ids); all when omitted. */
  rules?: readonly string[];
  /** Metrics for `best:<column>` checkpoint markers; the experiment's objective when omitted. */
  bestColumns?: readonly string[];
  /** The objective (a key, optionally `max:`/`min:` prefixed, as the objective setting); chosen per experiment when omitted. */
  objective?: string;
  /** `runlens.metricGoals` / `--goal`: the direction of a metric, beating the run's declaration and the name rule. */
  goals?: Record<string, Goal>;
  signal?: AbortSignal;
  /** Called after each run (the extension yields to the host here and reports progress); `reused` when from the cache. */
  onRun?: (done: number, total: number, reused: boolean) => void | Promise<void>;
  /**
   * Per-run results of earlier passes (the extension keeps one): a run whose series, params, status, name and
   * checkpoints are as then, checked with the same objective, rules and thresholds, is not read again — a pass
   * after one live run appended re-checks that run only. Entries of runs no longer passed are dropped.
   */
  cache?: HealthCache;
}

/** What one run's check produced, under the fingerprint of everything it depended on. */
export interface RunCheck {
  fingerprint: string;
  health: RunHealth;
  checkpoints: CheckpointEntry[];
  errors: ReadError[];
}
export type HealthCache = Map<string, RunCheck>;

const digestOf = (text: string) => createHash('sha1').update(text).digest('base64');

export interface DiagnoseResult extends HealthReport {
  errors: ReadError[];
}

export class UnknownRuleError extends Error {}

/** The rule ids a --rules list names, or an error naming the unknown ones. */
export function parseRules(rules: readonly string[] | undefined): { curve?: Set<CurveRule>; sweep?: Set<SweepRule> } {
  if (!rules?.length) return {};
  const unknown = rules.filter((r) => !(CURVE_RULES as readonly string[]).includes(r) && !(SWEEP_RULES as readonly string[]).includes(r));
  if (unknown.length) throw new UnknownRuleError(`unknown rule${unknown.length > 1 ? 's' : ''} ${unknown.join(', ')}; rules are ${[...CURVE_RULES, ...SWEEP_RULES].join(', ')}`);
  return { curve: new Set(rules.filter((r): r is CurveRule => (CURVE_RULES as readonly string[]).includes(r))), sweep: new Set(rules.filter((r): r is SweepRule => (SWEEP_RULES as readonly string[]).includes(r))) };
}

export async function diagnose(runs: readonly IndexedRun[], read: ReadSeriesOf, options: DiagnoseOptions = {}): Promise<DiagnoseResult> {
  const t: HealthThresholds = { ...DEFAULT_THRESHOLDS, ...options.thresholds };
  const rules = parseRules(options.rules);
  const errors: ReadError[] = [];
  const findings: Finding[] = [];
  const checkpoints: HealthReport['checkpoints'] = [];
  const health = new Map<string, RunHealth>();
  const byExperiment = new Map<string, IndexedRun[]>();
  for (const r of runs) {
    const id = `${r.format}|${r.root}|${r.experiment}`;
    byExperiment.set(id, [...(byExperiment.get(id) ?? []), r]);
  }
  const objectives = new Map<string, Objective | undefined>();
  for (const members of byExperiment.values()) {
    const guessed = chooseObjective(members, { preferred: options.objective });
    // an explicit max:/min: prefix in the objective setting beats the goals setting; a bare key takes it
    const prefixed = /^(max|min):/.test(options.objective?.trim() ?? '') && guessed?.source === 'setting';
    const chosen = guessed && options.goals?.[guessed.key] && !prefixed ? { ...guessed, goal: options.goals[guessed.key] } : guessed;
    // a guess that landed on a system or schedule series (Aim's __system__cpu) ranks nothing
    const objective = chosen && (chosen.source !== 'guess' || seriesRole({ key: chosen.key, context: {} }) !== 'other') ? chosen : undefined;
    for (const r of members) objectives.set(r.key, objective);
  }
  let done = 0;
  const passKey = JSON.stringify([t, options.rules ?? null, options.goals ?? null]);
  for (const run of runs) {
    if (options.signal?.aborted) break;
    const objective = objectives.get(run.key);
    const bestKeys = options.bestColumns?.length ? options.bestColumns : [objective?.key].filter((k): k is string => !!k);
    // hashed: the cache is kept on disk between sessions, and the digest of a run with many series is long
    const fingerprint = options.cache && digestOf(`${runsDigest([run])}\u0002${JSON.stringify([run.name, run.checkpoints, objective?.key, objective?.goal, bestKeys])}\u0002${passKey}`);
    const cached = fingerprint ? options.cache!.get(run.key) : undefined;
    if (cached && cached.fingerprint === fingerprint) {
      health.set(run.key, cached.health);
      findings.push(...cached.health.findings);
      checkpoints.push(...cached.checkpoints);
      errors.push(...cached.errors);
      await options.onRun?.(++done, runs.length, true);
      continue;
    }
    const runErrors: ReadError[] = [];
    const refs = healthSeriesOf(run);
    for (const k of bestKeys) if (!refs.some((r) => r.key === k && Object.keys(r.context).length === 0) && run.series.some((s) => s.key === k)) refs.push({ key: k, context: {} });
    let series: Awaited<ReturnType<ReadSeriesOf>>['series'] = [];
    if (refs.length) {
      try {
        const res = await read(run, refs, options.signal);
        runErrors.push(...res.errors);
        series = res.series;
      } catch (err) {
        runErrors.push({ path: run.path, message: `${run.name || run.id}: ${err instanceof Error ? err.message : String(err)}` });
      }
    }
    errors.push(...runErrors);
    const h = runHealth(run, series, t, rules.curve, objective, options.goals);
    health.set(run.key, h);
    findings.push(...h.findings);
    const columns = bestKeys.map((key) => ({ key, goal: options.goals?.[key] ?? metricGoal(run, key), points: series.find((s) => s.key === key && Object.keys(s.context).length === 0)?.points }));
    const marked = markCheckpoints(run.key, await runCheckpoints(run), { columns, goals: options.goals });
    checkpoints.push(...marked);
    // a cancelled read is no result to keep
    if (fingerprint && !options.signal?.aborted) options.cache!.set(run.key, { fingerprint, health: h, checkpoints: marked, errors: runErrors });
    await options.onRun?.(++done, runs.length, false);
  }
  if (options.cache && !options.signal?.aborted) {
    const passed = new Set(runs.map((r) => r.key));
    for (const key of options.cache.keys()) if (!passed.has(key)) options.cache.delete(key);
  }

  // high variance needs the configuration's seed-to-seed sd of each series' late level
  const seedSd = new Map<string, Map<string, number>>();
  for (const members of byExperiment.values()) {
    for (const g of groupRuns(members, groupParams(members))) {
      if (g.members.length < 2) continue;
      const ids = new Set(g.members.flatMap((r) => [...(health.get(r.key)?.lateLevels.keys() ?? [])]));
      for (const id of ids) {
        const levels = g.members.map((r) => health.get(r.key)?.lateLevels.get(id)).filter((v): v is number => v !== undefined);
        if (levels.length < 2) continue;
        for (const r of g.members) {
          const m = seedSd.get(r.key) ?? new Map<string, number>();
          m.set(id, sd(levels));
          seedSd.set(r.key, m);
        }
      }
    }
  }
  for (const [key, h] of health) {
    for (const v of h.variance) {
      const s = seedSd.get(key)?.get(seriesId({ key: v.finding.series, context: v.finding.context }));
      if (s === undefined || v.jitter > t.varianceSeedFactor * s) findings.push(v.finding);
    }
  }

  const sweep = [...byExperiment.values()].flatMap((members) => {
    const infeasible = new Set(members.filter((r) => health.get(r.key)?.infeasible).map((r) => r.key));
    return sweepHealth(members[0].experiment || members[0].root, members, infeasible, undefined, rules.sweep, objectives.get(members[0].key) ?? null);
  });
  return { findings, sweep, checkpoints, reclaimableBytes: reclaimableBytes(checkpoints), errors };
}
