// What the run query language (src/core/query) sees of an indexed run. One definition for every
// place that filters indexed runs: the Curves panel's run query and the Runs view's filter.
import { contextKey } from '../model';
import type { QueryRun } from '../query';
import type { IndexedRun } from './types';

/** metrics = last value of each context-free series. */
export function queryRunOf(run: IndexedRun): QueryRun & { key: string } {
  const metrics: Record<string, number> = {};
  for (const s of run.series) if (contextKey(s.context) === '{}') metrics[s.key] = s.last;
  return { key: run.key, name: run.name || run.id, id: run.id, status: run.status, experiment: run.experiment, format: run.format, params: run.params, tags: run.tags, summary: run.summary, metrics };
}
