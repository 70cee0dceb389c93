// Source nodes of the Runs view: one per lightning_logs folder, HF output dirs under a shared parent.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { corpusDir } from '../../helpers/corpus';
import { discoverRoots } from '../../../src/core/index/discover';
import { groupSources } from '../../../src/core/runs/source-groups';
import { hfTrainerReader } from '../../../src/core/sources/hf-trainer/reader';
import { lightningCsvReader } from '../../../src/core/sources/lightning-csv/reader';
import type { RunInfo, SourceFormat } from '../../../src/core/model';

const run = (format: SourceFormat, root: string, id = path.basename(root)) => ({ format, root, id });

test('every version_N of a Lightning logger folder sits under one source, roots in natural order', () => {
  const runs = [10, 2, 1, 0].map((n) => run('lightning-csv', `/w/lightning_logs/version_${n}`));
  runs.push(run('lightning-csv', '/w/other/lightning_logs/version_0'));
  const groups = groupSources(runs);
  assert.deepEqual(
    groups.map((g) => [g.root, g.roots.map((r) => path.basename(r)), g.runs.length]),
    [
      ['/w/lightning_logs', ['version_0', 'version_1', 'version_2', 'version_10'], 4],
      ['/w/other/lightning_logs', ['version_0'], 1],
    ],
  );
});

test('HF output dirs that share a parent sit under it; a lone one stays its own source; other formats keep their root', () => {
  const groups = groupSources([
    run('hf-trainer', '/w/sweep/lr1e-5'),
    run('mlflow-file', '/w/mlruns', 'a'),
    run('hf-trainer', '/w/sweep/lr3e-5'),
    run('mlflow-file', '/w/mlruns', 'b'),
    run('hf-trainer', '/w/single/out'),
    // same parent folder, other format: not merged with the Trainer runs
    run('tensorboard', '/w/sweep', 'tb'),
  ]);
  assert.deepEqual(
    groups.map((g) => [g.format, g.root, g.runs.map((r) => r.id)]),
    [
      ['hf-trainer', '/w/sweep', ['lr1e-5', 'lr3e-5']],
      ['mlflow-file', '/w/mlruns', ['a', 'b']],
      ['hf-trainer', '/w/single/out', ['out']],
      ['tensorboard', '/w/sweep', ['tb']],
    ],
  );
});

test('the corpus: one source per lightning_logs folder (13 versions in one), the three Trainer outputs under their shared parent', { skip: !corpusDir() && 'corpus absent' }, async () => {
  const corpus = corpusDir()!;
  const readers = [hfTrainerReader, lightningCsvReader];
  const roots = await discoverRoots([corpus], { readers });
  const runs: RunInfo[] = [];
  for (const root of roots) runs.push(...(await readers.find((r) => r.format === root.format)!.listRuns(root)).runs);
  const groups = groupSources(runs);
  const lightning = groups.filter((g) => g.format === 'lightning-csv');
  // one node per logger folder, not one per version
  assert.equal(new Set(lightning.map((g) => g.root)).size, lightning.length);
  for (const g of lightning) assert.equal(path.basename(g.root), 'lightning_logs');
  const slm = lightning.find((g) => g.root === path.join(corpus, '0Xero7__slm_training', 'lightning_logs'))!;
  assert.equal(slm.runs.length, 13);
  const names = slm.roots.map((r) => path.basename(r));
  assert.deepEqual(names, Array.from({ length: 13 }, (_, i) => `version_${i}`));
  assert.ok(lightning.length < runs.filter((r) => r.format === 'lightning-csv').length);
  const hf = groups.filter((g) => g.format === 'hf-trainer');
  assert.deepEqual(hf.map((g) => [g.root, g.runs.length]), [[corpus, 3]]);
});
