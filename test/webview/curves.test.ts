// The Curves bundle in real headless Chromium with a fake host: handshake, charts drawn, legend,
// hiding a run, log axis (via the @vscode-elements controls), theme switch; screenshots go to test-artifacts/ for review.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { tick, type } from './curves-controls';
import { CHROMIUM_SKIP, openPanel, type PanelPage } from './harness';

const skip = CHROMIUM_SKIP;

// Runs in the page: three runs × (loss, f1·lang=de, f1·lang=en) with curves that differ per run.
const DATA = `() => {
  const runs = ['lr1e-5', 'lr3e-5', 'lr1e-4'].map((name, i) => ({ key: 'mlflow-file|/w/mlruns|r' + i, name, experiment: 'xner', format: 'mlflow-file', params: { lr: name.slice(2) } }));
  const series = [];
  runs.forEach((r, i) => {
    const make = (key, context, f) => {
      const n = 120, x = new Float32Array(n), last = new Float32Array(n), min = new Float32Array(n), max = new Float32Array(n);
      for (let j = 0; j < n; j++) { x[j] = j * 10; const v = f(j); last[j] = v; min[j] = v * 0.97; max[j] = v * 1.03; }
      const label = Object.keys(context).length ? key + ' · ' + Object.entries(context).map(([k, v]) => k + '=' + v).join(', ') : key;
      series.push({ runKey: r.key, key, context, label, x, last, min, max, count: n * 10, nanCount: 0 });
    };
    make('loss', {}, (j) => 2.2 * Math.exp(-(i + 1) * j / 60) + 0.1);
    make('f1', { lang: 'de' }, (j) => (0.5 + 0.1 * i) * (1 - Math.exp(-j / 30)));
    make('f1', { lang: 'en' }, (j) => (0.6 + 0.1 * i) * (1 - Math.exp(-j / 25)));
  });
  return { type: 'data', dataId: 1, seriesTotal: series.length, runs, series, state: { runKeys: runs.map((r) => r.key), hiddenRuns: [], logY: false, filter: '' } };
}`;

let panel: PanelPage;

before(async () => {
  if (skip) return;
  panel = await openPanel('curves');
});
after(async () => {
  await panel?.close();
});

/** Counts canvas pixels that differ from the chart background, per canvas. */
async function inkPerCanvas(p: PanelPage): Promise<number[]> {
  return p.page.$$eval('canvas', (canvases) =>
    canvases.map((c) => {
      const ctx = (c as HTMLCanvasElement).getContext('2d')!;
      const { data } = ctx.getImageData(0, 0, (c as HTMLCanvasElement).width, (c as HTMLCanvasElement).height);
      let ink = 0;
      for (let i = 3; i < data.length; i += 4) if (data[i] > 0) ink++;
      return ink;
    }),
  );
}

/** Colour histogram of strongly saturated pixels (the lines, not grid or text). */
async function lineColors(p: PanelPage): Promise<Set<string>> {
  const colors = await p.page.$$eval('canvas', (canvases) => {
    const out: string[] = [];
    for (const c of canvases) {
      const ctx = (c as HTMLCanvasElement).getContext('2d')!;
      const { data } = ctx.getImageData(0, 0, (c as HTMLCanvasElement).width, (c as HTMLCanvasElement).height);
      for (let i = 0; i < data.length; i += 4) {
        const [r, g, b, a] = [data[i], data[i + 1], data[i + 2], data[i + 3]];
        if (a > 250 && Math.max(r, g, b) - Math.min(r, g, b) > 90) out.push(`${r >> 4},${g >> 4},${b >> 4}`);
      }
    }
    return out;
  });
  return new Set(colors);
}

test('says ready, then draws one chart per metric with one line per run', { skip }, async () => {
  const sent = await panel.sent();
  assert.equal(sent[0]?.type, 'ready');
  await panel.send(DATA);
  await panel.page.waitForSelector('canvas');
  const titles = await panel.page.$$eval('.chart-card h3', (hs) => hs.map((h) => h.textContent));
  assert.deepEqual(titles, ['loss', 'f1 · lang=de', 'f1 · lang=en']);
  const legend = await panel.page.$$eval('.legend-item', (items) => items.map((i) => i.textContent));
  assert.deepEqual(legend, ['lr1e-5', 'lr3e-5', 'lr1e-4']);
  const ink = await inkPerCanvas(panel);
  assert.equal(ink.length, 3);
  for (const n of ink) assert.ok(n > 2000, `a chart drew only ${n} pixels`);
  await panel.screenshot('curves-dark.png');
});

test('clicking a legend entry hides that run and reports the state to the host', { skip }, async () => {
  const before = await lineColors(panel);
  await panel.page.click('.legend-item >> text=lr3e-5');
  const after = await lineColors(panel);
  assert.ok(after.size < before.size, 'hiding a run removes its colour from the charts');
  assert.ok(await panel.page.$('.legend-item.hidden'));
  const states = (await panel.sent()).filter((m) => m.type === 'state');
  const last = states.at(-1) as unknown as { state: { hiddenRuns: string[] } };
  assert.deepEqual(last.state.hiddenRuns, ['mlflow-file|/w/mlruns|r1']);
  await panel.page.click('.legend-item >> text=lr3e-5');
});

test('log y axis and the metric filter re-draw the grid', { skip }, async () => {
  await tick(panel, 'logy', true);
  const ink = await inkPerCanvas(panel);
  for (const n of ink) assert.ok(n > 2000);
  await type(panel, 'filter', 'lang=de');
  assert.equal(await panel.page.$$eval('canvas', (c) => c.length), 1);
  await type(panel, 'filter', '');
  await tick(panel, 'logy', false);
  assert.equal(await panel.page.$$eval('canvas', (c) => c.length), 3);
});

test('switching to a light theme changes the chart colours', { skip }, async () => {
  const dark = await lineColors(panel);
  await panel.setTheme('light');
  await panel.page.waitForTimeout(100);
  const light = await lineColors(panel);
  const shared = [...light].filter((c) => dark.has(c)).length;
  assert.ok(shared < light.size / 2, `light theme reused ${shared} of ${light.size} line colours`);
  await panel.screenshot('curves-light.png');
});

test('rejects messages that do not match the protocol', { skip }, async () => {
  await panel.send(`() => ({ type: 'data', runs: 'nope' })`);
  await panel.send(`() => ({ type: 'bogus' })`);
  assert.equal(await panel.page.$$eval('canvas', (c) => c.length), 3);
});
