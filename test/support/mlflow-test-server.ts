// A local MLflow tracking server for tests: exactly the endpoints and paging rules of the REST spec
// (../shared/specs/mlflow-rest.md §4, §6), over node:http on 127.0.0.1, with switches for the faults a real
// deployment has: Basic/Bearer auth, 429 with Retry-After, 5xx bursts, slow answers, dropped connections,
// a server too old for get-history-bulk-interval or experiments/search, and an artifacts-only server.
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import { experimentJson, metricJson, runJson, type Int64Encoding, type TestStore } from './mlflow-test-store';

export interface Faults {
  /** Basic: user → password (the basic-auth app); Bearer: the one valid token. */
  auth?: { kind: 'basic'; users: Record<string, string> } | { kind: 'bearer'; token: string };
  /** Users that authenticate but have no READ permission (403). */
  forbiddenUsers?: string[];
  /** The next n requests get 429 with this Retry-After (seconds). */
  rateLimit?: { next: number; retryAfter?: string };
  /** The next n requests get this 5xx status. */
  burst?: { next: number; status: number };
  /** Every answer waits this long. */
  slowMs?: number;
  /** The next n requests have their connection destroyed without an answer. */
  drop?: { next: number };
  /** < 2.11: get-history-bulk-interval is 404 ENDPOINT_NOT_FOUND. */
  noBulkInterval?: boolean;
  /** < 1.28: experiments/search is 404 ENDPOINT_NOT_FOUND. */
  noSearchExperiments?: boolean;
  /** `mlflow server --artifacts-only`: tracking endpoints answer 503 in plain text. */
  artifactsOnly?: boolean;
  /** 3.4–3.13: get-history without max_results returns no metrics and a token that never advances. */
  historyBug?: boolean;
}

export interface LoggedRequest {
  method: string;
  endpoint: string;
  query: URLSearchParams;
  body: Record<string, unknown> | undefined;
  authorization?: string;
}

export interface TestServerOptions {
  int64?: Int64Encoding;
  faults?: Faults;
}

const PREFIX = '/api/2.0/mlflow/';
/** Server-side caps (spec §4). */
const MAX_SEARCH_RUNS = 50000;
const MAX_HISTORY = 25000;
const MAX_BULK_RUNS = 100;
const MAX_BULK_RESULTS = 2500;

export class MlflowTestServer {
  readonly requests: LoggedRequest[] = [];
  /** Metric points sent in get-history and get-history-bulk-interval answers (reset it with the request log). */
  pointsServed = 0;
  faults: Faults;
  int64: Int64Encoding;
  private server: http.Server | undefined;
  private readonly sockets = new Set<import('node:net').Socket>();
  url = '';

  constructor(
    public store: TestStore,
    options: TestServerOptions = {},
  ) {
    this.faults = options.faults ?? {};
    this.int64 = options.int64 ?? 'number';
  }

  async start(): Promise<string> {
    this.server = http.createServer((req, res) => void this.handle(req, res));
    this.server.on('connection', (s) => {
      this.sockets.add(s);
      s.on('close', () => this.sockets.delete(s));
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this.url;
  }

  async stop(): Promise<void> {
    for (const s of this.sockets) s.destroy();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }

  /** Requests to one endpoint since the log was last cleared. */
  count(endpoint: string): number {
    return this.requests.filter((r) => r.endpoint === endpoint).length;
  }

  private async handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://x');
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const raw = Buffer.concat(chunks).toString('utf8');
    const f = this.faults;
    if (f.drop && f.drop.next > 0) {
      f.drop.next--;
      req.socket.destroy();
      return;
    }
    if (f.slowMs) await new Promise((r) => setTimeout(r, f.slowMs));
    if (!url.pathname.startsWith(PREFIX)) return send(res, 404, { error_code: 'ENDPOINT_NOT_FOUND', message: `No API endpoint at ${url.pathname}` });
    const endpoint = url.pathname.slice(PREFIX.length);
    let body: Record<string, unknown> | undefined;
    if (req.method === 'POST') {
      // validation.py _validate_content_type (spec §6.1)
      if (!(req.headers['content-type'] ?? '').startsWith('application/json')) {
        return send(res, 400, { error_code: 'INVALID_PARAMETER_VALUE', message: 'Bad Request. Content-Type must be one of [application/json].' });
      }
      try {
        body = raw ? (JSON.parse(raw) as Record<string, unknown>) : {};
      } catch {
        return send(res, 400, { error_code: 'MALFORMED_REQUEST', message: 'Malformed JSON' });
      }
    }
    this.requests.push({ method: req.method ?? 'GET', endpoint, query: url.searchParams, body, authorization: req.headers.authorization });
    if (f.artifactsOnly) return sendText(res, 503, 'Endpoint disabled due to the mlflow server running with `--artifacts-only`.');
    if (f.auth) {
      const user = authenticatedUser(req.headers.authorization, f.auth);
      if (user === undefined) return send(res, 401, { error_code: 'UNAUTHENTICATED', message: 'You are not authenticated. Please see https://www.mlflow.org/docs/latest/auth/index.html#authenticating-to-mlflow on how to authenticate.' });
      if (f.forbiddenUsers?.includes(user)) return send(res, 403, { error_code: 'PERMISSION_DENIED', message: 'Permission denied' });
    }
    if (f.rateLimit && f.rateLimit.next > 0) {
      f.rateLimit.next--;
      return send(res, 429, { error_code: 'REQUEST_LIMIT_EXCEEDED', message: 'Too many requests' }, f.rateLimit.retryAfter ? { 'Retry-After': f.rateLimit.retryAfter } : {});
    }
    if (f.burst && f.burst.next > 0) {
      f.burst.next--;
      if (f.burst.status === 502) return sendText(res, 502, '<html><body><h1>502 Bad Gateway</h1>nginx</body></html>', 'text/html');
      return send(res, f.burst.status, { error_code: f.burst.status === 503 ? 'TEMPORARILY_UNAVAILABLE' : 'INTERNAL_ERROR', message: 'try again' });
    }
    const args = (name: string): string[] => (body ? [body[name]].flat().filter((v) => v !== undefined).map(String) : url.searchParams.getAll(name));
    const arg = (name: string): string | undefined => args(name)[0];
    const route = `${req.method} ${endpoint}`;
    switch (route) {
      case 'POST experiments/search':
      case 'GET experiments/search':
        if (f.noSearchExperiments) break;
        return this.searchExperiments(res, arg);
      case 'POST runs/search':
        return this.searchRuns(res, args, arg);
      case 'GET runs/get':
        return this.getRun(res, arg('run_id') ?? arg('run_uuid'));
      case 'GET metrics/get-history':
        return this.history(res, arg);
      case 'GET metrics/get-history-bulk-interval':
        if (f.noBulkInterval) break;
        return this.bulkInterval(res, args, arg);
    }
    return send(res, 404, { error_code: 'ENDPOINT_NOT_FOUND', message: `No API endpoint for ${route}` });
  }

  private searchExperiments(res: http.ServerResponse, arg: (n: string) => string | undefined): void {
    const view = arg('view_type') ?? 'ACTIVE_ONLY';
    const all = this.store.experiments.filter((e) => matchesView(e.deleted, view)).sort((a, b) => Number(b.id) - Number(a.id));
    const { page, next } = paged(all, arg('page_token'), Number(arg('max_results') ?? 1000));
    if (page === undefined) return send(res, 400, { error_code: 'INVALID_PARAMETER_VALUE', message: 'Invalid page token' });
    send(res, 200, { ...(page.length ? { experiments: page.map((e) => experimentJson(e, this.int64)) } : {}), ...(next ? { next_page_token: next } : {}) });
  }

  private searchRuns(res: http.ServerResponse, args: (n: string) => string[], arg: (n: string) => string | undefined): void {
    const ids = new Set(args('experiment_ids'));
    const view = arg('run_view_type') ?? 'ACTIVE_ONLY';
    const max = Number(arg('max_results') ?? 1000);
    if (!(max <= MAX_SEARCH_RUNS)) return send(res, 400, { error_code: 'INVALID_PARAMETER_VALUE', message: `Invalid value ${max} for parameter 'max_results' supplied. It must be at most 50000` });
    const deletedExp = new Set(this.store.experiments.filter((e) => e.deleted).map((e) => e.id));
    // Default ordering: start_time DESC, then run_id (spec §4.2).
    const all = this.store.runs
      .filter((r) => ids.has(r.experimentId) && matchesView(r.run.deleted === true || deletedExp.has(r.experimentId), view))
      .sort((a, b) => b.run.startTime - a.run.startTime || (a.run.id < b.run.id ? -1 : 1));
    const { page, next } = paged(all, arg('page_token'), max);
    if (page === undefined) return send(res, 400, { error_code: 'INVALID_PARAMETER_VALUE', message: 'Invalid page token' });
    send(res, 200, { ...(page.length ? { runs: page.map((r) => runJson(r, this.int64)) } : {}), ...(next ? { next_page_token: next } : {}) });
  }

  /** Runs by id (rebuilt when the store is replaced or grows). */
  private byId = new Map<string, TestStore['runs'][number]>();

  private lookup(runId: string | undefined): TestStore['runs'][number] | undefined {
    if (this.byId.size !== this.store.runs.length) this.byId = new Map(this.store.runs.map((r) => [r.run.id, r]));
    return runId === undefined ? undefined : this.byId.get(runId);
  }

  private getRun(res: http.ServerResponse, runId: string | undefined): void {
    const found = this.lookup(runId);
    if (!found) return send(res, 404, { error_code: 'RESOURCE_DOES_NOT_EXIST', message: `Run with id=${runId} not found` });
    send(res, 200, { run: runJson(found, this.int64) });
  }

  private history(res: http.ServerResponse, arg: (n: string) => string | undefined): void {
    const runId = arg('run_id') ?? arg('run_uuid');
    const key = arg('metric_key');
    if (!runId) return send(res, 400, { error_code: 'INVALID_PARAMETER_VALUE', message: "Missing value for required parameter 'run_id'. See the API docs for more information about request parameters." });
    if (key === undefined) return send(res, 400, { error_code: 'INVALID_PARAMETER_VALUE', message: "Missing value for required parameter 'metric_key'. See the API docs for more information about request parameters." });
    const found = this.lookup(runId);
    if (!found) return send(res, 404, { error_code: 'RESOURCE_DOES_NOT_EXIST', message: `Run with id=${runId} not found` });
    const maxArg = arg('max_results');
    if (maxArg === undefined && this.faults.historyBug) return send(res, 200, { metrics: [], next_page_token: 'X' });
    const points = found.run.metrics.find((m) => m.key === key)?.points ?? [];
    const { page, next } = paged(points, arg('page_token'), Math.min(Number(maxArg ?? MAX_HISTORY), MAX_HISTORY));
    if (page === undefined) return send(res, 400, { error_code: 'INVALID_PARAMETER_VALUE', message: 'Invalid page token' });
    this.pointsServed += page.length;
    send(res, 200, { ...(page.length ? { metrics: page.map((p) => metricJson(key, p, this.int64)) } : {}), ...(next ? { next_page_token: next } : {}) });
  }

  /** handlers.py _get_sampled_steps: the union of steps, max_results evenly spaced plus the last, plus each run's min and max. */
  private bulkInterval(res: http.ServerResponse, args: (n: string) => string[], arg: (n: string) => string | undefined): void {
    const runIds = args('run_ids');
    const key = arg('metric_key');
    if (!runIds.length || key === undefined) return send(res, 400, { error_code: 'INVALID_PARAMETER_VALUE', message: 'GetMetricHistoryBulkInterval request must specify at least one run_id and a metric_key.' });
    if (runIds.length > MAX_BULK_RUNS) return send(res, 400, { error_code: 'INVALID_PARAMETER_VALUE', message: `GetMetricHistoryBulkInterval request must specify at most ${MAX_BULK_RUNS} run_ids. Received ${runIds.length} run_ids.` });
    const max = Number(arg('max_results') ?? MAX_BULK_RESULTS);
    if (!(max >= 1 && max <= MAX_BULK_RESULTS)) return send(res, 400, { error_code: 'INVALID_PARAMETER_VALUE', message: `max_results must be between 1 and ${MAX_BULK_RESULTS}.` });
    const startArg = arg('start_step');
    const endArg = arg('end_step');
    if ((startArg === undefined) !== (endArg === undefined)) return send(res, 400, { error_code: 'INVALID_PARAMETER_VALUE', message: 'If either start step or end step are specified, both must be specified.' });
    const series = runIds.map((id) => ({ id, points: this.lookup(id)?.run.metrics.find((m) => m.key === key)?.points ?? [] }));
    const all = [...new Set(series.flatMap((s) => s.points.map((p) => p.step)))].sort((a, b) => a - b);
    const start = startArg !== undefined ? Number(startArg) : 0;
    const end = endArg !== undefined ? Number(endArg) : (all[all.length - 1] ?? 0);
    if (start > end) return send(res, 400, { error_code: 'INVALID_PARAMETER_VALUE', message: 'end_step must be greater than start_step.' });
    const inRange = all.filter((s) => s >= start && s <= end);
    const picked = new Set<number>();
    const n = inRange.length;
    if (n <= max) inRange.forEach((s) => picked.add(s));
    else {
      for (let i = 0; i < max; i++) picked.add(inRange[Math.floor((i * n) / max)]);
      picked.add(inRange[n - 1]);
    }
    const metrics: Record<string, unknown>[] = [];
    for (const s of series) {
      const steps = s.points.map((p) => p.step).filter((x) => x >= start && x <= end);
      const own = new Set(picked);
      if (steps.length) {
        own.add(Math.min(...steps));
        own.add(Math.max(...steps));
      }
      const chosen = s.points.filter((p) => own.has(p.step)).sort((a, b) => a.time - b.time || a.step - b.step || a.value - b.value);
      for (const p of chosen) metrics.push(metricJson(key, p, this.int64, s.id));
    }
    this.pointsServed += metrics.length;
    send(res, 200, metrics.length ? { metrics } : {});
  }
}

function matchesView(deleted: boolean, view: string): boolean {
  return view === 'ALL' || (view === 'DELETED_ONLY' ? deleted : !deleted);
}

/** SearchUtils.create_page_token: base64 of {"offset": n}. undefined page for a token that is not ours. */
function paged<T>(items: T[], token: string | undefined, max: number): { page: T[] | undefined; next?: string } {
  let offset = 0;
  if (token) {
    try {
      offset = Number((JSON.parse(Buffer.from(token, 'base64').toString('utf8')) as { offset: number }).offset);
    } catch {
      return { page: undefined };
    }
    if (!Number.isInteger(offset) || offset < 0) return { page: undefined };
  }
  const size = Number.isFinite(max) && max > 0 ? max : 1000;
  const page = items.slice(offset, offset + size);
  const end = offset + size;
  return { page, ...(end < items.length ? { next: Buffer.from(JSON.stringify({ offset: end })).toString('base64') } : {}) };
}

function authenticatedUser(header: string | undefined, auth: NonNullable<Faults['auth']>): string | undefined {
  if (!header) return undefined;
  if (auth.kind === 'basic' && header.startsWith('Basic ')) {
    const [user, ...rest] = Buffer.from(header.slice(6), 'base64').toString('utf8').split(':');
    return Object.hasOwn(auth.users, user) && auth.users[user] === rest.join(':') ? user : undefined;
  }
  if (auth.kind === 'bearer' && header === `Bearer ${auth.token}`) return 'token-user';
  return undefined;
}

function send(res: http.ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(text), ...headers });
  res.end(text);
}

function sendText(res: http.ServerResponse, status: number, text: string, type = 'text/plain'): void {
  res.writeHead(status, { 'Content-Type': type, 'Content-Length': Buffer.byteLength(text) });
  res.end(text);
}
