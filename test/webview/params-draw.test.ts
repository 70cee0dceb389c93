// The Params panel's drawing at scale in headless Chromium: a redraw of a narrowed brush over 5,000 runs goes in
// animation-frame slices (the event task returns before every line is stroked) and, once settled, paints exactly
// what a redraw from scratch of the same brush paints; a hover redraw over cached line paths leaves the lines as
// a full redraw draws them.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import type { ParamsViewState } from '../../src/protocol/params';
import { CHROMIUM_SKIP, openPanel, type PanelPage } from './harness';
import { syntheticParamsData } from './params-synthetic';

const skip = CHROMIUM_SKIP;
let panel: PanelPage;

before(async () => {
  if (skip) return;
  panel = await openPanel('params', { width: 1400, height: 800 });
});
after(async () => {
  await panel?.close();
});

/** A hash of the canvas pixels, read once no slice is pending. */
async function settledHash(): Promise<string> {
  return (await panel.page.evaluate(`(async () => {
    const c = document.querySelector('canvas.plot');
    while (c.dataset.slicing) await new Promise((res) => requestAnimationFrame(res));
    const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
    let h = 0;
    for (let i = 0; i < d.length; i++) h = (h * 31 + d[i]) | 0;
    return String(h) + '/' + c.width + 'x' + c.height;
  })()`)) as string;
}

test('narrowing a brush over 5,000 runs redraws in slices and ends with the same picture as a fresh draw', { skip }, async () => {
  await panel.post(syntheticParamsData(5000, 1));
  await panel.page.waitForSelector('.axis-head');
  const { pending, brushedAfter } = (await panel.page.evaluate(`(() => {
    const c = document.querySelector('canvas.plot');
    const r = c.getBoundingClientRect();
    const left = 70, right = c.clientWidth - 110;
    const x = r.left + left + (7 * (right - left)) / 11;
    const ev = (type, y) => new MouseEvent(type, { clientX: x, clientY: r.top + y, bubbles: true });
    c.dispatchEvent(ev('mousedown', 60));
    window.dispatchEvent(ev('mousemove', 500));
    // narrowing: runs leave the brush, a whole redraw
    window.dispatchEvent(ev('mousemove', 420));
    const pending = c.dataset.slicing === '1';
    window.dispatchEvent(ev('mouseup', 420));
    return { pending, brushedAfter: Number(document.body.dataset.brushed) };
  })()`)) as { pending: boolean; brushedAfter: number };
  assert.ok(brushedAfter > 600, `the brush holds more runs than one slice (${brushedAfter})`);
  assert.equal(pending, true, 'the event task left the rest of the lines to animation frames');
  const sliced = await settledHash();
  const state = (await panel.sent()).filter((m) => m.type === 'state').pop() as unknown as { state: ParamsViewState };
  assert.ok(Object.keys(state.state.brushes).length, 'the brush is in the view state');
  // the same brush, drawn from a new data message
  await panel.post({ ...syntheticParamsData(5000, 2), state: state.state, adopt: true });
  assert.equal(await settledHash(), sliced);
});

test('hovering a line and leaving it redraws the cached paths as a full draw does', { skip }, async () => {
  await panel.post(syntheticParamsData(1000, 3));
  await panel.page.waitForSelector('.axis-head');
  const full = await settledHash();
  await panel.page.evaluate(`(() => {
    const c = document.querySelector('canvas.plot');
    const r = c.getBoundingClientRect();
    c.dispatchEvent(new MouseEvent('mousemove', { clientX: r.left + 200, clientY: r.top + 300, bubbles: true }));
    c.dispatchEvent(new MouseEvent('mouseleave', { bubbles: true }));
  })()`);
  assert.equal(await settledHash(), full);
});
