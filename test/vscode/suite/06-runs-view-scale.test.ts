// The Runs view at scale: one source per lightning_logs folder, tick-all / untick-all from a node's
// inline action (one tree update), the run filter, group by a param, sort, and ticks kept across a
// reload (a new tree over the same workspace state), as the real commands and tree provider do them.
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { writeLightningCsvRun } from '../../../src/demo/writers/lightning-csv';
import { RunsTreeProvider } from '../../../src/host/tree/runs-tree';
import type { TreeNode } from '../../../src/host/tree/tree-nodes';
import { suiteConfig } from './config';
import { runlensApi, treeRuns } from './helpers';

const VERSIONS = 24;

type Source = Extract<TreeNode, { kind: 'source' }>;

/** A Memento over a Map: the workspace state a reloaded window would read. */
class MapMemento implements vscode.Memento {
  private readonly map = new Map<string, unknown>();
  keys(): readonly string[] {
    return [...this.map.keys()];
  }
  get<T>(key: string, fallback?: T): T | undefined {
    return this.map.has(key) ? (structuredClone(this.map.get(key)) as T) : fallback;
  }
  async update(key: string, value: unknown): Promise<void> {
    this.map.set(key, structuredClone(value));
  }
}

suite('Runs view at scale', () => {
  let logs: string;

  suiteSetup(async () => {
    const api = await runlensApi();
    logs = path.join(suiteConfig().manifest.project, 'scale', 'lightning_logs');
    for (let v = 0; v < VERSIONS; v++)
      writeLightningCsvRun(path.join(logs, `version_${v}`), { hparams: { lr: v % 2 ? 0.1 : 0.01, seed: v }, rows: [{ epoch: 0, step: 0, val_loss: 1 / (v + 1) }] });
    await vscode.commands.executeCommand('runlens.refresh');
    assert.ok(api.index.runs().filter((r) => r.root.startsWith(logs)).length === VERSIONS);
  });

  const lightningSource = (tree: RunsTreeProvider): Source => {
    const source = (tree.getChildren() as TreeNode[]).find((n): n is Source => n.kind === 'source' && n.root === logs);
    assert.ok(source, 'one source node for the lightning_logs folder');
    return source;
  };

  test('one source node per lightning_logs folder, its versions in natural order', async () => {
    const api = await runlensApi();
    const sources = (api.tree.getChildren() as TreeNode[]).filter((n): n is Source => n.kind === 'source' && n.root.startsWith(logs));
    assert.equal(sources.length, 1, 'not one node per version');
    const names = (api.tree.getChildren(sources[0]) as TreeNode[]).map((n) => (n.kind === 'run' ? n.run.name : n.kind));
    assert.deepEqual(names, Array.from({ length: VERSIONS }, (_, v) => `version_${v}`));
    const item = api.tree.getTreeItem(sources[0]);
    assert.equal(item.contextValue, 'source');
    assert.match(String(item.description), new RegExp(`${VERSIONS} runs`));
  });

  test('Tick All Runs on a source ticks every run under it in one tree update; Untick All clears them', async () => {
    const api = await runlensApi();
    const source = lightningSource(api.tree);
    const keys = source.runs.map((r) => r.key).sort();
    let treeUpdates = 0;
    const selections: string[][] = [];
    const subs = [api.tree.onDidChangeTreeData(() => treeUpdates++), api.tree.onDidChangeSelection((k) => selections.push(k))];
    try {
      await vscode.commands.executeCommand('runlens.tickAll', source);
      assert.equal(treeUpdates, 1);
      assert.equal(selections.length, 1);
      assert.deepEqual(api.tree.selectedRunKeys().sort(), keys);
      const node = treeRuns(api).find((n) => n.run.key === keys[0])!;
      assert.equal(api.tree.getTreeItem(node).checkboxState, vscode.TreeItemCheckboxState.Checked);
      assert.match(String(api.tree.getTreeItem(source).description), new RegExp(`${VERSIONS} ticked`));
      await vscode.commands.executeCommand('runlens.untickAll', source);
      assert.equal(treeUpdates, 2);
      assert.deepEqual(api.tree.selectedRunKeys(), []);
    } finally {
      subs.forEach((s) => s.dispose());
      api.tree.clearTicks();
    }
  });

  test('tick boxes refresh only their source, once ticking pauses, so the source says how many of its runs are ticked', async () => {
    const api = await runlensApi();
    const source = lightningSource(api.tree);
    const fired: Array<TreeNode | undefined> = [];
    const sub = api.tree.onDidChangeTreeData((e) => fired.push(e));
    try {
      api.tree.applyCheckboxChanges([[{ kind: 'run', run: source.runs[3] }, vscode.TreeItemCheckboxState.Checked]]);
      assert.deepEqual(api.tree.selectedRunKeys(), [source.runs[3].key], 'the selection follows at once');
      api.tree.applyCheckboxChanges([[{ kind: 'run', run: source.runs[4] }, vscode.TreeItemCheckboxState.Checked]]);
      // the source's runs are not re-rendered while the user ticks (a tick landing during that update is lost)
      assert.deepEqual(fired, [], 'no update while ticking');
      await new Promise((r) => setTimeout(r, 1500));
      assert.deepEqual(fired, [source], 'one update, of the source node the view already holds, once ticking paused');
      assert.match(String(api.tree.getTreeItem(source).description), /· 2 ticked/);
      assert.deepEqual(api.tree.selectedRunKeys().sort(), [source.runs[3].key, source.runs[4].key].sort());
    } finally {
      sub.dispose();
      api.tree.clearTicks();
    }
  });

  test('the filter (Curves query language) hides runs, says so in the description, refuses bad queries, and clears', async () => {
    const api = await runlensApi();
    try {
      assert.equal(await vscode.commands.executeCommand('runlens.filterRuns', 'lr=0.1 seed<10'), true);
      const shown = treeRuns(api).map((n) => n.run.name).sort();
      assert.deepEqual(shown, ['version_1', 'version_3', 'version_5', 'version_7', 'version_9']);
      assert.equal(api.tree.description(), `filter: lr=0.1 seed<10 · 5 of ${api.index.runs().length} runs`);
      // Tick All on the filtered source ticks only what it shows.
      await vscode.commands.executeCommand('runlens.tickAll', lightningSource(api.tree));
      assert.equal(api.tree.selectedRunKeys().length, 5);
      assert.equal(await vscode.commands.executeCommand('runlens.filterRuns', 'lr=('), false);
      assert.equal(api.tree.viewState().filter, 'lr=0.1 seed<10', 'a query that does not parse leaves the filter as it was');
    } finally {
      await vscode.commands.executeCommand('runlens.clearFilter');
      api.tree.clearTicks();
    }
    assert.equal(api.tree.description(), '');
    assert.equal(treeRuns(api).length, api.index.runs().length);
  });

  test('group by a param, tick all of one group, sort by a metric', async () => {
    const api = await runlensApi();
    try {
      await vscode.commands.executeCommand('runlens.groupRunsBy', 'lr');
      const groups = (api.tree.getChildren(lightningSource(api.tree)) as TreeNode[]).filter((n) => n.kind === 'runGroup');
      assert.deepEqual(groups.map((g) => g.kind === 'runGroup' && [g.value, g.runs.length]), [['0.01', VERSIONS / 2], ['0.1', VERSIONS / 2]]);
      assert.equal(api.tree.getTreeItem(groups[1]).contextValue, 'paramGroup');
      await vscode.commands.executeCommand('runlens.tickAll', groups[1]);
      assert.equal(api.tree.selectedRunKeys().length, VERSIONS / 2);
      await vscode.commands.executeCommand('runlens.groupRunsBy', '');
      await vscode.commands.executeCommand('runlens.sortRuns', { by: 'metric', metric: 'val_loss', direction: 'asc' });
      const names = (api.tree.getChildren(lightningSource(api.tree)) as TreeNode[]).map((n) => (n.kind === 'run' ? n.run.name : ''));
      assert.equal(names[0], `version_${VERSIONS - 1}`);
      assert.equal(names[VERSIONS - 1], 'version_0');
    } finally {
      await vscode.commands.executeCommand('runlens.groupRunsBy', '');
      await vscode.commands.executeCommand('runlens.sortRuns', { by: 'name' });
      api.tree.clearTicks();
    }
  });

  test('ticks, filter and sort survive a reload: a new tree over the same workspace state restores them', async () => {
    const api = await runlensApi();
    const memento = new MapMemento();
    const before = new RunsTreeProvider(api.index, { memento });
    const keys = lightningSource(before).runs.slice(0, 5).map((r) => r.key);
    before.setCheckedMany(keys, true);
    before.setSort({ by: 'start' });
    before.dispose();
    // Stored relative to the workspace folder, not as absolute paths.
    const stored = memento.get<string[]>('runlens.runs.ticks')!;
    assert.equal(stored.length, 5);
    for (const k of stored) assert.ok(!k.includes(suiteConfig().manifest.workspace), k);
    const after = new RunsTreeProvider(api.index, { memento });
    try {
      after.refresh();
      assert.deepEqual(after.selectedRunKeys().sort(), [...keys].sort());
      assert.deepEqual(after.viewState().sort, { by: 'start' });
    } finally {
      after.dispose();
    }
  });
});
