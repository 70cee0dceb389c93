import { test } from 'node:test';
import { finiteRange, outlierRange } from '../../../src/core/analysis';
import { assertClose } from './close';

const pair = (r: { min: number; max: number }) => [r.min, r.max];

test('a far spike is left out of the range (Tukey fences, hand-computed)', () => {
  // Q1 = 2, Q3 = 4, IQR = 2, fences −1 .. 7
  assertClose(pair(outlierRange([100, 1, 2, 3, 4])), [1, 4]);
  // a wider k keeps it: k = 50 puts the upper fence at 4 + 50·2 = 104
  assertClose(pair(outlierRange([100, 1, 2, 3, 4], { k: 50 })), [1, 100]);
});

test('NaN and infinities never count; several series share one range', () => {
  // finite [1,2,3,4]: Q1 1.75, Q3 3.25, fences −0.5 .. 5.5
  assertClose(pair(outlierRange([NaN, Infinity, 1, 2, 3, 4, -Infinity])), [1, 4]);
  assertClose(pair(outlierRange([Float64Array.of(1, 2), [3, 4, 100]])), [1, 4]);
});

test('tiny, constant and empty inputs', () => {
  assertClose(pair(outlierRange([])), [NaN, NaN]);
  assertClose(pair(outlierRange([NaN, Infinity])), [NaN, NaN]);
  assertClose(pair(outlierRange([5])), [5, 5]);
  assertClose(pair(outlierRange([5, 1000])), [5, 1000]);
  assertClose(pair(outlierRange([3, 3, 3, 3, 3, 3])), [3, 3]);
  // zero IQR: nothing can be judged far, so the full range
  assertClose(pair(outlierRange([3, 3, 3, 3, 3, 100])), [3, 100]);
});

test('log axis: quartiles in log space, only positive values', () => {
  // log10: −3, −2, −1, 0, 1, 9 → Q1 −1.75, Q3 0.75, IQR 2.5, fences −5.5 .. 4.5
  const v = [0.001, 0.01, 0.1, 1, 10, 1e9, -5, 0];
  assertClose(pair(outlierRange(v, { log: true })), [0.001, 10], 0);
  assertClose(pair(finiteRange(v, true)), [0.001, 1e9]);
  assertClose(pair(finiteRange(v)), [-5, 1e9]);
});
