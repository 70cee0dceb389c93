// QuietGate on a fake clock: background work waits while panels talk or a request is pending, goes on once
// things have been still for quietMs, and never waits longer than maxWaitMs.
import * as assert from 'node:assert/strict';
import { test } from 'node:test';
import { QuietGate } from '../../../src/core/util/quiet-gate';

function fakeClock() {
  const clock = { t: 1_000, slept: [] as number[], onSleep: undefined as undefined | ((t: number) => void) };
  return {
    clock,
    now: () => clock.t,
    sleep: async (ms: number) => {
      clock.slept.push(ms);
      clock.t += ms;
      clock.onSleep?.(clock.t);
    },
  };
}

test('quiet from the start; a touch makes it wait out the rest of quietMs', async () => {
  const { clock, now, sleep } = fakeClock();
  const gate = new QuietGate({ quietMs: 2000, maxWaitMs: 15_000, now, sleep });
  assert.equal(gate.isQuiet(), true);
  await gate.whenQuiet();
  assert.deepEqual(clock.slept, []);
  gate.touch();
  clock.t += 500;
  assert.equal(gate.isQuiet(), false);
  await gate.whenQuiet();
  assert.deepEqual(clock.slept, [1500]);
  assert.equal(gate.isQuiet(), true);
});

test('keeps waiting while touches go on, and gives up at maxWaitMs', async () => {
  const { clock, now, sleep } = fakeClock();
  const gate = new QuietGate({ quietMs: 2000, maxWaitMs: 10_000, now, sleep });
  gate.touch();
  const start = clock.t;
  clock.onSleep = () => gate.touch(); // a panel that never stops talking
  await gate.whenQuiet();
  assert.equal(clock.t - start, 10_000);
});

test('a held request counts as activity until it settles, rejected or not', async () => {
  const { clock, now, sleep } = fakeClock();
  const gate = new QuietGate({ quietMs: 1000, maxWaitMs: 60_000, now, sleep });
  let finish!: () => void;
  const request = gate.hold(new Promise<void>((r) => (finish = r)));
  clock.t += 5000;
  assert.equal(gate.isQuiet(), false, 'pending for 5 s is still busy');
  let settledAt = 0;
  clock.onSleep = (t) => {
    if (t - 1_000 >= 8000 && !settledAt) {
      settledAt = t;
      finish();
    }
  };
  const waited = gate.whenQuiet();
  await request;
  await waited;
  assert.ok(settledAt > 0);
  assert.ok(clock.t >= settledAt + 1000, 'quiet only quietMs after the request settled');
  const failing = gate.hold(Promise.reject(new Error('x')));
  await failing.catch(() => undefined);
  await new Promise((r) => setImmediate(r));
  clock.t += 1000;
  assert.equal(gate.isQuiet(), true, 'a rejected request releases the gate too');
});

test('an aborted wait returns at once', async () => {
  const { now, sleep } = fakeClock();
  const gate = new QuietGate({ quietMs: 1000, maxWaitMs: 60_000, now, sleep });
  gate.touch();
  const abort = new AbortController();
  abort.abort();
  await gate.whenQuiet(abort.signal);
  assert.equal(gate.isQuiet(), false);
});

test('held work (an indexing pass) is waited for past maxWaitMs, up to maxHoldMs', async () => {
  const { clock, now, sleep } = fakeClock();
  const gate = new QuietGate({ quietMs: 1000, maxWaitMs: 5_000, maxHoldMs: 60_000, now, sleep });
  let finish!: () => void;
  void gate.hold(new Promise<void>((r) => (finish = r)));
  const start = clock.t;
  clock.onSleep = (t) => {
    if (t - start >= 30_000) finish();
  };
  await gate.whenQuiet();
  assert.ok(clock.t - start >= 30_000 + 1000, `waited for the pass and quietMs after it (${clock.t - start} ms)`);
  const never = new QuietGate({ quietMs: 1000, maxWaitMs: 5_000, maxHoldMs: 60_000, now, sleep });
  void never.hold(new Promise<void>(() => undefined));
  const t1 = clock.t;
  clock.onSleep = undefined;
  await never.whenQuiet();
  assert.equal(clock.t - t1, 60_000, 'a pass that never ends does not block forever');
});
