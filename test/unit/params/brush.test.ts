import assert from 'node:assert/strict';
import { test } from 'node:test';
import { buildAxis } from '../../../src/core/params/axis';
import { addRange, brushedMask, MISSING_CATEGORY, NONFINITE_CATEGORY, removeRangeAt, toggleCategory, type Brushes } from '../../../src/core/params/brush';

const lr = buildAxis({ id: 'lr', scale: 'linear' }, [0, 1, 2, 3, 4, null]); // positions 0, .25, .5, .75, 1, ∅
const opt = buildAxis({ id: 'opt', scale: 'categorical' }, ['adam', 'sgd', 'adam', 'rms', 'sgd', 'adam']); // adam 0, rms .5, sgd 1
const mask = (b: Brushes) => Array.from(brushedMask([lr, opt], b, 6));

test('no brush: every run is in', () => {
  assert.deepEqual(mask({}), [1, 1, 1, 1, 1, 1]);
});

test('ranges on one axis are OR-ed; overlapping ranges merge', () => {
  let b = addRange({}, 'lr', [0, 0.3]);
  b = addRange(b, 'lr', [1, 0.7]);
  assert.deepEqual(mask(b), [1, 1, 0, 1, 1, 0]);
  assert.deepEqual(addRange(b, 'lr', [0.2, 0.8]).lr.ranges, [[0, 1]]);
  // a click inside a range removes it
  assert.deepEqual(mask(removeRangeAt(b, 'lr', 0.1)), [0, 0, 0, 1, 1, 0]);
  assert.deepEqual(removeRangeAt(removeRangeAt(b, 'lr', 0.1), 'lr', 0.8), {});
});

test('axes are AND-ed; categories toggle; the ∅ lane can be picked', () => {
  let b = addRange({}, 'lr', [0, 0.6]);
  b = toggleCategory(b, 'opt', 'adam');
  assert.deepEqual(mask(b), [1, 0, 1, 0, 0, 0]);
  b = toggleCategory(b, 'opt', 'sgd');
  assert.deepEqual(mask(b), [1, 1, 1, 0, 0, 0]);
  assert.deepEqual(mask(toggleCategory(b, 'opt', 'sgd')), [1, 0, 1, 0, 0, 0]);
  assert.deepEqual(mask(toggleCategory({}, 'lr', MISSING_CATEGORY)), [0, 0, 0, 0, 0, 1]);
  assert.deepEqual(toggleCategory(toggleCategory({}, 'opt', 'adam'), 'opt', 'adam'), {});
});

test('a flipped categorical axis still matches its categories; NaN/∞ lane; a brush on a removed axis is ignored', () => {
  const flipped = buildAxis({ id: 'opt', scale: 'categorical', flip: true }, ['adam', 'sgd', 'rms']);
  assert.deepEqual(Array.from(brushedMask([flipped], toggleCategory({}, 'opt', 'sgd'), 3)), [0, 1, 0]);
  const f1 = buildAxis({ id: 'f1', scale: 'linear' }, [0.5, NaN, 0.7]);
  assert.deepEqual(Array.from(brushedMask([f1], toggleCategory({}, 'f1', NONFINITE_CATEGORY), 3)), [0, 1, 0]);
  assert.deepEqual(Array.from(brushedMask([f1], addRange({}, 'gone', [0, 0.1]), 3)), [1, 1, 1]);
});
