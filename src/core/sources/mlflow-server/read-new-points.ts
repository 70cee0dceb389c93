// The points a live server run logged since the index last read it: for each metric whose latest point (as the
// listing saw it) moved, get-history-bulk-interval over [stored last step, latest step]. That endpoint returns
// every point of the range while the range holds fewer distinct steps than it samples to (2,500); a fuller
// range, steps that went backwards, a latest point the answer does not end on, or a server without the
// endpoint (MLflow < 2.11; get-history has no step filter, and its page tokens are opaque) and a failed
// request all answer undefined: the caller then reads the whole history as before.
import { runKey, type RunInfo, type Series, type SeriesResult } from '../../model';
import type { SeriesSummary } from '../../index/types';
import { BULK_MAX_POINTS, metricHistory, sampledHistories } from './api';
import { clientFor } from './connections';
import { MlflowServerError } from './errors';
import { listedLatestMetrics } from './list-runs';
import { markBulkInterval, serverLacksBulkInterval, toPoints } from './read-series';
import { parseServerRoot } from './server-root';
import type { MetricPoint } from './wire';

/** Thrown inside to give up on the incremental read. */
class NotIncremental extends Error {}

export async function readServerNewPoints(run: RunInfo, stored: SeriesSummary[], options: { signal?: AbortSignal } = {}): Promise<SeriesResult | undefined> {
  const { baseUrl } = parseServerRoot(run.root);
  const listed = listedLatestMetrics(runKey(run));
  if (!listed || serverLacksBulkInterval(baseUrl)) return undefined;
  const client = clientFor(baseUrl);
  // Server metrics have no context: one stored series per key.
  const byKey = new Map(stored.filter((s) => Object.keys(s.context).length === 0).map((s) => [s.key, s]));
  const newPoints = async (latest: MetricPoint): Promise<Series | undefined> => {
    const old = byKey.get(latest.key);
    if (!old || !(old.count > 0)) {
      // A metric the run did not have: all of it is new.
      return { key: latest.key, context: {}, points: toPoints(await metricHistory(client, run.id, latest.key, options.signal)) };
    }
    if (latest.step === old.lastStep && latest.timestamp === old.lastTime) return undefined;
    if (latest.step < old.lastStep || !(latest.timestamp >= old.lastTime)) throw new NotIncremental();
    let points: MetricPoint[];
    try {
      points = await sampledHistories(client, [run.id], latest.key, { start: old.lastStep, end: latest.step, maxPoints: BULK_MAX_POINTS, signal: options.signal });
    } catch (err) {
      if (err instanceof MlflowServerError && err.kind === 'endpoint-missing') markBulkInterval(baseUrl, false);
      throw err instanceof MlflowServerError && err.kind === 'endpoint-missing' ? new NotIncremental() : err;
    }
    markBulkInterval(baseUrl, true);
    // As many distinct steps as the endpoint samples to: it may have left points out.
    if (new Set(points.map((p) => p.step)).size >= BULK_MAX_POINTS) throw new NotIncremental();
    const fresh = points.filter((p) => p.timestamp > old.lastTime || (p.timestamp === old.lastTime && p.step > old.lastStep));
    const series: Series = { key: latest.key, context: {}, points: toPoints(fresh) };
    const n = series.points.steps.length;
    // The answer must end on the point the listing saw last, or something was missed.
    if (!n || series.points.steps[n - 1] !== latest.step || series.points.times?.[n - 1] !== latest.timestamp) throw new NotIncremental();
    return series;
  };
  try {
    const series: Series[] = [];
    for (const latest of listed) {
      const s = await newPoints(latest);
      if (s) series.push(s);
    }
    return { series, errors: [] };
  } catch {
    // Not incremental here, or a request failed (offline, cancelled): the whole read reports what is wrong.
    return undefined;
  }
}
