// HTTP to one MLflow tracking server (spec §2): JSON GET/POST under /api/2.0/mlflow, at most `concurrency`
// requests in flight, retries on 408/429/5xx and dropped connections with exponential backoff and jitter that
// honour Retry-After, a cap on the total time spent retrying, per-request timeouts, and cancellation.
// Credentials go into the Authorization header only: never into URLs, messages or logs.
import { MlflowServerError, httpError, networkError } from './errors';

export type ServerAuth = { kind: 'none' } | { kind: 'basic'; username: string; password: string } | { kind: 'bearer'; token: string };

export type QueryValue = string | number | undefined | readonly (string | number)[];

export interface ClientOptions {
  /** The tracking URI, e.g. `http://host:5000` or `https://host/prefix` (no credentials in it). */
  baseUrl: string;
  auth?: ServerAuth;
  /** Requests in flight at most (default 8). */
  concurrency?: number;
  /** Retries of one request at most (default 7, as MLflow's own client). */
  maxRetries?: number;
  /** Total time one request may spend waiting between retries (default 60 s, spec §2.3 "interactive"). */
  retryBudgetMs?: number;
  /** First backoff delay; doubles each retry (default 500 ms). */
  backoffMs?: number;
  /** One attempt may take this long (default 120 s, MLFLOW_HTTP_REQUEST_TIMEOUT). */
  timeoutMs?: number;
  fetch?: typeof fetch;
  /** Waits between retries (tests replace it). */
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
}

export interface ClientStats {
  requests: number;
  retries: number;
}

const API = '/api/2.0/mlflow/';
const MAX_BACKOFF_MS = 30_000;

export class MlflowHttpClient {
  readonly baseUrl: string;
  readonly stats: ClientStats = { requests: 0, retries: 0 };
  private readonly options: Required<Omit<ClientOptions, 'auth' | 'baseUrl'>>;
  private readonly authorization: string | undefined;
  private active = 0;
  private readonly waiting: Array<() => void> = [];

  constructor(options: ClientOptions) {
    this.baseUrl = options.baseUrl.replace(/\/+$/, '');
    this.options = {
      concurrency: options.concurrency ?? 8,
      maxRetries: options.maxRetries ?? 7,
      retryBudgetMs: options.retryBudgetMs ?? 60_000,
      backoffMs: options.backoffMs ?? 500,
      timeoutMs: options.timeoutMs ?? 120_000,
      fetch: options.fetch ?? ((...args) => fetch(...args)),
      sleep: options.sleep ?? abortableSleep,
    };
    this.authorization = authorizationHeader(options.auth);
  }

  get<T>(endpoint: string, query: Record<string, QueryValue> = {}, signal?: AbortSignal): Promise<T> {
    const params = new URLSearchParams();
    for (const [name, value] of Object.entries(query)) {
      if (value === undefined) continue;
      // Repeated proto fields repeat the key (spec §2 rule 1).
      for (const v of Array.isArray(value) ? value : [value]) params.append(name, String(v));
    }
    const qs = params.toString();
    return this.request<T>('GET', endpoint, qs ? `?${qs}` : '', undefined, signal);
  }

  post<T>(endpoint: string, body: unknown, signal?: AbortSignal): Promise<T> {
    return this.request<T>('POST', endpoint, '', JSON.stringify(body), signal);
  }

  private async request<T>(method: string, endpoint: string, qs: string, body: string | undefined, signal?: AbortSignal): Promise<T> {
    const url = `${this.baseUrl}${API}${endpoint}${qs}`;
    let waited = 0;
    for (let attempt = 0; ; attempt++) {
      throwIfAborted(signal, this.baseUrl, endpoint);
      let error: MlflowServerError;
      let retryAfterMs: number | undefined;
      await this.acquire(signal, endpoint);
      try {
        this.stats.requests++;
        const answer = await this.attempt(method, url, endpoint, body, signal);
        if (answer.ok) return answer.value as T;
        error = answer.error;
        retryAfterMs = answer.retryAfterMs;
      } finally {
        this.release();
      }
      if (!error.transient || attempt >= this.options.maxRetries) throw error;
      const backoff = Math.min(MAX_BACKOFF_MS, this.options.backoffMs * 2 ** attempt) * (1 + Math.random());
      const delay = retryAfterMs !== undefined ? Math.max(retryAfterMs, 0) : backoff;
      if (waited + delay > this.options.retryBudgetMs) throw error;
      waited += delay;
      this.stats.retries++;
      await this.options.sleep(delay, signal).catch(() => throwIfAborted(signal, this.baseUrl, endpoint));
    }
  }

  private async attempt(
    method: string,
    url: string,
    endpoint: string,
    body: string | undefined,
    signal?: AbortSignal,
  ): Promise<{ ok: true; value: unknown } | { ok: false; error: MlflowServerError; retryAfterMs?: number }> {
    const timeout = new AbortController();
    const timer = setTimeout(() => timeout.abort(), this.options.timeoutMs);
    const onAbort = () => timeout.abort();
    signal?.addEventListener('abort', onAbort, { once: true });
    const headers: Record<string, string> = { Accept: 'application/json' };
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    if (this.authorization) headers.Authorization = this.authorization;
    try {
      let response: Response;
      let text: string;
      try {
        response = await this.options.fetch(url, { method, headers, body, signal: timeout.signal, redirect: 'follow' });
        text = await response.text();
      } catch (err) {
        throwIfAborted(signal, this.baseUrl, endpoint);
        if (timeout.signal.aborted) return { ok: false, error: new MlflowServerError('timeout', `${this.baseUrl} did not answer ${endpoint} within ${this.options.timeoutMs / 1000} s`) };
        return { ok: false, error: networkError(err, this.baseUrl, endpoint) };
      }
      const contentType = response.headers.get('content-type') ?? '';
      if (!response.ok) {
        return { ok: false, error: httpError(response.status, text, contentType, this.baseUrl, endpoint), retryAfterMs: retryAfter(response.headers.get('retry-after')) };
      }
      try {
        return { ok: true, value: text.trim() ? JSON.parse(text) : {} };
      } catch {
        const start = text.trim().slice(0, 80).replace(/\s+/g, ' ');
        return {
          ok: false,
          error: new MlflowServerError('bad-response', `${this.baseUrl} answered ${endpoint} with something that is not JSON ("${start}…"): is this URL an MLflow tracking server?`, response.status),
        };
      }
    } finally {
      clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
    }
  }

  private acquire(signal: AbortSignal | undefined, endpoint: string): Promise<void> {
    if (this.active < this.options.concurrency) {
      this.active++;
      return Promise.resolve();
    }
    return new Promise((resolve, reject) => {
      const go = () => {
        signal?.removeEventListener('abort', cancel);
        this.active++;
        resolve();
      };
      const cancel = () => {
        const i = this.waiting.indexOf(go);
        if (i >= 0) this.waiting.splice(i, 1);
        reject(cancelled(this.baseUrl, endpoint));
      };
      signal?.addEventListener('abort', cancel, { once: true });
      this.waiting.push(go);
    });
  }

  private release(): void {
    this.active--;
    this.waiting.shift()?.();
  }
}

export function authorizationHeader(auth: ServerAuth | undefined): string | undefined {
  if (!auth || auth.kind === 'none') return undefined;
  if (auth.kind === 'basic') return `Basic ${Buffer.from(`${auth.username}:${auth.password}`, 'utf8').toString('base64')}`;
  return `Bearer ${auth.token}`;
}

/** Retry-After in seconds or as an HTTP date; undefined when absent or unreadable. */
export function retryAfter(header: string | null, now = Date.now()): number | undefined {
  if (!header) return undefined;
  const seconds = Number(header.trim());
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const at = Date.parse(header);
  return Number.isFinite(at) ? Math.max(0, at - now) : undefined;
}

function cancelled(server: string, endpoint: string): MlflowServerError {
  return new MlflowServerError('cancelled', `request to ${server} (${endpoint}) cancelled`);
}

function throwIfAborted(signal: AbortSignal | undefined, server: string, endpoint: string): void {
  if (signal?.aborted) throw cancelled(server, endpoint);
}

function abortableSleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(new Error('aborted'));
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(new Error('aborted'));
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
