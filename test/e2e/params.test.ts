// The Params explorer in a real VS Code (code-server + Chromium) on the 240-run scale workspace: tick the
// MLflow source, open Params (all 240 runs drawn with the default axes), build Figure 1 of the founding story
// from the panel's own controls (axes learning_rate, seed, F1 per language; best English run in red), brush an
// axis, and check that the shared run selection followed: Open Run Selection in Curves shows exactly the
// brushed runs.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { Frame, Page } from 'playwright-core';
import { SCALE_LANGUAGES, writeScaleWorkspace } from '../vscode/workspace/scale-workspace';
import { startSession, type WorkbenchSession } from './session';
import { runCommand, webviewFrame } from './workbench';
import { collapseRunsView, openRunsView, sourceAction, waitForCurves } from './workbench-runlens';

interface ParamsRendered {
  runs: number;
  axes: number;
  mode: string;
  millis: number;
  brushed: number;
}

async function paramsRendered(frame: Frame, ok: (r: ParamsRendered) => boolean, timeoutMs = 60_000): Promise<ParamsRendered> {
  const end = Date.now() + timeoutMs;
  let last: ParamsRendered | undefined;
  while (Date.now() < end) {
    const raw = (await frame.evaluate(`document.body.dataset.rendered || ''`)) as string;
    last = raw ? (JSON.parse(raw) as ParamsRendered) : undefined;
    if (last && ok(last)) return last;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`params never rendered as expected; last: ${JSON.stringify(last)}`);
}

describe('Params explorer in VS Code: 240 runs, brushing drives the shared selection', { timeout: 600_000 }, () => {
  let session: WorkbenchSession | undefined;
  let page: Page;
  before(async () => {
    session = await startSession({
      workspace: async (tmp) => (await writeScaleWorkspace(join(tmp, 'ws240'), 240)).workspace,
      settings: { 'workbench.colorTheme': 'Default Dark Modern' },
      size: { width: 1600, height: 1000 },
    });
    page = session.page;
  });
  after(async () => {
    await session?.close();
  });

  test('open Params on 240 runs, make Figure 1, brush an axis; Curves opens on the brushed runs', async () => {
    try {
      await openRunsView(page);
      await collapseRunsView(page);
      // both sources once the index has read them, then every MLflow run ticked with one click
      for (const source of [/^Aim.*240 runs/, /^MLflow.*240 runs/]) await page.locator('.monaco-list-row[aria-level="1"]', { hasText: source }).first().waitFor({ timeout: 120_000 });
      await sourceAction(page, /^MLflow/, 'Tick All Runs');
      const started = Date.now();
      await runCommand(page, 'Runlens: Open Params Explorer');
      const frame = await webviewFrame(page, 'canvas.plot', 60_000);
      const first = await paramsRendered(frame, (r) => r.runs === 240 && r.axes >= 3);
      console.log(`params: command → first complete draw of 240 runs × ${first.axes} default axes: ${Date.now() - started} ms`);
      // Figure 1 through the panel's controls: remove every default axis, add the story's, pick the best-by column
      for (let i = 0; i < first.axes; i++) await frame.locator('.axis-head .remove').first().click();
      const langs = SCALE_LANGUAGES.filter((l) => l !== 'ar');
      await paramsRendered(frame, (r) => r.axes === 0);
      const story = ['params.learning_rate', 'params.seed', ...langs.map((l) => `f1_${l}:best`)];
      for (const [i, id] of story.entries()) {
        await frame.locator('#add-axis').fill(id);
        await frame.locator('#add-axis').press('Enter');
        // drawn once the host has read the new column
        await paramsRendered(frame, (r) => r.axes === i + 1);
      }
      await paramsRendered(frame, (r) => r.axes === 2 + langs.length && r.runs === 240);
      await frame.locator('#best-by').selectOption('f1_en:best');
      await frame.locator('#color-by').selectOption('params.learning_rate');
      await paramsRendered(frame, (r) => r.axes === 2 + langs.length);
      await frame.locator('.axis-head[data-axis="f1_zh:best"]').waitFor();
      await page.waitForTimeout(500);
      await session!.shot('params-figure1-workbench.png');
      // brush the upper part of the f1_de axis
      const box = (await frame.locator('canvas.plot').boundingBox())!;
      const heads = await frame.locator('.axis-head[data-axis="f1_de:best"]').boundingBox();
      const x = heads!.x + heads!.width / 2;
      await page.mouse.move(x, box.y + 70);
      await page.mouse.down();
      await page.mouse.move(x, box.y + 260, { steps: 6 });
      await page.mouse.up();
      const brushed = await paramsRendered(frame, () => true).then(async () => Number(await frame.evaluate(`document.body.dataset.brushed || '0'`)));
      assert.ok(brushed > 0 && brushed < 240, `${brushed} runs brushed`);
      await session!.shot('params-brushed-workbench.png');
      await runCommand(page, 'Runlens: Open Run Selection in Curves');
      const curves = await webviewFrame(page, '#grid', 60_000);
      const r = await waitForCurves(curves, (x) => x.complete && x.runs === brushed, 120_000);
      assert.equal(r.runs, brushed);
      await session!.shot('params-selection-in-curves.png');
    } catch (err) {
      await session?.shot('failure-params.png').catch(() => {});
      throw err;
    }
  });
});
