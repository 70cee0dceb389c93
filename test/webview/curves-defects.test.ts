// Curves defects seen in the workbench (issue 11 item 5), each on a small hand-made run set in the
// real bundle: aggregate tooltips, "ignore outliers" notes, no redraw per query keystroke, colours,
// highlight and status after a regroup, duplicate run names, name splitting, zoom and chips.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { asPageBuilder, chartTitles, choose, rendered, type, waitFor } from './curves-controls';
import { fixtureMessage, type FixtureRun } from './curves-fixture';
import { chromiumAvailable, openPanel, type PanelPage } from './harness';

const skip = chromiumAvailable() ? false : 'Debian chromium is not installed (npm test installs it)';
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
  await panel.send(asPageBuilder(fixtureMessage(list, state)));
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
