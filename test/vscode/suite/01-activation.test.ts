// The extension activates by itself on a workspace that holds experiment logs, and fills the Runs tree.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { RunlensApi } from '../../../src/extension';
import { suiteConfig } from './config';
import { cliRunKeys, EXTENSION_ID, runlensApi, treeRuns, waitFor } from './helpers';

suite('activation and the Runs tree', () => {
  test('activates without being asked (workspaceContains activation events)', async () => {
    const ext = vscode.extensions.getExtension<RunlensApi>(EXTENSION_ID);
    assert.ok(ext, 'extension is loaded');
    // Nothing in this suite has called activate() yet: only the activation events can have done it.
    await waitFor('the extension to activate', () => ext.isActive, 30_000);
    assert.equal(vscode.workspace.workspaceFolders?.[0]?.uri.fsPath, suiteConfig().manifest.workspace);
    console.log(`ext host: node ${process.versions.node}, VS Code ${vscode.version}`);
  });

  test('contributes its commands', async () => {
    const commands = new Set(await vscode.commands.getCommands(true));
    for (const c of ['runlens.refresh', 'runlens.compareSelected', 'runlens.revealRunFolder', 'runlens.copyRunId', 'runlens.openSourceAtCommit', 'runlens.diffRuns'])
      assert.ok(commands.has(c), `${c} is registered`);
  });

  test('the Runs tree lists exactly the runs the CLI indexer finds in the workspace', async () => {
    const api = await runlensApi();
    const { manifest } = suiteConfig();
    const expected = cliRunKeys(manifest.workspace).sort();
    assert.ok(expected.length >= 6, `the workspace has runs (${expected.length})`);
    const shown = treeRuns(api).map((n) => n.run.key).sort();
    assert.deepEqual(shown, expected);
    // The fixture project's six runs, with their names and the source they came from.
    const fixture = treeRuns(api).filter((n) => n.run.root.startsWith(manifest.project));
    assert.deepEqual(
      fixture.map((n) => n.run.name).sort(),
      ['v1-lr0.001-seed0', 'v1-lr0.001-seed1', 'v1-lr0.003-seed0', 'v2-lr0.003-seed0', 'v2-lr0.003-seed1', 'v2-lr0.01-seed0'],
    );
    const item = api.tree.getTreeItem(fixture[0]);
    assert.equal(item.checkboxState, vscode.TreeItemCheckboxState.Unchecked, 'runs have tick boxes');
  });

  test('a run shows its params and metric summaries under it', async () => {
    const api = await runlensApi();
    const [node] = treeRuns(api).filter((n) => n.run.name === 'v2-lr0.01-seed0');
    const groups = api.tree.getChildren(node);
    const labels = groups.map((g) => String(api.tree.getTreeItem(g).label));
    assert.ok(labels.includes('Params') && labels.includes('Metrics'), labels.join(', '));
    const metrics = api.tree.getChildren(groups.find((g) => api.tree.getTreeItem(g).label === 'Metrics'));
    assert.deepEqual(metrics.map((m) => api.tree.getTreeItem(m).label).sort(), ['loss', 'val_accuracy', 'val_loss']);
  });

  test('full-resolution reads run in the series worker thread and match the index', async () => {
    const api = await runlensApi();
    const [node] = treeRuns(api).filter((n) => n.run.name === 'v2-lr0.01-seed0');
    const res = await api.series.read(node.run, node.run.series.map((s) => ({ key: s.key, context: s.context })));
    assert.deepEqual(res.errors, []);
    assert.deepEqual(
      res.series.map((s) => `${s.key} ${s.points.values.length}`).sort(),
      node.run.series.map((s) => `${s.key} ${s.count}`).sort(),
      'every point the index counted',
    );
    // The bundled dist/series-worker.js started in VS Code's extension host: nothing fell back to this thread.
    assert.equal((api.series as unknown as { inProcess?: boolean }).inProcess, false);
  });
});
