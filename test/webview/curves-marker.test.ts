// The Curves step marker (a health finding's or a checkpoint's step) in the real bundle: a dashed line and
// label on the charts of the marked metric only, on every chart for a checkpoint, kept across a reload,
// cleared from its chip. Screenshots: test-artifacts/curves-marker-*.png.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { choose, rendered, waitFor } from './curves-controls';
import { fixtureMessage, type FixtureRun } from './curves-fixture';
import { CHROMIUM_SKIP, openPanel, type PanelPage } from './harness';

const skip = CHROMIUM_SKIP;
let panel: PanelPage;

before(async () => {
  if (skip) return;
  panel = await openPanel('curves', { width: 1200, height: 800 });
});
after(async () => {
  await panel?.close();
});

const runs: FixtureRun[] = [0, 1].map((r) => ({
  name: `run${r}`,
  series: [
    { key: 'loss', y: (i) => 2 * Math.exp(-i / 15) + (i === 34 ? 1.5 : 0) + 0.05 * r },
    { key: 'f1', y: (i) => 0.8 * (1 - Math.exp(-i / 10)) + 0.02 * r },
  ],
}));
const spike = { step: 340, metric: 'loss', label: 'loss-spike' };

async function show(p: PanelPage, state: Record<string, unknown>, extra: { adopt?: false } = {}): Promise<void> {
  const before = (await p.sent()).length;
  await p.post(fixtureMessage(runs, state, extra));
  await rendered(p, before);
}

/** Pixels of the marker's colour (the dark theme's foreground, #cccccc) per chart title: the line and its label. */
async function markerInk(p: PanelPage): Promise<Record<string, number>> {
  const counts = await p.page.$$eval('.chart-card', (cards) =>
    cards.map((card) => {
      const c = card.querySelector('canvas') as HTMLCanvasElement;
      const { data } = c.getContext('2d')!.getImageData(0, 0, c.width, c.height);
      let n = 0;
      for (let i = 0; i < data.length; i += 4) if (Math.abs(data[i] - 204) < 10 && Math.abs(data[i + 1] - 204) < 10 && Math.abs(data[i + 2] - 204) < 10 && data[i + 3] > 200) n++;
      return [card.querySelector('h3')!.textContent ?? '', n] as const;
    }),
  );
  return Object.fromEntries(counts);
}

/** Marked steps per chart title, as the cards state them. */
const marked = (p: PanelPage) => p.page.$$eval('.chart-card', (cs) => Object.fromEntries(cs.map((c) => [c.querySelector('h3')!.textContent, (c as HTMLElement).dataset.marker ?? null])));

test("a finding's step is marked on the charts of its metric only", { skip }, async () => {
  await show(panel, { marker: spike });
  assert.deepEqual(await marked(panel), { f1: null, loss: '340' });
  const ink = await markerInk(panel);
  await panel.screenshot('curves-marker-finding.png');
  assert.ok(ink.loss > 30, `the loss chart has the marker line and label (${ink.loss} px)`);
  assert.equal(ink.f1, 0, 'the f1 chart has none');
  assert.equal(await panel.page.$eval('#marker-chip', (e) => e.textContent), 'Marked: loss-spike at step 340 on loss×');
});

test('the marker survives a reload: the saved state draws it again', { skip }, async () => {
  const saved = (await panel.page.evaluate('window.__state')) as Record<string, unknown>;
  assert.deepEqual(saved.marker, spike);
  const second = await openPanel('curves', { width: 1200, height: 800, state: saved });
  try {
    await show(second, saved, { adopt: false });
    assert.deepEqual(await marked(second), { f1: null, loss: '340' });
    assert.ok((await markerInk(second)).loss > 30);
  } finally {
    await second.close();
  }
});

test('not drawn on another x axis (the chip says so); back on step it is', { skip }, async () => {
  await choose(panel, 'x-axis', 'relative-time');
  await waitFor(panel, `document.getElementById('marker-chip').textContent.includes('shown on the step axis')`);
  assert.deepEqual(await marked(panel), { f1: null, loss: null });
  await choose(panel, 'x-axis', 'step');
  await waitFor(panel, `document.querySelector('.chart-card[data-marker="340"]') !== null`);
});

test('the chip clears the marker, and the host hears of it', { skip }, async () => {
  const before = (await panel.sent()).length;
  await panel.page.click('#clear-marker');
  await waitFor(panel, `document.getElementById('marker-chip').hidden`);
  assert.deepEqual(await marked(panel), { f1: null, loss: null });
  assert.deepEqual(await markerInk(panel), { f1: 0, loss: 0 });
  await panel.page.waitForTimeout(400);
  const states = (await panel.sent()).slice(before).filter((m) => m.type === 'state') as unknown as Array<{ state: { marker: unknown } }>;
  assert.equal(states.at(-1)?.state.marker, null);
});

test("a checkpoint's step (no metric) is marked on every chart, inside the x range even past the last point", { skip }, async () => {
  await show(panel, { marker: { step: 700, metric: '', label: 'checkpoint-700 · last' } });
  assert.deepEqual(await marked(panel), { f1: '700', loss: '700' });
  const ink = await markerInk(panel);
  await panel.screenshot('curves-marker-checkpoint.png');
  assert.ok(ink.f1 > 30 && ink.loss > 30, JSON.stringify(ink));
});
