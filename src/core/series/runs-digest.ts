// What a panel computed from a set of runs depends on: which runs, their params and status, and each series'
// point count, last step and last time (the same facts as the series cache's fingerprint). Two equal digests:
// nothing to recompute, whatever else the index changed.
import type { IndexedRun } from '../index/types';
import { contextKey } from '../model';
import { seriesFingerprint } from './cached-reads';

export function runsDigest(runs: readonly IndexedRun[]): string {
  return runs
    .map((r) => {
      const series = r.series.map((s) => `${s.key} ${contextKey(s.context)}=${seriesFingerprint(r, s)}`).sort();
      const params = Object.keys(r.params).sort().map((k) => `${k}=${r.params[k]}`);
      return `${r.key}\u0000${r.status}\u0000${params.join('\u0001')}\u0000${series.join('\u0001')}`;
    })
    .sort()
    .join('\n');
}
