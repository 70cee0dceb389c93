// The one way the extension reads series at full resolution (Curves zoom, table column summaries, statistics,
// health rules): every panel asks this service, which keeps one cache for all of them. In the extension the
// reads and the cache live in the series worker thread (worker-series-service.ts); this in-process service is
// the fallback where no worker can start (tests, CLI). The cache key carries the index's fingerprint of the
// series (count, last step, last time), so a grown series is read again.
// No 'vscode' import: benches and tests drive it with real readers.
import type { IndexedRun } from '../../core/index/types';
import { runKey, type ReadSeriesOf, type RunInfo, type SeriesRef, type SourceFormat, type SourceReader } from '../../core/model';
import { CachedSeriesReads, cancelledRead, seriesFingerprint } from '../../core/series/cached-reads';
import { readKey, sharedReads } from '../../core/series/shared-reads';

export interface SeriesService {
  /** Full-resolution points of these series of the run; cached; never throws for a broken file. */
  readonly read: ReadSeriesOf;
  dispose(): void;
}

export interface InProcessSeriesOptions {
  readerFor: (format: SourceFormat) => SourceReader | undefined;
  /** The index's view of the run (its series summaries: the cache fingerprint); undefined when unindexed. */
  indexed?: (runKey: string) => IndexedRun | undefined;
  /** Cache budget in points (DEFAULT_CACHED_POINTS, ~128 MB). */
  maxCachedPoints?: number;
}

/** Reads on the calling thread through the source readers, with one size-bounded LRU. */
export class InProcessSeriesService implements SeriesService {
  private readonly reads: CachedSeriesReads;

  constructor(private readonly options: InProcessSeriesOptions) {
    this.reads = new CachedSeriesReads(options.readerFor, options.maxCachedPoints);
  }

  /** Concurrent requests for the same series of a run share one read. */
  readonly read: ReadSeriesOf = sharedReads(
    async (run, only, signal) => {
      if (signal?.aborted) return cancelledRead(run);
      return this.reads.read(run, only, this.fingerprints(run, only), signal);
    },
    (run, only) => readKey(runKey(run), only, this.fingerprints(run, only)),
  );

  private fingerprints(run: RunInfo, only: readonly SeriesRef[]): string[] {
    const indexed = this.options.indexed?.(runKey(run));
    return only.map((ref) => seriesFingerprint(indexed, ref));
  }

  dispose(): void {
    this.reads.clear();
  }
}
