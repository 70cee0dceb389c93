// Verdict wording and small-n labelling (decisions.md §2.5).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { bootstrapDiffCi, comparePair, comparePairs, holm, seedsToDetect } from '../../../src/core/stats';

const A5 = [0.812, 0.809, 0.815, 0.811, 0.818];
const B5 = [0.805, 0.807, 0.804, 0.81, 0.806];

test('G1: A better, with Holm-free p, percentage points and the Welch CI', () => {
  const c = comparePair(A5, B5);
  assert.equal(c.verdict.code, 'a-better');
  assert.equal(c.verdict.text, 'A better (p = 0.010, +0.7 points, CI [0.2, 1.1])');
  assert.ok(c.asoAB && c.asoAB.epsMin < 0.2, 'ASO computed at n = 5 and agrees');
  assert.equal(c.paired, undefined, 'no paired test unless the seeds are marked as shared');
});

test('swapped groups give b-better with a minus sign', () => {
  const c = comparePair(B5, A5);
  assert.equal(c.verdict.code, 'b-better');
  assert.match(c.verdict.text, /^B better \(p = 0\.010, −0\.7 points, CI \[-1\.1, -0\.2\]\)$/);
});

test('G2 (n = 3): within seed noise; no ASO below n = 5; bootstrap labelled unreliable', () => {
  const c = comparePair([71.2, 69.8, 72.5], [70.1, 70.4, 69.9]);
  assert.deepEqual(c.verdict, { code: 'within-noise', text: 'within seed noise' });
  assert.equal(c.asoAB, undefined);
  assert.equal(c.bootstrap?.reliable, false);
  assert.equal(c.bootstrap?.resamples, 10000);
});

test('a difference larger than the seed spread but not significant is inconclusive, with N from Hedges g', () => {
  const a = [1.0, 3.0, 2.2];
  const b = [0.1, 1.5, 0.2];
  const c = comparePair(a, b);
  assert.equal(c.verdict.code, 'inconclusive');
  const n = Math.max(seedsToDetect(c.hedgesG!), 4);
  assert.equal(c.verdict.seedsNeeded, n);
  assert.equal(c.verdict.text, `inconclusive: about ${n} seeds per group would resolve a difference this size`);
});

test('seedsToDetect is 2(z.975 + z.8)²/g² rounded up (≈ 15.7/g²)', () => {
  assert.equal(seedsToDetect(1), 16);
  assert.equal(seedsToDetect(0.5), 63);
  assert.equal(seedsToDetect(2), 4);
});

test('too few seeds below n = 2 in either group', () => {
  const c = comparePair([0.8], [0.7, 0.71]);
  assert.equal(c.verdict.code, 'too-few-seeds');
  assert.equal(c.verdict.text, 'too few seeds (n = 1 vs 2; need at least 2 per group)');
  assert.equal(c.welch, undefined);
  assert.equal(comparePair([], []).verdict.code, 'too-few-seeds');
});

test('paired option adds paired t and the exact sign-flip test when the seeds match', () => {
  const c = comparePair(A5, B5, { paired: true });
  assert.ok(c.paired && Math.abs(c.paired.pTwoSided - 0.04264088693947224) < 1e-10);
  assert.equal(c.signFlip?.pTwoSided, 0.0625);
  assert.equal(comparePair(A5, B5.slice(0, 4), { paired: true }).paired, undefined);
});

test('Holm: step-down adjusted p in input order, monotone, capped at 1; NaN passed through', () => {
  assert.deepEqual(holm([0.01, 0.04, 0.03, NaN]), [0.03, 0.06, 0.06, NaN]);
  assert.deepEqual(holm([0.5, 0.6]), [1, 1]);
});

test('comparePairs applies Holm across the pairs before the verdict', () => {
  const alone = comparePair(A5, B5);
  const noise = [0, 0.1, 0.2, 0.3].map((d) => ({ a: [1, 2, 3], b: [1.1 + d, 2.1, 2.9] }));
  const three = comparePairs([{ a: A5, b: B5 }, ...noise.slice(0, 2)]);
  assert.ok(Math.abs(three[0].pAdjusted! - 3 * alone.welch!.pTwoSided) < 1e-12);
  assert.equal(three[0].verdict.code, 'a-better', '3 × 0.0103 = 0.031 is still below 0.05');
  assert.match(three[0].verdict.text, /^A better \(p = 0\.031,/);
  const five = comparePairs([{ a: A5, b: B5 }, ...noise]);
  assert.equal(five[0].verdict.code, 'inconclusive', '5 × 0.0103 = 0.052 is no longer significant after Holm');
  // ASO's bound widens with the Bonferroni-adjusted α = 0.05/5.
  assert.ok(five[0].asoAB!.epsMin > alone.asoAB!.epsMin);
  assert.equal(five[0].asoAB!.violationRatio, alone.asoAB!.violationRatio);
});

test('bootstrap CI is reproducible from its seed, differs with another seed, reliable from n = 5', () => {
  const x = bootstrapDiffCi(A5, B5, 7);
  assert.deepEqual(bootstrapDiffCi(A5, B5, 7), x);
  assert.notDeepEqual(bootstrapDiffCi(A5, B5, 8).ci95, x.ci95);
  assert.equal(x.reliable, true);
  assert.ok(x.ci95[0] > 0 && x.ci95[1] < 0.012 && x.ci95[0] < x.ci95[1]);
  assert.equal(bootstrapDiffCi([1, 2, 3, 4], [1, 2, 3, 4, 5]).reliable, false);
});
