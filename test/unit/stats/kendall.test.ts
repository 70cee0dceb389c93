// Kendall's τ-b against scipy.stats.kendalltau (python3-scipy; skips without it) on random samples with and
// without ties, plus hand-checked cases.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { test } from 'node:test';
import { kendallTauB } from '../../../src/core/stats';
import { gaussian, prng } from '../../../src/core/util/prng';

const hasScipy = spawnSync('python3', ['-c', 'import scipy'], { stdio: 'ignore' }).status === 0;

test('hand-checked τ-b: perfect, reversed, ties, constant', () => {
  assert.equal(kendallTauB([1, 2, 3, 4], [10, 20, 30, 40]), 1);
  assert.equal(kendallTauB([1, 2, 3, 4], [4, 3, 2, 1]), -1);
  // x ties one pair: C = 5, D = 0, tx = 1, ty = 0 → 5 / √(6·5)
  assert.ok(Math.abs(kendallTauB([1, 1, 2, 3], [1, 2, 3, 4]) - 5 / Math.sqrt(30)) < 1e-15);
  assert.ok(Number.isNaN(kendallTauB([1, 1, 1], [1, 2, 3])));
  assert.ok(Number.isNaN(kendallTauB([1], [1])));
});

test('agrees with scipy.stats.kendalltau (τ-b) to 1e-12', { skip: !hasScipy && 'scipy not installed' }, () => {
  const rand = prng(140214);
  const cases: [number[], number[]][] = [];
  for (let k = 0; k < 30; k++) {
    const n = 3 + Math.floor(rand() * 60);
    const ties = k % 3 === 0; // rounded values: many ties in both variables
    const x = Array.from({ length: n }, () => gaussian(rand));
    const y = x.map((v) => v * (rand() * 2 - 0.5) + gaussian(rand));
    cases.push(ties ? [x.map((v) => Math.round(v * 2) / 2), y.map((v) => Math.round(v))] : [x, y]);
  }
  const py = 'import json,sys\nfrom scipy import stats\nprint(json.dumps([float(stats.kendalltau(a,b).statistic) for a,b in json.load(sys.stdin)]))';
  const res = spawnSync('python3', ['-c', py], { input: JSON.stringify(cases), encoding: 'utf8' });
  assert.equal(res.status, 0, res.stderr);
  const expected: number[] = JSON.parse(res.stdout);
  cases.forEach(([x, y], i) => assert.ok(Math.abs(kendallTauB(x, y) - expected[i]) < 1e-12, `case ${i}: ${kendallTauB(x, y)} vs ${expected[i]}`));
});
