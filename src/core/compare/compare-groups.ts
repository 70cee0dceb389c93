// Configuration groups compared on one metric column (issue 14): per group the seed values and their summary,
// per pair of groups Welch / Holm / CI / Hedges g / P(A>B) and the verdict (src/core/stats), and which other
// params differ between the compared runs (then the groups differ in more than the grouping says).
import type { IndexedRun } from '../index/types';
import type { RunRow } from '../runs/column-values';
import { groupParams, groupRuns } from '../runs/groups';
import { comparePairs, describe, tQuantile, type CompareOptions, type GroupSummary, type PairComparison } from '../stats';

export interface ComparedGroup {
  key: Record<string, string>;
  summary: GroupSummary;
  /** The member runs with a finite value, in the order of `summary.values`. */
  runs: IndexedRun[];
}

export interface GroupPair {
  a: number;
  b: number;
  comparison: PairComparison;
}

export interface GroupComparison {
  metric: string;
  by: string[];
  groups: ComparedGroup[];
  /** Every pair i < j of groups, Holm-corrected together. */
  pairs: GroupPair[];
  /** Non-replicate params outside `by` whose values differ between the compared runs. */
  alsoDiffer: string[];
  /** Groups left out because no member has a finite value. */
  empty: Array<Record<string, string>>;
}

/**
 * The grouping of a comparison: the user's params, else the table's default groups (params that vary, not
 * replicate-like) restricted to params every run has — a param only some sources log (a Trainer's eval_steps
 * next to an MLflow sweep) would split the runs by where they were logged, not by configuration.
 */
export function comparisonParams(runs: readonly Pick<IndexedRun, 'params'>[], chosen?: readonly string[]): string[] {
  if (chosen?.length) return [...chosen];
  const all = groupParams(runs);
  const shared = all.filter((p) => runs.every((r) => r.params[p] !== undefined));
  return shared.length ? shared : all;
}

export function compareGroups(rows: readonly RunRow[], metric: string, by: readonly string[], options: CompareOptions = {}): GroupComparison {
  const groups: ComparedGroup[] = [];
  const empty: Array<Record<string, string>> = [];
  for (const g of groupRuns(rows, by)) {
    const members = g.members.filter((r) => typeof r.values[metric] === 'number' && Number.isFinite(r.values[metric]));
    if (!members.length) {
      empty.push(g.key);
      continue;
    }
    groups.push({ key: g.key, summary: describe(members.map((r) => r.values[metric] as number)), runs: members.map((r) => r.run) });
  }
  const index: Array<[number, number]> = [];
  for (let i = 0; i < groups.length; i++) for (let j = i + 1; j < groups.length; j++) index.push([i, j]);
  const compared = comparePairs(index.map(([i, j]) => ({ a: groups[i].summary.values, b: groups[j].summary.values })), options);
  const runs = groups.flatMap((g) => g.runs);
  const alsoDiffer = groupParams(runs).filter((p) => !by.includes(p));
  return { metric, by: [...by], groups, pairs: index.map(([a, b], k) => ({ a, b, comparison: compared[k] })), alsoDiffer, empty };
}

export interface CompareJson {
  metric: string;
  by: string[];
  groups: Array<{ key: Record<string, string>; n: number; mean: number | null; sd: number | null; median: number | null; min: number | null; max: number | null; iqm: number | null; meanCi95: [number, number] | null; values: number[]; runs: string[]; runKeys: string[] }>;
  pairs: Array<{
    a: Record<string, string>;
    b: Record<string, string>;
    diff: number | null;
    welch: { t: number; df: number; p: number } | null;
    ci95: [number, number] | null;
    hedgesG: number | null;
    probImprovement: number | null;
    pHolm: number | null;
    verdict: string;
    verdictText: string;
    bootstrapCi95?: [number, number];
    bootstrapReliable?: boolean;
    asoEpsMin?: { ab: number; ba: number };
  }>;
  alsoDiffer: string[];
  empty: Array<Record<string, string>>;
}

const num = (x: number | undefined) => (x !== undefined && Number.isFinite(x) ? x : null);

/** The t-based 95 % CI of a group's mean (mean ± t_{n−1, 0.975}·sd/√n); null below n = 2. */
export function meanCi95(s: GroupSummary): [number, number] | null {
  if (s.n < 2 || !Number.isFinite(s.sd)) return null;
  const half = tQuantile(0.975, s.n - 1) * (s.sd / Math.sqrt(s.n));
  return [s.mean - half, s.mean + half];
}

/** The JSON of `runlens compare --json` (the shape plus IQM, run names, bootstrap and ASO). */
export function compareJson(c: GroupComparison): CompareJson {
  return {
    metric: c.metric,
    by: c.by,
    groups: c.groups.map((g) => ({
      key: g.key,
      n: g.summary.n,
      mean: num(g.summary.mean),
      sd: num(g.summary.sd),
      median: num(g.summary.median),
      min: num(g.summary.min),
      max: num(g.summary.max),
      iqm: num(g.summary.iqm),
      meanCi95: meanCi95(g.summary),
      values: g.summary.values,
      runs: g.runs.map((r) => r.name || r.id),
      runKeys: g.runs.map((r) => r.key),
    })),
    pairs: c.pairs.map(({ a, b, comparison: p }) => ({
      a: c.groups[a].key,
      b: c.groups[b].key,
      diff: num(p.diff),
      welch: p.welch ? { t: p.welch.t, df: p.welch.df, p: p.welch.pTwoSided } : null,
      ci95: p.welch ? p.welch.ci95 : null,
      hedgesG: num(p.hedgesG),
      probImprovement: num(p.probAGreater),
      pHolm: num(p.pAdjusted),
      verdict: p.verdict.code,
      verdictText: p.verdict.text,
      ...(p.bootstrap ? { bootstrapCi95: p.bootstrap.ci95, bootstrapReliable: p.bootstrap.reliable } : {}),
      ...(p.asoAB && p.asoBA ? { asoEpsMin: { ab: p.asoAB.epsMin, ba: p.asoBA.epsMin } } : {}),
    })),
    alsoDiffer: c.alsoDiffer,
    empty: c.empty,
  };
}
