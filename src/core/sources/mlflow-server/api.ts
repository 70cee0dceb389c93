// The read-only endpoints Runlens uses (spec §4, §5), each with MLflow's paging rules: search pages until
// next_page_token is absent or empty; metric history always sends max_results and also stops on an empty
// page or a token that does not advance (the 3.4–3.13 bug, mlflow#23916).
import { MlflowServerError } from './errors';
import type { MlflowHttpClient } from './http-client';
import {
  asArray,
  metricPoint,
  type MetricPoint,
  type MetricsResponse,
  type SearchExperimentsResponse,
  type SearchRunsResponse,
  type WireExperiment,
  type WireRun,
} from './wire';

/** experiments/search and runs/search page size: every server supports at least 1,000 (spec §4.1). */
export const SEARCH_PAGE = 1000;
/** metrics/get-history page size, what MLflow's Python client sends (spec §4.3). */
export const HISTORY_PAGE = 25000;
/** get-history-bulk-interval limits (spec §4.4a). */
export const BULK_MAX_RUNS = 100;
export const BULK_MAX_POINTS = 2500;

export async function searchExperiments(client: MlflowHttpClient, options: { includeDeleted?: boolean; signal?: AbortSignal } = {}): Promise<WireExperiment[]> {
  const out: WireExperiment[] = [];
  let token: string | undefined;
  const seen = new Set<string>();
  do {
    const page = await client.post<SearchExperimentsResponse>(
      'experiments/search',
      { max_results: SEARCH_PAGE, view_type: options.includeDeleted ? 'ALL' : 'ACTIVE_ONLY', ...(token ? { page_token: token } : {}) },
      options.signal,
    );
    out.push(...asArray(page.experiments));
    token = nextToken(page.next_page_token, seen);
  } while (token);
  return out;
}

/** Pages through runs/search, handing each page over as it arrives (the tree shows the first page at once). */
export async function searchRuns(
  client: MlflowHttpClient,
  experimentIds: string[],
  options: { includeDeleted?: boolean; signal?: AbortSignal; onPage?: (runs: WireRun[]) => void } = {},
): Promise<WireRun[]> {
  const out: WireRun[] = [];
  if (!experimentIds.length) return out;
  let token: string | undefined;
  const seen = new Set<string>();
  do {
    const page = await client.post<SearchRunsResponse>(
      'runs/search',
      {
        experiment_ids: experimentIds,
        run_view_type: options.includeDeleted ? 'ALL' : 'ACTIVE_ONLY',
        max_results: SEARCH_PAGE,
        ...(token ? { page_token: token } : {}),
      },
      options.signal,
    );
    const runs = asArray(page.runs);
    out.push(...runs);
    if (runs.length) options.onPage?.(runs);
    token = nextToken(page.next_page_token, seen);
  } while (token);
  return out;
}

export async function getRun(client: MlflowHttpClient, runId: string, signal?: AbortSignal): Promise<WireRun | undefined> {
  const answer = await client.get<{ run?: WireRun }>('runs/get', { run_id: runId }, signal);
  return answer.run;
}

/** Every point of one metric of one run, in the order the server sent them. */
export async function metricHistory(client: MlflowHttpClient, runId: string, key: string, signal?: AbortSignal): Promise<MetricPoint[]> {
  const out: MetricPoint[] = [];
  let token: string | undefined;
  const seen = new Set<string>();
  for (;;) {
    const page = await client.get<MetricsResponse>('metrics/get-history', { run_id: runId, metric_key: key, max_results: HISTORY_PAGE, page_token: token }, signal);
    const metrics = asArray(page.metrics);
    if (!metrics.length) break;
    for (const m of metrics) {
      const p = metricPoint(m);
      if (p) out.push(p);
    }
    token = nextToken(page.next_page_token, seen);
    if (!token) break;
  }
  return out;
}

/**
 * Sampled points of one metric for up to 100 runs (MLflow ≥ 2.11): fine for drawing, never for best/min/max.
 * An older server answers 404 ENDPOINT_NOT_FOUND: that comes back as a MlflowServerError of kind 'endpoint-missing'.
 */
export async function sampledHistories(
  client: MlflowHttpClient,
  runIds: string[],
  key: string,
  options: { start?: number; end?: number; maxPoints?: number; signal?: AbortSignal } = {},
): Promise<MetricPoint[]> {
  if (runIds.length > BULK_MAX_RUNS) throw new MlflowServerError('bad-request', `get-history-bulk-interval takes at most ${BULK_MAX_RUNS} runs per request`);
  const ranged = options.start !== undefined || options.end !== undefined;
  const page = await client.get<MetricsResponse>(
    'metrics/get-history-bulk-interval',
    {
      run_ids: runIds,
      metric_key: key,
      max_results: Math.max(1, Math.min(BULK_MAX_POINTS, Math.round(options.maxPoints ?? BULK_MAX_POINTS))),
      // Both or neither (spec §4.4a).
      ...(ranged ? { start_step: Math.floor(options.start ?? 0), end_step: Math.ceil(options.end ?? Number.MAX_SAFE_INTEGER) } : {}),
    },
    options.signal,
  );
  const out: MetricPoint[] = [];
  for (const m of asArray(page.metrics)) {
    const p = metricPoint(m);
    if (p) out.push(p);
  }
  return out;
}

/** The next page's token, or undefined when there is none or it repeats one already used (never loop). */
function nextToken(token: unknown, seen: Set<string>): string | undefined {
  if (typeof token !== 'string' || !token || seen.has(token)) return undefined;
  seen.add(token);
  return token;
}
