// "Does this server work?" for the Add MLflow Server command: one experiments/search with the given
// credentials, few retries and a short timeout, answered in words (errors.ts names DNS, TLS, 401, 403,
// 404 on a server too old, 503 artifacts-only).
import { MlflowServerError } from './errors';
import { MlflowHttpClient, type ServerAuth } from './http-client';
import type { SearchExperimentsResponse } from './wire';

export type ConnectionTest = { ok: true; experiments: number; more: boolean } | { ok: false; error: MlflowServerError };

export async function testConnection(baseUrl: string, auth: ServerAuth, options: { fetch?: typeof fetch; timeoutMs?: number; signal?: AbortSignal } = {}): Promise<ConnectionTest> {
  const client = new MlflowHttpClient({ baseUrl, auth, maxRetries: 1, backoffMs: 200, retryBudgetMs: 5000, timeoutMs: options.timeoutMs ?? 15_000, fetch: options.fetch });
  try {
    const page = await client.post<SearchExperimentsResponse>('experiments/search', { max_results: 1000, view_type: 'ACTIVE_ONLY' }, options.signal);
    return { ok: true, experiments: Array.isArray(page.experiments) ? page.experiments.length : 0, more: !!page.next_page_token };
  } catch (err) {
    return { ok: false, error: err instanceof MlflowServerError ? err : new MlflowServerError('bad-response', String(err)) };
  }
}
