// Series of one server run. Full histories (metrics/get-history, paged) for everything the index summarises;
// with `maxPoints`, a sampled curve from get-history-bulk-interval (MLflow ≥ 2.11), falling back to full
// histories on a server too old for it (remembered per server). Points are kept in logging order
// (by timestamp, ties as sent), the order the file readers keep; steps may go backwards.
import { runKey, type ReadError, type ReadSeriesOptions, type RunInfo, type Series, type SeriesResult } from '../../model';
import { contextFreeKeys } from '../../util/context-free-series';
import { getRun, metricHistory, sampledHistories } from './api';
import { clientFor } from './connections';
import { MlflowServerError } from './errors';
import { listedLatestMetrics } from './list-runs';
import { parseServerRoot } from './server-root';
import { asArray, type MetricPoint } from './wire';

/** Servers that answered 404 to get-history-bulk-interval: sampled reads go to get-history there. */
const withoutBulkInterval = new Set<string>();
/** Servers that answered get-history-bulk-interval. */
const withBulkInterval = new Set<string>();

export function serverLacksBulkInterval(baseUrl: string): boolean {
  return withoutBulkInterval.has(baseUrl);
}

/** What a get-history-bulk-interval request learnt about a server: it has the endpoint, or answered 404. */
export function markBulkInterval(baseUrl: string, has: boolean): void {
  (has ? withBulkInterval : withoutBulkInterval).add(baseUrl);
}

export async function readServerSeries(run: RunInfo, options: ReadSeriesOptions = {}): Promise<SeriesResult> {
  const { baseUrl } = parseServerRoot(run.root);
  const client = clientFor(baseUrl);
  const errors: ReadError[] = [];
  const wanted = contextFreeKeys(options.only);
  const listed = listedLatestMetrics(runKey(run));
  let keys: string[];
  if (wanted && !listed) {
    // A panel asking for named series needs no runs/get first: a key the run lacks comes back empty and is dropped.
    keys = [...wanted];
  } else {
    try {
      keys = listed ? [...new Set(listed.map((m) => m.key))] : await metricKeys(run, options.signal);
    } catch (err) {
      return { series: [], errors: [{ path: run.path, runId: run.id, message: `cannot read metrics: ${messageOf(err)}` }] };
    }
    if (wanted) keys = keys.filter((k) => wanted.has(k));
  }
  keys.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));

  let sampled = false;
  const read = async (key: string): Promise<MetricPoint[] | undefined> => {
    try {
      if (options.maxPoints !== undefined && !withoutBulkInterval.has(baseUrl)) {
        try {
          const points = await sampledHistories(client, [run.id], key, { start: options.range?.start, end: options.range?.end, maxPoints: options.maxPoints, signal: options.signal });
          sampled = true;
          withBulkInterval.add(baseUrl);
          return points;
        } catch (err) {
          if (!(err instanceof MlflowServerError && err.kind === 'endpoint-missing')) throw err;
          withoutBulkInterval.add(baseUrl);
        }
      }
      return inRange(await metricHistory(client, run.id, key, options.signal), options.range);
    } catch (err) {
      errors.push({ path: run.path, runId: run.id, message: `cannot read metric '${key}': ${messageOf(err)}` });
      return undefined;
    }
  };
  // The client bounds how many of these are in flight. Until a server is known to have bulk-interval, the
  // first key goes alone: an old server then answers one 404, not one per key.
  const probe = options.maxPoints !== undefined && !withoutBulkInterval.has(baseUrl) && !withBulkInterval.has(baseUrl) && keys.length > 1;
  const head = probe ? [await read(keys[0])] : [];
  const histories = [...head, ...(await Promise.all(keys.slice(head.length).map(read)))];
  const series: Series[] = [];
  keys.forEach((key, i) => {
    const points = histories[i];
    if (points && (points.length || !(wanted && !listed))) series.push({ key, context: {}, points: toPoints(points) });
  });
  return sampled ? { series, errors, sampled } : { series, errors };
}

/** The run's metric keys when this process has not listed it: from runs/get (there is no "list keys" endpoint). */
async function metricKeys(run: RunInfo, signal?: AbortSignal): Promise<string[]> {
  const wire = await getRun(clientFor(parseServerRoot(run.root).baseUrl), run.id, signal);
  return [...new Set(asArray(wire?.data?.metrics).flatMap((m) => (typeof m.key === 'string' ? [m.key] : [])))];
}

function inRange(points: MetricPoint[], range: ReadSeriesOptions['range']): MetricPoint[] {
  if (!range || (range.start === undefined && range.end === undefined)) return points;
  const lo = range.start ?? -Infinity;
  const hi = range.end ?? Infinity;
  return points.filter((p) => p.step >= lo && p.step <= hi);
}

export function toPoints(points: MetricPoint[]) {
  // Stable: points logged at one timestamp stay in the order the server sent them.
  const order = points.map((_, i) => i);
  if (points.every((p) => Number.isFinite(p.timestamp))) order.sort((a, b) => points[a].timestamp - points[b].timestamp || a - b);
  const steps = new Float64Array(points.length);
  const values = new Float64Array(points.length);
  const times = new Float64Array(points.length);
  order.forEach((j, i) => {
    steps[i] = points[j].step;
    values[i] = points[j].value;
    times[i] = points[j].timestamp;
  });
  return { steps, values, times };
}

function messageOf(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
