// Many run lines (fast-lines.ts): 1,000 runs × 8 metrics, sent in chunks exactly as the host sends
// them, draw every line in every chart (not as Chart.js data sets), hovering one of those lines
// highlights its run in every chart and names it in the tooltip, and exports carry every line.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { curvesDataMessages } from '../../src/host/panels/curves-message';
import { waitFor } from './curves-controls';
import { fixtureRuns, type FixtureRun } from './curves-fixture';
import { CHROMIUM_SKIP, openPanel, type PanelPage } from './harness';

const skip = CHROMIUM_SKIP;
const RUNS = 1000;
let panel: PanelPage;

before(async () => {
  if (skip) return;
  panel = await openPanel('curves', { width: 1400, height: 900 });
});
after(async () => {
  await panel?.close();
});

/** Run r is the flat line y = r in every metric: each pixel row of a plot holds a few runs. */
const flatRuns: FixtureRun[] = Array.from({ length: RUNS }, (_, r) => ({
  name: `run-${r}`,
  id: `r${r}`,
  params: { seed: String(r) },
  series: Array.from({ length: 8 }, (_, m) => ({ key: `m${m}`, y: () => r, points: m < 2 ? 256 : 20 })),
}));

interface Ink {
  /** Strongly coloured pixels (a line at full strength, not faded or grey). */
  strong: number;
  /** Opaque pixel rows of one column across the plot (a thousand colours blend to grey: opacity, not hue). */
  rows: number;
}

/** Per canvas: strong pixels, and the opaque rows of a column inside the plot. */
async function ink(): Promise<Ink[]> {
  // A string, not a function: tsx would wrap the inner function in a helper the page lacks.
  return (await panel.page.evaluate(`[...document.querySelectorAll('canvas')].map((canvas) => {
    const { data, width, height } = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height);
    const spread = (i) => Math.max(data[i], data[i + 1], data[i + 2]) - Math.min(data[i], data[i + 1], data[i + 2]);
    let strong = 0;
    for (let i = 0; i < data.length; i += 4) if (data[i + 3] > 200 && spread(i) > 60) strong++;
    let rows = 0;
    const x = Math.round(width * 0.6);
    for (let y = 0; y < height; y++) if (data[(y * width + x) * 4 + 3] > 200) rows++;
    return { strong, rows };
  })`)) as Ink[];
}

test('1,000 runs × 8 metrics draw every run line in every chart, and hover highlights one', { skip }, async () => {
  const { runs, previews } = fixtureRuns(flatRuns);
  const messages = curvesDataMessages(runs, previews, { runKeys: runs.map((r) => r.key), colorBy: 'run', centre: 'none', ignoreOutliers: false }, { dataId: 1 });
  assert.ok(messages.length > 1, 'the host sends this much in chunks');
  await panel.post(...messages);
  await waitFor(panel, `(() => { const r = document.body.dataset.rendered && JSON.parse(document.body.dataset.rendered); return r && r.complete && r.series === ${RUNS * 8}; })()`, 60_000);
  const report = JSON.parse((await panel.page.evaluate('document.body.dataset.rendered')) as string);
  assert.equal(report.charts, 8);
  assert.equal(report.lines, RUNS * 8, 'one line per series');

  const full = await ink();
  assert.equal(full.length, 8);
  // The flat lines y = 0 … 999 fill the plot from top to bottom: every chart has ink on (nearly)
  // every row of its plot area, none is left blank by a chart that drew only some runs.
  const rows = full.map((c) => c.rows);
  const plotRows = (await panel.page.$eval('.chart-card canvas', (c) => (c as HTMLCanvasElement).height)) * 0.6;
  for (const [i, r] of rows.entries()) assert.ok(r > plotRows, `chart ${i}: ${r} inked rows of ${plotRows.toFixed(0)}+ expected`);

  // Hover the line of run 500 in the first chart: its name and value in the tooltip readout.
  const b = (await (await panel.page.$('.chart-card canvas'))!.boundingBox())!;
  await panel.page.mouse.move(b.x + b.width * 0.6, b.y + b.height * 0.45, { steps: 3 });
  await waitFor(panel, `document.querySelector('.chart-readout').textContent.includes('run-')`);
  const text = (await panel.page.$eval('.chart-readout', (e) => e.textContent ?? '')).split('\n');
  assert.match(text[0], /^step \d+/);
  const m = /^run-(\d+): (\d+)$/.exec(text[1]);
  assert.ok(m, `the hovered run and its value: ${text.join(' | ')}`);
  assert.equal(m[1], m[2], 'the value shown is the hovered run’s (run r is y = r)');
  await panel.screenshot('curves-fastlines-hover.png');

  // The hovered run stays at full strength, the other 999 fade: in this chart and in the others.
  // (Polled: the charts take the highlight in the frame after the mouse event, later on a busy machine.)
  let hovered = await ink();
  for (let i = 0; i < 40 && hovered[1].strong >= full[1].strong * 0.2; i++) {
    await panel.page.waitForTimeout(50);
    hovered = await ink();
  }
  for (const i of [0, 1, 7]) {
    assert.ok(hovered[i].strong < full[i].strong * 0.2, `chart ${i}: the other runs fade (${hovered[i].strong} vs ${full[i].strong} strong pixels)`);
    assert.ok(hovered[i].strong > b.width * 0.4, `chart ${i}: the hovered run is drawn at full strength (${hovered[i].strong} strong pixels)`);
  }

  // Leaving the chart ends the highlight and the tooltip.
  const h = (await (await panel.page.$('.chart-card h3'))!.boundingBox())!;
  await panel.page.mouse.move(h.x + 5, h.y + 5, { steps: 3 });
  await waitFor(panel, `document.querySelector('.chart-readout').textContent === ''`);
  const left = await ink();
  assert.ok(left[1].strong > full[1].strong * 0.9, `every line at full strength again (${left[1].strong} vs ${full[1].strong})`);
});

test('exports of a chart with 1,000 run lines carry every line (SVG paths, CSV rows)', { skip }, async () => {
  const before = (await panel.sent()).length;
  await panel.page.click('.chart-card >> nth=2 >> [data-export=svg]');
  await panel.page.click('.chart-card >> nth=2 >> [data-export=csv]');
  await waitFor(panel, `window.__sent.slice(${before}).filter((m) => m.type === 'export').length === 2`);
  const [svg, csv] = (await panel.sent()).slice(before).filter((m) => m.type === 'export') as unknown as Array<{ format: string; data: string }>;
  assert.equal(svg.format, 'svg');
  assert.equal(svg.data.match(/<path d="[^"]*" stroke=/g)?.length, RUNS, 'one stroked path per run');
  // A header, then one row per point: 20 points per run in this chart.
  assert.equal(csv.data.trim().split('\r\n').length, 1 + RUNS * 20);
});
