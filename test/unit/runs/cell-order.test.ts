// Sorting table cells: numbers by value whatever their spelling, NaN after numbers, text after that, empty cells
// last in both directions; stable; "only columns that differ" compares numbers by value and NaN with NaN.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { allSame, sortedIndexes } from '../../../src/core/runs/cell-order';

const cells = ['0.0001', 3e-5, null, NaN, 'adam', 2, '', Infinity, -Infinity, 2];

test('ascending: -inf, numbers by value (text numbers included), inf, NaN, text, then empty cells', () => {
  assert.deepEqual(sortedIndexes(cells, false), [8, 1, 0, 5, 9, 7, 3, 4, 2, 6]);
});

test('descending reverses everything but keeps empty cells last; equal cells keep their order', () => {
  assert.deepEqual(sortedIndexes(cells, true), [4, 3, 7, 5, 9, 0, 1, 8, 2, 6]);
});

test('a subset of rows is sorted on its own', () => {
  assert.deepEqual(sortedIndexes(cells, false, [0, 1, 2]), [1, 0, 2]);
});

test('allSame: NaN equals NaN, a value and an empty cell differ, one row is always the same', () => {
  assert.equal(allSame([NaN, NaN]), true);
  assert.equal(allSame([1, null]), false);
  assert.equal(allSame(['a', 'a', 'a']), true);
  assert.equal(allSame([0.5]), true);
  assert.equal(allSame([1, 2]), false);
});
