// The Compare panel's and the CLI's tables (groups, pairs, selection) as plain value tables, so the terminal
// text, the panel and its CSV / Markdown / LaTeX export (src/core/runs/export.ts) show the same cells.
import type { ValueTable } from '../runs/export';
import type { SelectionJson } from '../selection/selection-json';
import type { CompareJson } from './compare-groups';

export const groupLabel = (key: Record<string, string>) => Object.entries(key).map(([k, v]) => `${k}=${v}`).join(', ') || '(all runs)';

/** A group's cell when the header names the params: just the values (`0.00003, 32`). */
const groupValues = (key: Record<string, string>, by: readonly string[]) => (by.length ? by.map((p) => key[p] ?? '—').join(', ') : '(all runs)');
const byHeader = (by: readonly string[]) => (by.length ? by.join(', ') : 'group');

export function groupsTable(c: CompareJson): ValueTable {
  return {
    header: [byHeader(c.by), 'n', 'mean', 'sd', 'median', 'min', 'max', 'iqm'],
    rows: c.groups.map((g) => [groupValues(g.key, c.by), g.n, g.mean, g.sd, g.median, g.min, g.max, g.iqm]),
  };
}

export function pairsTable(c: CompareJson): ValueTable {
  return {
    header: [`A (${byHeader(c.by)})`, `B (${byHeader(c.by)})`, 'diff (A − B)', 'Welch t', 'df', 'Welch p', 'Holm p', 'CI low', 'CI high', 'Hedges g', 'P(A>B)', 'verdict'],
    rows: c.pairs.map((p) => [
      groupValues(p.a, c.by),
      groupValues(p.b, c.by),
      p.diff,
      p.welch?.t ?? null,
      p.welch?.df ?? null,
      p.welch?.p ?? null,
      p.pHolm,
      p.ci95?.[0] ?? null,
      p.ci95?.[1] ?? null,
      p.hedgesG,
      p.probImprovement,
      p.verdictText,
    ]),
  };
}

export function selectionTable(s: SelectionJson): ValueTable {
  const rows: ValueTable['rows'] = s.targets.map((t) => [
    t.metric,
    t.selected.runName,
    t.selected.step,
    t.selected.value,
    t.selected.rank,
    t.candidates,
    t.oracle.runName,
    t.oracle.step,
    t.oracle.value,
    t.regret,
    t.last.value,
    t.last.regret,
    t.seedMedian.value,
    t.seedMedian.regret,
    t.kendallTau,
  ]);
  rows.push(['mean over targets', null, null, null, null, null, null, null, null, s.meanRegret, null, s.meanRegretLast, null, s.meanRegretSeedMedian, null]);
  return {
    header: ['target', 'selected run', 'step', 'value', 'rank', 'of', 'oracle run', 'oracle step', 'oracle value', 'regret', 'last-step value', 'last-step regret', 'seed median', 'seed-median regret', 'Kendall τ'],
    rows,
  };
}
