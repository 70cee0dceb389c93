// One indexing job: read every series of one run and reduce it to what the index keeps.
// The same function runs in-process and in the reader threads (src/worker/read-worker.ts),
// so both paths produce identical summaries.
import type { ReadError, RunInfo, SourceFormat, SourceReader } from '../model';
import { errorMessage } from '../util/fs';
import { summarizeSeries } from './summaries';
import type { SeriesSummaryWithPreview } from './types';

export interface RunSummaries {
  summaries: SeriesSummaryWithPreview[];
  errors: ReadError[];
}

/**
 * A pool gave up on a run itself (over its time or memory budget): reading it again in-process
 * would hang or exhaust the indexing thread the same way, so the indexer records the message.
 */
export class RunReadAbandoned extends Error {}

/**
 * Reads one run off the indexing thread. A rejected promise means "not read here"
 * (no thread could start, or it died): the indexer then reads the run in-process,
 * except after a RunReadAbandoned.
 */
export interface RunReadPool {
  /** True for formats whose runs the pool reads; the others are read in-process. */
  handles(format: SourceFormat): boolean;
  read(run: RunInfo, signal?: AbortSignal): Promise<RunSummaries>;
}

/** Never throws: a reader failure becomes an error naming the run. */
export async function readRunSummaries(reader: SourceReader, run: RunInfo, signal?: AbortSignal): Promise<RunSummaries> {
  try {
    const read = await reader.readSeries(run, { signal });
    return { summaries: read.series.map(summarizeSeries), errors: read.errors };
  } catch (err) {
    return { summaries: [], errors: [{ path: run.path, runId: run.id, message: `could not read series: ${errorMessage(err)}` }] };
  }
}
