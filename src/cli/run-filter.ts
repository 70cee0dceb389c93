// `--where Q` for CLI commands: the runs a query keeps (the Runs view's query language, core/query).
// Shared by `table` and `diagnose`.
import { filterRuns, queryRunOf } from '../core/query';
import type { IndexedRun } from '../core/index/types';

/** The runs `where` keeps, or the query's error with its position; all runs when there is no query. */
export function whereFilter(runs: IndexedRun[], where: string | true | undefined): { runs: IndexedRun[] } | { error: string } {
  if (typeof where !== 'string') return { runs };
  const views = new Map(runs.map((r) => [queryRunOf(r), r]));
  const res = filterRuns(where, [...views.keys()]);
  if (!res.ok) return { error: `--where: ${res.message} (at character ${res.start + 1})` };
  return { runs: res.runs.map((v) => views.get(v)!) };
}
