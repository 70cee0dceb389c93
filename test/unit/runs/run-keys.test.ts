import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { portableKeyLookup, portableRoot, portableRunKey, portableView, resolvedView, resolveRunKeys, toPortableKeys } from '../../../src/core/runs/run-keys';
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

test('a saved view survives moving the workspace: stored portable, resolved to the moved runs', () => {
  const at = (base: string, id: string) => ({ key: `mlflow-file|${base}/mlruns|${id}`, format: 'mlflow-file' as const, root: `${base}/mlruns`, id });
  const before = [at('/home/a/proj', 'r1'), at('/home/a/proj', 'r2'), at('/home/a/proj', 'r3')];
  const view = { runKeys: [before[0]!.key, before[2]!.key], hiddenRuns: [before[2]!.key], colorBy: 'param:lr' };
  const stored = portableView(view, before, ['/home/a/proj']);
  assert.deepEqual(stored.runKeys, ['mlflow-file|./mlruns|r1', 'mlflow-file|./mlruns|r3']);
  assert.equal(stored.colorBy, 'param:lr', 'the rest of the view is kept');
  // Re-cloned elsewhere: the index keys are new, the view still names the same runs.
  const after = [at('/scratch/b/clone', 'r1'), at('/scratch/b/clone', 'r2'), at('/scratch/b/clone', 'r3')];
  const back = resolvedView(stored, after, ['/scratch/b/clone']);
  assert.deepEqual(back.runKeys, [after[0]!.key, after[2]!.key]);
  assert.deepEqual(back.hiddenRuns, [after[2]!.key]);
  // Views saved by older versions (absolute index keys) still open where those runs still are.
  assert.deepEqual(resolvedView(view, before, ['/home/a/proj']).runKeys, view.runKeys);
});
