// The product's first promise where users run it: hundreds of runs side by side in a real VS Code
// (code-server + Chromium). 240 runs (the founding study's size) as an MLflow file store and as an Aim
// repo, and 1,000 runs filtered to 300 by a query: one click ticks a whole source, Curves draws every
// series (the panel's own count and the pixels), then the story view (colour = learning rate, chart =
// language, median + min–max band). Times from the command to the first complete paint are printed and
// written to test-artifacts/scale-timings.json (the budget is checked by `npm run bench`, not here).
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { Frame, Page } from 'playwright-core';
import { SCALE_LANGUAGES, writeScaleWorkspace, type ScaleManifest } from '../vscode/workspace/scale-workspace';
import { ARTIFACTS, startSession, type WorkbenchSession } from './session';
import { canvasStats, runCommand, webviewFrame } from './workbench';
import { chooseIn, collapseRunsView, curvesRendered, openRunsView, sourceAction, typeIn, waitForCurves, type CurvesRendered } from './workbench-runlens';

const timings: Record<string, number> = {};
function record(name: string, millis: number): void {
  timings[name] = Math.round(millis);
  console.log(`scale: ${name}: ${Math.round(millis)} ms`);
  writeFileSync(process.env.RUNLENS_SCALE_TIMINGS ?? join(ARTIFACTS, 'scale-timings.json'), JSON.stringify(timings, null, 2));
}

/** A test step that leaves a screenshot behind when it fails. */
function stepOf(session: () => WorkbenchSession | undefined) {
  return (title: string, fn: () => Promise<void>) =>
    test(title, async () => {
      try {
        await fn();
      } catch (err) {
        await session()?.shot(`failure-scale-${title.replace(/[^\w]+/g, '-').slice(0, 50)}.png`).catch(() => {});
        throw err;
      }
    });
}

/** Ticks one whole source and opens Curves; returns the frame and the time to the complete paint. */
async function compareSource(page: Page, source: RegExp, expectedSeries: number): Promise<{ frame: Frame; millis: number; r: CurvesRendered }> {
  // An open panel's earlier draw can match the counts (the MLflow and Aim stores hold the same 240 runs): wait
  // for a draw of new data, not just for the right number of series.
  let earlier: CurvesRendered | undefined;
  for (const f of page.frames()) if (await f.$('#grid').catch(() => null)) earlier = await curvesRendered(f).catch(() => undefined);
  await sourceAction(page, source, 'Tick All Runs');
  const started = Date.now();
  await runCommand(page, 'Runlens: Compare Selected Runs');
  const frame = await webviewFrame(page, '#grid', 60_000);
  const r = await waitForCurves(frame, (x) => x.complete && x.seriesTotal === expectedSeries && x.series === expectedSeries && x.dataId !== earlier?.dataId, 120_000);
  return { frame, millis: r.renderedAt - started, r };
}

/** Every chart canvas carries ink (no empty charts), and the lines use at least `colours` colours. */
async function assertDrawn(frame: Frame, charts: number, colours: number): Promise<void> {
  const perCanvas = (await frame.evaluate(`[...document.querySelectorAll('.chart-card canvas')].map((c) => {
    const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data; let n = 0;
    for (let i = 3; i < d.length; i += 4) if (d[i] > 200) n++; return n; })`)) as number[];
  assert.equal(perCanvas.length, charts, `${perCanvas.length} canvases for ${charts} charts`);
  perCanvas.forEach((n, i) => assert.ok(n > 1500, `chart ${i + 1} has only ${n} opaque pixels`));
  const stats = await canvasStats(frame);
  assert.ok(stats.lineColors.length >= Math.min(colours, 6), `line colours: ${stats.lineColors.join(' ')}`);
}

async function storyView(frame: Frame, facet: string, split: boolean): Promise<void> {
  if (split) await chooseIn(frame, 'split', true);
  await chooseIn(frame, 'color-by', 'param:learning_rate');
  await chooseIn(frame, 'facet-by', facet);
  await chooseIn(frame, 'centre', 'median');
  await chooseIn(frame, 'band', 'minmax');
}

describe('240 runs in VS Code: MLflow file store and Aim repo', { timeout: 900_000 }, () => {
  let session: WorkbenchSession | undefined;
  let manifest: ScaleManifest;
  let page: Page;
  const step = stepOf(() => session);
  const series = () => manifest.runs * manifest.seriesPerRun;

  before(async () => {
    session = await startSession({
      workspace: async (tmp) => (manifest = await writeScaleWorkspace(join(tmp, 'ws240'), 240)).workspace,
      settings: { 'workbench.colorTheme': 'Default Dark Modern' },
    });
    page = session.page;
  });
  after(async () => {
    await session?.close();
  });

  step('the Runs view lists both sources', async () => {
    await openRunsView(page);
    await collapseRunsView(page);
    // Both sources, once the index has read them (Aim's 240 runs take a few seconds more).
    for (const source of [/^Aim.*240 runs/, /^MLflow.*240 runs/]) await page.locator('.monaco-list-row[aria-level="1"]', { hasText: source }).first().waitFor({ timeout: 120_000 });
    await session!.shot('scale-240-runs-view.png');
  });

  step('one click ticks all 240 MLflow runs; Compare draws every one of the 1,920 series', async () => {
    const { frame, millis, r } = await compareSource(page, /^MLflow/, series());
    record('240 runs × 8 metrics (MLflow): command → complete paint', millis);
    assert.equal(r.runs, 240);
    assert.equal(r.lines, series(), 'one line per series');
    assert.equal(r.seriesShown, series());
    assert.equal(r.charts, 8, 'one chart per metric');
    await assertDrawn(frame, 8, 6);
    await session!.shot('scale-240-mlflow-all-series.png');
  });

  step('story view on the MLflow keys: colour = learning rate, chart = language (split f1_de), median + band', async () => {
    const frame = await webviewFrame(page, '#grid');
    const before = (await curvesRendered(frame))!.renderedAt;
    await storyView(frame, 'ctx:suffix', true);
    const r = await waitForCurves(frame, (x) => x.renderedAt > before && x.charts >= SCALE_LANGUAGES.length && x.lines === 5 * x.charts && x.seriesShown === series(), 60_000);
    const titles = await frame.$$eval('.chart-card h3', (hs) => hs.map((h) => h.textContent ?? ''));
    for (const lang of SCALE_LANGUAGES) assert.ok(titles.includes(`f1 · key suffix=${lang}`), `a chart for ${lang}: ${titles.join(', ')}`);
    const legend = await frame.$$eval('.legend[data-kind=colour] .legend-item', (xs) => xs.map((x) => (x.textContent ?? '').trim()));
    assert.deepEqual(legend, manifest.learningRates, 'one colour per learning rate');
    await assertDrawn(frame, r.charts, 5);
    await session!.shot('scale-240-mlflow-story.png');
  });

  step('the Aim repo: the same 240 runs with language contexts, chart = lang', async () => {
    await sourceAction(page, /^MLflow/, 'Untick All Runs');
    const { frame, millis, r } = await compareSource(page, /^Aim/, series());
    record('240 runs × 8 series (Aim): command → complete paint', millis);
    assert.equal(r.runs, 240);
    await chooseIn(frame, 'split', false);
    const before = r.renderedAt;
    await storyView(frame, 'ctx:lang', false);
    const story = await waitForCurves(frame, (x) => x.renderedAt > before && x.charts >= SCALE_LANGUAGES.length && x.lines === 5 * x.charts && x.seriesShown === series(), 60_000);
    const titles = await frame.$$eval('.chart-card h3', (hs) => hs.map((h) => h.textContent ?? ''));
    for (const lang of SCALE_LANGUAGES) assert.ok(titles.includes(`f1 · lang=${lang}`), `a chart for ${lang}: ${titles.join(', ')}`);
    await assertDrawn(frame, story.charts, 5);
    await session!.shot('scale-240-aim-story.png');
  });
});

describe('1,000 runs in VS Code, filtered to 300 by a query', { timeout: 900_000 }, () => {
  let session: WorkbenchSession | undefined;
  let page: Page;
  const step = stepOf(() => session);

  before(async () => {
    session = await startSession({ workspace: async (tmp) => (await writeScaleWorkspace(join(tmp, 'ws1000'), 1000)).workspace });
    page = session.page;
  });
  after(async () => {
    await session?.close();
  });

  step('one click ticks 1,000 runs; Compare draws all 8,000 series', async () => {
    await openRunsView(page, /^MLflow/);
    await collapseRunsView(page);
    const { frame, millis, r } = await compareSource(page, /^MLflow/, 8000);
    record('1,000 runs × 8 metrics: command → complete paint', millis);
    assert.equal(r.runs, 1000);
    assert.equal(r.lines, 8000);
    await assertDrawn(frame, 8, 6);
    await session!.shot('scale-1000-all-series.png');
  });

  step('a query selects 300 of the 1,000 runs and every one of their series is drawn', async () => {
    const frame = await webviewFrame(page, '#grid');
    const started = Date.now();
    await typeIn(frame, 'query', 'seed <= 3 and warmup_ratio in (0, 0.1)');
    const r = await waitForCurves(frame, (x) => x.complete && x.runs === 300 && x.series === 2400, 60_000);
    record('1,000 runs filtered to 300 by a query: typed → complete paint', r.renderedAt - started);
    assert.equal(r.lines, 2400);
    assert.equal(r.seriesShown, 2400);
    const status = (await frame.textContent('#status')) ?? '';
    assert.match(status, /300 of 1000 runs match/);
    await storyView(frame, 'ctx:suffix', true);
    const story = await waitForCurves(frame, (x) => x.renderedAt > r.renderedAt && x.charts >= SCALE_LANGUAGES.length && x.lines === 5 * x.charts && x.seriesShown === 2400, 60_000);
    await assertDrawn(frame, story.charts, 5);
    await session!.shot('scale-1000-query-300-story.png');
  });
});
