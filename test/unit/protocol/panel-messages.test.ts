// Every message of every panel survives the channel (build → pack → structured clone or JSON, as VS Code's
// channel does → unpack) and its guard accepts it as it arrived; no Object.prototype name is a message type.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { packMessage, unpackMessage } from '../../../src/protocol/packing';
import { PANELS } from './panel-samples';

/** The two ways a message crosses: structured clone (fresh buffers) and the JSON part of the host channel. */
const CHANNELS: Array<[string, (v: unknown) => unknown]> = [
  ['structuredClone', (v) => structuredClone(v)],
  // The buffer travels beside the JSON; only the rest is stringified.
  ['JSON', (v) => {
    const p = v as { body: unknown; buffer: Uint8Array };
    return { ...(JSON.parse(JSON.stringify({ ...p, buffer: null })) as object), buffer: p.buffer.slice() };
  }],
];

const PROTOTYPE_NAMES = [...new Set([...Object.getOwnPropertyNames(Object.prototype), '__proto__', 'prototype'])];

for (const panel of PANELS) {
  for (const [direction, set, samples] of [
    ['webview → host', panel.toHost, panel.toHostSamples],
    ['host → webview', panel.toWebview, panel.toWebviewSamples],
  ] as const) {
    test(`${panel.name} ${direction}: a sample of every message type`, () => {
      assert.deepEqual([...new Set(samples.map((s) => s.type))].sort(), [...set.types].sort());
    });

    for (const sample of samples) {
      for (const [channel, cross] of CHANNELS) {
        test(`${panel.name} ${direction} ${sample.type} round-trips through ${channel}`, () => {
          assert.ok(set.is(sample), 'the guard accepts the message as built');
          const back = unpackMessage(cross(packMessage(sample)));
          assert.ok(set.is(back), 'the guard accepts the message as it arrives');
          assert.deepEqual(back, sample);
        });
      }
    }

    test(`${panel.name} ${direction}: every Object.prototype name as a message type is rejected without throwing`, () => {
      for (const type of PROTOTYPE_NAMES) {
        for (const msg of [{ type }, { type, id: 1, message: 'x', state: {} }, JSON.parse(`{"type":${JSON.stringify(type)}}`)]) {
          assert.doesNotThrow(() => set.is(msg), type);
          assert.equal(set.is(msg), false, type);
        }
      }
      // Fields inherited rather than own do not count either.
      const inherited = Object.create({ type: samples[0]!.type }) as object;
      assert.equal(set.is(inherited), false, 'an inherited type');
      for (const bad of [null, undefined, 3, 'ready', [], [{ type: 'ready' }], { type: 7 }, { type: 'nope' }, new Float32Array(2)]) assert.equal(set.is(bad), false, String(bad));
    });
  }
}
