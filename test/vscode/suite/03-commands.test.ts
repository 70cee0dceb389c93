// The Runs view's commands, run the way VS Code runs them (executeCommand with what a menu would pass).
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { writeMlflowStore } from '../workspace/mlflow-store';
import { suiteConfig } from './config';
import { closeAllEditors, fixtureRunKey, runlensApi, treeRuns, waitFor, webviewTabs } from './helpers';

suite('Runs view commands', () => {
  teardown(closeAllEditors);

  test('Refresh Index picks up a run written while nobody watched', async () => {
    const api = await runlensApi();
    const { manifest } = suiteConfig();
    // A second store outside the watched file names' reach would also do; a new experiment folder is simplest.
    const t = Date.UTC(2026, 10, 21);
    writeMlflowStore(path.join(manifest.project, 'mlruns'), { id: '7', name: 'late' }, [
      { id: 'late0000000000000000000000000000', name: 'late-run', startTime: t, endTime: t + 1000, params: {}, tags: {}, metrics: { loss: [{ step: 0, value: 1, time: t }] } },
    ]);
    await vscode.commands.executeCommand('runlens.refresh');
    const late = treeRuns(api).find((n) => n.run.name === 'late-run');
    assert.ok(late, 'the new run is in the tree right after Refresh resolves');
    assert.equal(late.run.experiment, 'late');
  });

  test('Compare Selected Runs opens Curves for the ticked runs', async () => {
    const api = await runlensApi();
    const { manifest } = suiteConfig();
    const keys = manifest.runsByCommit[manifest.commits[0]].map((id) => fixtureRunKey(api, id));
    for (const k of keys) api.tree.setChecked(k, true);
    try {
      assert.deepEqual(api.tree.selectedRunKeys().sort(), [...keys].sort());
      const node = treeRuns(api).find((n) => n.run.key === keys[0])!;
      assert.equal(api.tree.getTreeItem(node).checkboxState, vscode.TreeItemCheckboxState.Checked);
      await vscode.commands.executeCommand('runlens.compareSelected');
      const [tab] = await waitFor('the Curves tab', () => (webviewTabs('runlens.curves').length ? webviewTabs('runlens.curves') : undefined));
      assert.equal(tab.label, 'Runlens: Curves');
      assert.ok(tab.isActive);
    } finally {
      for (const k of keys) api.tree.setChecked(k, false);
    }
    assert.deepEqual(api.tree.selectedRunKeys(), []);
  });

  test('Compare Selected Runs with run keys (CodeLens, panels) reuses the one Curves panel', async () => {
    const api = await runlensApi();
    const { manifest } = suiteConfig();
    const [a, b] = manifest.runsByCommit[manifest.commits[1]].map((id) => fixtureRunKey(api, id));
    await vscode.commands.executeCommand('runlens.compareSelected', [a]);
    await waitFor('the Curves tab', () => webviewTabs('runlens.curves').length === 1);
    await vscode.commands.executeCommand('runlens.compareSelected', [a, b]);
    await new Promise((r) => setTimeout(r, 300));
    assert.equal(webviewTabs('runlens.curves').length, 1);
  });

  test('Copy Run ID puts the run id on the clipboard', async () => {
    const api = await runlensApi();
    const { manifest } = suiteConfig();
    const id = manifest.runsByCommit[manifest.commits[1]][1];
    await vscode.env.clipboard.writeText('before');
    await vscode.commands.executeCommand('runlens.copyRunId', fixtureRunKey(api, id));
    assert.equal(await vscode.env.clipboard.readText(), id);
    // From the context menu the command gets the tree node.
    const node = treeRuns(api).find((n) => n.run.id === manifest.runsByCommit[manifest.commits[0]][2])!;
    await vscode.commands.executeCommand('runlens.copyRunId', node);
    assert.equal(await vscode.env.clipboard.readText(), node.run.id);
  });

  test('Reveal Run Folder reveals the run folder, which exists, without touching it', async () => {
    const api = await runlensApi();
    const { manifest } = suiteConfig();
    const key = fixtureRunKey(api, manifest.runsByCommit[manifest.commits[0]][0]);
    const run = api.index.runsByKey([key])[0];
    const before = fs.readdirSync(run.path).sort();
    await vscode.commands.executeCommand('runlens.revealRunFolder', key);
    assert.ok(fs.statSync(run.path).isDirectory());
    assert.deepEqual(fs.readdirSync(run.path).sort(), before);
  });
});
