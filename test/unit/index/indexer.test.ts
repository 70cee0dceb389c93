// The index end to end on a generated demo workspace: discovery, summaries, persistence,
// incremental re-index of one appended run, pruning, and bad files that leave the rest loaded.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { generateDemo } from '../../../src/demo/generate';
import { Indexer } from '../../../src/core/index/indexer';
import { IndexStore } from '../../../src/core/index/store';
import { indexToJson } from '../../../src/core/index/json-output';
import { decodePreview } from '../../../src/core/analysis';
import { readers } from '../../../src/core/sources/registry';
import { tempDir } from '../../helpers/tmp';

async function demoIndex() {
  const dir = path.join(tempDir(), 'demo');
  await generateDemo(dir, 7);
  const store = await IndexStore.open();
  const indexer = new Indexer({ store, readers });
  const pass = await indexer.indexFolders([dir]);
  return { dir, store, indexer, pass };
}

test('indexes every run of the demo with summaries, previews and checkpoints', async () => {
  const { store, pass } = await demoIndex();
  assert.equal(pass.errors.length, 0, JSON.stringify(pass.errors));
  const runs = store.runs();
  const count = (f: string) => runs.filter((r) => r.format === f).length;
  assert.deepEqual([count('mlflow-file'), count('mlflow-db'), count('hf-trainer')], [20, 20, 4]);
  const diverging = runs.find((r) => r.format === 'mlflow-file' && r.name === 'xlmr-lr1e-4-seed3')!;
  assert.equal(diverging.status, 'failed');
  const loss = diverging.series.find((s) => s.key === 'train_loss')!;
  assert.ok(Number.isNaN(loss.last), 'NaN survives the index');
  assert.equal(loss.max, Infinity, 'infinity survives the index');
  assert.ok(loss.nanCount > 0);
  const hf = runs.find((r) => r.format === 'hf-trainer')!;
  assert.ok(hf.checkpoints.length >= 2);
  assert.ok(hf.checkpoints.every((c) => c.bytes > 0 && c.step !== null));
  const previews = store.previews([diverging.key]).get(diverging.key)!;
  const p = decodePreview(previews.find((x) => x.summary.key === 'f1_de')!.preview!)!;
  assert.ok(p.x.length > 0 && p.x.length <= 256);
});

test('the CLI JSON carries NaN/Infinity as strings and has the documented shape', async () => {
  const { store } = await demoIndex();
  const json = JSON.parse(JSON.stringify(indexToJson(store.runs(), store.errors())));
  const run = json.runs.find((r: { name: string; format: string }) => r.name === 'xlmr-lr1e-4-seed3' && r.format === 'mlflow-file');
  for (const k of ['format', 'id', 'experiment', 'name', 'status', 'path', 'params', 'series', 'checkpoints']) assert.ok(k in run, k);
  const loss = run.series.find((s: { key: string }) => s.key === 'train_loss');
  assert.equal(loss.last, 'NaN');
  assert.equal(loss.max, 'Infinity');
  for (const k of ['key', 'context', 'count', 'firstStep', 'lastStep', 'first', 'last', 'min', 'max']) assert.ok(k in loss, k);
});

test('a second pass re-reads nothing; an appended metric re-reads only that run', async () => {
  const { dir, store, indexer } = await demoIndex();
  const again = await indexer.indexFolders([dir]);
  assert.equal(again.reread, 0);
  assert.equal(again.reused, 44);
  const run = store.runs().find((r) => r.format === 'mlflow-file' && r.name === 'xlmr-lr3e-5-seed1')!;
  const metricFile = path.join(run.path, 'metrics', 'f1_de');
  fs.appendFileSync(metricFile, `${Date.now()} 0.99 6000\n`);
  const bump = await indexer.reindexChanged([dir], again.roots, [metricFile]);
  assert.equal(bump.reread, 1);
  const updated = store.runs({ keys: [run.key] })[0].series.find((s) => s.key === 'f1_de')!;
  assert.equal(updated.last, 0.99);
  assert.equal(updated.lastStep, 6000);
});

test('persisted bytes reopen to the same runs; a removed run is pruned', async () => {
  const { dir, store, indexer } = await demoIndex();
  const reopened = await IndexStore.open(store.export());
  assert.equal(reopened.runCount(), 44);
  const victim = store.runs().find((r) => r.format === 'hf-trainer')!;
  fs.rmSync(victim.path, { recursive: true });
  await indexer.indexFolders([dir]);
  assert.equal(store.runCount(), 43);
  assert.ok(!store.runs().some((r) => r.key === victim.key));
});

test('a damaged run yields an error entry and the others still load', async () => {
  const { dir, store, indexer } = await demoIndex();
  const run = store.runs().find((r) => r.format === 'mlflow-file')!;
  fs.writeFileSync(path.join(run.path, 'meta.yaml'), 'run_id: [unclosed\n  : :');
  fs.writeFileSync(path.join(dir, 'mlflow.db'), Buffer.from('SQLite format 3\0 but then garbage'));
  const pass = await indexer.indexFolders([dir]);
  assert.ok(pass.errors.length >= 1, 'errors are reported');
  assert.ok(store.errors().length >= 1, 'errors are stored');
  const runs = store.runs();
  assert.equal(runs.filter((r) => r.format === 'mlflow-file').length >= 19, true);
  assert.equal(runs.filter((r) => r.format === 'hf-trainer').length, 4);
});

test('an empty or corrupt persisted index is rebuilt, not trusted', async () => {
  const store = await IndexStore.open(new Uint8Array([1, 2, 3, 4]));
  assert.equal(store.runCount(), 0);
});
