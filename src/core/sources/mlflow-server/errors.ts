// What went wrong talking to a tracking server, in words a user can act on (spec §2 rule 8, §2.1, §6):
// DNS, TLS, refused or dropped connections, 401/403, 404 from a server too old for an endpoint, 503 from an
// artifacts-only server, proxies answering HTML. Messages name the server and the endpoint, never credentials.

export type ServerErrorKind =
  | 'dns'
  | 'tls'
  | 'refused'
  | 'dropped'
  | 'timeout'
  | 'cancelled'
  | 'unauthenticated'
  | 'forbidden'
  | 'not-found'
  | 'endpoint-missing'
  | 'artifacts-only'
  | 'rate-limited'
  | 'server'
  | 'bad-request'
  | 'bad-response';

export class MlflowServerError extends Error {
  constructor(
    readonly kind: ServerErrorKind,
    message: string,
    /** HTTP status when the server answered. */
    readonly status?: number,
    /** MLflow's error_code when the body carried one. */
    readonly errorCode?: string,
  ) {
    super(message);
    this.name = 'MlflowServerError';
  }

  /** Worth another try: rate limits, 5xx, dropped connections, timeouts (spec §2.3: 408, 429, 500, 502, 503, 504). */
  get transient(): boolean {
    if (this.kind === 'dropped' || this.kind === 'timeout' || this.kind === 'rate-limited') return true;
    return this.status !== undefined && [408, 429, 500, 502, 503, 504].includes(this.status);
  }
}

/** Node's error codes for failed lookups, TLS failures and connections (fetch puts them on `cause`). */
const DNS_CODES = new Set(['ENOTFOUND', 'EAI_AGAIN', 'EAI_NONAME', 'EAI_FAIL']);
const DROPPED_CODES = new Set(['ECONNRESET', 'EPIPE', 'UND_ERR_SOCKET', 'UND_ERR_CLOSED', 'ECONNABORTED']);

/** A fetch that threw (no HTTP answer) as a MlflowServerError. */
export function networkError(err: unknown, server: string, endpoint: string): MlflowServerError {
  const code = errorCode(err);
  const detail = causeMessage(err);
  if (code && DNS_CODES.has(code)) return new MlflowServerError('dns', `cannot resolve the host of ${server} (DNS: ${code}); check the URL and your network`);
  if (code && (code.startsWith('ERR_TLS') || code.startsWith('ERR_SSL') || code.includes('CERT') || code === 'EPROTO' || /certificate|ssl|tls/i.test(detail))) {
    return new MlflowServerError('tls', `TLS handshake with ${server} failed (${code}: ${detail}); the certificate is not trusted or the URL should be http://`);
  }
  if (code === 'ECONNREFUSED') return new MlflowServerError('refused', `${server} refused the connection (nothing listens there; is the tracking server running?)`);
  if (code === 'ETIMEDOUT' || code === 'UND_ERR_CONNECT_TIMEOUT' || code === 'UND_ERR_HEADERS_TIMEOUT' || code === 'UND_ERR_BODY_TIMEOUT') {
    return new MlflowServerError('timeout', `${server} did not answer ${endpoint} in time`);
  }
  if (code && DROPPED_CODES.has(code)) return new MlflowServerError('dropped', `${server} dropped the connection during ${endpoint} (${code})`);
  return new MlflowServerError('dropped', `request to ${server} (${endpoint}) failed: ${detail || code || 'network error'}`);
}

/** A non-2xx answer as a MlflowServerError, from MLflow's error JSON when there is one. */
export function httpError(status: number, body: string, contentType: string, server: string, endpoint: string): MlflowServerError {
  const parsed = parseErrorBody(body, contentType);
  const code = parsed.errorCode;
  const said = parsed.message ? `: ${parsed.message}` : '';
  const tag = code ? `${status} ${code}` : `${status}`;
  if (status === 401) {
    return new MlflowServerError('unauthenticated', `${server} asks for credentials (${tag}); add a username and password or a token for it${said}`, status, code);
  }
  if (status === 403) {
    return new MlflowServerError('forbidden', `${server} denied access to ${endpoint} (${tag}); the user needs READ permission${said}`, status, code);
  }
  if (status === 404 && (code === 'ENDPOINT_NOT_FOUND' || !code)) {
    return new MlflowServerError(
      'endpoint-missing',
      `${server} does not serve ${endpoint} (${tag}): an MLflow server older than this endpoint (experiments/search needs ≥ 1.28, get-history-bulk-interval ≥ 2.11), or the URL is not the tracking server's root${said}`,
      status,
      code,
    );
  }
  if (status === 404) return new MlflowServerError('not-found', `${endpoint} on ${server}: ${tag}${said}`, status, code);
  if (status === 503 && !code) {
    return new MlflowServerError(
      'artifacts-only',
      `${server} answers 503 to ${endpoint}${said}: an artifacts-only server (mlflow server --artifacts-only) serves no runs, or the server is temporarily unavailable`,
      status,
      code,
    );
  }
  if (status === 429) return new MlflowServerError('rate-limited', `${server} is rate-limiting requests (${tag})${said}`, status, code);
  if (status >= 500) return new MlflowServerError('server', `${server} failed on ${endpoint} (${tag})${said}`, status, code);
  if (status === 400) return new MlflowServerError('bad-request', `${server} rejected ${endpoint} (${tag})${said}`, status, code);
  return new MlflowServerError('server', `${server} answered ${endpoint} with HTTP ${tag}${said}`, status, code);
}

/** MLflow's `{"error_code", "message"}`; a proxy's HTML or text reduced to a short line. */
export function parseErrorBody(body: string, contentType: string): { errorCode?: string; message?: string } {
  const text = body.trim();
  if (text.startsWith('{') || contentType.includes('json')) {
    try {
      const json = JSON.parse(text) as { error_code?: unknown; message?: unknown };
      const errorCode = typeof json.error_code === 'string' ? json.error_code : typeof json.error_code === 'number' ? String(json.error_code) : undefined;
      const message = typeof json.message === 'string' ? json.message : undefined;
      return { errorCode, message };
    } catch {
      /* not JSON after all */
    }
  }
  const plain = text.replace(/<[^>]*>/g, ' ').replace(/\s+/g, ' ').trim();
  return plain ? { message: plain.length > 200 ? `${plain.slice(0, 200)}…` : plain } : {};
}

function errorCode(err: unknown): string | undefined {
  for (let e: unknown = err, depth = 0; e && depth < 4; e = (e as { cause?: unknown }).cause, depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string') return code;
  }
  return undefined;
}

function causeMessage(err: unknown): string {
  let last = '';
  for (let e: unknown = err, depth = 0; e && depth < 4; e = (e as { cause?: unknown }).cause, depth++) {
    const m = (e as { message?: unknown }).message;
    if (typeof m === 'string' && m) last = m;
  }
  return last;
}
