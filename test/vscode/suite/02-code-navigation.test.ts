// Runlens next to the code: CodeLens over the training script's tracking calls, hover on hyperparameter
// literals, the script at a run's commit, and the diff between two runs' commits.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { suiteConfig } from './config';
import { closeAllEditors, fixtureRunKey, runlensApi, waitFor } from './helpers';

function hoverText(hovers: vscode.Hover[]): string {
  return hovers
    .flatMap((h) => h.contents)
    .map((c) => (typeof c === 'string' ? c : 'value' in c ? c.value : ''))
    .join('\n');
}

suite('code navigation', () => {
  suiteTeardown(closeAllEditors);

  test('one CodeLens per tracking call names the runs of this script and the best by the declared objective', async () => {
    const api = await runlensApi();
    const { manifest } = suiteConfig();
    const doc = await vscode.workspace.openTextDocument(manifest.trainScript);
    await vscode.window.showTextDocument(doc);
    const lenses = await waitFor('CodeLenses on train.py', async () => {
      const l = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', doc.uri, 100);
      return l?.some((x) => x.command?.command === 'runlens.compareSelected') ? l : undefined;
    });
    const ours = lenses.filter((l) => l.command?.command === 'runlens.compareSelected');
    const lines = ours.map((l) => doc.lineAt(l.range.start.line).text.trim());
    // The first call of each tracker gets the lens: mlflow's start_run and transformers' TrainingArguments
    // (not log_params/log_metric/Trainer, which would repeat it); one lens per line, not a runs lens plus a best lens.
    assert.deepEqual(lines, [
      'with mlflow.start_run():',
      'args = TrainingArguments(output_dir="out", learning_rate=2e-5, per_device_train_batch_size=16, metric_for_best_model="val_accuracy")',
    ]);
    const expectedKeys = Object.values(manifest.runsByCommit).flat().map((id) => fixtureRunKey(api, id));
    // train.py declares metric_for_best_model="val_accuracy" (the runs did not record it): the best run is the
    // one with the highest val_accuracy, not the lowest val_loss a guess would pick.
    const bestRun = api.index.runs().find((r) => r.name === 'v2-lr0.01-seed0')!;
    const valAcc = bestRun.series.find((s) => s.key === 'val_accuracy')!;
    for (const lens of ours) {
      const title = lens.command!.title;
      assert.match(title, /^\$\(graph-line\) 6 runs of this script · best val_accuracy 0\.\d+ \(v2-lr0\.01-seed0\)$/);
      assert.ok(title.includes(String(Number(valAcc.max.toPrecision(4))).slice(0, 5)), `${title} vs ${valAcc.max}`);
      assert.match(String(lens.command!.tooltip), /highest val_accuracy .*declared by metric_for_best_model in this script/);
      assert.deepEqual([...(lens.command!.arguments![0] as string[])].sort(), expectedKeys.sort());
      assert.equal((lens.command!.arguments![0] as string[])[0], bestRun.key, 'best first');
    }
  });

  test("CodeLens appears over the demo's training script, for the demo's runs only", async function () {
    const api = await runlensApi();
    const { manifest } = suiteConfig();
    const script = path.join(manifest.workspace, 'train.py');
    if (!manifest.demo || !fs.existsSync(script)) this.skip();
    const doc = await vscode.workspace.openTextDocument(script);
    const lenses = await waitFor("CodeLenses on the demo's train.py", async () => {
      const l = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', doc.uri, 100);
      return l?.some((x) => x.command?.command === 'runlens.compareSelected') ? l : undefined;
    });
    const keys = lenses.find((l) => /runs? of this script/.test(l.command?.title ?? ''))!.command!.arguments![0] as string[];
    // The demo's runs recorded a bare `train.py`: they belong to this script, not to project/train.py.
    const expected = api.index.runs().filter((r) => r.entryPoint === 'train.py' && !r.root.startsWith(manifest.project)).map((r) => r.key);
    assert.ok(expected.length > 0);
    assert.deepEqual([...keys].sort(), expected.sort());
    assert.ok(lenses.some((l) => / · best \S+ /.test(l.command?.title ?? '')), lenses.map((l) => l.command?.title).join(' | '));
  });

  test('the CodeLens command opens Curves for those runs', async () => {
    await runlensApi();
    const { manifest } = suiteConfig();
    const doc = await vscode.workspace.openTextDocument(manifest.trainScript);
    const lenses = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', doc.uri, 100);
    const lens = lenses.find((l) => l.command?.command === 'runlens.compareSelected')!;
    await vscode.commands.executeCommand(lens.command!.command, ...(lens.command!.arguments ?? []));
    await waitFor('a Curves tab', () => vscode.window.tabGroups.all.flatMap((g) => g.tabs).some((t) => t.input instanceof vscode.TabInputWebview && t.label.includes('Curves')));
    await closeAllEditors();
  });

  test('hovering a hyperparameter literal shows its values across the runs of this script', async () => {
    await runlensApi();
    const { manifest } = suiteConfig();
    const doc = await vscode.workspace.openTextDocument(manifest.trainScript);
    const text = doc.getText();
    for (const needle of ['learning_rate=2e-5', 'learning_rate=1e-3', '"learning_rate": learning_rate']) {
      const at = doc.positionAt(text.indexOf(needle) + needle.length - 2);
      const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', doc.uri, at);
      const md = hoverText(hovers);
      if (needle.endsWith('learning_rate')) {
        // A variable, not a literal: no Runlens hover.
        assert.ok(!md.includes('Runlens'), `no hover on ${needle}: ${md}`);
        continue;
      }
      assert.ok(md.includes('Runlens'), `hover on ${needle}: ${md}`);
      assert.ok(md.includes('`learning_rate` across 6 run(s) of this script'), md);
      for (const lr of manifest.learningRates) assert.ok(md.includes(`| ${lr} |`) || md.includes(`| **◀** ${lr} |`), `${lr} in ${md}`);
      assert.match(md, /\| 0\.003 \| 3 \|/);
      // The row of the value the line itself sets is marked (1e-3 → 0.001); 2e-5 is not among the runs' values.
      assert.equal(md.includes('**◀** 0.001 |'), needle === 'learning_rate=1e-3', md);
    }
    // A literal whose name no run recorded gets no Runlens hover.
    const other = doc.positionAt(text.indexOf('output_dir="out"') + 12);
    const none = hoverText(await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', doc.uri, other));
    assert.ok(!none.includes('Runlens'), none);
  });

  test("Open Source at Run's Commit shows the script as the run's commit had it", async () => {
    const api = await runlensApi();
    const { manifest } = suiteConfig();
    const [c1, c2] = manifest.commits;
    for (const [commit, runId] of [
      [c1, manifest.runsByCommit[c1][0]],
      [c2, manifest.runsByCommit[c2][0]],
    ]) {
      await vscode.commands.executeCommand('runlens.openSourceAtCommit', fixtureRunKey(api, runId));
      const editor = await waitFor('the source editor', () => {
        const e = vscode.window.activeTextEditor;
        return e?.document.uri.scheme === 'runlens-git' && e.document.uri.query.includes(commit) ? e : undefined;
      });
      assert.equal(path.basename(editor.document.uri.path), 'train.py');
      const schedule = editor.document.getText().includes('learning_rate = schedule(step, learning_rate)');
      assert.equal(schedule, commit === c2, `commit ${commit.slice(0, 7)} has the schedule line: ${schedule}`);
      assert.equal(editor.document.languageId, 'python');
    }
    // The tree's context-menu form passes the run node.
    const node = { kind: 'run', run: api.index.runsByKey([fixtureRunKey(api, manifest.runsByCommit[c1][1])])[0] };
    await vscode.commands.executeCommand('runlens.openSourceAtCommit', node);
    await waitFor('the v1 source', () => vscode.window.activeTextEditor?.document.uri.query.includes(c1));
    assert.equal(fs.readFileSync(manifest.trainScript, 'utf8').includes('schedule('), true, 'the working copy is untouched');
    await closeAllEditors();
  });

  test('Diff Code Between Runs opens the diff editor between the two recorded commits', async () => {
    const api = await runlensApi();
    const { manifest } = suiteConfig();
    const [c1, c2] = manifest.commits;
    const newer = fixtureRunKey(api, manifest.runsByCommit[c2][2]);
    const older = fixtureRunKey(api, manifest.runsByCommit[c1][0]);
    // Given newest first, as a multi-selection may be: the older run still goes on the left.
    await vscode.commands.executeCommand('runlens.diffRuns', newer, older);
    const tab = await waitFor('a diff tab', () => vscode.window.tabGroups.activeTabGroup.activeTab?.input instanceof vscode.TabInputTextDiff ? vscode.window.tabGroups.activeTabGroup.activeTab : undefined);
    const input = tab.input as vscode.TabInputTextDiff;
    assert.equal(input.original.scheme, 'runlens-git');
    assert.ok(input.original.query.includes(c1) && input.modified.query.includes(c2), `${input.original.query} → ${input.modified.query}`);
    assert.match(tab.label, /train\.py \(v1-lr0\.001-seed0 @ \w{7} ↔ v2-lr0\.01-seed0 @ \w{7}\)/);
    const [left, right] = await Promise.all([vscode.workspace.openTextDocument(input.original), vscode.workspace.openTextDocument(input.modified)]);
    assert.ok(!left.getText().includes('schedule(') && right.getText().includes('schedule('));
    await closeAllEditors();
  });

  test("Diff Code from one run's context menu asks for the other run with that run preselected", async function () {
    const api = await runlensApi();
    const { manifest } = suiteConfig();
    const [c1, c2] = manifest.commits;
    const older = api.index.runsByKey([fixtureRunKey(api, manifest.runsByCommit[c1][0])])[0];
    const newer = fixtureRunKey(api, manifest.runsByCommit[c2][2]);
    // Answer the quick pick the way a user would: keep the ticked run, tick one more.
    const window = vscode.window as { showQuickPick: typeof vscode.window.showQuickPick };
    const original = window.showQuickPick;
    let shown: { items: Array<vscode.QuickPickItem & { run: { key: string } }>; title?: string } | undefined;
    window.showQuickPick = (async (items: unknown, options?: vscode.QuickPickOptions) => {
      const list = (await items) as Array<vscode.QuickPickItem & { run: { key: string } }>;
      shown = { items: list, title: options?.title };
      return list.filter((i) => i.picked || i.run.key === newer);
    }) as unknown as typeof vscode.window.showQuickPick;
    if (vscode.window.showQuickPick === original) this.skip();
    try {
      // The tree's context menu passes the node and the selection (here just that node).
      const node = { kind: 'run', run: older };
      await vscode.commands.executeCommand('runlens.diffRuns', node, [node]);
    } finally {
      window.showQuickPick = original;
    }
    assert.ok(shown, 'a quick pick was shown');
    assert.equal(shown.items[0].run.key, older.key, 'the run the menu was opened on comes first');
    assert.deepEqual(shown.items.filter((i) => i.picked).map((i) => i.run.key), [older.key], 'and is the only one ticked');
    assert.match(shown.title ?? '', /^Diff the code of v1-lr0\.001-seed0 with…/);
    const tab = await waitFor('a diff tab', () => (vscode.window.tabGroups.activeTabGroup.activeTab?.input instanceof vscode.TabInputTextDiff ? vscode.window.tabGroups.activeTabGroup.activeTab : undefined));
    assert.ok((tab.input as vscode.TabInputTextDiff).original.query.includes(c1));
    await closeAllEditors();
  });

  test('Diff Params Between Runs opens a text diff of the two runs\' params and results', async () => {
    const api = await runlensApi();
    const { manifest } = suiteConfig();
    const [c1, c2] = manifest.commits;
    const older = fixtureRunKey(api, manifest.runsByCommit[c1][0]);
    const newer = fixtureRunKey(api, manifest.runsByCommit[c2][2]);
    await vscode.commands.executeCommand('runlens.diffParams', newer, older);
    const tab = await waitFor('a params diff tab', () => {
      const t = vscode.window.tabGroups.activeTabGroup.activeTab;
      return t?.input instanceof vscode.TabInputTextDiff && t.input.original.scheme === 'runlens-params' ? t : undefined;
    });
    assert.equal(tab.label, 'Params: v1-lr0.001-seed0 ↔ v2-lr0.01-seed0');
    const input = tab.input as vscode.TabInputTextDiff;
    const [left, right] = await Promise.all([vscode.workspace.openTextDocument(input.original), vscode.workspace.openTextDocument(input.modified)]);
    assert.ok(left.getText().includes('\nlearning_rate = 0.001\n'), left.getText());
    assert.ok(right.getText().includes('\nlearning_rate = 0.01\n'), right.getText());
    assert.ok(left.getText().includes(`commit = ${c1}`) && right.getText().includes(`commit = ${c2}`));
    assert.match(right.getText(), /\nval_loss = last \S+ · min \S+ · max \S+ · 6 points\n/);
    await closeAllEditors();
  });
});
