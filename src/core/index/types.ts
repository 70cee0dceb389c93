import type { SeriesSummary as PointsSummary } from '../analysis/summarize';
import type { Checkpoint, ReadError, RunInfo, SeriesContext } from '../model';

/**
 * What the index keeps of one series (DESIGN.md §3): the analysis summary of its points (NaN stays NaN,
 * infinities stay infinite) under its identity. The infinity count is not stored.
 */
export interface SeriesSummary extends Omit<PointsSummary, 'infCount'> {
  key: string;
  context: SeriesContext;
}

export interface SeriesSummaryWithPreview extends SeriesSummary {
  /** Encoded bucket preview (see analysis/preview), or undefined when not computed. */
  preview?: Uint8Array;
}

/** A run as the index returns it: what the reader listed plus its series summaries. */
export interface IndexedRun extends Omit<RunInfo, 'checkpoints'> {
  /** runKey(): unique across sources. */
  key: string;
  series: SeriesSummary[];
  checkpoints: Checkpoint[];
}

export interface IndexSnapshot {
  runs: IndexedRun[];
  errors: ReadError[];
}
