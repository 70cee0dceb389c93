// Fuzz the .wandb parsers: truncated, bit-flipped and random files, and mutated Record payloads
// re-framed with valid checksums. Seeded and bounded: results or error values, never a throw or hang.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { readWandbLog, type WandbLogContents } from '../../../src/core/sources/wandb/log-contents';
import { tempDir } from '../../helpers/tmp';
import { logBytes, records } from '../../writers/wandb';
import { prng as rng } from '../../../src/core/util/prng';

function sampleRecords(): Uint8Array[] {
  const recs = [
    records.header(1),
    records.run(2, { runId: 'fz', project: 'p', startTime: 1.7e9, tags: ['a'], config: [['_wandb', {}]] }),
    records.config(3, [['lr', { desc: null, value: 0.1 }]]),
  ];
  for (let i = 0; i < 60; i++) {
    recs.push(records.history(4 + i, [['loss', 1 / (i + 1)], ['nested', { a: i, b: { _type: 'x' } }], ['_step', i], ['_timestamp', 1.7e9 + i]]));
    if (i % 5 === 0) recs.push(records.outputRaw(100 + i, 'x'.repeat(8000 + i * 200))); // spreads records over blocks
  }
  recs.push(records.exit(200, 0, 9), records.summary(201, [['loss', 0.1]]));
  return recs;
}

const dir = tempDir();
const file = path.join(dir, 'run-fz.wandb');
const valid = logBytes(sampleRecords());

async function mustNotThrow(bytes: Uint8Array): Promise<WandbLogContents> {
  fs.writeFileSync(file, bytes);
  const started = Date.now();
  const c = await readWandbLog(file, { history: true });
  assert.ok(Date.now() - started < 5000, 'read took too long');
  for (const pts of c.history.values()) assert.equal(pts.steps.length, pts.values.length);
  return c;
}

test('fuzz: the sample spans several blocks', () => {
  assert.ok(valid.length > 2 * 32768);
});

test('fuzz: truncated .wandb files read what is complete without errors', async () => {
  const next = rng(11);
  for (let i = 0; i < 120; i++) {
    const cut = Math.floor(next() * valid.length);
    const c = await mustNotThrow(valid.subarray(0, cut));
    assert.equal(c.log.error, undefined, `cut at ${cut}`);
    assert.equal(c.log.stats.crcErrors, 0);
  }
});

test('fuzz: bit-flipped .wandb files give warnings or errors, not throws', async () => {
  const next = rng(12);
  let reported = 0;
  for (let i = 0; i < 200; i++) {
    const bytes = valid.slice();
    const flips = 1 + Math.floor(next() * 8);
    for (let f = 0; f < flips; f++) bytes[Math.floor(next() * bytes.length)] ^= 1 << Math.floor(next() * 8);
    const c = await mustNotThrow(bytes);
    if (c.log.error || c.log.warnings.length || c.log.partialTailBytes) reported++;
  }
  assert.ok(reported > 150, `checksums should catch nearly all flips, caught ${reported}`);
});

test('fuzz: random bytes, with and without a valid file header', async () => {
  const next = rng(13);
  for (let i = 0; i < 100; i++) {
    const bytes = new Uint8Array(Math.floor(next() * 70000));
    for (let j = 0; j < bytes.length; j++) bytes[j] = Math.floor(next() * 256);
    if (i % 2 === 0 && bytes.length >= 7) bytes.set(valid.subarray(0, 7));
    const c = await mustNotThrow(bytes);
    if (i % 2 === 1 && bytes.length >= 7) assert.ok(c.log.error);
  }
});

test('fuzz: mutated Record payloads with valid checksums are counted as malformed', async () => {
  const next = rng(14);
  const payloads = sampleRecords();
  let malformed = 0;
  for (let i = 0; i < 200; i++) {
    const mutated = payloads.map((p) => {
      const m = p.slice();
      if (next() < 0.3) {
        for (let f = 0; f < 3; f++) m[Math.floor(next() * m.length)] = Math.floor(next() * 256);
      }
      return next() < 0.05 ? m.subarray(0, Math.floor(next() * m.length)) : m;
    });
    const c = await mustNotThrow(logBytes(mutated));
    assert.equal(c.log.error, undefined);
    assert.equal(c.log.stats.crcErrors, 0);
    malformed += c.malformed;
  }
  assert.ok(malformed > 0);
});
