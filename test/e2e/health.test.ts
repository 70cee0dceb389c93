// Run health in a real VS Code (code-server + Chromium) on the demo workspace: the Diagnostics view (Run Health
// panel) lists the demo's findings grouped by rule with counts, the diverging run carries an error badge in the
// Runs view, and clicking a finding opens Curves on that run. Screenshots go to test-artifacts/.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { Page } from 'playwright-core';
import { generateDemo } from '../../src/demo/generate';
import { startSession, type WorkbenchSession } from './session';
import { runCommand, webviewFrame } from './workbench';
import { openRunsView, rowBadgeContents, runBadge, waitForCurves } from './workbench-runlens';

describe('Run health in VS Code: Diagnostics view and run badges on the demo', { timeout: 400_000 }, () => {
  let session: WorkbenchSession | undefined;
  let page: Page;
  const step = (title: string, fn: () => Promise<void>) =>
    test(title, async () => {
      try {
        await fn();
      } catch (err) {
        await session?.shot(`failure-health-${title.replace(/[^\w]+/g, '-').slice(0, 50)}.png`).catch(() => {});
        throw err;
      }
    });

  before(async () => {
    session = await startSession({
      workspace: async (tmp) => (await generateDemo(join(tmp, 'demo'), 42)).dir,
      settings: { 'workbench.colorTheme': 'Default Dark Modern' },
    });
    page = session.page;
  });
  after(async () => {
    await session?.close();
  });

  /** A row of the Diagnostics view (in the panel area) whose text matches. */
  const diagnosticsRow = (text: RegExp) => page.locator('.part.panel .monaco-list-row', { hasText: text }).first();

  step('the Diagnostics view lists the findings by rule, with counts', async () => {
    await openRunsView(page, /MLflow/);
    await runCommand(page, 'Run Health: Focus on Diagnostics View');
    for (const [rule, count] of [['divergence', 2], ['non-finite', 2], ['overfitting', 12]] as const) {
      const row = diagnosticsRow(new RegExp(`^${rule}\\s*${count}$`));
      await row.waitFor({ timeout: 120_000 });
    }
    // errors come first
    const first = (await page.locator('.part.panel .monaco-list-row[aria-level="1"]').first().textContent()) ?? '';
    assert.match(first, /^(divergence|non-finite)/);
    await diagnosticsRow(/^divergence/).click();
    await diagnosticsRow(/xlmr-lr1e-4-seed3.*train_loss @ step 14\d0/).waitFor({ timeout: 10_000 });
    await session!.shot('health-diagnostics-view.png');
  });

  step('the diverging run carries an error badge in the Runs view', async () => {
    await runCommand(page, 'Runlens: Filter Runs…');
    const input = page.locator('.quick-input-widget input');
    await input.waitFor({ state: 'visible' });
    await input.fill('seed=3 name~xlmr');
    await page.keyboard.press('Enter');
    // the filter has landed once the seed-1 runs are gone (rows re-render meanwhile)
    await page.locator('.part.sidebar .monaco-list-row', { hasText: 'xlmr-lr1e-4-seed1' }).first().waitFor({ state: 'detached', timeout: 30_000 });
    // the FileDecoration: the label is coloured and carries the badge letter after it
    assert.equal(await runBadge(page, 'xlmr-lr1e-4-seed3', 60_000), '"!"');
    // a healthy run of the same filter has none (only info findings, which carry no badge)
    await page.locator('.part.sidebar .monaco-list-row', { hasText: 'xlmr-lr3e-5-seed3' }).first().waitFor({ timeout: 10_000 });
    for (const content of await rowBadgeContents(page, 'xlmr-lr3e-5-seed3')) assert.ok(content === 'none' || content === 'normal' || content === '""', `healthy run badge: ${content}`);
    await session!.shot('health-run-badge.png');
  });

  step('clicking a finding opens Curves on that run and series', async () => {
    await diagnosticsRow(/xlmr-lr1e-4-seed3.*train_loss @ step/).click();
    const frame = await webviewFrame(page, '#grid', 60_000);
    const r = await waitForCurves(frame, (x) => x.complete && x.runs === 1 && x.charts === 1, 60_000);
    assert.equal(r.runs, 1);
    const titles = await frame.$$eval('.chart-card h3', (hs) => hs.map((h) => h.textContent ?? ''));
    assert.deepEqual(titles, ['train_loss']);
    // The finding's step is marked on the chart (a dashed line + label; the card names the step).
    const marked = await frame.$$eval('.chart-card[data-marker]', (cs) => cs.map((c) => (c as HTMLElement).dataset.marker));
    const step = Number((await diagnosticsRow(/xlmr-lr1e-4-seed3.*train_loss @ step/).textContent())?.match(/@ step (\d+)/)?.[1]);
    assert.deepEqual(marked, [String(step)]);
    assert.match((await frame.locator('#marker-chip').textContent()) ?? '', new RegExp(`at step ${step} on train_loss`));
    await session!.shot('health-finding-in-curves.png');
  });
});
