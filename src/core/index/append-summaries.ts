// New points of a live run folded into what the index already keeps for its series, so a poll of a growing
// run reads only the points logged since (src/core/sources/mlflow-server/read-new-points.ts) instead of its
// whole history. The summary comes out as summarize() over old + new points would give it; the preview is
// the stored buckets and the new points bucketed again over the wider step range (the old buckets' min/max
// kept), which is what a full re-read would draw up to where bucket edges fall.
import { bucketize, decodePreview, encodePreview, PREVIEW_BUCKETS, summarize } from '../analysis';
import { contextKey, type Series } from '../model';
import type { SeriesSummary, SeriesSummaryWithPreview } from './types';
import { summarizeSeries } from './summaries';

export interface StoredSeries {
  summary: SeriesSummary;
  preview: Uint8Array | undefined;
}

const idOf = (s: { key: string; context: Series['context'] }) => `${s.key} ${contextKey(s.context)}`;

/** Every stored series, with the new points of `added` appended; series only in `added` are new. */
export function appendSeries(stored: StoredSeries[], added: Series[]): SeriesSummaryWithPreview[] {
  const byId = new Map(added.map((s) => [idOf(s), s]));
  const out = stored.map((row) => {
    const more = byId.get(idOf(row.summary));
    byId.delete(idOf(row.summary));
    return more && more.points.steps.length ? appendPoints(row, more) : { ...row.summary, preview: row.preview };
  });
  for (const s of byId.values()) if (s.points.steps.length) out.push(summarizeSeries(s));
  return out;
}

/** One stored series with points logged after it (append order). */
export function appendPoints(row: StoredSeries, more: Series): SeriesSummaryWithPreview {
  const old = row.summary;
  if (!(old.count > 0)) return summarizeSeries(more);
  const { steps, values, times } = more.points;
  const add = summarize(steps, values, times);
  // Strict comparisons keep the first occurrence, as summarize does; a NaN min (all NaN so far) gives way.
  const newMin = !(add.min >= old.min) && !Number.isNaN(add.min);
  const newMax = !(add.max <= old.max) && !Number.isNaN(add.max);
  const summary: SeriesSummary = {
    key: old.key,
    context: old.context,
    count: old.count + add.count,
    firstStep: old.firstStep,
    first: old.first,
    lastStep: add.lastStep,
    last: add.last,
    min: newMin ? add.min : old.min,
    argminStep: newMin ? add.argminStep : old.argminStep,
    max: newMax ? add.max : old.max,
    argmaxStep: newMax ? add.argmaxStep : old.argmaxStep,
    lastTime: Number.isNaN(old.lastTime) ? add.lastTime : Number.isNaN(add.lastTime) ? old.lastTime : Math.max(old.lastTime, add.lastTime),
    nanCount: old.nanCount + add.nanCount,
  };
  return { ...summary, preview: widenedPreview(row.preview, steps, values) };
}

function widenedPreview(stored: Uint8Array | undefined, steps: ArrayLike<number>, values: ArrayLike<number>): Uint8Array {
  const old = stored && decodePreview(stored);
  const n = old?.x.length ?? 0;
  const m = Math.min(steps.length, values.length);
  const xs = new Float64Array(n + m);
  const ys = new Float64Array(n + m);
  const lo = new Float64Array(n + m);
  const hi = new Float64Array(n + m);
  if (old) {
    xs.set(old.x);
    ys.set(old.last);
    lo.set(old.min);
    hi.set(old.max);
  }
  for (let i = 0; i < m; i++) {
    xs[n + i] = steps[i];
    ys[n + i] = lo[n + i] = hi[n + i] = values[i];
  }
  return encodePreview(bucketize(xs, ys, { buckets: PREVIEW_BUCKETS, spread: { min: lo, max: hi } }));
}
