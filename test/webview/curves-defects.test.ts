// Curves defects seen in the workbench (issue 11 item 5), each on a small hand-made run set in the
// real bundle: aggregate tooltips, "ignore outliers" notes, no redraw per query keystroke, colours,
// highlight and status after a regroup, duplicate run names, name splitting, zoom and chips.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { chartTitles, choose, rendered, type, waitFor } from './curves-controls';
import { fixtureMessage, type FixtureRun } from './curves-fixture';
import { CHROMIUM_SKIP, openPanel, type PanelPage } from './harness';

const skip = CHROMIUM_SKIP;
let panel: PanelPage;

before(async () => {
  if (skip) return;
  panel = await openPanel('curves', { width: 1200, height: 900 });
});
after(async () => {
  await panel?.close();
});

/** Sends a data message and waits for the render it causes. */
async function show(list: FixtureRun[], state: Record<string, unknown> = {}): Promise<void> {
  const before = (await panel.sent()).length;
  await panel.post(fixtureMessage(list, state));
  await rendered(panel, before);
}

const sweep = (lrs: string[], seeds: number, extra: (lr: number, seed: number) => FixtureRun['series'] = () => []): FixtureRun[] =>
  lrs.flatMap((lr, a) =>
    Array.from({ length: seeds }, (_, s) => ({
      name: `lr${lr}-s${s}`,
      params: { learning_rate: lr, seed: String(s) },
      series: [{ key: 'f1', y: (i: number) => (0.5 + 0.1 * a) * (1 - Math.exp(-i / 10)) + 0.01 * s }, ...extra(a, s)],
    })),
  );

test('aggregated lines have a tooltip: centre, band and n of every group at the hovered x', { skip }, async () => {
  await show(sweep(['1e-5', '1e-4'], 2), { colorBy: 'param:learning_rate', centre: 'median', band: 'minmax', ignoreOutliers: false });
  const b = (await (await panel.page.$('.chart-card canvas'))!.boundingBox())!;
  await panel.page.mouse.move(b.x + b.width * 0.6, b.y + b.height * 0.4);
  await waitFor(panel, `document.querySelector('.chart-readout').textContent.includes('n=')`);
  const text = (await panel.page.$eval('.chart-readout', (e) => e.textContent ?? '')).split('\n');
  await panel.screenshot('curves-aggregate-tooltip.png');
  assert.match(text[0], /^step \d+/);
  assert.equal(text.length, 5, `a title and two lines per group: ${text.join(' | ')}`);
  // Top to bottom: lr 1e-4 has the higher f1.
  assert.equal(text[1], 'learning_rate=1e-4');
  assert.match(text[2], /^median 0\.\d+ · min–max 0\.\d+ … 0\.\d+ · n=2$/);
  assert.equal(text[3], 'learning_rate=1e-5');
  assert.match(text[4], /^median 0\.\d+ · min–max 0\.\d+ … 0\.\d+ · n=2$/);
  await panel.page.mouse.move(0, 0);
});

test('ignore outliers says what it cropped, and never hides a whole series', { skip }, async () => {
  const runs: FixtureRun[] = ['1e-5', '1e-5', '1e-5', '1e-5', '1e-4'].map((lr, r) => ({
    name: `r${r}`,
    params: { learning_rate: lr },
    series: [
      { key: 'eval_loss', y: (i) => (i === 0 ? 9 : 0.9 - 0.002 * i + 0.01 * r), points: 20 },
      { key: 'learning_rate', y: (i) => Number(lr) * (i < 5 ? (i + 1) / 5 : 1 - (i - 5) / 60) },
    ],
  }));
  await show(runs, { ignoreOutliers: true, centre: 'none' });
  const notes = await panel.page.$$eval('.chart-card', (cs) => cs.map((c) => [c.querySelector('h3')!.textContent, c.querySelector('.chart-note')!.textContent]));
  await panel.screenshot('curves-outliers.png');
  assert.deepEqual(Object.fromEntries(notes), {
    eval_loss: '↑ 5 points above the y range (outliers ignored)',
    learning_rate: '',
  });
});

test('typing a run query does not redraw the charts on every keystroke', { skip }, async () => {
  await show(sweep(['1e-5', '1e-4'], 2));
  const before = (await panel.sent()).length;
  for (const q of ['l', 'le', 'lea', 'lear']) await type(panel, 'query', q);
  await panel.page.waitForTimeout(100);
  const after = (await panel.sent()).slice(before);
  assert.equal(after.filter((m) => m.type === 'rendered').length, 0, 'no redraw before the host answers');
  await panel.page.waitForTimeout(400);
  const states = (await panel.sent()).slice(before).filter((m) => m.type === 'state');
  assert.equal(states.length, 1, 'one debounced state for four keystrokes');
  await type(panel, 'query', '');
});

/** Opaque, saturated pixels per canvas: lines drawn at full strength (faded ones are translucent, grid lines grey). */
async function strongInk(): Promise<number[]> {
  return panel.page.$$eval('canvas', (cs) =>
    cs.map((c) => {
      const { data } = (c as HTMLCanvasElement).getContext('2d')!.getImageData(0, 0, (c as HTMLCanvasElement).width, (c as HTMLCanvasElement).height);
      let n = 0;
      for (let i = 0; i < data.length; i += 4) if (data[i + 3] > 200 && Math.max(data[i], data[i + 1], data[i + 2]) - Math.min(data[i], data[i + 1], data[i + 2]) > 60) n++;
      return n;
    }),
  );
}

test('a regroup while a group is highlighted leaves no line faded', { skip }, async () => {
  await show(sweep(['1e-5', '1e-4'], 2), { colorBy: 'param:learning_rate', centre: 'median', band: 'minmax' });
  const b = (await (await panel.page.$('.chart-card canvas'))!.boundingBox())!;
  await panel.page.mouse.move(b.x + b.width * 0.6, b.y + b.height * 0.4);
  await panel.page.waitForTimeout(100);
  // Regroup without the mouse leaving the chart (keyboard, or a host refresh): group keys give way to run keys.
  const before = (await panel.sent()).length;
  await choose(panel, 'centre', 'none');
  await rendered(panel, before);
  const [ink] = await strongInk();
  await panel.screenshot('curves-regrouped.png');
  assert.ok(ink > 300, `the per-run lines are drawn at full strength (${ink} strong pixels)`);
  await panel.page.mouse.move(0, 0);
});

test('moving from a line to the card header ends the highlight', { skip }, async () => {
  await show(sweep(['1e-5', '1e-4'], 2), { colorBy: 'run', centre: 'none' });
  const [full] = await strongInk();
  const b = (await (await panel.page.$('.chart-card canvas'))!.boundingBox())!;
  await panel.page.mouse.move(b.x + b.width * 0.6, b.y + b.height * 0.3);
  await panel.page.waitForTimeout(100);
  const [hovered] = await strongInk();
  assert.ok(hovered < full * 0.8, `hovering one run fades the others (${hovered} vs ${full})`);
  const h = (await (await panel.page.$('.chart-card h3'))!.boundingBox())!;
  await panel.page.mouse.move(h.x + 5, h.y + 5, { steps: 5 });
  await panel.page.waitForTimeout(100);
  const [after] = await strongInk();
  assert.ok(after > full * 0.9, `every line at full strength again (${after} vs ${full})`);
});

test('status line: singular counts, and lines counted once charts on another x axis have their data', { skip }, async () => {
  await show([{ name: 'only', series: [{ key: 'loss', y: (i) => 1 / (i + 1) }] }], { xAxis: 'relative-time', centre: 'none' });
  const status = () => panel.page.$eval('#status', (e) => e.textContent ?? '');
  assert.match(await status(), /^1 run · 1 chart · 0 lines · \d+ ms$/);
  const req = (await panel.sent()).filter((m) => m.type === 'fetch').at(-1) as unknown as { id: number; refs: Array<{ runKey: string; key: string; context: object }> };
  const n = 30;
  const series = req.refs.map((r) => ({
    ...r,
    x: Float64Array.from({ length: n }, (_, i) => i * 1000),
    last: Float64Array.from({ length: n }, (_, i) => 1 / (i + 1)),
    min: Float64Array.from({ length: n }, (_, i) => 1 / (i + 1)),
    max: Float64Array.from({ length: n }, (_, i) => 1 / (i + 1)),
    nan: 0,
    points: n,
    before: null,
    after: null,
  }));
  await panel.post({ type: 'fetchResult', id: req.id, series, errors: [], millis: 1 });
  await waitFor(panel, `!document.querySelector('.chart-card').classList.contains('loading')`);
  assert.match(await status(), /^1 run · 1 chart · 1 line · \d+ ms$/);
});

test('two runs with the same name are told apart in the legend by their source', { skip }, async () => {
  const lightning = (root: string): FixtureRun => ({ name: 'version_0', id: 'version_0', format: 'lightning', root, series: [{ key: 'loss', y: (i) => 1 / (i + 1) }] });
  await show([lightning('/work/projA/lightning_logs'), lightning('/work/projB/lightning_logs')], { xAxis: 'step' });
  const legend = await panel.page.$$eval('.legend[data-kind=colour] .legend-item', (xs) => xs.map((x) => x.textContent));
  assert.deepEqual(legend, ['version_0 (projA/lightning_logs)', 'version_0 (projB/lightning_logs)']);
});

test('colours: the published palette in dark and light themes, then dashes past its end', { skip }, async () => {
  const runs: FixtureRun[] = Array.from({ length: 10 }, (_, r) => ({ name: `run-${r}`, series: [{ key: 'loss', y: (i) => (r + 1) / (i + 1) }] }));
  await show(runs, { centre: 'none', colorBy: 'run', dashBy: 'none' });
  const swatches = () =>
    panel.page.$$eval('.legend[data-kind=colour] .legend-item', (xs) =>
      xs.map((x) => {
        const s = x.querySelector('.swatch') as HTMLElement | null;
        const line = x.querySelector('svg line');
        return s ? getComputedStyle(s).backgroundColor : `dashed ${line?.getAttribute('stroke')} ${line?.getAttribute('stroke-dasharray')}`;
      }),
    );
  const dark = await swatches();
  assert.deepEqual(dark.slice(0, 3), ['rgb(86, 180, 233)', 'rgb(230, 159, 0)', 'rgb(0, 158, 115)'], 'Okabe-Ito, sky blue first on dark');
  assert.equal(new Set(dark.slice(0, 8)).size, 8);
  assert.deepEqual(dark.slice(8), ['dashed #56b4e9 6 4', 'dashed #e69f00 6 4'], 'the 9th and 10th run repeat colours, dashed');
  await panel.setTheme('light');
  await waitFor(panel, `getComputedStyle(document.querySelector('.legend-item .swatch')).backgroundColor === 'rgb(0, 114, 178)'`);
  const light = await swatches();
  assert.equal(new Set(light.slice(0, 7)).size, 7);
  assert.ok(!light.includes('rgb(240, 228, 66)'), 'no yellow on white');
  await panel.screenshot('curves-palette-light.png');
  await panel.setTheme('dark');
});

test('a zoom does not carry over to another run set; the zoom note is not cut off', { skip }, async () => {
  const set = (prefix: string): FixtureRun[] => [0, 1].map((r) => ({ name: `${prefix}${r}`, id: `${prefix}${r}`, series: [{ key: 'loss', y: (i) => 1 / (i + 1 + r) }] }));
  await show(set('a'), { centre: 'none', ignoreOutliers: false, zoom: { 'loss {}': [100, 300] } });
  await waitFor(panel, `document.querySelector('.chart-note').textContent.includes('zoomed')`);
  const note = await panel.page.$eval('.chart-note', (e) => ({ fits: e.scrollWidth <= e.clientWidth + 1, width: e.getBoundingClientRect().width, text: e.textContent }));
  assert.ok(note.fits && note.width > 200, `the note "${note.text}" shows whole (${note.width}px)`);
  // The tree's ticks change: the host sends the new runs with the state it holds (zoom included).
  const before = (await panel.sent()).length;
  await panel.post(fixtureMessage(set('b'), { centre: 'none', ignoreOutliers: false, zoom: { 'loss {}': [100, 300] } }));
  await rendered(panel, before);
  assert.equal(await panel.page.$eval('.chart-note', (e) => e.textContent), '');
  const state = (await panel.sent()).filter((m) => m.type === 'state').at(-1) as unknown as { state: { zoom: object } };
  assert.deepEqual(state.state.zoom, {});
});

test('many metrics: the chip header stays two rows high until opened', { skip }, async () => {
  const keys = Array.from({ length: 80 }, (_, m) => `metric_number_${m}`);
  await show([{ name: 'wide', series: keys.map((key) => ({ key, y: (i: number) => i, points: 5 })) }], { centre: 'none' });
  const height = () => panel.page.$eval('#chips', (e) => e.getBoundingClientRect().height);
  const collapsed = await height();
  assert.ok(collapsed <= 42, `collapsed chips are ${collapsed}px high`);
  await panel.screenshot('curves-chips-collapsed.png');
  await panel.page.click('.chips-toggle');
  assert.ok((await height()) > 80, 'opened, every chip shows');
  assert.equal(await panel.page.$eval('.chips-toggle', (e) => e.textContent), 'fewer');
  await panel.page.click('.chips-toggle');
  // Few metrics: no toggle.
  await show(sweep(['1e-5'], 1));
  assert.equal(await panel.page.$eval('.chips-toggle', (e) => (e as HTMLElement).hidden), true);
});

test('split names: per-dataset eval keys group by dataset; unsplit keys get no "(not set)" chart; __system__ hidden', { skip }, async () => {
  const keys = [...['g0', 'g1', 'g2', 'g3', 'g4', 'g5'].flatMap((g) => [`eval_${g}_loss`, `eval_${g}_accuracy`]), 'train_loss', '__system__cpu'];
  await show([{ name: 'hf', format: 'hf-trainer', series: keys.map((key, k) => ({ key, y: (i: number) => k + 1 / (i + 1), points: 10 })) }], { centre: 'none', split: true, facetBy: 'none' });
  assert.deepEqual(await chartTitles(panel), ['eval_loss', 'eval_accuracy', 'train_loss']);
  const before = (await panel.sent()).length;
  await choose(panel, 'facet-by', 'ctx:suffix');
  await rendered(panel, before);
  const titles = await chartTitles(panel);
  assert.equal(titles.length, 13);
  assert.ok(titles.includes('eval_accuracy · key suffix=g3') && titles.includes('train_loss'), titles.join(', '));
  assert.ok(!titles.some((t) => t.includes('(not set)')));
  assert.ok(await panel.page.$('.chip >> text=__system__cpu'), 'the system metric can still be picked');
});

test('new ticks while the user regroups: the webview takes the new runs and keeps its own grouping', { skip }, async () => {
  const runs = sweep(['1e-5', '1e-4'], 2);
  await show(runs, { colorBy: 'run', centre: 'none' });
  // The user picks a colour grouping and a median while the host is still sending the new tick set,
  // built from the state it had before those changes.
  await choose(panel, 'color-by', 'param:learning_rate');
  await choose(panel, 'centre', 'median');
  const before = (await panel.sent()).length;
  await panel.post(fixtureMessage(runs.slice(0, 3), { colorBy: 'run', centre: 'none' }, { adopt: 'selection' }));
  const r = await rendered(panel, before);
  const state = (await panel.page.evaluate('window.__state')) as { colorBy: string; centre: string; runKeys: string[] };
  assert.equal(state.colorBy, 'param:learning_rate', 'the grouping the user chose stays');
  assert.equal(state.centre, 'median');
  assert.equal(state.runKeys.length, 3, 'the new tick set is taken');
  assert.equal(r.lines, 2, 'one median line per learning rate over the 3 ticked runs');
});
