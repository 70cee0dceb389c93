// Full-resolution reads through the source readers with one size-bounded LRU: the cache behind the
// series service, whichever thread it lives on (the series worker, or the calling thread when no worker
// can start). The cache key carries the index's fingerprint of the series (count, last step, last time),
// so a series the index saw grow is read again. Pure apart from the readers passed in.
import type { IndexedRun } from '../index/types';
import { contextKey, runKey, seriesId, type RunInfo, type SeriesPoints, type SeriesRef, type SeriesResult, type SourceFormat, type SourceReader } from '../model';
import { errorMessage } from '../util/fs';
import { LruCache } from '../util/lru';

/** Default cache budget in points; a point costs ~32 bytes (step, value, time, epoch): ~128 MB. */
export const DEFAULT_CACHED_POINTS = 4_000_000;

/** What the index knows of a series that changes when it grows; 'unindexed' when the index has no such series. */
export function seriesFingerprint(indexed: Pick<IndexedRun, 'series'> | undefined, ref: SeriesRef): string {
  const s = indexed?.series.find((x) => x.key === ref.key && contextKey(x.context) === contextKey(ref.context));
  return s ? `${s.count}|${s.lastStep}|${s.lastTime}` : 'unindexed';
}

function pointCount(p: SeriesPoints): number {
  return p.steps.length * (2 + (p.times ? 1 : 0) + (p.epochs ? 1 : 0));
}

/** The error every caller shows for a run whose read was cancelled. */
export function cancelledRead(run: Pick<RunInfo, 'path' | 'id'>): SeriesResult {
  return { series: [], errors: [{ path: run.path, runId: run.id, message: 'reading cancelled' }] };
}

export class CachedSeriesReads {
  private readonly cache: LruCache<string, SeriesPoints>;

  constructor(
    private readonly readerFor: (format: SourceFormat) => SourceReader | undefined,
    maxCachedPoints = DEFAULT_CACHED_POINTS,
  ) {
    this.cache = new LruCache(maxCachedPoints, pointCount);
  }

  /**
   * The points of `only` (cached ones from the cache, the rest in one readSeries call); `fingerprints[i]`
   * belongs to `only[i]`. Never throws: a broken file comes back in `errors`, naming the run.
   */
  async read(run: RunInfo, only: readonly SeriesRef[], fingerprints: readonly string[], signal?: AbortSignal): Promise<SeriesResult> {
    const result: SeriesResult = { series: [], errors: [] };
    const keyOf = (ref: SeriesRef, fingerprint: string) => `${runKey(run)}\u0000${seriesId(ref)}\u0000${fingerprint}`;
    const missing: SeriesRef[] = [];
    const fingerprintOf = new Map<string, string>();
    only.forEach((ref, i) => {
      const fingerprint = fingerprints[i] ?? 'unindexed';
      const hit = this.cache.get(keyOf(ref, fingerprint));
      if (hit) result.series.push({ key: ref.key, context: ref.context, points: hit });
      else {
        missing.push(ref);
        fingerprintOf.set(seriesId(ref), fingerprint);
      }
    });
    if (!missing.length) return result;
    const reader = this.readerFor(run.format);
    if (!reader) {
      result.errors.push({ path: run.path, runId: run.id, message: `${run.name || run.id}: no reader for ${run.format}` });
      return result;
    }
    try {
      const res = await reader.readSeries(run, { only: missing, signal });
      if (signal?.aborted) return cancelledRead(run);
      result.errors.push(...res.errors);
      for (const s of res.series) {
        this.cache.set(keyOf(s, fingerprintOf.get(seriesId(s)) ?? 'unindexed'), s.points);
        result.series.push(s);
      }
    } catch (err) {
      if (signal?.aborted) return cancelledRead(run);
      result.errors.push({ path: run.path, runId: run.id, message: `${run.name || run.id}: ${errorMessage(err)}` });
    }
    return result;
  }

  /** Points held, for tests and logs. */
  get cachedPoints(): number {
    return this.cache.size;
  }

  clear(): void {
    this.cache.clear();
  }
}
