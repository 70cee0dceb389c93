// The Params panel's bundle in headless Chromium behind the real CSP, fed what the host sends for real indexed
// runs: the 240-run sweep of the scale workspace (MLflow file store) for the story view (Figure 1), and checks
// of brushing, highlight, group mode, scatter and exports through the posted messages and the pixels.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { Indexer } from '../../src/core/index/indexer';
import { IndexStore } from '../../src/core/index/store';
import type { IndexedRun } from '../../src/core/index/types';
import { readers } from '../../src/core/sources/registry';
import { tempDir } from '../helpers/tmp';
import { SCALE_LANGUAGES, writeScaleWorkspace } from '../vscode/workspace/scale-workspace';
import { CHROMIUM_SKIP, openPanel, type PanelPage } from './harness';
import { figureOneState, paramsDataMessage } from './params-fixture';

const skip = CHROMIUM_SKIP;
let panel: PanelPage;
let runs: IndexedRun[];

before(async () => {
  if (skip) return;
  const dir = path.join(tempDir(), 'scale');
  await writeScaleWorkspace(dir, 240);
  const store = await IndexStore.open();
  await new Indexer({ store, readers }).indexFolders([path.join(dir, 'mlruns')]);
  runs = store.runs().filter((r) => r.format === 'mlflow-file');
  assert.equal(runs.length, 240);
  panel = await openPanel('params', { width: 1500, height: 900 });
});
after(async () => {
  await panel?.close();
});

async function lastRendered(): Promise<{ runs: number; axes: number; millis: number }> {
  const sent = await panel.sent();
  const r = sent.filter((m) => m.type === 'rendered').pop();
  assert.ok(r, 'rendered');
  return r as unknown as { runs: number; axes: number; millis: number };
}

/** Pixels of the canvas that are (near) the best-run red. */
async function redPixels(): Promise<number> {
  return (await panel.page.evaluate(`(() => {
    const c = document.querySelector('canvas.plot');
    const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
    let n = 0;
    for (let i = 0; i < d.length; i += 4) if (d[i] > 230 && d[i + 1] < 90 && d[i + 2] < 80 && d[i + 3] > 200) n++;
    return n;
  })()`)) as number;
}

test('Figure 1: learning rate, seed, F1 per language; the best English run bold red with its rank on each language', { skip }, async () => {
  const langs = SCALE_LANGUAGES.filter((l) => l !== 'ar');
  await panel.post(await paramsDataMessage(runs, figureOneState(langs)));
  await panel.page.waitForSelector('.axis-head');
  const r = await lastRendered();
  assert.equal(r.runs, 240);
  assert.equal(r.axes, 2 + langs.length);
  assert.ok((await redPixels()) > 500, 'the best run is drawn in red');
  await panel.screenshot('params-figure1.png');
  // the ranks the panel draws are those of core/params: the best English run is rank 1 on en
  const heads = await panel.page.$$eval('.axis-head', (hs) => hs.map((h) => (h as HTMLElement).dataset.axis));
  assert.deepEqual(heads, ['params.learning_rate', 'params.seed', ...langs.map((l) => `f1_${l}:best`)]);
  const importance = await panel.page.textContent('.side');
  assert.match(importance ?? '', /based on 240 runs/);
  assert.match(importance ?? '', /learning_rate/);
});

test('brushing an axis posts the brushed runs; a second range on the axis ORs; clear posts none', { skip }, async () => {
  const box = (await panel.page.$('canvas.plot'))!;
  const b = (await box.boundingBox())!;
  // the last axis (f1_zh) stands at width − 110; drag over its upper half
  const x = b.x + b.width - 110;
  await panel.page.mouse.move(x, b.y + 60);
  await panel.page.mouse.down();
  await panel.page.mouse.move(x, b.y + 200, { steps: 5 });
  await panel.page.mouse.up();
  let sent = await panel.sent();
  const first = sent.filter((m) => m.type === 'brushed').pop() as unknown as { keys: string[] };
  assert.ok(first.keys.length > 0 && first.keys.length < 240, `${first.keys.length} runs brushed`);
  await panel.screenshot('params-brushed.png');
  await panel.page.mouse.move(x, b.y + 500);
  await panel.page.mouse.down();
  await panel.page.mouse.move(x, b.y + 640, { steps: 5 });
  await panel.page.mouse.up();
  sent = await panel.sent();
  const second = sent.filter((m) => m.type === 'brushed').pop() as unknown as { keys: string[] };
  assert.ok(second.keys.length > first.keys.length, 'a second range adds runs (OR within an axis)');
  const state = sent.filter((m) => m.type === 'state').pop() as unknown as { state: { brushes: Record<string, { ranges: unknown[] }> } };
  assert.equal(state.state.brushes['f1_zh:best'].ranges.length, 2);
  await panel.page.click('#clear-brushes');
  sent = await panel.sent();
  assert.deepEqual((sent.filter((m) => m.type === 'brushed').pop() as unknown as { keys: string[] }).keys, []);
});

test('a selection from another panel is shown; a click on a line highlights that run for every panel', { skip }, async () => {
  await panel.post({ type: 'selection', keys: runs.slice(0, 12).map((r) => r.key), origin: 'table' });
  await panel.screenshot('params-external-selection.png');
  const box = (await (await panel.page.$('canvas.plot'))!.boundingBox())!;
  // between the first two axes the lines fan out: find a point on a line by scanning a column
  const x = box.x + 70 + 30;
  let key: string | null | undefined;
  for (let y = box.y + 60; y < box.y + 700 && !key; y += 3) {
    await panel.page.mouse.click(x, y);
    const h = (await panel.sent()).filter((m) => m.type === 'highlight').pop() as unknown as { key: string | null } | undefined;
    key = h?.key;
  }
  assert.ok(key, 'a click on a line posts its key');
  assert.ok(runs.some((r) => r.key === key));
  await panel.post({ type: 'selection', keys: [], origin: 'table' });
});

test('group mode draws one line per configuration; scatter with categorical x, box and LOESS; exports carry every run', { skip }, async () => {
  await panel.page.click('#group-mode');
  await panel.screenshot('params-groups.png');
  assert.ok((await redPixels()) > 300, 'the best group in red');
  await panel.page.click('#group-mode');
  await panel.page.click('#mode-scatter');
  await panel.page.selectOption('#scatter-x', 'params.learning_rate');
  await panel.page.selectOption('#scatter-y', 'f1_de:best');
  await panel.page.selectOption('#trend', 'loess');
  await panel.screenshot('params-scatter.png');
  assert.equal((await lastRendered()).runs, 240);
  await panel.page.click('#export-csv');
  const csv = (await panel.sent()).filter((m) => m.type === 'export').pop() as unknown as { format: string; data: string; id: number };
  assert.equal(csv.format, 'csv');
  const lines = csv.data.trim().split('\n');
  assert.equal(lines.length, 241);
  assert.match(lines[0], /^run,key,group,brushed,learning_rate,f1_de:best$/);
  await panel.post({ type: 'exported', id: csv.id, path: '/tmp/x.csv' });
  await panel.page.click('#mode-parallel');
  await panel.page.click('#export-svg');
  const svg = (await panel.sent()).filter((m) => m.type === 'export').pop() as unknown as { data: string; id: number };
  assert.equal((svg.data.match(/<path /g) ?? []).length, 241, '240 run lines + the best');
  assert.match(svg.data, /rank \d+ of 240 on f1_de:best/);
  await panel.post({ type: 'exported', id: svg.id });
});

test('scatter with a text x: jitter, a box per category and the group means', { skip }, async () => {
  const langs = SCALE_LANGUAGES.filter((l) => l !== 'ar');
  await panel.post(await paramsDataMessage(runs, { ...figureOneState(langs), mode: 'scatter', scatterX: 'params.model_name', scatterY: 'f1_de:best', groupMode: true, colorBy: 'group' }, 2));
  await panel.page.waitForSelector('#scatter-x');
  const r = await lastRendered();
  assert.equal(r.runs, 240);
  // two models: the points spread over two jittered clouds; distinct x pixels ≫ 2
  const xs = (await panel.page.evaluate(`(() => {
    const c = document.querySelector('canvas.plot');
    const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
    const cols = new Set();
    for (let y = 0; y < c.height; y += 2) for (let x = 80; x < c.width - 40; x++) { const i = (y * c.width + x) * 4; if (d[i + 3] > 200 && (d[i] > 150 || d[i + 2] > 150)) cols.add(x); }
    return cols.size;
  })()`)) as number;
  assert.ok(xs > 40, `${xs} pixel columns carry points`);
  await panel.screenshot('params-scatter-categorical.png');
});

test('text typed into the add-axis field survives data arriving meanwhile', { skip }, async () => {
  await panel.post(await paramsDataMessage(runs, { axes: ['params.learning_rate', 'f1_en:best'] }, 3));
  await panel.page.waitForSelector('#add-axis');
  await panel.page.fill('#add-axis', 'f1_de:be');
  await panel.post(await paramsDataMessage(runs, { axes: ['params.learning_rate', 'f1_en:best'] }, 4));
  await panel.page.waitForFunction(`JSON.parse(document.body.dataset.rendered || '{}').axes === 2`);
  assert.equal(await panel.page.inputValue('#add-axis'), 'f1_de:be');
  assert.equal(await panel.page.evaluate(`document.activeElement && document.activeElement.id`), 'add-axis');
});
