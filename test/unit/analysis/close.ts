// Float comparison for hand-computed expectations; NaN equals NaN, infinities must match exactly.
import assert from 'node:assert/strict';

export function assertClose(actual: ArrayLike<number>, expected: ArrayLike<number>, tol = 1e-9, what = ''): void {
  assert.equal(actual.length, expected.length, `${what} length`);
  for (let i = 0; i < expected.length; i++) {
    const a = actual[i];
    const e = expected[i];
    if (Number.isNaN(e)) assert.ok(Number.isNaN(a), `${what}[${i}]: expected NaN, got ${a}`);
    else if (!Number.isFinite(e)) assert.equal(a, e, `${what}[${i}]`);
    else assert.ok(Math.abs(a - e) <= tol * Math.max(1, Math.abs(e)), `${what}[${i}]: expected ${e}, got ${a}`);
  }
}

export function assertNum(actual: number, expected: number, tol = 1e-9, what = ''): void {
  assertClose([actual], [expected], tol, what);
}
