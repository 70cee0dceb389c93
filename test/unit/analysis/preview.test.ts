import { test } from 'node:test';
import assert from 'node:assert/strict';
import { bucketize, decodePreview, encodePreview, previewOf, PREVIEW_BUCKETS } from '../../../src/core/analysis';
import { assertClose } from './close';

test('preview round-trips x, last, min, max including NaN and infinities', () => {
  const src = {
    x: [0, 1, 2],
    last: [0.5, NaN, Infinity],
    min: [-2, NaN, -Infinity],
    max: [1.25, NaN, Infinity],
  };
  const bytes = encodePreview(src);
  assert.equal(bytes.byteLength, 3 * 16);
  const back = decodePreview(bytes)!;
  assertClose(back.x, src.x);
  assertClose(back.last, src.last);
  assertClose(back.min, src.min);
  assertClose(back.max, src.max);
});

test('preview layout is little-endian float32 x, last, min, max per bucket', () => {
  const bytes = encodePreview({ x: [1], last: [2], min: [-1], max: [0.5] });
  // 1.0f = 0x3f800000, 2.0f = 0x40000000, -1.0f = 0xbf800000, 0.5f = 0x3f000000
  assert.deepEqual([...bytes], [0, 0, 0x80, 0x3f, 0, 0, 0, 0x40, 0, 0, 0x80, 0xbf, 0, 0, 0, 0x3f]);
});

test('decodePreview reads views at an offset and rejects partial buckets', () => {
  const bytes = encodePreview({ x: [3], last: [4], min: [4], max: [4] });
  const padded = new Uint8Array(20);
  padded.set(bytes, 4);
  const back = decodePreview(padded.subarray(4))!;
  assertClose(back.x, [3]);
  assertClose(back.last, [4]);
  assert.equal(decodePreview(bytes.subarray(0, 15)), undefined);
  assert.equal(decodePreview(new Uint8Array(0))!.x.length, 0);
});

test('float32 rounding: steps stay exact, decimals keep ~7 digits', () => {
  const back = decodePreview(encodePreview({ x: [16_000_000], last: [0.1], min: [1e-30], max: [1e39] }))!;
  assert.equal(back.x[0], 16_000_000);
  assert.ok(Math.abs(back.last[0] - 0.1) < 1e-8);
  assert.ok(Math.abs(back.min[0] - 1e-30) < 1e-37);
  assert.equal(back.max[0], Infinity); // beyond float32 range
});

test('previewOf a 10,000-step series holds 256 buckets and keeps its spike', () => {
  const n = 10_000;
  const steps = Float64Array.from({ length: n }, (_, i) => i);
  const values = Float64Array.from({ length: n }, (_, i) => Math.exp(-i / 1000));
  values[777] = 42;
  const bytes = previewOf(steps, values);
  assert.equal(bytes.byteLength, PREVIEW_BUCKETS * 16);
  const p = decodePreview(bytes)!;
  assert.equal(Math.max(...p.max), 42);
  assert.equal(p.x[p.x.length - 1], n - 1);
  // encodePreview caps at PREVIEW_BUCKETS even when handed more buckets.
  assert.equal(encodePreview(bucketize(steps, values, { buckets: 1000 })).byteLength, PREVIEW_BUCKETS * 16);
});
