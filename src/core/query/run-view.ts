// What the run filter sees of an indexed run, built once per run object. The Curves panel filters
// every indexed run on each (debounced) edit of its query; building these records (the last value
// of every context-free series) cost more than the filter itself, so they are kept with the run:
// the index hands out the same run objects until it changes, and then new objects get new records.
import type { IndexedRun } from '../index/types';
import { contextKey } from '../model';
import type { QueryRun } from './evaluate';

export type IndexedQueryRun = QueryRun & { key: string };

const views = new WeakMap<IndexedRun, IndexedQueryRun>();

/** The query record of an indexed run: metrics = last value of each context-free series; series = the index's summaries. */
export function queryRunOf(run: IndexedRun): IndexedQueryRun {
  let view = views.get(run);
  if (view) return view;
  const metrics: Record<string, number> = {};
  for (const s of run.series) if (contextKey(s.context) === '{}') metrics[s.key] = s.last;
  view = {
    key: run.key,
    name: run.name || run.id,
    id: run.id,
    status: run.status,
    experiment: run.experiment,
    format: run.format,
    params: run.params,
    tags: run.tags,
    summary: run.summary,
    metrics,
    series: run.series,
    extra: run.extra,
  };
  views.set(run, view);
  return view;
}
