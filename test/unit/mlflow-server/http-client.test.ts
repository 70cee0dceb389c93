// The HTTP client's own rules: at most `concurrency` requests in flight, waiting requests cancelled by their
// signal without being sent, Retry-After read as seconds or as an HTTP date.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { MlflowHttpClient, retryAfter } from '../../../src/core/sources/mlflow-server/http-client';

function slowFetch() {
  let inFlight = 0;
  let most = 0;
  let sent = 0;
  const fn = (async () => {
    sent++;
    inFlight++;
    most = Math.max(most, inFlight);
    await new Promise((r) => setTimeout(r, 5));
    inFlight--;
    return new Response('{}', { headers: { 'content-type': 'application/json' } });
  }) as typeof fetch;
  return { fn, most: () => most, sent: () => sent };
}

test('never more than `concurrency` requests in flight (default 8)', async () => {
  for (const concurrency of [undefined, 3]) {
    const f = slowFetch();
    const c = new MlflowHttpClient({ baseUrl: 'http://x', fetch: f.fn, concurrency });
    await Promise.all(Array.from({ length: 40 }, () => c.get('runs/get', { run_id: 'r' })));
    assert.equal(f.most(), concurrency ?? 8);
    assert.equal(f.sent(), 40);
  }
});

test('a waiting request whose signal aborts is never sent and rejects as cancelled', async () => {
  const f = slowFetch();
  const c = new MlflowHttpClient({ baseUrl: 'http://x', fetch: f.fn, concurrency: 1 });
  const controller = new AbortController();
  const first = c.get('runs/get');
  const waiting = c.get('runs/get', {}, controller.signal);
  controller.abort();
  await assert.rejects(waiting, (err: Error & { kind?: string }) => err.kind === 'cancelled');
  await first;
  assert.equal(f.sent(), 1);
});

test('Retry-After: seconds, an HTTP date, or nothing', () => {
  assert.equal(retryAfter('2'), 2000);
  assert.equal(retryAfter('Wed, 21 Oct 2015 07:28:10 GMT', Date.parse('Wed, 21 Oct 2015 07:28:00 GMT')), 10_000);
  assert.equal(retryAfter(null), undefined);
  assert.equal(retryAfter('soon'), undefined);
});
