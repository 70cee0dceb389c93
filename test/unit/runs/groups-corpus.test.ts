// Group detection on real folders of the corpus (skipped when the corpus is absent).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { indexPaths } from '../../../src/cli/index-paths';
import { groupParams, groupRuns, replicateParams } from '../../../src/core/runs/groups';
import { corpusFolder } from '../../helpers/corpus';

test('corpus: a W&B sweep over optimizers is seven configurations, not one', { timeout: 120_000 }, async (t) => {
  const dir = corpusFolder('1010sb__ImageClass');
  if (!dir) return t.skip('corpus not present');
  const { runs } = await indexPaths([dir]);
  assert.equal(runs.length, 7);
  assert.ok(!replicateParams(runs).has('optimizer'));
  assert.deepEqual(groupRuns(runs, groupParams(runs)).map((g) => g.members.length), [1, 1, 1, 1, 1, 1, 1]);
});

test('corpus: Lightning versions of one script group by their hparams', { timeout: 120_000 }, async (t) => {
  const dir = corpusFolder('0Xero7__slm_training');
  if (!dir) return t.skip('corpus not present');
  const { runs } = await indexPaths([dir]);
  const groups = groupRuns(runs, groupParams(runs));
  assert.equal(runs.length, 13);
  // version_0 and version_1 share every hparam (lr 2.36e-4, 10 epochs): one configuration
  const first = groups.find((g) => g.members.some((r) => r.name === 'version_0'))!;
  assert.ok(first.members.some((r) => r.name === 'version_1'));
  assert.equal(groups.reduce((a, g) => a + g.members.length, 0), 13);
});
