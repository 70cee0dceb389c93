// While training writes, the tree follows: a metric line appended to a run updates its summary.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { suiteConfig } from './config';
import { fixtureRunKey, runlensApi, treeRuns, waitFor } from './helpers';

suite('live update', () => {
  test('appending to a run’s metric file updates the tree (watcher → incremental re-index)', async () => {
    const api = await runlensApi();
    const { manifest } = suiteConfig();
    const key = fixtureRunKey(api, manifest.runsByCommit[manifest.commits[1]][0]);
    const run = api.index.runsByKey([key])[0];
    const before = run.series.find((s) => s.key === 'loss')!;
    assert.equal(before.count, 60);
    let treeChanged = 0;
    const sub = api.tree.onDidChangeTreeData(() => treeChanged++);
    try {
      const started = Date.now();
      fs.appendFileSync(path.join(run.path, 'metrics', 'loss'), `${Date.now()} 0.0123 60\n`);
      const after = await waitFor(
        'the appended point to reach the tree',
        () => {
          const node = treeRuns(api).find((n) => n.run.key === key);
          const s = node?.run.series.find((x) => x.key === 'loss');
          return s && s.count === 61 ? s : undefined;
        },
        15_000,
      );
      console.log(`      appended point visible after ${Date.now() - started} ms`);
      assert.equal(after.last, 0.0123);
      assert.equal(after.lastStep, 60);
      assert.equal(after.min, 0.0123);
      assert.ok(treeChanged > 0, 'the tree fired onDidChangeTreeData');
    } finally {
      sub.dispose();
    }
  });
});
