// Growable scalar columns and their exact-size copies: every point survives growth and the copy, in order.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ScalarColumns, acquireColumns, copyOut, releaseColumns } from '../../../src/core/sources/tensorboard/columns';

test('copyOut: the points of several columns, past their initial capacity, come out exact and in order', () => {
  const a = new ScalarColumns(4);
  const b = new ScalarColumns(4);
  for (let i = 0; i < 1000; i++) (i % 3 ? a : b).push(i, -i * 0.5, 1000 + i);
  const [pa, none, pb] = copyOut([a, undefined, b]);
  assert.equal(none, undefined);
  for (const [p, want] of [[pa, (i: number) => i % 3 !== 0], [pb, (i: number) => i % 3 === 0]] as const) {
    const steps = Array.from({ length: 1000 }, (_, i) => i).filter(want);
    assert.deepEqual([...p!.steps], steps);
    assert.deepEqual([...p!.values], steps.map((i) => -i * 0.5));
    assert.deepEqual([...p!.times!], steps.map((i) => 1000 + i));
  }
  // copies: later pushes into the columns do not show through
  a.push(5000, 1, 1);
  assert.equal(pa!.steps.length, 666);
});

test('a released column set comes back from the pool empty', () => {
  const c = acquireColumns();
  c.push(1, 2, 3);
  releaseColumns(c);
  const again = acquireColumns();
  assert.equal(again.length, 0);
  assert.deepEqual(copyOut([again]), [undefined]);
  releaseColumns(again);
});

test("copyOut: each tag's points live in an array of their own", () => {
  const a = new ScalarColumns(4);
  const b = new ScalarColumns(4);
  for (let i = 0; i < 10; i++) (i % 2 ? a : b).push(i, i, i);
  const [pa, pb] = copyOut([a, b]);
  // keeping one tag's series must not keep the other tag's points alive
  assert.notEqual(pa!.steps.buffer, pb!.steps.buffer);
  assert.equal(pa!.steps.buffer.byteLength, 3 * 5 * 8);
});
