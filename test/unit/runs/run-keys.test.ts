import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { portableKeyLookup, portableRoot, portableRunKey, resolveRunKeys, toPortableKeys } from '../../../src/core/runs/run-keys';
import { runKey, type SourceFormat } from '../../../src/core/model';

const run = (format: SourceFormat, root: string, id: string) => ({ format, root, id, key: runKey({ format, root, id }) });

test('a run key relative to the workspace folder resolves after the workspace moves', () => {
  const old = path.join(path.sep, 'home', 'ana', 'proj');
  const moved = path.join(path.sep, 'srv', 'clone', 'proj');
  const before = run('lightning-csv', path.join(old, 'lightning_logs', 'version_3'), 'version_3');
  const stored = portableRunKey(before, [old]);
  assert.equal(stored, 'lightning-csv|./lightning_logs/version_3|version_3');
  const after = [run('lightning-csv', path.join(moved, 'lightning_logs', 'version_3'), 'version_3'), run('mlflow-file', path.join(moved, 'mlruns'), 'abc')];
  const res = resolveRunKeys([stored, 'mlflow-file|./mlruns|abc', 'mlflow-file|./mlruns|gone'], portableKeyLookup(after, [moved]));
  assert.deepEqual(res.keys, [after[0].key, after[1].key]);
  assert.deepEqual(res.missing, ['mlflow-file|./mlruns|gone']);
});

test('roots: the workspace folder itself is ".", a root outside every folder stays absolute, older absolute keys still resolve', () => {
  const ws = path.join(path.sep, 'w');
  assert.equal(portableRoot(ws, [ws]), '.');
  assert.equal(portableRoot(path.join(path.sep, 'elsewhere', 'mlruns'), [ws]), path.join(path.sep, 'elsewhere', 'mlruns'));
  // a sibling whose name starts with the folder's is not inside it
  assert.equal(portableRoot(path.join(path.sep, 'w2', 'mlruns'), [ws]), path.join(path.sep, 'w2', 'mlruns'));
  assert.equal(portableRoot(path.join(ws, 'b', 'mlruns'), [path.join(path.sep, 'a'), ws]), './b/mlruns');
  const r = run('aim', path.join(ws, '.aim'), 'h1');
  assert.deepEqual(resolveRunKeys([r.key, r.key, portableRunKey(r, [ws])], portableKeyLookup([r], [ws])).keys, [r.key]);
});

test('saved keys round-trip through their portable form; unknown keys pass through', () => {
  const ws = path.join(path.sep, 'a', 'ws');
  const moved = path.join(path.sep, 'b', 'ws');
  const runs = [run('mlflow-file', path.join(ws, 'mlruns'), 'r1'), run('aim', path.join(ws, '.aim'), 'h')];
  const stored = toPortableKeys([runs[1].key, 'x|y|z'], runs, [ws]);
  assert.deepEqual(stored, ['aim|./.aim|h', 'x|y|z']);
  const movedRuns = [run('aim', path.join(moved, '.aim'), 'h')];
  assert.deepEqual(resolveRunKeys(stored, portableKeyLookup(movedRuns, [moved])).keys, [movedRuns[0].key]);
});
