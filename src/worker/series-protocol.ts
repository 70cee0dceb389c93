// Messages between the series service (host side, src/host/series/worker-series-service.ts) and the
// series worker thread (series-worker.ts), which reads series at full resolution and keeps the one cache.
import type { ReadError, RunInfo, Series, SeriesRef, SeriesResult } from '../core/model';

export interface SeriesWorkerData {
  /** sql.js's wasm next to the bundle, for readers that open SQLite files. */
  wasmPath?: string;
  /** Cache budget in points (DEFAULT_CACHED_POINTS). */
  maxCachedPoints?: number;
}

export type ToSeriesWorker =
  /** `fingerprints[i]` is the index's fingerprint of `only[i]` (seriesFingerprint): a grown series is read again. */
  | { type: 'read'; id: number; run: RunInfo; only: SeriesRef[]; fingerprints: string[] }
  | { type: 'cancel'; id: number }
  | { type: 'clear' };

export type FromSeriesWorker =
  /** Sent once the thread has loaded its code: a thread that dies before this will never start. */
  | { type: 'ready' }
  | { type: 'done'; id: number; result: PackedSeries }
  | { type: 'failed'; id: number; message: string };

/**
 * A SeriesResult on the wire: every array of every series copied into one buffer that is transferred
 * (not cloned), each array named by its [offset, length] in float64 elements. One buffer per reply: the
 * cache keeps its own arrays, and transferring many small buffers costs more than one copy.
 */
export interface PackedSeries {
  series: Array<{ key: string; context: Series['context']; steps: [number, number]; values: [number, number]; epochs?: [number, number]; times?: [number, number] }>;
  errors: ReadError[];
  buffer: ArrayBuffer;
}

export function packSeries(result: SeriesResult): PackedSeries {
  let total = 0;
  for (const s of result.series) total += s.points.steps.length + s.points.values.length + (s.points.epochs?.length ?? 0) + (s.points.times?.length ?? 0);
  const all = new Float64Array(total);
  let offset = 0;
  const put = (a: Float64Array): [number, number] => {
    all.set(a, offset);
    offset += a.length;
    return [offset - a.length, a.length];
  };
  const series = result.series.map((s) => ({
    key: s.key,
    context: s.context,
    steps: put(s.points.steps),
    values: put(s.points.values),
    ...(s.points.epochs ? { epochs: put(s.points.epochs) } : {}),
    ...(s.points.times ? { times: put(s.points.times) } : {}),
  }));
  return { series, errors: result.errors, buffer: all.buffer };
}

/** The result with each array a view into the one transferred buffer. */
export function unpackSeries(packed: PackedSeries): SeriesResult {
  const view = ([at, n]: [number, number]) => new Float64Array(packed.buffer, at * 8, n);
  return {
    series: packed.series.map((s) => ({
      key: s.key,
      context: s.context,
      points: { steps: view(s.steps), values: view(s.values), ...(s.epochs ? { epochs: view(s.epochs) } : {}), ...(s.times ? { times: view(s.times) } : {}) },
    })),
    errors: packed.errors,
  };
}
