// Run health in the extension host: the background pass over every indexed run (through the series service),
// the Diagnostics tree's rule groups, the run badges, and Average Checkpoints… opening an untitled script.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as vscode from 'vscode';
import { runUri } from '../../../src/host/health/run-decorations';
import { suiteConfig } from './config';
import { closeAllEditors, runlensApi } from './helpers';

suite('Run health', () => {
  teardown(closeAllEditors);

  test('the pass flags the demo diverging runs as errors and badges them; healthy runs carry no badge', async function () {
    const { manifest } = suiteConfig();
    if (!manifest.demo) return this.skip();
    const api = await runlensApi();
    await api.ready;
    await api.health.health.run();
    const report = api.health.health.current()!;
    const errors = report.findings.filter((f) => f.severity === 'error');
    const summary = JSON.stringify({ runs: api.index.runs().length, names: api.index.runs().slice(0, 5).map((r) => r.name), findings: report.findings.length, errors: report.errors.slice(0, 3), rules: api.health.diagnostics.ruleCounts() });
    assert.deepEqual([...new Set(errors.map((f) => f.runName))].sort(), ['mbert-lr1e-4-seed3', 'xlmr-lr1e-4-seed3'], summary);
    const counts = api.health.diagnostics.ruleCounts();
    assert.deepEqual(counts.slice(0, 2).map((c) => c.severity), ['error', 'error']);
    assert.ok(counts.some((c) => c.rule === 'overfitting' && c.count > 0));
    const diverging = errors[0].runId;
    assert.equal(api.health.health.badge(diverging)?.severity, 'error');
    const healthy = api.index.runs().find((r) => r.name === 'xlmr-lr3e-5-seed1');
    if (healthy) assert.equal(api.health.health.badge(healthy.key), undefined);
    // the run item carries the uri the decoration provider answers for
    assert.equal(runUri(diverging).scheme, 'runlens-run');
  });

  test('a background pass waits while a panel request is pending, and runs once the panels are quiet', async function () {
    const api = await runlensApi();
    await api.ready;
    await api.health.health.run();
    const before = api.health.health.current();
    let answer!: () => void;
    void api.quiet.hold(new Promise<void>((r) => (answer = r)));
    const pass = api.health.health.run({ background: true });
    await new Promise((r) => setTimeout(r, 2500));
    assert.equal(api.health.health.progress, undefined, 'no run checked while the request is pending');
    assert.equal(api.health.health.current(), before, 'no new report yet');
    answer();
    await pass;
    assert.notEqual(api.health.health.current(), before, 'the pass ran after the request was answered');
  });

  test('the checks are saved in the extension storage (not in a run folder), one per run, for the next session', async () => {
    const api = await runlensApi();
    await api.ready;
    await api.health.health.run({ fresh: true });
    const file = api.health.health.cacheFile!;
    assert.ok(file && !api.index.runs().some((r) => file.startsWith(r.root)), file);
    let saved: { version: number; runs: Record<string, unknown> } | undefined;
    for (let i = 0; i < 50 && !saved; i++) {
      await new Promise((r) => setTimeout(r, 100));
      saved = await fs.promises.readFile(file, 'utf8').then((t) => JSON.parse(t) as typeof saved, () => undefined);
    }
    assert.equal(saved?.version, 1);
    assert.deepEqual(Object.keys(saved!.runs).sort(), api.index.runs().map((r) => r.key).sort());
  });

  test('Average Checkpoints… on two checkpoints opens an untitled Python script and writes nothing', async function () {
    const api = await runlensApi();
    await api.ready;
    await api.health.health.run();
    const ckpts = (api.health.health.current()?.checkpoints ?? []).filter((c) => c.step !== null).slice(0, 2);
    if (ckpts.length < 2) return this.skip();
    await vscode.commands.executeCommand('runlens.averageCheckpoints', ckpts[0].path, [ckpts[0].path, ckpts[1].path]);
    const doc = vscode.window.activeTextEditor?.document;
    assert.ok(doc, 'an editor opened');
    assert.equal(doc.isUntitled, true);
    assert.equal(doc.languageId, 'python');
    assert.match(doc.getText(), /CHECKPOINTS = \[/);
  });
});
