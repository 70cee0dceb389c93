// The Compare panel in a real VS Code (code-server + Chromium) on the demo workspace: opened from the palette,
// the Compare tab calls learning-rate pairs (verdict words, Holm p), and the Selection tab shows that the model
// best on English dev is not the best on every language, with its regret — the same numbers as
// `runlens select --json` prints on the same files. Screenshots: test-artifacts/compare-e2e-*.png.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { Frame, Page } from 'playwright-core';
import { formatNumber } from '../../src/core/util/numbers';
import type { SelectionJson } from '../../src/core/selection/selection-json';
import { generateDemo } from '../../src/demo/generate';
import { REPO } from '../../scripts/tools.mjs';
import { startSession, type WorkbenchSession } from './session';
import { runCommand, webviewFrame } from './workbench';
import { openRunsView } from './workbench-runlens';

describe('Compare panel in VS Code on the demo workspace', { timeout: 600_000 }, () => {
  let session: WorkbenchSession | undefined;
  let page: Page;
  let frame: Frame;
  let workspace = '';

  const step = (title: string, fn: () => Promise<void>) =>
    test(title, async () => {
      try {
        await fn();
      } catch (err) {
        await session?.shot(`failure-compare-${title.replace(/[^\w]+/g, '-').slice(0, 50)}.png`).catch(() => {});
        throw err;
      }
    });

  before(async () => {
    session = await startSession({
      workspace: async (tmp) => (workspace = (await generateDemo(join(tmp, 'demo'), 42)).dir),
      settings: { 'workbench.colorTheme': 'Default Dark Modern' },
    });
    page = session.page;
  });
  after(async () => {
    await session?.close();
  });

  step('Compare groups: learning rates on f1_de at the English-best step, with verdicts', async () => {
    await openRunsView(page, /^MLflow/);
    await runCommand(page, 'Runlens: Compare Groups and Model Selection');
    // a selector of the panel only: the workbench has .tabs of its own
    frame = await webviewFrame(page, 'button[data-tab="selection"]', 60_000);
    const metric = frame.locator('input[name=metric]');
    await metric.waitFor();
    await metric.fill('f1_de:at(f1_en:best)');
    await metric.press('Enter');
    await frame.waitForFunction(() => document.querySelector('.card h3')?.textContent?.startsWith('f1_de:at(f1_en:best)'), undefined, { timeout: 120_000 });
    await frame.locator('table.pairs tbody tr').first().waitFor({ timeout: 120_000 });
    const verdicts = await frame.locator('table.pairs td.verdict').allTextContents();
    assert.ok(verdicts.length > 0);
    assert.ok(verdicts.every((v) => /^(A better|B better|within seed noise|inconclusive|too few seeds)/.test(v)), verdicts.join('\n'));
    // the default grouping (learning_rate, model_name) has pairs within seed noise and pairs that are not
    assert.ok(verdicts.includes('within seed noise'), verdicts.join('\n'));
    assert.ok(verdicts.some((v) => /^[AB] better \(p/.test(v)), verdicts.join('\n'));
    assert.ok(await frame.locator('svg circle').count() > 0, 'seed dots drawn');
    await session!.shot('compare-e2e-groups.png');
  });

  step('Selection: the English-best model is not the best on every language, as runlens select prints', async () => {
    await frame.locator('button[data-tab="selection"]').click();
    await frame.locator('table.selection tbody tr').first().waitFor({ timeout: 120_000 });
    const by = await frame.locator('input[name=selectBy]').inputValue();
    const rows = await frame.locator('table.selection tbody tr').evaluateAll((trs) => trs.map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent ?? '')));
    const targets = rows.slice(0, -1).map((r) => r[0]);
    assert.equal(by, 'f1_en');
    assert.deepEqual(targets, ['f1_de', 'f1_es', 'f1_nl', 'f1_zh']);

    const cli = spawnSync(process.execPath, [join(REPO, 'dist', 'cli.js'), 'select', workspace, '--by', by, '--target', targets.join(','), '--json'], { encoding: 'utf8', timeout: 120_000 });
    assert.equal(cli.status, 0, cli.stderr);
    const json: SelectionJson = JSON.parse(cli.stdout);
    json.targets.forEach((t, i) => {
      const [metric, run, step, value, rank, of, oracleRun, oracleStep, oracleValue, regret] = rows[i];
      assert.deepEqual(
        [metric, run, step, value, rank, of, oracleRun, oracleStep, oracleValue, regret],
        [t.metric, t.selected.runName, String(t.selected.step), formatNumber(t.selected.value), String(t.selected.rank), String(t.candidates), t.oracle.runName, String(t.oracle.step), formatNumber(t.oracle.value), formatNumber(t.regret)],
        `row ${metric}`,
      );
    });
    assert.ok(json.targets.some((t) => t.selected.rank > 1 && t.regret > 0), 'the English-best model is best on every language');
    const summary = (await frame.locator('p.summary').textContent()) ?? '';
    assert.match(summary, /is not the best on f1_/);
    assert.equal(rows.at(-1)![9], formatNumber(json.meanRegret));
    await session!.shot('compare-e2e-selection.png');
  });
});
