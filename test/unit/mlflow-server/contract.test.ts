// Contract suite: the client against the example responses of ../shared/specs/mlflow-rest.md for every endpoint
// Runlens uses, in the 1.x encoding (int64 as strings) and the 2.x/3.x one (numbers), with NaN/Infinity strings,
// empty results ({}), MLflow's error JSON and non-JSON error bodies. No network: fetch is replaced.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { metricHistory, sampledHistories, searchExperiments, searchRuns, getRun } from '../../../src/core/sources/mlflow-server/api';
import { MlflowServerError } from '../../../src/core/sources/mlflow-server/errors';
import { MlflowHttpClient } from '../../../src/core/sources/mlflow-server/http-client';
import { toRunInfo } from '../../../src/core/sources/mlflow-server/list-runs';
import { serverRoot } from '../../../src/core/sources/mlflow-server/server-root';
import { metricPoint } from '../../../src/core/sources/mlflow-server/wire';

type Answer = { status?: number; body: unknown; headers?: Record<string, string> } | Error;

/** A fetch that answers from a list and records what was asked. */
function fakeFetch(answers: Answer[]) {
  const calls: Array<{ url: URL; init: RequestInit }> = [];
  const fn = (async (input: string | URL | Request, init: RequestInit = {}) => {
    calls.push({ url: new URL(String(input)), init });
    const a = answers.shift();
    if (!a) throw new Error('no more answers');
    if (a instanceof Error) throw a;
    const text = typeof a.body === 'string' ? a.body : JSON.stringify(a.body);
    return new Response(text, { status: a.status ?? 200, headers: { 'content-type': typeof a.body === 'string' ? 'text/plain' : 'application/json', ...a.headers } });
  }) as typeof fetch;
  return { fn, calls };
}

function client(answers: Answer[], extra: Partial<ConstructorParameters<typeof MlflowHttpClient>[0]> = {}) {
  const f = fakeFetch(answers);
  const sleeps: number[] = [];
  const c = new MlflowHttpClient({ baseUrl: 'http://mlflow.test:5000/', fetch: f.fn, sleep: async (ms) => void sleeps.push(ms), backoffMs: 1, ...extra });
  return { c, calls: f.calls, sleeps };
}

/** The spec's §4.2 example run, with int64 fields in the chosen encoding. */
function exampleRun(enc: 'string' | 'number') {
  const i = (n: number) => (enc === 'string' ? String(n) : n);
  return {
    info: {
      run_id: '2a14ed5c6a87499199e0106c3501eab8',
      run_uuid: '2a14ed5c6a87499199e0106c3501eab8',
      run_name: 'lr=2e-5-seed=3',
      experiment_id: '1',
      user_id: 'alice',
      status: 'FINISHED',
      start_time: i(1717171000000),
      end_time: i(1717174600000),
      artifact_uri: 'mlflow-artifacts:/1/2a14ed5c6a87499199e0106c3501eab8/artifacts',
      lifecycle_stage: 'active',
    },
    data: {
      metrics: [
        { key: 'val_f1', value: 0.871, timestamp: i(1717174500000), step: i(9) },
        { key: 'train_loss', value: 'NaN', timestamp: i(1717174590000), step: i(9) },
      ],
      params: [
        { key: 'lr', value: '2e-05' },
        { key: 'seed', value: '3' },
      ],
      tags: [
        { key: 'mlflow.runName', value: 'lr=2e-5-seed=3' },
        { key: 'mlflow.user', value: 'alice' },
        { key: 'mlflow.source.git.commit', value: '9f1c2e…' },
      ],
    },
    inputs: {},
  };
}

for (const enc of ['string', 'number'] as const) {
  test(`experiments/search example (${enc === 'string' ? '1.x' : '2.x/3.x'} int64) pages until the token is gone`, async () => {
    const i = (n: number) => (enc === 'string' ? String(n) : n);
    const { c, calls } = client([
      {
        body: {
          experiments: [
            { experiment_id: '1', name: 'xlmr-ner', artifact_location: 'mlflow-artifacts:/1', lifecycle_stage: 'active', last_update_time: i(1717171717000), creation_time: i(1717000000000), tags: [{ key: 'mlflow.note.content', value: 'baseline sweep' }] },
          ],
          next_page_token: 'eyJvZmZzZXQiOiAxMDAwfQ==',
        },
      },
      { body: { experiments: [{ experiment_id: '0', name: 'Default', lifecycle_stage: 'active', creation_time: i(1716000000000) }] } },
    ]);
    const exps = await searchExperiments(c);
    assert.deepEqual(exps.map((e) => e.name), ['xlmr-ner', 'Default']);
    assert.equal(calls.length, 2);
    assert.equal(calls[0].url.pathname, '/api/2.0/mlflow/experiments/search');
    assert.equal(calls[0].init.method, 'POST');
    assert.equal((calls[0].init.headers as Record<string, string>)['Content-Type'], 'application/json');
    assert.deepEqual(JSON.parse(String(calls[0].init.body)), { max_results: 1000, view_type: 'ACTIVE_ONLY' });
    assert.equal(JSON.parse(String(calls[1].init.body)).page_token, 'eyJvZmZzZXQiOiAxMDAwfQ==');
  });

  test(`runs/search example (${enc}) becomes a RunInfo: times as numbers, NaN latest metric, params/tags as maps`, async () => {
    const { c, calls } = client([{ body: { runs: [exampleRun(enc)], next_page_token: 'p2' } }, { body: {} }]);
    const pages: number[] = [];
    const wire = await searchRuns(c, ['1'], { includeDeleted: true, onPage: (r) => pages.push(r.length) });
    assert.deepEqual(pages, [1], 'an empty last page ({}) is no page');
    assert.equal(calls.length, 2);
    const body = JSON.parse(String(calls[0].init.body));
    assert.deepEqual(body, { experiment_ids: ['1'], run_view_type: 'ALL', max_results: 1000 });
    const root = serverRoot('http://mlflow.test:5000/');
    const run = toRunInfo(wire[0], root, 'http://mlflow.test:5000', new Map([['1', { experiment_id: '1', name: 'xlmr-ner' }]]))!;
    assert.equal(run.format, 'mlflow-server');
    assert.equal(run.id, '2a14ed5c6a87499199e0106c3501eab8');
    assert.equal(run.experiment, 'xlmr-ner');
    assert.equal(run.name, 'lr=2e-5-seed=3');
    assert.equal(run.status, 'finished');
    assert.equal(run.startTime, 1717171000000);
    assert.equal(run.endTime, 1717174600000);
    assert.equal(run.gitCommit, '9f1c2e…');
    assert.deepEqual(run.params, { lr: '2e-05', seed: '3' });
    assert.equal(run.path, 'http://mlflow.test:5000/#/experiments/1/runs/2a14ed5c6a87499199e0106c3501eab8');
    assert.equal(run.root, 'http://mlflow.test:5000');
    assert.deepEqual(run.extra, { experimentId: '1', userId: 'alice', artifactUri: 'mlflow-artifacts:/1/2a14ed5c6a87499199e0106c3501eab8/artifacts' });
  });

  test(`metrics/get-history example (${enc}) always sends max_results and decodes points`, async () => {
    const i = (n: number) => (enc === 'string' ? String(n) : n);
    const { c, calls } = client([
      {
        body: {
          metrics: [
            { key: 'val_f1', value: 0.801, timestamp: i(1717171900000), step: i(1) },
            { key: 'val_f1', value: 0.852, timestamp: i(1717172500000), step: i(2) },
            { key: 'val_f1', value: 0.871, timestamp: i(1717174500000), step: i(9) },
          ],
        },
      },
    ]);
    const points = await metricHistory(c, '2a14ed5c6a87499199e0106c3501eab8', 'val_f1');
    assert.deepEqual(points.map((p) => [p.step, p.value, p.timestamp]), [
      [1, 0.801, 1717171900000],
      [2, 0.852, 1717172500000],
      [9, 0.871, 1717174500000],
    ]);
    assert.equal(calls[0].url.pathname, '/api/2.0/mlflow/metrics/get-history');
    assert.equal(calls[0].url.searchParams.get('max_results'), '25000');
    assert.equal(calls[0].url.searchParams.get('run_id'), '2a14ed5c6a87499199e0106c3501eab8');
    assert.equal(calls[0].url.searchParams.get('metric_key'), 'val_f1');
  });

  test(`get-history-bulk-interval (${enc}) repeats run_ids and carries run_id on each point`, async () => {
    const i = (n: number) => (enc === 'string' ? String(n) : n);
    const { c, calls } = client([{ body: { metrics: [{ key: 'val_f1', value: 0.8, timestamp: i(5), step: i(3), run_id: 'a1' }, { key: 'val_f1', value: '-Infinity', timestamp: i(6), run_id: 'b2' }] } }]);
    const points = await sampledHistories(c, ['a1', 'b2'], 'val_f1', { maxPoints: 500 });
    assert.deepEqual(calls[0].url.searchParams.getAll('run_ids'), ['a1', 'b2']);
    assert.equal(calls[0].url.searchParams.get('max_results'), '500');
    assert.equal(calls[0].url.searchParams.has('start_step'), false, 'start and end step: both or neither');
    assert.deepEqual(points.map((p) => [p.runId, p.step, p.value]), [
      ['a1', 3, 0.8],
      ['b2', 0, -Infinity],
    ]);
  });
}

test('doubles: "NaN", "Infinity", "-Infinity" strings; a missing step is 0; int64 strings are numbers', () => {
  assert.ok(Number.isNaN(metricPoint({ key: 'a', value: 'NaN', timestamp: '1' })!.value));
  assert.equal(metricPoint({ key: 'a', value: 'Infinity', timestamp: 1 })!.value, Infinity);
  assert.equal(metricPoint({ key: 'a', value: '-Infinity', timestamp: 1 })!.value, -Infinity);
  assert.deepEqual(metricPoint({ key: 'a', value: 1.5, timestamp: '1717174500000' }), { key: 'a', value: 1.5, timestamp: 1717174500000, step: 0 });
  assert.equal(metricPoint({ value: 1 }), undefined, 'a metric without key is dropped');
});

test('empty results ({}) are empty lists everywhere', async () => {
  const { c } = client([{ body: {} }, { body: {} }, { body: {} }, { body: {} }]);
  assert.deepEqual(await searchExperiments(c), []);
  assert.deepEqual(await searchRuns(c, ['1']), []);
  assert.deepEqual(await metricHistory(c, 'r', 'k'), []);
  assert.deepEqual(await sampledHistories(c, ['r'], 'k'), []);
});

test('get-history never loops on the 3.4 bug: an empty page with a token, or a token that repeats', async () => {
  const bug = client([{ body: { metrics: [], next_page_token: 'X' } }]);
  assert.deepEqual(await metricHistory(bug.c, 'r', 'k'), []);
  assert.equal(bug.calls.length, 1);
  const stuck = client([
    { body: { metrics: [{ key: 'k', value: 1, timestamp: 1 }], next_page_token: 'T' } },
    { body: { metrics: [{ key: 'k', value: 2, timestamp: 2, step: 1 }], next_page_token: 'T' } },
  ]);
  assert.equal((await metricHistory(stuck.c, 'r', 'k')).length, 2);
  assert.equal(stuck.calls.length, 2);
});

test('runs/get decodes {"run": …}; an unknown run is a RESOURCE_DOES_NOT_EXIST error with the server message', async () => {
  const { c } = client([{ body: { run: exampleRun('string') } }, { status: 404, body: { error_code: 'RESOURCE_DOES_NOT_EXIST', message: 'Run with id=nope not found' } }]);
  assert.equal((await getRun(c, '2a14ed5c6a87499199e0106c3501eab8'))?.info?.run_name, 'lr=2e-5-seed=3');
  await assert.rejects(getRun(c, 'nope'), (err: MlflowServerError) => err.kind === 'not-found' && /Run with id=nope not found/.test(err.message));
});

test('error bodies become messages that say what failed', async () => {
  const cases: Array<[Answer, string, RegExp]> = [
    [{ status: 401, body: { error_code: 'UNAUTHENTICATED', message: 'You are not authenticated.' } }, 'unauthenticated', /asks for credentials \(401 UNAUTHENTICATED\)/],
    [{ status: 403, body: { error_code: 'PERMISSION_DENIED', message: 'Permission denied' } }, 'forbidden', /denied access.*403 PERMISSION_DENIED.*READ permission/],
    [{ status: 404, body: { error_code: 'ENDPOINT_NOT_FOUND', message: 'No API endpoint' } }, 'endpoint-missing', /older than this endpoint.*≥ 1\.28/],
    [{ status: 503, body: 'Endpoint disabled due to the mlflow server running with `--artifacts-only`.' }, 'artifacts-only', /artifacts-only/],
    [{ status: 400, body: { error_code: 'INVALID_PARAMETER_VALUE', message: "Missing value for required parameter 'run_id'." } }, 'bad-request', /INVALID_PARAMETER_VALUE.*run_id/],
    [Object.assign(new TypeError('fetch failed'), { cause: Object.assign(new Error('getaddrinfo ENOTFOUND mlflow.test'), { code: 'ENOTFOUND' }) }), 'dns', /DNS: ENOTFOUND/],
    [Object.assign(new TypeError('fetch failed'), { cause: Object.assign(new Error('self-signed certificate'), { code: 'DEPTH_ZERO_SELF_SIGNED_CERT' }) }), 'tls', /TLS handshake/],
    [Object.assign(new TypeError('fetch failed'), { cause: Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' }) }), 'refused', /refused the connection/],
  ];
  for (const [answer, kind, pattern] of cases) {
    const { c } = client([answer], { maxRetries: 0 });
    await assert.rejects(searchExperiments(c), (err: MlflowServerError) => {
      assert.equal(err.kind, kind, err.message);
      assert.match(err.message, pattern);
      assert.match(err.message, /http:\/\/mlflow\.test:5000/, 'the message names the server');
      return true;
    });
  }
});

test('a proxy’s HTML 502 is retried, and reported as a short line when it persists', async () => {
  const html = { status: 502, body: '<html><body><h1>502 Bad Gateway</h1><hr>nginx</body></html>' };
  const { c, calls } = client([html, html, html], { maxRetries: 2 });
  await assert.rejects(searchExperiments(c), (err: MlflowServerError) => err.kind === 'server' && /502.*502 Bad Gateway nginx/.test(err.message));
  assert.equal(calls.length, 3);
});

test('a 200 that is not JSON (a login page) says the URL may not be a tracking server', async () => {
  const { c } = client([{ body: '<!doctype html><title>Sign in</title>' }]);
  await assert.rejects(searchExperiments(c), (err: MlflowServerError) => err.kind === 'bad-response' && /not JSON/.test(err.message));
});

test('429 honours Retry-After (seconds), 5xx backs off exponentially, 4xx is not retried', async () => {
  const limited = client([{ status: 429, body: { error_code: 'REQUEST_LIMIT_EXCEEDED', message: 'slow down' }, headers: { 'Retry-After': '2' } }, { body: {} }]);
  await searchExperiments(limited.c);
  assert.deepEqual(limited.sleeps, [2000]);
  const burst = client([{ status: 503, body: { error_code: 'TEMPORARILY_UNAVAILABLE' } }, { status: 500, body: {} }, { status: 504, body: {} }, { body: {} }], { backoffMs: 100 });
  await searchExperiments(burst.c);
  assert.equal(burst.sleeps.length, 3);
  burst.sleeps.forEach((ms, i) => assert.ok(ms >= 100 * 2 ** i && ms <= 2 * 100 * 2 ** i, `retry ${i} waited ${ms} ms`));
  const denied = client([{ status: 403, body: { error_code: 'PERMISSION_DENIED' } }]);
  await assert.rejects(searchExperiments(denied.c));
  assert.equal(denied.calls.length, 1);
  assert.deepEqual(denied.sleeps, []);
});

test('retries stop at the retry budget with the last error', async () => {
  const answers = Array.from({ length: 10 }, () => ({ status: 429, body: { error_code: 'REQUEST_LIMIT_EXCEEDED' }, headers: { 'Retry-After': '30' } }));
  const { c, calls } = client(answers, { retryBudgetMs: 60_000 });
  await assert.rejects(searchExperiments(c), (err: MlflowServerError) => err.kind === 'rate-limited');
  assert.equal(calls.length, 3, 'two 30 s waits fit in 60 s, a third does not');
});

test('Basic and Bearer credentials go in the Authorization header only', async () => {
  const basic = client([{ body: {} }], { auth: { kind: 'basic', username: 'admin', password: 'pa:ss' } });
  await searchExperiments(basic.c);
  assert.equal((basic.calls[0].init.headers as Record<string, string>).Authorization, `Basic ${Buffer.from('admin:pa:ss').toString('base64')}`);
  assert.doesNotMatch(basic.calls[0].url.href, /admin|pa:ss/);
  const bearer = client([{ body: {} }], { auth: { kind: 'bearer', token: 'dapi123' } });
  await searchExperiments(bearer.c);
  assert.equal((bearer.calls[0].init.headers as Record<string, string>).Authorization, 'Bearer dapi123');
});
