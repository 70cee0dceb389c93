import assert from 'node:assert/strict';
import { test } from 'node:test';
import { axisTicks, buildAxis, formatNumber, MISSING_LANE, NONFINITE_LANE, valueAtPosition } from '../../../src/core/params/axis';

const close = (a: number, b: number) => assert.ok(Math.abs(a - b) < 1e-6, `${a} ≈ ${b}`);

test('linear axis: positions over [min, max]; missing to the ∅ lane, NaN/±inf to their marker, with counts', () => {
  const a = buildAxis({ id: 'f1', scale: 'linear' }, [0.5, 1, null, NaN, Infinity, -Infinity, 0.75]);
  assert.deepEqual(a.domain, [0.5, 1]);
  assert.deepEqual(Array.from(a.positions), [0, 1, MISSING_LANE, NONFINITE_LANE, NONFINITE_LANE, NONFINITE_LANE, 0.5]);
  assert.equal(a.missing, 1);
  assert.deepEqual(a.nonFinite, { nan: 1, posInf: 1, negInf: 1 });
});

test('a missing value is never placed at an end of the range (MLflow draws it at max + 0.01)', () => {
  const a = buildAxis({ id: 'loss', scale: 'linear' }, [1, 2, null]);
  assert.equal(a.positions[2], MISSING_LANE);
  assert.ok(a.positions[2] < 0);
});

test('log axis: decades evenly spaced; a zero cannot be placed and counts as NaN', () => {
  const a = buildAxis({ id: 'lr', scale: 'log' }, [1e-5, 1e-4, 1e-3, 0]);
  close(a.positions[1], 0.5);
  assert.equal(a.positions[3], NONFINITE_LANE);
  assert.equal(a.nonFinite.nan, 1);
  close(valueAtPosition(0.5, a.domain, true), 1e-4);
  assert.deepEqual(axisTicks(a).map((t) => t.label), ['1e-5', '2e-5', '5e-5', '1e-4', '2e-4', '5e-4', '0.001']);
});

test('flip puts the highest value at the bottom; a one-value axis sits in the middle', () => {
  const a = buildAxis({ id: 'x', scale: 'linear', flip: true }, [0, 10]);
  assert.deepEqual(Array.from(a.positions), [1, 0]);
  assert.deepEqual(Array.from(buildAxis({ id: 'x', scale: 'linear' }, [3, 3]).positions), [0.5, 0.5]);
});

test('categorical axis: evenly spaced in the given order; unknown categories appended; missing to ∅', () => {
  const a = buildAxis({ id: 'opt', scale: 'categorical', categories: ['sgd', 'adam'] }, ['adam', 'sgd', 'rms', null]);
  assert.deepEqual(a.categories, ['sgd', 'adam', 'rms']);
  assert.deepEqual(Array.from(a.positions), [0.5, 0, 1, MISSING_LANE]);
  assert.equal(a.missing, 1);
  assert.deepEqual(axisTicks(a).map((t) => [t.position, t.label]), [[0, 'sgd'], [0.5, 'adam'], [1, 'rms']]);
});

test('linear ticks are round numbers inside the range; number text is compact', () => {
  const a = buildAxis({ id: 'f1', scale: 'linear' }, [0.71, 0.93]);
  assert.deepEqual(axisTicks(a).map((t) => t.label), ['0.75', '0.8', '0.85', '0.9']);
  assert.equal(formatNumber(3e-5), '3e-5');
  assert.equal(formatNumber(0.91234), '0.9123');
  assert.equal(formatNumber(Infinity), '∞');
});

test('a group mean is placed on the axis its runs built; text not on the axis goes to ∅', async () => {
  const { positionOnAxis } = await import('../../../src/core/params/axis');
  const a = buildAxis({ id: 'f1', scale: 'linear' }, [0, 10]);
  close(positionOnAxis(a, 2.5), 0.25);
  assert.equal(positionOnAxis(a, null), MISSING_LANE);
  assert.equal(positionOnAxis(a, NaN), NONFINITE_LANE);
  const c = buildAxis({ id: 'o', scale: 'categorical' }, ['a', 'b']);
  assert.equal(positionOnAxis(c, 'b'), 1);
  assert.equal(positionOnAxis(c, 'z'), MISSING_LANE);
});
