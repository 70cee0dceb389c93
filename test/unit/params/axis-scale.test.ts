import assert from 'node:assert/strict';
import { test } from 'node:test';
import { categoriesByMetric, categoriesByValue, logAllowed, looksLogSpaced, suggestScale } from '../../../src/core/params/axis-scale';
import { numberOfText } from '../../../src/core/params/cells';

test('scale: text or booleans are categorical; numbers logged as text are numbers', () => {
  assert.equal(suggestScale(['adam', 'sgd', null]), 'categorical');
  assert.equal(suggestScale(['True', 'False']), 'categorical');
  assert.equal(suggestScale(['1', '2', '3', '4']), 'linear');
  assert.equal(suggestScale([0.1, 0.2, null, NaN]), 'linear');
  assert.equal(numberOfText(' 3e-05 '), 3e-5);
  assert.ok(Number.isNaN(numberOfText('nan')!));
  assert.equal(numberOfText('-inf'), -Infinity);
  assert.equal(numberOfText('adam'), undefined);
});

test('scale: log when all > 0 and ≥ 2 decades, or log-spaced; not with a zero or negative value', () => {
  // 1e-5 .. 1e-3 is exactly two decades
  assert.equal(suggestScale([1e-5, 1e-4, 1e-3]), 'log');
  // 1e-5, 3e-5, 1e-4: 1 decade, but gaps 2e-5, 7e-5 (cv 0.56) while log gaps 0.477, 0.523 (cv 0.046)
  assert.equal(suggestScale(['1e-05', '3e-05', '1e-04']), 'log');
  assert.ok(looksLogSpaced([1, 2, 4, 8, 16]));
  assert.ok(!looksLogSpaced([1, 2, 3, 4]));
  // evenly spaced but spanning 2 decades: still log by the span rule
  assert.equal(suggestScale([1, 50, 100]), 'log');
  assert.equal(suggestScale([0, 1e-5, 1e-3]), 'linear');
  assert.equal(suggestScale([0.8, 0.85, 0.9]), 'linear');
  assert.ok(!logAllowed([0, 1]));
  assert.ok(logAllowed([1e-5, null, NaN]));
});

test('categories by value: numbers ascending (3e-5 = 0.00003), then texts naturally', () => {
  assert.deepEqual(categoriesByValue(['10', '2', 'v10', 'v2', null, '0.00003', 3e-5]), ['0.00003', '2', '10', 'v2', 'v10']);
  assert.deepEqual(categoriesByValue(['b', 'a', 'a']), ['a', 'b']);
});

test('categories by the colour metric: best mean on top (last), reversed for lower-is-better', () => {
  const opt = ['adam', 'sgd', 'adam', 'rms', 'sgd', null];
  const f1 = [0.9, 0.5, 0.8, 0.7, 0.6, 0.99];
  // means: adam 0.85, sgd 0.55, rms 0.7
  assert.deepEqual(categoriesByMetric(opt, f1, 'max'), ['sgd', 'rms', 'adam']);
  assert.deepEqual(categoriesByMetric(opt, f1, 'min'), ['adam', 'rms', 'sgd']);
  // a category with no finite metric goes first (bottom)
  assert.deepEqual(categoriesByMetric(['a', 'b'], [NaN, 1], 'max'), ['a', 'b']);
});
