// The packed transport: any number of series travels as one buffer per message (VS Code's host → webview
// channel keeps the count of transferred arrays in one byte), no message exceeds the size limit, and what
// arrives is exactly what was sent.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { curvesDataMessage, curvesDataMessages, type PreviewRows } from '../../../src/host/panels/curves-message';
import type { IndexedRun } from '../../../src/core/index/types';
import { encodePreview } from '../../../src/core/analysis';
import { isHostToCurves, type HostToCurves } from '../../../src/protocol/curves';
import { chunkBySize, isPackedMessage, MAX_MESSAGE_BYTES, packMessage, unpackMessage, wireBytes } from '../../../src/protocol/packing';

/** Typed arrays and ArrayBuffers anywhere in a message: what VS Code would transfer separately. */
function transferables(v: unknown): number {
  if (v === null || typeof v !== 'object') return 0;
  if (ArrayBuffer.isView(v) || v instanceof ArrayBuffer) return 1;
  return Object.values(v).reduce<number>((n, x) => n + transferables(x), 0);
}

/** What crosses a structured-clone channel: a deep copy with fresh buffers (offsets kept). */
function overTheWire<T>(v: T): T {
  return structuredClone(v);
}

function fakeRuns(n: number, seriesPerRun: number): { runs: IndexedRun[]; previews: PreviewRows } {
  const runs: IndexedRun[] = [];
  const previews: PreviewRows = new Map();
  for (let r = 0; r < n; r++) {
    const key = `src\u0000run-${r}`;
    runs.push({ key, id: `run-${r}`, name: `run ${r}`, experiment: 'sweep', format: 'mlflow-file', status: 'FINISHED', path: `/x/${r}`, root: '/x', params: { lr: String(r % 5), seed: String(r % 4) }, tags: {}, series: [], checkpoints: [] } as unknown as IndexedRun);
    const rows = [];
    for (let s = 0; s < seriesPerRun; s++) {
      const steps = Array.from({ length: 256 }, (_, i) => i * 10);
      const values = steps.map((x) => Math.sin(x / 100 + r + s) + r * 1e-3);
      rows.push({
        summary: { key: `m${s}`, context: {}, count: 2560, nanCount: 0 } as never,
        preview: encodePreview({ x: steps, last: values, min: values.map((v) => v - 0.1), max: values.map((v) => v + 0.1) }),
      });
    }
    previews.set(key, rows);
  }
  return { runs, previews };
}

test('a message with typed arrays packs into one buffer and unpacks to equal arrays', () => {
  const msg = { type: 'x', a: new Float32Array([1, 2.5, NaN]), nested: [{ b: new Float64Array([Math.PI, -Infinity]) }, { c: new Uint8Array([7]) }], s: 'text', n: null, edge: { x: 3, y: NaN }, inf: [Infinity, -Infinity] };
  const packed = packMessage(msg);
  assert.equal(transferables(packed), 1);
  assert.ok(isPackedMessage(packed));
  // The channel's JSON part: NaN and ±Infinity outside typed arrays must survive JSON too.
  const back = unpackMessage({ ...(JSON.parse(JSON.stringify(packed)) as object), buffer: overTheWire(packed.buffer) }) as typeof msg;
  assert.ok(Number.isNaN(back.edge.y));
  assert.deepEqual(back.inf, [Infinity, -Infinity]);
  assert.ok(back.a instanceof Float32Array && back.nested[0]!.b instanceof Float64Array && back.nested[1]!.c instanceof Uint8Array);
  assert.deepEqual([...back.a], [1, 2.5, NaN]);
  assert.deepEqual([...back.nested[0]!.b], [Math.PI, -Infinity]);
  assert.deepEqual([...back.nested[1]!.c], [7]);
  assert.equal(back.s, 'text');
  assert.equal(back.n, null);
});

test('a misaligned buffer view is copied before Float64 views are made', () => {
  const packed = packMessage({ v: new Float64Array([1.5, 2.5]) });
  const shifted = new Uint8Array(packed.buffer.byteLength + 3);
  shifted.set(packed.buffer, 3);
  const back = unpackMessage({ ...packed, buffer: shifted.subarray(3) }) as { v: Float64Array };
  assert.deepEqual([...back.v], [1.5, 2.5]);
});

test('references outside the buffer, or with odd fields, are left as plain objects (the guard rejects them)', () => {
  const packed = packMessage({ v: new Float32Array([1, 2]) });
  for (const bad of [
    { $array: 'f32', offset: 0, length: 1000 },
    { $array: 'f32', offset: -8, length: 1 },
    { $array: 'f32', offset: 3, length: 1 },
    { $array: 'constructor', offset: 0, length: 1 },
    { $array: '__proto__', offset: 0, length: 1 },
    { $array: 'f32', offset: '0', length: 1 },
  ]) {
    const back = unpackMessage({ ...packed, body: { v: bad } }) as { v: unknown };
    assert.ok(!ArrayBuffer.isView(back.v), JSON.stringify(bad));
  }
  // A `__proto__` key in the body stays an own key and pollutes nothing.
  const evil = unpackMessage({ $packed: 1, buffer: new Uint8Array(0), body: JSON.parse('{"__proto__":{"polluted":1},"type":"x"}') }) as Record<string, unknown>;
  assert.equal(({} as Record<string, unknown>).polluted, undefined);
  assert.equal(Object.getPrototypeOf(evil), Object.prototype);
});

test('messages that are not packed pass through unchanged', () => {
  const m = { type: 'ready' };
  assert.equal(unpackMessage(m), m);
  assert.equal(unpackMessage(null), null);
});

test('chunkBySize keeps order, never drops an item, and respects the budget', () => {
  const items = Array.from({ length: 100 }, (_, i) => ({ i, pad: 'x'.repeat(90) }));
  const chunks = chunkBySize(items, 1000, 500);
  assert.deepEqual(chunks.flat(), items);
  assert.ok(wireBytes(chunks[0]) <= 500 + 10);
  for (const c of chunks) assert.ok(c.length >= 1 && wireBytes(c) <= 1000 + 10);
  assert.deepEqual(chunkBySize([], 1000), [[]]);
  // An item above the budget travels alone.
  assert.deepEqual(chunkBySize(['x'.repeat(5000), 'y'], 1000).map((c) => c.length), [1, 1]);
});

for (const total of [0, 1, 63, 64, 65, 256, 10_000]) {
  test(`${total} series: every one arrives, each message has one buffer and stays ≤ 2 MB`, () => {
    const perRun = total >= 8 ? 8 : 1;
    const { runs, previews } = fakeRuns(total === 0 ? 3 : Math.ceil(total / perRun), total === 0 ? 0 : perRun);
    // Trim to exactly `total` series.
    let left = total;
    for (const r of runs) {
      const rows = previews.get(r.key)!;
      rows.splice(Math.min(rows.length, left));
      left -= rows.length;
    }
    const messages = curvesDataMessages(runs, previews, { runKeys: runs.map((r) => r.key) }, { dataId: 7 });
    const received: HostToCurves[] = [];
    for (const m of messages) {
      const packed = packMessage(m);
      assert.equal(transferables(packed), 1, 'one buffer per message');
      assert.ok(packed.buffer.byteLength + JSON.stringify(packed.body).length <= MAX_MESSAGE_BYTES, `message of ${packed.buffer.byteLength} bytes`);
      const back = unpackMessage(overTheWire(packed));
      assert.ok(isHostToCurves(back), 'the guard accepts what arrives');
      received.push(back);
    }
    const [head, ...chunks] = received;
    assert.equal(head!.type, 'data');
    assert.ok(chunks.every((c) => c.type === 'seriesChunk' && c.dataId === 7));
    const series = [head, ...chunks].flatMap((m) => (m!.type === 'data' || m!.type === 'seriesChunk' ? m!.series : []));
    assert.equal((head as Extract<HostToCurves, { type: 'data' }>).seriesTotal, total);
    assert.equal(series.length, total);
    // Same series, same values, in the order the one-message form has them.
    const whole = curvesDataMessage(runs, previews, { runKeys: runs.map((r) => r.key) });
    assert.equal(whole.series.length, total);
    for (let i = 0; i < total; i += Math.max(1, Math.floor(total / 50))) {
      assert.equal(series[i]!.runKey, whole.series[i]!.runKey);
      assert.equal(series[i]!.key, whole.series[i]!.key);
      assert.deepEqual([...series[i]!.last], [...whole.series[i]!.last]);
      assert.deepEqual([...series[i]!.x], [...whole.series[i]!.x]);
    }
  });
}
