// The webview's request client: one resolution per request, parts collected in front of the reply,
// replies nobody waits for (or that are no replies) not taken.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { requestClient } from '../../../webview/shared/requests';

type ToHost = { type: 'fetch'; id: number } | { type: 'ready' };
type FromHost = { type: 'part'; id: number; series: number[] } | { type: 'result'; id: number; series: number[]; errors: string[] } | { type: 'requestError'; id: number; message: string } | { type: 'data'; id: number };

test('a request resolves once with its parts collected in front of the final reply', async () => {
  const posted: ToHost[] = [];
  const client = requestClient<ToHost, FromHost>((m) => posted.push(m), { fetch: { parts: 'part', reply: 'result' } });
  const a = client.request((id) => ({ type: 'fetch', id }));
  const b = client.request((id) => ({ type: 'fetch', id }));
  assert.deepEqual(posted, [{ type: 'fetch', id: 1 }, { type: 'fetch', id: 2 }]);
  assert.equal(client.settle({ type: 'data', id: 1 }), false, 'not a reply type');
  assert.ok(client.settle({ type: 'part', id: 1, series: [1, 2] }));
  assert.ok(client.settle({ type: 'part', id: 1, series: [3] }));
  assert.ok(client.settle({ type: 'requestError', id: 2, message: 'no' }));
  assert.ok(client.settle({ type: 'result', id: 1, series: [4], errors: ['e'] }));
  assert.equal(client.settle({ type: 'result', id: 1, series: [5], errors: [] }), false, 'already settled');
  assert.deepEqual(await a, { type: 'result', id: 1, series: [1, 2, 3, 4], errors: ['e'] });
  assert.deepEqual(await b, { type: 'requestError', id: 2, message: 'no' });
});
