// Two panels (or a panel and the health pass) asking for the same series of the same run at the same time
// share one read: the second request waits for the first instead of parsing the files again (the cache only
// helps once the first read is done). Each caller keeps its own cancellation: an abort settles that caller
// at once, and the shared read stops only when every caller has gone.
import type { ReadSeriesOf, RunInfo, SeriesRef, SeriesResult } from '../model';
import { cancelledRead } from './cached-reads';

interface Pending {
  result: Promise<SeriesResult>;
  controller: AbortController;
  waiters: number;
}

/**
 * `read` with identical concurrent requests merged. `keyOf` names a request: the run, the series and whatever
 * else makes two requests return different points (the services add each series' index fingerprint, so a read
 * asked for after the series grew is not merged into one started before).
 */
export function sharedReads(read: ReadSeriesOf, keyOf: (run: RunInfo, only: readonly SeriesRef[]) => string): ReadSeriesOf {
  const pending = new Map<string, Pending>();
  return (run, only, signal) => {
    if (signal?.aborted) return Promise.resolve(cancelledRead(run));
    const key = keyOf(run, only);
    let entry = pending.get(key);
    if (!entry) {
      const controller = new AbortController();
      const created: Pending = { controller, waiters: 0, result: read(run, only, controller.signal) };
      entry = created;
      pending.set(key, created);
      const forget = () => {
        if (pending.get(key) === created) pending.delete(key);
      };
      created.result.then(forget, forget);
    }
    const shared = entry;
    shared.waiters++;
    return new Promise<SeriesResult>((resolve, reject) => {
      let settled = false;
      const leave = () => {
        signal?.removeEventListener('abort', onAbort);
        settled = true;
      };
      const onAbort = () => {
        if (settled) return;
        leave();
        resolve(cancelledRead(run));
        if (--shared.waiters === 0) {
          if (pending.get(key) === shared) pending.delete(key);
          shared.controller.abort();
        }
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      shared.result.then(
        (r) => {
          if (settled) return;
          leave();
          resolve(r);
        },
        (err: unknown) => {
          if (settled) return;
          leave();
          reject(err);
        },
      );
    });
  };
}

/** The request key the series services use: run, series and each series' index fingerprint. */
export function readKey(runKey: string, only: readonly SeriesRef[], fingerprints: readonly string[]): string {
  return JSON.stringify([runKey, only.map((r, i) => [r.key, Object.entries(r.context).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)), fingerprints[i]])]);
}
