// A corrupt, truncated or empty Optuna or MLflow SQLite file that looks like one (by name or by
// its SQLite header) becomes an error entry, never silence. Before the fix, detection declined
// such files and neither runs nor errors appeared for them.
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { tempDir } from '../../../helpers/tmp';
import { Indexer } from '../../../../src/core/index/indexer';
import { IndexStore } from '../../../../src/core/index/store';
import { readers } from '../../../../src/core/sources/registry';
import { optunaReader } from '../../../../src/core/sources/optuna/reader';
import { closeAllDbSnapshots } from '../../../../src/core/sources/mlflow-db/snapshot';
import { dist, optunaDbBytes, type FixtureStudy } from '../../optuna/optuna-db-writer';

after(() => {
  optunaReader.cache.clear();
  closeAllDbSnapshots();
});

const study: FixtureStudy[] = [
  {
    name: 's',
    directions: ['MINIMIZE'],
    trials: Array.from({ length: 30 }, (_, i) => ({
      number: i,
      state: 'COMPLETE' as const,
      values: [i / 10],
      params: [{ name: 'x', internal: i, distribution: dist.int(0, 100) }],
      intermediate: Array.from({ length: 10 }, (_, s) => [s, i + s / 100] as [number, number]),
    })),
  },
];

/** Indexes `dir` and returns what shows for `file`: its runs and its errors. */
async function shown(dir: string, file: string): Promise<{ runs: number; errors: string[] }> {
  const store = await IndexStore.open();
  await new Indexer({ store, readers }).indexFolders([dir]);
  return {
    runs: store.runs().filter((r) => r.root === file).length,
    errors: store.errors().filter((e) => e.path === file || e.path.startsWith(file)).map((e) => e.message),
  };
}

test('every truncation and header-preserving corruption of an Optuna storage shows runs or an error', { timeout: 120_000 }, async () => {
  const bytes = await optunaDbBytes(study);
  let seed = 99;
  const rand = () => ((seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff);
  const variants: Array<[string, Uint8Array]> = [];
  for (const cut of [16, 50, 100, 1000, 4096, 5000, 8192, Math.floor(bytes.length / 2), bytes.length - 1]) {
    variants.push([`cut ${cut}`, bytes.subarray(0, cut)]);
  }
  for (let i = 0; i < 30; i++) {
    const copy = Uint8Array.from(bytes);
    // overwrite a stretch after the 16-byte magic: the file still says "SQLite format 3"
    const at = 16 + Math.floor(rand() * Math.min(copy.length - 16, 12_000));
    for (let j = 0; j < 1 + Math.floor(rand() * 400) && at + j < copy.length; j++) copy[at + j] = Math.floor(rand() * 256);
    variants.push([`garbled ${i} at ${at}`, copy]);
  }
  const base = tempDir();
  for (const [label, content] of variants) {
    const dir = fs.mkdtempSync(path.join(base, 'variant-'));
    const file = path.join(dir, 'study.db');
    fs.writeFileSync(file, content);
    const res = await shown(dir, file);
    assert.ok(res.runs > 0 || res.errors.length > 0, `${label}: neither runs nor errors`);
  }
});

test('an empty or non-SQLite file named like an Optuna storage is reported', { timeout: 30_000 }, async () => {
  for (const content of ['', 'not a database at all']) {
    const dir = tempDir();
    const file = path.join(dir, 'optuna_study.db');
    fs.writeFileSync(file, content);
    const res = await shown(dir, file);
    assert.equal(res.runs, 0);
    assert.equal(res.errors.length, 1, JSON.stringify(res));
    assert.match(res.errors[0], content ? /not a SQLite database/ : /empty/);
  }
});

test('a 0-byte mlflow.db is reported, not silently skipped', { timeout: 30_000 }, async () => {
  const dir = tempDir();
  const file = path.join(dir, 'mlflow.db');
  fs.writeFileSync(file, '');
  const res = await shown(dir, file);
  assert.equal(res.runs, 0);
  assert.equal(res.errors.length, 1, JSON.stringify(res));
  assert.match(res.errors[0], /empty \(0 bytes\)/);
});

test('an empty *.db with a neutral name is still not claimed (sqlite3.connect leaves one)', { timeout: 30_000 }, async () => {
  const dir = tempDir();
  fs.writeFileSync(path.join(dir, 'cache.db'), '');
  const store = await IndexStore.open();
  const pass = await new Indexer({ store, readers }).indexFolders([dir]);
  assert.equal(pass.roots.length, 0);
  assert.deepEqual(store.errors(), []);
});
