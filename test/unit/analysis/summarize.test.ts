import { test } from 'node:test';
import assert from 'node:assert/strict';
import { summarize } from '../../../src/core/analysis';
import { assertNum } from './close';

test('summarize: first/last in append order, min/max skip NaN and keep infinity, argmin at first occurrence', () => {
  const s = summarize(
    [10, 20, 30, 40, 50, 60, 70],
    [3, NaN, 1, 5, 1, Infinity, NaN],
    [1000, 2000, NaN, 4000, 3500, NaN, NaN],
  );
  assert.equal(s.count, 7);
  assert.equal(s.firstStep, 10);
  assert.equal(s.lastStep, 70);
  assert.equal(s.first, 3);
  assertNum(s.last, NaN);
  assert.equal(s.min, 1);
  assert.equal(s.argminStep, 30);
  assert.equal(s.max, Infinity);
  assert.equal(s.argmaxStep, 60);
  assert.equal(s.lastTime, 4000);
  assert.equal(s.nanCount, 2);
  assert.equal(s.infCount, 1);
});

test('summarize: empty series is all NaN with zero counts', () => {
  const s = summarize([], []);
  assert.equal(s.count, 0);
  for (const k of ['firstStep', 'lastStep', 'first', 'last', 'min', 'max', 'argminStep', 'argmaxStep', 'lastTime'] as const) {
    assertNum(s[k], NaN, 0, k);
  }
  assert.equal(s.nanCount, 0);
  assert.equal(s.infCount, 0);
});

test('summarize: single point, all-NaN and -Infinity', () => {
  const one = summarize([7], [0.25]);
  assert.deepEqual([one.first, one.last, one.min, one.max, one.argminStep, one.argmaxStep], [0.25, 0.25, 0.25, 0.25, 7, 7]);
  assertNum(one.lastTime, NaN);
  const nan = summarize([1, 2], [NaN, NaN]);
  assertNum(nan.min, NaN);
  assertNum(nan.argminStep, NaN);
  assert.equal(nan.nanCount, 2);
  const neg = summarize([1, 2, 3], [2, -Infinity, -Infinity]);
  assert.equal(neg.min, -Infinity);
  assert.equal(neg.argminStep, 2);
  assert.equal(neg.infCount, 2);
});

test('summarize: duplicate steps are kept as logged (append order)', () => {
  const s = summarize([1, 1, 2, 1], [5, 3, 4, 3]);
  assert.equal(s.count, 4);
  assert.equal(s.lastStep, 1);
  assert.equal(s.last, 3);
  assert.equal(s.min, 3);
  assert.equal(s.argminStep, 1);
  assert.equal(s.argmaxStep, 1);
});
