// From full-resolution points to what the index keeps: a summary and a bucketed preview.
import type { Series } from '../model';
import { previewOf, summarize } from '../analysis';
import type { SeriesSummaryWithPreview } from './types';

export function summarizeSeries(series: Series): SeriesSummaryWithPreview {
  const { steps, values, times } = series.points;
  const s = summarize(steps, values, times);
  const preview = steps.length ? previewOf(steps, values) : undefined;
  return {
    key: series.key,
    context: series.context,
    count: s.count,
    firstStep: s.firstStep,
    lastStep: s.lastStep,
    first: s.first,
    last: s.last,
    min: s.min,
    max: s.max,
    argminStep: s.argminStep,
    argmaxStep: s.argmaxStep,
    lastTime: s.lastTime,
    nanCount: s.nanCount,
    preview,
  };
}
