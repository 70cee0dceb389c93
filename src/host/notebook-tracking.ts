// Plugs the index into the notebook checks that compare a notebook with its tracked runs
// (tracked-run-mismatch, tracked-config-mismatch, reported-metric-mismatch).
import { lookupFromRuns, trackedRunFromRunInfo, type TrackedRunsLookup } from '../core/notebook/tracked-lookup';
import type { IndexService } from './indexing/index-service';

/** A lookup over the indexed runs, rebuilt only when the index changes. */
export function trackedRunsLookup(index: IndexService): () => TrackedRunsLookup | undefined {
  let cached: TrackedRunsLookup | undefined;
  index.onDidChange(() => {
    cached = undefined;
  });
  return () => {
    if (cached) return cached;
    const runs = index.runs();
    if (!runs.length) return undefined;
    cached = lookupFromRuns(
      runs.map((run) => trackedRunFromRunInfo(run, Object.fromEntries(run.series.filter((s) => !Object.keys(s.context).length).map((s) => [s.key, s.last])))),
    );
    return cached;
  };
}
