// Params panel axis order and the brushed selection in headless Chromium: dragging an axis title moves the axis
// (the ◀ ▶ buttons still do, for the keyboard), and "Reveal in Runs view" posts the brushed runs for the
// Runs Table's command.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import type { ParamsViewState } from '../../src/protocol/params';
import { CHROMIUM_SKIP, openPanel, type PanelPage } from './harness';
import { syntheticParamsData } from './params-synthetic';

const skip = CHROMIUM_SKIP;
let panel: PanelPage;
const data = syntheticParamsData(200, 1);
const ids = data.columns.map((c) => c.id);

before(async () => {
  if (skip) return;
  panel = await openPanel('params', { width: 1400, height: 800 });
  await panel.post(data);
  await panel.page.waitForSelector('.axis-head');
});
after(async () => {
  await panel?.close();
});

async function lastState(): Promise<ParamsViewState> {
  const m = (await panel.sent()).filter((x) => x.type === 'state').pop() as unknown as { state: ParamsViewState } | undefined;
  assert.ok(m, 'a state message');
  return m.state;
}

/** Page coordinates of axis k's title and of a point on the axis. */
async function axisPoint(k: number, y: 'title' | number): Promise<[number, number]> {
  return (await panel.page.evaluate(`(() => {
    const c = document.querySelector('canvas.plot');
    const r = c.getBoundingClientRect();
    const n = ${ids.length};
    const left = 70, right = c.clientWidth - 110;
    const x = left + (${k} * (right - left)) / (n - 1);
    return [r.left + x + 10, r.top + (${JSON.stringify(y)} === 'title' ? 52 - 24 : ${typeof y === 'number' ? y : 0})];
  })()`)) as [number, number];
}

test('dragging an axis title moves the axis to where it is dropped; ◀ moves it back one place', { skip }, async () => {
  const [x0, y0] = await axisPoint(0, 'title');
  const [x2] = await axisPoint(2, 'title');
  await panel.page.mouse.move(x0, y0);
  await panel.page.mouse.down();
  await panel.page.mouse.move((x0 + x2) / 2, y0, { steps: 3 });
  assert.equal(await panel.page.isVisible('.axis-drop'), true, 'a drop marker shows where the axis goes');
  await panel.page.mouse.move(x2, y0, { steps: 3 });
  await panel.page.mouse.up();
  const moved = (await lastState()).axes;
  assert.deepEqual(moved.slice(0, 3), [ids[1], ids[2], ids[0]]);
  assert.deepEqual([...moved].sort(), [...ids].sort(), 'no axis lost or doubled');
  assert.equal(await panel.page.isVisible('.axis-drop'), false);
  // the keyboard way: the ◀ button of the moved axis
  await panel.page.click(`.axis-head[data-axis="${ids[0]}"] .axis-btn.left`, { force: true });
  assert.deepEqual((await lastState()).axes.slice(0, 3), [ids[1], ids[0], ids[2]]);
  await panel.screenshot('params-axis-moved.png');
});

test('"Reveal in Runs view" posts the brushed runs', { skip }, async () => {
  assert.equal(await panel.page.locator('#reveal-runs').count(), 0, 'no button without a brush');
  // brush the last axis (eval_loss:min) over its upper half
  const [x, top] = await axisPoint(ids.length - 1, 60);
  await panel.page.mouse.move(x - 10, top);
  await panel.page.mouse.down();
  await panel.page.mouse.move(x - 10, top + 200, { steps: 4 });
  await panel.page.mouse.up();
  const brushed = (await panel.sent()).filter((m) => m.type === 'brushed').pop() as unknown as { keys: string[] };
  assert.ok(brushed.keys.length > 0 && brushed.keys.length < 200, `${brushed.keys.length} runs brushed`);
  await panel.page.click('#reveal-runs');
  const reveal = (await panel.sent()).filter((m) => m.type === 'revealInRuns').pop() as unknown as { keys: string[] } | undefined;
  assert.ok(reveal, 'revealInRuns posted');
  assert.deepEqual(reveal.keys, brushed.keys);
  assert.match(await panel.page.textContent('#reveal-runs') ?? '', new RegExp(`\\(${brushed.keys.length}\\)`));
});
