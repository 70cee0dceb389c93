// SortedWindow holds exactly what sorting the window would: random streams with ties and infinities.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { SortedWindow } from '../../../src/core/stats/sorted-window';
import { prng } from '../../../src/core/util/prng';

test('a sliding window matches a sort of the same values at every step', () => {
  const rand = prng(7);
  for (const w of [1, 2, 30, 100]) {
    const xs = Array.from({ length: 600 }, () => {
      const r = rand();
      return r < 0.05 ? Infinity : r < 0.08 ? -Infinity : Math.round(r * 50) / 10; // many ties
    });
    const win = new SortedWindow();
    for (let i = 0; i < xs.length; i++) {
      win.add(xs[i]);
      if (i >= w) win.remove(xs[i - w]);
      const expected = xs.slice(Math.max(0, i - w + 1), i + 1).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
      assert.deepEqual(win.values, expected, `w=${w} i=${i}`);
    }
  }
});
