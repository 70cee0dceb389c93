// The one way the extension reads series at full resolution (Curves zoom, table column summaries, statistics,
// health rules): every panel asks this service, which keeps one cache for all of them. The cache key carries the
// index's fingerprint of the series (count, last step, last time), so a grown series is read again.
// No 'vscode' import: benches and tests drive it with real readers.
import type { IndexedRun } from '../../core/index/types';
import { contextKey, seriesId, type ReadSeriesOf, type RunInfo, type SeriesPoints, type SeriesRef, type SeriesResult, type SourceFormat, type SourceReader } from '../../core/model';
import { errorMessage } from '../../core/util/fs';
import { LruCache } from '../../core/util/lru';

export interface SeriesService {
  /** Full-resolution points of these series of the run; cached; never throws for a broken file. */
  readonly read: ReadSeriesOf;
  dispose(): void;
}

export interface InProcessSeriesOptions {
  readerFor: (format: SourceFormat) => SourceReader | undefined;
  /** The index's view of the run (its series summaries: the cache fingerprint); undefined when unindexed. */
  indexed?: (runKey: string) => IndexedRun | undefined;
  /** Cache budget in points; a point costs ~32 bytes (step, value, time, epoch). Default 4 M (~128 MB). */
  maxCachedPoints?: number;
}

function pointCount(p: SeriesPoints): number {
  return p.steps.length * (2 + (p.times ? 1 : 0) + (p.epochs ? 1 : 0));
}

function runKeyOf(run: RunInfo): string {
  return `${run.format}|${run.root}|${run.id}`;
}

/** Reads on the calling thread through the source readers, with one size-bounded LRU. */
export class InProcessSeriesService implements SeriesService {
  private readonly cache: LruCache<string, SeriesPoints>;

  constructor(private readonly options: InProcessSeriesOptions) {
    this.cache = new LruCache(options.maxCachedPoints ?? 4_000_000, pointCount);
  }

  private cacheKey(run: RunInfo, ref: SeriesRef): string {
    const key = runKeyOf(run);
    const s = this.options.indexed?.(key)?.series.find((x) => x.key === ref.key && contextKey(x.context) === contextKey(ref.context));
    const fingerprint = s ? `${s.count}|${s.lastStep}|${s.lastTime}` : 'unindexed';
    return `${key}\u0000${seriesId(ref)}\u0000${fingerprint}`;
  }

  readonly read: ReadSeriesOf = async (run, only, signal): Promise<SeriesResult> => {
    const result: SeriesResult = { series: [], errors: [] };
    const missing: SeriesRef[] = [];
    for (const ref of only) {
      const hit = this.cache.get(this.cacheKey(run, ref));
      if (hit) result.series.push({ key: ref.key, context: ref.context, points: hit });
      else missing.push(ref);
    }
    if (!missing.length) return result;
    const reader = this.options.readerFor(run.format);
    if (!reader) {
      result.errors.push({ path: run.path, message: `${run.name || run.id}: no reader for ${run.format}` });
      return result;
    }
    try {
      const res = await reader.readSeries(run, { only: missing, signal });
      result.errors.push(...res.errors);
      for (const s of res.series) {
        this.cache.set(this.cacheKey(run, s), s.points);
        result.series.push(s);
      }
    } catch (err) {
      result.errors.push({ path: run.path, message: `${run.name || run.id}: ${errorMessage(err)}` });
    }
    return result;
  };

  dispose(): void {
    this.cache.clear();
  }
}
