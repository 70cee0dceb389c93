// Discovery over hostile folder trees: symlink loops (walked once, by real path), links that
// leave the scanned folders (not followed unless allowed, and reported), and non-UTF-8 names
// (reported with \xNN escapes instead of silently vanishing).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { tempDir } from '../../../helpers/tmp';
import { discoverRoots } from '../../../../src/core/index/discover';
import { Indexer } from '../../../../src/core/index/indexer';
import { IndexStore } from '../../../../src/core/index/store';
import { readers } from '../../../../src/core/sources/registry';
import { listDir } from '../../../../src/core/util/fs';
import type { ReadError } from '../../../../src/core/model';
import { writeLightningCsvRun } from '../../../../src/demo/writers/lightning-csv';

const BOUNDED = { timeout: 30_000 };

function lightningRuns(root: string, n: number): void {
  for (let i = 0; i < n; i++) {
    writeLightningCsvRun(path.join(root, 'lightning_logs', `version_${i}`), {
      hparams: { lr: 0.1 },
      rows: [{ step: 0, epoch: 0, loss: 1 }],
    });
  }
}

test('symlink loops: every run is found once', BOUNDED, async () => {
  const dir = tempDir();
  lightningRuns(dir, 7);
  // a loop back to the top and a loop inside, as `ln -s .. up` and `ln -s . self` make
  fs.symlinkSync('..', path.join(dir, 'lightning_logs', 'up'));
  fs.symlinkSync('.', path.join(dir, 'lightning_logs', 'self'));
  fs.symlinkSync(dir, path.join(dir, 'again'));
  const roots = await discoverRoots([dir], { readers, maxDepth: 8 });
  assert.equal(roots.length, 7);
  assert.equal(new Set(roots.map((r) => fs.realpathSync(r.path))).size, 7);
});

test('a link leaving the scanned folders is reported and not followed', BOUNDED, async () => {
  const dir = tempDir();
  const outside = tempDir();
  lightningRuns(dir, 1);
  lightningRuns(outside, 2);
  fs.symlinkSync(outside, path.join(dir, 'shared'));
  fs.symlinkSync('/proc', path.join(dir, 'data'));
  const problems: ReadError[] = [];
  const roots = await discoverRoots([dir], { readers, onProblem: (p) => problems.push(p) });
  assert.equal(roots.length, 1);
  assert.ok(roots.every((r) => r.path.startsWith(path.join(dir, 'lightning_logs'))));
  assert.deepEqual(problems.map((p) => path.basename(p.path)).sort(), ['data', 'shared']);
  assert.match(problems[0].message, /outside the scanned folders/);
  // allowed by the setting: the linked runs are found too (and /proc is not scanned for long: depth-bounded)
  const followed = await discoverRoots([dir], { readers, followLinksOutside: true, maxDepth: 3 });
  assert.equal(followed.filter((r) => r.path.includes(`${path.sep}shared${path.sep}`)).length, 2);
});

test('a link inside the scanned folders is still followed', BOUNDED, async () => {
  const dir = tempDir();
  lightningRuns(path.join(dir, 'real'), 2);
  fs.symlinkSync(path.join(dir, 'real'), path.join(dir, 'a-link'));
  const roots = await discoverRoots([path.join(dir, 'a-link')], { readers });
  assert.equal(roots.length, 2);
});

test('a non-UTF-8 folder name is listed as undecodable, with escapes', BOUNDED, async () => {
  const dir = tempDir();
  fs.mkdirSync(Buffer.concat([Buffer.from(dir + '/version_'), Buffer.from([0xff])]));
  fs.mkdirSync(path.join(dir, 'version_ok'));
  const listing = await listDir(dir);
  assert.deepEqual(listing.dirs, ['version_ok']);
  assert.deepEqual(listing.undecodable, ['version_\\xff']);
});

test('a Lightning version folder with a non-UTF-8 name is reported by the indexer, the rest loads', BOUNDED, async () => {
  const dir = tempDir();
  lightningRuns(dir, 2);
  const bad = Buffer.concat([Buffer.from(path.join(dir, 'lightning_logs', 'version_')), Buffer.from([0xff])]);
  fs.mkdirSync(bad);
  fs.writeFileSync(Buffer.concat([bad, Buffer.from('/hparams.yaml')]), 'lr: 0.1\n');
  const store = await IndexStore.open();
  const pass = await new Indexer({ store, readers }).indexFolders([dir]);
  assert.equal(pass.runs, 2);
  const errors = store.errors();
  assert.ok(errors.some((e) => e.path.endsWith('version_\\xff') && /not valid UTF-8/.test(e.message)), JSON.stringify(errors));
  // a second pass replaces, not appends, the discovery problems
  await new Indexer({ store, readers }).indexFolders([dir]);
  assert.equal(store.errors().filter((e) => e.path.endsWith('version_\\xff')).length, 1);
});

test('a start folder that does not exist is reported', BOUNDED, async () => {
  const problems: ReadError[] = [];
  const roots = await discoverRoots(['/nonexistent/runlens-start'], { readers, onProblem: (p) => problems.push(p) });
  assert.deepEqual(roots, []);
  assert.equal(problems.length, 1);
  assert.match(problems[0].message, /cannot be scanned: ENOENT/);
});
