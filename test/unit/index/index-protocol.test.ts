// Previews travel from the worker in one buffer: packing and unpacking keeps every run's series, their
// order, their bytes and the series without a preview.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { packPreviews, unpackPreviews, type RunPreviews } from '../../../src/worker/index-protocol';

const summary = (key: string) => ({ key, context: {}, count: 3, firstStep: 0, lastStep: 2, first: 1, last: 0.5, min: 0.5, max: 1, argminStep: 2, argmaxStep: 0, lastTime: 0, nanCount: 0 });

test('packed previews unpack to the same runs, series and bytes', () => {
  const previews = new Map<string, RunPreviews>([
    ['run-a', [{ summary: summary('loss'), preview: new Uint8Array([1, 2, 3, 4]) }, { summary: summary('acc'), preview: undefined }]],
    ['run-b', []],
    ['run-c', [{ summary: summary('loss'), preview: new Uint8Array([9, 8]) }]],
  ]);
  const packed = packPreviews(previews);
  assert.equal(packed.bytes.byteLength, 6, 'one buffer holds every preview');
  const back = unpackPreviews(structuredClone(packed));
  assert.deepEqual([...back.keys()], ['run-a', 'run-b', 'run-c']);
  assert.deepEqual([...back.get('run-a')![0].preview!], [1, 2, 3, 4]);
  assert.equal(back.get('run-a')![1].preview, undefined);
  assert.deepEqual(back.get('run-a')![1].summary, summary('acc'));
  assert.deepEqual([...back.get('run-c')![0].preview!], [9, 8]);
  assert.equal(back.get('run-b')!.length, 0);
});
