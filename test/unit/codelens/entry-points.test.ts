import assert from 'node:assert/strict';
import { test } from 'node:test';
import { bestLocalFile, commonSuffixLength, entryPointMatches, runsOfFile } from '../../../src/host/codelens/entry-points';

test('common suffix counts whole path segments, across separators', () => {
  assert.equal(commonSuffixLength('/a/b/train.py', '/x/b/train.py'), 2);
  assert.equal(commonSuffixLength('C:\\work\\b\\train.py', '/home/u/b/train.py'), 2);
  assert.equal(commonSuffixLength('train.py', '/x/eval.py'), 0);
  assert.equal(commonSuffixLength('./train.py', '/x/train.py'), 1);
});

test('an entry point matches when all its segments do, or the file and its folder do', () => {
  assert.ok(entryPointMatches('train.py', '/ws/project/train.py'));
  assert.ok(entryPointMatches('src/train.py', '/ws/src/train.py'));
  assert.ok(!entryPointMatches('src/train.py', '/ws/other/train.py'));
  assert.ok(entryPointMatches('/cluster/home/alice/project/train.py', '/laptop/ws/project/train.py'));
  assert.ok(!entryPointMatches('/cluster/home/alice/other/train.py', '/laptop/ws/project/train.py'), 'same name in another folder');
  assert.ok(!entryPointMatches('', '/ws/train.py'));
  assert.ok(!entryPointMatches('train.py', '/ws/mytrain.py'));
});

test('runsOfFile keeps runs whose entry point names the file', () => {
  const runs = [{ entryPoint: 'train.py', id: 1 }, { entryPoint: 'eval.py', id: 2 }, { id: 3 }, { entryPoint: '/c/proj/train.py', id: 4 }];
  assert.deepEqual(runsOfFile(runs, '/ws/proj/train.py').map((r) => r.id), [1, 4]);
});

test('bestLocalFile: longest suffix, then nearest to the run, then shallowest', () => {
  const files = ['/ws/train.py', '/ws/project/train.py', '/ws/other/deep/train.py'];
  assert.equal(bestLocalFile('train.py', '/ws/mlruns/0/abc', files), '/ws/train.py');
  assert.equal(bestLocalFile('train.py', '/ws/project/mlruns/1/abc', files), '/ws/project/train.py');
  assert.equal(bestLocalFile('/cluster/u/project/train.py', '/ws/mlruns/0/abc', files), '/ws/project/train.py');
  assert.equal(bestLocalFile('train.py', '/ws/mlflow.db', files), '/ws/train.py');
  assert.equal(bestLocalFile('eval.py', '/ws/mlruns', files), undefined);
});
