// Which columns a Runs table starts with and which it can offer: shared by `runlens table` (no --columns) and
// the Runs Table panel (its first view and its column picker), so both name and choose columns the same way.
import type { IndexedRun } from '../index/types';
import { contextKey, type SeriesContext } from '../model';
import { parseColumn, RUN_FIELDS, type Column } from './columns';
import { replicateParams } from './groups';
import { chooseObjective } from './objective';

type CatalogRun = Pick<IndexedRun, 'params' | 'tags' | 'series'> & Partial<Pick<IndexedRun, 'format' | 'summary' | 'extra'>>;

/** The params that vary between runs (replicate-like ones but the seed left out), then the objective's best. */
export function defaultColumns(runs: readonly CatalogRun[]): Column[] {
  const names = new Set<string>();
  for (const r of runs) for (const k of Object.keys(r.params)) names.add(k);
  const replicate = replicateParams(runs);
  const varying = [...names].filter((k) => new Set(runs.map((r) => r.params[k])).size > 1 && (!replicate.has(k) || /seed/i.test(k))).sort();
  const objective = chooseObjective(runs as Parameters<typeof chooseObjective>[0]);
  return [...varying.map((k) => parseColumn(`params.${k}`)), ...(objective ? [parseColumn(`${objective.key}:best`)] : [])];
}

/** A metric column id for a key and context, as parseColumn reads it back (`f1[lang=de]:best`). */
export function metricColumnId(key: string, context: SeriesContext, summary = 'last'): string {
  const keys = Object.keys(context).sort();
  const ctx = keys.length ? `[${keys.map((k) => `${k}=${String(context[k])}`).join(',')}]` : '';
  return `${key}${ctx}${summary === 'last' ? '' : `:${summary}`}`;
}

export interface ColumnCatalog {
  /** Every column the runs have: run fields, params, tags, each metric (key + context) with `last`. */
  columns: Column[];
  params: string[];
  /** Context keys the metrics are logged under (`lang`, `subset`). */
  contextKeys: string[];
}

/** Everything the index knows that a table column can show. */
export function columnCatalog(runs: readonly CatalogRun[]): ColumnCatalog {
  const params = new Set<string>();
  const tags = new Set<string>();
  const metrics = new Map<string, { key: string; context: SeriesContext }>();
  const contextKeys = new Set<string>();
  for (const r of runs) {
    for (const k of Object.keys(r.params)) params.add(k);
    for (const k of Object.keys(r.tags)) tags.add(k);
    for (const s of r.series) {
      const id = `${s.key} ${contextKey(s.context)}`;
      if (!metrics.has(id)) metrics.set(id, { key: s.key, context: s.context });
      for (const k of Object.keys(s.context)) contextKeys.add(k);
    }
    for (const k of Object.keys(r.summary ?? {})) if (!metrics.has(`${k} {}`)) metrics.set(`${k} {}`, { key: k, context: {} });
  }
  const sorted = (s: Set<string>) => [...s].sort((a, b) => a.localeCompare(b));
  const metricCols = [...metrics.values()]
    .map((m) => parseColumn(metricColumnId(m.key, m.context)))
    .sort((a, b) => a.id.localeCompare(b.id));
  return {
    columns: [
      ...['name', 'experiment', 'status', 'format'].filter((f) => (RUN_FIELDS as readonly string[]).includes(f)).map((f) => parseColumn(`run.${f}`)),
      ...sorted(params).map((k) => parseColumn(`params.${k}`)),
      ...sorted(tags).map((k) => parseColumn(`tags.${k}`)),
      ...metricCols,
    ],
    params: sorted(params),
    contextKeys: sorted(contextKeys),
  };
}
