import type { Checkpoint, ReadError, RunInfo, SeriesContext } from '../model';

/** What the index keeps of one series (DESIGN.md §3). NaN stays NaN, infinities stay infinite. */
export interface SeriesSummary {
  key: string;
  context: SeriesContext;
  count: number;
  firstStep: number;
  lastStep: number;
  first: number;
  last: number;
  min: number;
  max: number;
  argminStep: number;
  argmaxStep: number;
  /** Epoch ms of the last point, NaN when the format has no times. */
  lastTime: number;
  nanCount: number;
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
