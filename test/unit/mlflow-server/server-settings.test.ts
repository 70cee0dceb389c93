import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseServerEntries, planServerPass, trackingUriServer } from '../../../src/core/sources/mlflow-server/server-settings';
import { serverRoot } from '../../../src/core/sources/mlflow-server/server-root';

test('settings entries are normalised; bad ones and credentials in URLs are reported', () => {
  const { servers, problems } = parseServerEntries(
    [{ name: 'team', url: 'https://mlflow.example.com/', experiment: 'xlmr-ner' }, { url: 'http://u:hunter2pw@host:5000' }, { url: 'ftp://x' }, {}],
    'user',
  );
  assert.deepEqual(servers, [
    { name: 'team', url: 'https://mlflow.example.com', experiment: 'xlmr-ner', origin: 'user' },
    { name: 'host:5000', url: 'http://host:5000', origin: 'user' },
  ]);
  assert.equal(problems.length, 3);
  assert.match(problems[0], /user and password in the URL are ignored/);
  assert.doesNotMatch(problems.join('\n'), /hunter2pw/);
});

test('MLFLOW_TRACKING_URI counts only when it is http(s)', () => {
  assert.equal(trackingUriServer({ MLFLOW_TRACKING_URI: 'file:///tmp/mlruns' }), undefined);
  assert.equal(trackingUriServer({ MLFLOW_TRACKING_URI: 'databricks' }), undefined);
  assert.deepEqual(trackingUriServer({ MLFLOW_TRACKING_URI: 'http://localhost:5000/' }), { name: 'MLFLOW_TRACKING_URI', url: 'http://localhost:5000', origin: 'environment' });
});

test('a warm start asks only servers not listed within the refresh interval; polling only those with live runs', () => {
  const a = serverRoot('http://a');
  const b = serverRoot('http://b');
  const state = { lastListed: { [a.path]: 1000 }, now: 1000 + 60_000, intervalMs: 300_000, live: new Set([a.path]) };
  assert.deepEqual(planServerPass([a, b], 'due', state), { contact: [b], keep: [a] });
  assert.deepEqual(planServerPass([a, b], 'due', { ...state, now: 1000 + 300_000 }), { contact: [a, b], keep: [] });
  assert.deepEqual(planServerPass([a, b], 'all', state), { contact: [a, b], keep: [] });
  assert.deepEqual(planServerPass([a, b], 'live', state), { contact: [a], keep: [b] });
  assert.deepEqual(planServerPass([a, b], 'none', state), { contact: [], keep: [a, b] });
});
