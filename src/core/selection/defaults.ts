// What the Compare panel proposes before the user picks: the selection metric is the runs' objective (the
// English dev F1 of the demo) and the targets are its siblings — the same key in other contexts (`f1[lang=de]`
// for `f1[lang=en]`) or the same prefix with other suffixes (`f1_de` for `f1_en`).
import type { IndexedRun } from '../index/types';
import { contextKey, type SeriesContext } from '../model';
import { objectiveKeyCandidates } from '../runs/declared-objective';
import { chooseObjective } from '../runs/objective';

/** A column id for a series: `key` or `key[a=1,b=2]`. */
export function seriesColumnId(key: string, context: SeriesContext): string {
  const parts = Object.keys(context).sort().map((k) => `${k}=${String(context[k])}`);
  return parts.length ? `${key}[${parts.join(',')}]` : key;
}

/** Every metric series of the runs as a column id, in first-seen order. */
export function metricColumnIds(runs: readonly IndexedRun[]): string[] {
  const seen = new Map<string, string>();
  for (const r of runs) for (const s of r.series) seen.set(`${s.key} ${contextKey(s.context)}`, seriesColumnId(s.key, s.context));
  return [...seen.values()];
}

export interface SelectionDefaults {
  by: string;
  targets: string[];
}

export function selectionDefaults(runs: readonly IndexedRun[]): SelectionDefaults | undefined {
  const objective = chooseObjective(runs);
  if (!objective) return undefined;
  // `eval_f1_en` declared by a few Trainer runs is `f1_en` in the MLflow sweep: take the spelling most runs log
  const bare = objective.key.replace(/^eval[_/]/, '');
  const spellings = objectiveKeyCandidates(bare);
  const count = (k: string) => runs.filter((r) => r.series.some((s) => s.key === k)).length;
  const key = spellings.reduce((a, b) => (count(b) > count(a) ? b : a), spellings.includes(objective.key) ? objective.key : spellings[0]);
  return siblings(runs, key);
}

function siblings(runs: readonly IndexedRun[], key: string): SelectionDefaults {
  const objective = { key };
  const ids = metricColumnIds(runs);
  const withContext = runs.flatMap((r) => r.series).find((s) => s.key === objective.key && Object.keys(s.context).length);
  if (withContext) {
    const by = seriesColumnId(withContext.key, withContext.context);
    return { by, targets: ids.filter((id) => id !== by && id.startsWith(`${objective.key}[`)) };
  }
  const m = /^(.*[_.-])[^_.-]+$/.exec(objective.key);
  const targets = m ? ids.filter((id) => id !== objective.key && id.startsWith(m[1]) && !id.includes('[') && /^[^_.-]+$/.test(id.slice(m[1].length))) : [];
  return { by: objective.key, targets };
}
