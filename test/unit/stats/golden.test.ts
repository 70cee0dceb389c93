// Every statistic against /work/shared/specs/stats-golden.json (values copied in below from
// decisions.md §2.6; computed there with numpy/scipy, rliable's and deepsig's published examples).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  aso,
  asoUncertaintyReduction,
  cohensD,
  describe,
  exactBootstrapMeans,
  hedgesG,
  iqm,
  mannWhitney,
  pairedT,
  percentileSorted,
  permutationExact,
  probabilityOfImprovement,
  signFlip,
  student,
  violationRatio,
  welch,
} from '../../../src/core/stats';

function near(actual: number | undefined, expected: number, tol = 1e-12, what = ''): void {
  assert.ok(actual !== undefined && Math.abs(actual - expected) <= tol * Math.max(1, Math.abs(expected)), `${what}: ${actual} vs ${expected}`);
}

const A5 = [0.812, 0.809, 0.815, 0.811, 0.818];
const B5 = [0.805, 0.807, 0.804, 0.81, 0.806];
const A3 = [71.2, 69.8, 72.5];
const B3 = [70.1, 70.4, 69.9];

test('G1 Welch t, df, p and 95 % CI of the difference', () => {
  const w = welch(A5, B5);
  near(w.t, 3.497993004020991, 1e-12, 't');
  near(w.df, 6.875122057068523, 1e-12, 'df');
  near(w.pTwoSided, 0.010314118295237429, 1e-10, 'p2');
  near(w.pGreater, 0.005157059147618714, 1e-10, 'p1');
  near(w.ci95[0], 0.002121955197616713, 1e-10, 'lo');
  near(w.ci95[1], 0.011078044802383166, 1e-10, 'hi');
});

test('G1 paired t, exact sign-flip and exact unpaired permutation', () => {
  const p = pairedT(A5, B5);
  near(p.t, 2.9340578815309666, 1e-12, 't');
  assert.equal(p.df, 4);
  near(p.pTwoSided, 0.04264088693947224, 1e-10, 'p2');
  const s = signFlip(A5, B5);
  assert.deepEqual([s.nPerm, s.exact], [32, true]);
  near(s.pGreater, 0.03125);
  near(s.pTwoSided, 0.0625);
  const u = permutationExact(A5, B5)!;
  assert.equal(u.nPerm, 252);
  near(u.pGreater, 0.007936507936507936);
  near(u.pTwoSided, 0.015873015873015872);
});

test('G1 Mann–Whitney U, exact p, P(A > B); Cohen d, Hedges g', () => {
  const m = mannWhitney(A5, B5);
  assert.equal(m.u, 24);
  near(m.pGreater, 0.007936507936507936);
  near(m.probAGreater, 0.96);
  near(cohensD(A5, B5), 2.212325026408172, 1e-12);
  near(hedgesG(A5, B5), 1.9982290561106069, 1e-12);
});

test('G1 group summary: mean, median, sd (n − 1), IQM, min, max, values', () => {
  const a = describe(A5);
  near(a.mean, 0.813);
  near(a.median, 0.812);
  near(a.sd, 0.0035355339059326856, 1e-12);
  near(a.iqm, 0.8126666666666668);
  near(describe(B5).iqm, 0.806);
  assert.deepEqual([a.n, a.min, a.max, a.values], [5, 0.809, 0.818, A5]);
});

test('G2 (n = 3): Welch, Student, paired, Mann–Whitney', () => {
  const w = welch(A3, B3);
  near(w.t, 1.3030271902985118, 1e-12, 't');
  near(w.df, 2.1387722402109697, 1e-12, 'df');
  near(w.pTwoSided, 0.31516235527801584, 1e-10, 'p');
  near(w.diff, 1.0333333333333314, 1e-12);
  near(student(A3, B3).pTwoSided, 0.262512480219021, 1e-10, 'student');
  near(pairedT(A3, B3).pTwoSided, 0.3798759627875968, 1e-10, 'paired');
  const m = mannWhitney(A3, B3);
  assert.equal(m.u, 6);
  near(m.pGreater, 0.35);
  near(describe(A3).sd, 1.350308606701941, 1e-12);
  near(describe(B3).sd, 0.2516611478423591, 1e-12);
});

test('G3/G4 IQM (trim 25 % each side, over all runs × tasks) and rliable POI', () => {
  near(iqm([1, 2, 3, 4, 5, 6, 7, 8, 9, 100]), 5.5);
  const x = [[1, 2], [2, 2], [1, 1], [2, 1]];
  const y = [[1, 1], [2, 2], [3, 3]];
  near(iqm(x.flat()), 1.5);
  near(iqm(y.flat()), 2);
  near(probabilityOfImprovement(x, y), 1 / 3);
  near(probabilityOfImprovement(x, x), 0.5);
});

test('G5 exact bootstrap of n = 3: 27 means, linear percentiles, SE = plug-in sd', () => {
  const means = exactBootstrapMeans([0.7, 0.72, 0.8]);
  assert.equal(means.length, 27);
  near(percentileSorted(means, 2.5), 0.7043333333333333, 1e-12);
  near(percentileSorted(means, 97.5), 0.7826666666666667, 1e-12);
  const mu = means.reduce((s, v) => s + v, 0) / 27;
  near(Math.sqrt(means.reduce((s, v) => s + (v - mu) ** 2, 0) / 27), 0.024944382578492977, 1e-12);
});

test('minimum achievable exact p-values (sign-flip 1/2ⁿ, unpaired 1/C(2n, n))', () => {
  for (const n of [3, 4, 5, 6, 7, 8]) {
    const a = Array.from({ length: n }, (_, i) => 10 + i);
    const b = a.map((v) => v - 100);
    near(signFlip(a, b).pGreater, 1 / 2 ** n, 1e-12, `signflip ${n}`);
    near(signFlip(a, b).pTwoSided, 2 / 2 ** n, 1e-12, `signflip2 ${n}`);
    const c = Math.round([...Array(n).keys()].reduce((r, i) => (r * (2 * n - i)) / (i + 1), 1));
    near(permutationExact(a, b)!.pGreater, 1 / c, 1e-12, `perm ${n}`);
  }
  near(permutationExact([0, 1, 2, 3, 4], [10, 11, 12, 13, 14].map((v) => v - 20))!.pGreater, 0.003968253968253968, 1e-12);
});

test('G6 ASO: deterministic violation ratios exactly, ε_min of deepsig README scenario 1 within bootstrap noise', () => {
  near(violationRatio([1, 2, 3, 4, 5], [0, 1, 2, 3, 4]), 0);
  near(violationRatio([0, 1, 2, 3, 4], [1, 2, 3, 4, 5]), 0.9949748743718592, 1e-12);
  near(violationRatio([0.9, 0.8, 0.85], [0.7, 0.95, 0.75]), 0.11036789297658828, 1e-12);
  near(violationRatio([0.7, 0.95, 0.75], [0.9, 0.8, 0.85]), 0.8829431438127094, 1e-12);
  near(violationRatio([1, 2, 3], [1, 2, 3]), 0.5);
  near(violationRatio([2, 2, 2], [1, 1, 1]), 0);
  near(violationRatio([1, 1, 1], [2, 2, 2]), 0.9949748743718592, 1e-12);
  const A = [1.2771481309859944, -0.0527805557651716, 2.046165574740878, 0.6498784831266298, 0.32352901330799066];
  const B = [0.8871629403077386, 0.8595884137174165, -0.6365235044173491, 0.015696372114428918, -2.2426849541854055];
  const r = aso(A, B, { seed: 1234 });
  assert.equal(r.violationRatio, 0);
  // deepsig: σ̂ = 0.21617, ε_min = 0.22488 with numpy's stream; ours draws from mulberry32.
  near(r.sigmaHat, 0.21617016026180524, 0.03, 'sigma');
  near(r.epsMin, 0.22488112073395775, 0.03, 'epsMin');
  assert.deepEqual(aso(A, B, { seed: 1234 }), r, 'same seed, same result');
  near(asoUncertaintyReduction(5, 3, 5, 5), 1.1547005383792515, 1e-12);
  near(asoUncertaintyReduction(5, 3, 7, 3), 1.0583005244258363, 1e-12);
});
