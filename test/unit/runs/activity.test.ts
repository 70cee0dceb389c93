import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loggingInterval, MIN_STALE_MS, runActivity, STALE_AFTER_MS, staleThreshold } from '../../../src/core/runs/activity';
import type { SeriesSummary } from '../../../src/core/index/types';

const H = 3600_000;
const series = (count: number, lastTime: number): SeriesSummary => ({
  key: 'loss', context: {}, count, firstStep: 0, lastStep: count - 1, first: 1, last: 0, min: 0, max: 1, argminStep: 0, argmaxStep: 0, lastTime, nanCount: 0,
});

test('a 2022 MLflow run whose status still says RUNNING is stale since its last logged point', () => {
  const start = Date.UTC(2022, 8, 28, 8, 0);
  const last = start + 2 * H;
  const now = Date.UTC(2026, 11, 1, 18, 0);
  const a = runActivity({ status: 'running', startTime: start, series: [series(121, last)] }, now);
  assert.equal(a.kind, 'stale');
  assert.ok(a.kind === 'stale' && a.lastWrite === last && a.idleMs === now - last);
});

test('stale after many of its own logging intervals (at least 30 min), at most a day', () => {
  const start = 0;
  // a point a minute for an hour: 20 intervals = 20 min, raised to the 30-minute floor
  const minutely = { status: 'running' as const, startTime: start, series: [series(61, 60 * 60_000)] };
  assert.equal(loggingInterval(minutely), 60_000);
  assert.equal(staleThreshold(minutely), MIN_STALE_MS);
  assert.equal(runActivity(minutely, 60 * 60_000 + 29 * 60_000).kind, 'running');
  assert.equal(runActivity(minutely, 60 * 60_000 + 31 * 60_000).kind, 'stale');
  // a point every 10 minutes: stale after 200 minutes idle
  const slow = { status: 'running' as const, startTime: start, series: [series(7, 60 * 60_000)] };
  assert.equal(staleThreshold(slow), 200 * 60_000);
  assert.equal(runActivity(slow, 60 * 60_000 + 199 * 60_000).kind, 'running');
  assert.equal(runActivity(slow, 60 * 60_000 + 201 * 60_000).kind, 'stale');
  // an epoch every 3 hours: capped at a day
  const epochs = { status: 'running' as const, startTime: start, series: [series(3, 6 * H)] };
  assert.equal(staleThreshold(epochs), STALE_AFTER_MS);
});

test('without logged points the start time is the last write, with the one-day rule; nothing known is not stale', () => {
  assert.equal(runActivity({ status: 'running', startTime: 0, series: [] }, 23 * H).kind, 'running');
  assert.equal(runActivity({ status: 'running', startTime: 0, series: [] }, 25 * H).kind, 'stale');
  assert.equal(runActivity({ status: 'running', startTime: undefined, series: [series(5, NaN)] }, 1e15).kind, 'running');
  assert.equal(runActivity({ status: 'finished', startTime: 0, series: [] }, 1e15).kind, 'not-running');
  assert.equal(runActivity({ status: 'unknown', startTime: 0, series: [] }, 1e15).kind, 'not-running');
});
