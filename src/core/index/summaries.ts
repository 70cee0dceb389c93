// From full-resolution points to what the index keeps: a summary and a bucketed preview.
import type { Series } from '../model';
import { previewOf, summarize } from '../analysis';
import type { SeriesSummaryWithPreview } from './types';

export function summarizeSeries(series: Series): SeriesSummaryWithPreview {
  const { steps, values, times } = series.points;
  const { infCount: _notStored, ...summary } = summarize(steps, values, times);
  const preview = steps.length ? previewOf(steps, values) : undefined;
  return { key: series.key, context: series.context, ...summary, preview };
}
