// Fuzz the event-file parser: truncated, bit-flipped and random inputs, and mutated protobuf
// payloads re-framed with valid CRCs (so the decoder itself is reached). Seeded and bounded:
// every input must give points and/or an error value, never a throw or a hang.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { readEventFile, type EventFileRead } from '../../../src/core/sources/tensorboard/event-file';
import { tempDir } from '../../helpers/tmp';
import {
  DT_DOUBLE,
  DT_FLOAT,
  concatBytes,
  encodeEvent,
  eventFileBytes,
  frameRecord,
  lightningHparamsEvents,
  type TbEvent,
} from '../../writers/tensorboard';
import { prng as rng } from '../../../src/core/util/prng';

function sampleEvents(): TbEvent[] {
  const events: TbEvent[] = [...lightningHparamsEvents(1.7e9, { lr: 0.1, name: 'x', flag: true })];
  for (let i = 0; i < 40; i++) {
    events.push({ wallTime: 1.7e9 + i, step: i, values: [{ tag: 'loss', simple: 1 / (i + 1) }, { tag: 'acc', simple: i / 40 }] });
    events.push({ wallTime: 1.7e9 + i, step: i, values: [{ tag: 'lr', plugin: i === 0 ? 'scalars' : undefined, tensor: { dtype: DT_DOUBLE, doubleVal: [0.01] } }] });
    events.push({ wallTime: 1.7e9 + i, step: i, values: [{ tag: 'f', plugin: 'scalars', tensor: { dtype: DT_FLOAT, floatVal: [i], shape: [] } }] });
  }
  return events;
}

async function mustNotThrow(file: string, bytes: Uint8Array): Promise<EventFileRead> {
  fs.writeFileSync(file, bytes);
  const started = Date.now();
  const read = await readEventFile(file); // a throw fails the test
  assert.ok(Date.now() - started < 5000, 'read took too long');
  assert.ok(read.error === undefined || typeof read.error === 'string');
  for (const pts of read.appended.values()) assert.equal(pts.steps.length, pts.values.length);
  return read;
}

const dir = tempDir();
const file = path.join(dir, 'events.out.tfevents.1.fuzz');
const valid = eventFileBytes(sampleEvents());

test('fuzz: truncated event files read what is complete', async () => {
  const next = rng(1);
  for (let i = 0; i < 150; i++) {
    const cut = Math.floor(next() * valid.length);
    const read = await mustNotThrow(file, valid.subarray(0, cut));
    assert.equal(read.error, undefined, `cut at ${cut}`); // truncation is a partial tail, not corruption
  }
});

test('fuzz: bit-flipped event files give errors, not throws', async () => {
  const next = rng(2);
  let errors = 0;
  for (let i = 0; i < 200; i++) {
    const bytes = valid.slice();
    const flips = 1 + Math.floor(next() * 8);
    for (let f = 0; f < flips; f++) bytes[Math.floor(next() * bytes.length)] ^= 1 << Math.floor(next() * 8);
    if ((await mustNotThrow(file, bytes)).error) errors++;
  }
  assert.ok(errors > 150, `CRCs should catch nearly all flips, caught ${errors}`);
});

test('fuzz: random bytes are not an event file', async () => {
  const next = rng(3);
  for (let i = 0; i < 100; i++) {
    const bytes = new Uint8Array(Math.floor(next() * 4096));
    for (let j = 0; j < bytes.length; j++) bytes[j] = Math.floor(next() * 256);
    const read = await mustNotThrow(file, bytes);
    if (bytes.length >= 12) assert.ok(read.error, 'random bytes must be reported');
  }
});

test('fuzz: mutated protobuf payloads with valid CRCs are skipped as malformed', async () => {
  const next = rng(4);
  const payloads = sampleEvents().map(encodeEvent);
  let malformed = 0;
  for (let i = 0; i < 300; i++) {
    const records = payloads.map((p) => {
      const m = p.slice();
      if (next() < 0.5) {
        const flips = 1 + Math.floor(next() * 4);
        for (let f = 0; f < flips; f++) m[Math.floor(next() * m.length)] = Math.floor(next() * 256);
      }
      if (next() < 0.1) return frameRecord(m.subarray(0, Math.floor(next() * m.length)));
      return frameRecord(m);
    });
    const read = await mustNotThrow(file, concatBytes(records));
    assert.equal(read.error, undefined); // framing is intact
    if (read.warnings.length) malformed++;
  }
  assert.ok(malformed > 0, 'some mutations must be reported as malformed events');
});
