// diagnose with a per-run cache (the extension's background pass): a second pass over unchanged runs reads
// nothing and gives the same report; a run whose series grew is read again, alone; other thresholds, goals or
// objective re-check every run; runs that are gone leave the cache. Real MLflow file stores from our writer.
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { test } from 'node:test';
import { indexPaths } from '../../../src/cli/index-paths';
import { parseHealthCache, serializeHealthCache } from '../../../src/core/health/cache-file';
import { diagnose, type HealthCache } from '../../../src/core/health/diagnose';
import type { ReadSeriesOf } from '../../../src/core/model';
import { readerSeries } from '../../../src/core/runs/column-values';
import { readerFor } from '../../../src/core/sources/registry';
import { writeMlflowFileStore } from '../../../src/demo/writers/mlflow-file';
import type { WriterRun } from '../../../src/demo/writers/types';
import { tempDir } from '../../helpers/tmp';

const T0 = Date.UTC(2026, 0, 1);
function writerRun(i: number, steps: number): WriterRun {
  const pts = (f: (s: number) => number) => Array.from({ length: steps }, (_, k) => ({ step: (k + 1) * 10, value: f(k + 1), time: T0 + k * 1000 }));
  return {
    id: String(i).repeat(32).slice(0, 32),
    name: `run-${i}`,
    experiment: 'cache',
    status: 'finished',
    startTime: T0,
    params: { lr: String(i), seed: String(i % 2) },
    tags: {},
    metrics: [
      // run 2 diverges: its loss blows up after step 300
      { key: 'train_loss', points: pts((s) => (i === 2 && s > 30 ? Math.exp(s - 30) : 2 / s + 0.1)) },
      { key: 'eval_f1', points: pts((s) => 0.8 - 0.5 / s + i / 100) },
    ],
  };
}

function counting(): { read: ReadSeriesOf; reads: string[] } {
  const reads: string[] = [];
  const inner = readerSeries(readerFor);
  return { reads, read: (run, only, signal) => (reads.push(run.name), inner(run, only, signal)) };
}
const plain = (r: Awaited<ReturnType<typeof diagnose>>) => JSON.stringify({ f: r.findings, s: r.sweep, c: r.checkpoints, e: r.errors });

test('unchanged runs come from the cache; a grown run is read again; options and vanished runs invalidate', { timeout: 120_000 }, async () => {
  const dir = tempDir();
  const store = path.join(dir, 'mlruns');
  writeMlflowFileStore(store, [0, 1, 2, 3].map((i) => writerRun(i, 40)));
  let { runs } = await indexPaths([dir]);
  assert.equal(runs.length, 4);
  const cache: HealthCache = new Map();
  const c = counting();
  const first = await diagnose(runs, c.read, { cache });
  assert.equal(c.reads.length, 4);
  assert.ok(first.findings.some((f) => f.runName === 'run-2' && f.severity === 'error'), 'the diverging run is flagged');

  c.reads.length = 0;
  const second = await diagnose(runs, c.read, { cache });
  assert.deepEqual(c.reads, [], 'nothing read again');
  assert.equal(plain(second), plain(first));

  // run-1 logs ten more points: only it is read; the report equals an uncached pass
  writeMlflowFileStore(store, [writerRun(1, 50)]);
  ({ runs } = await indexPaths([dir]));
  const third = await diagnose(runs, c.read, { cache });
  assert.deepEqual(c.reads, ['run-1']);
  assert.equal(plain(third), plain(await diagnose(runs, readerSeries(readerFor))));

  c.reads.length = 0;
  await diagnose(runs, c.read, { cache, thresholds: { plateauEvals: 5 } });
  assert.equal(c.reads.length, 4, 'other thresholds: every run checked again');
  c.reads.length = 0;
  await diagnose(runs, c.read, { cache, thresholds: { plateauEvals: 5 }, goals: { eval_f1: 'min' } });
  assert.equal(c.reads.length, 4, 'other goals: every run checked again');
  c.reads.length = 0;
  await diagnose(runs, c.read, { cache, thresholds: { plateauEvals: 5 }, goals: { eval_f1: 'min' }, objective: 'train_loss' });
  assert.equal(c.reads.length, 4, 'another objective: every run checked again');

  await diagnose(runs.slice(0, 2), c.read, { cache, thresholds: { plateauEvals: 5 }, goals: { eval_f1: 'min' }, objective: 'train_loss' });
  assert.deepEqual([...cache.keys()].sort(), runs.slice(0, 2).map((r) => r.key).sort(), 'runs no longer passed leave the cache');
});

test('a cancelled pass keeps nothing it did not finish', { timeout: 60_000 }, async () => {
  const dir = tempDir();
  writeMlflowFileStore(path.join(dir, 'mlruns'), [0, 1].map((i) => writerRun(i, 20)));
  const { runs } = await indexPaths([dir]);
  const cache: HealthCache = new Map();
  const abort = new AbortController();
  await diagnose(runs, readerSeries(readerFor), { cache, signal: abort.signal, onRun: () => abort.abort() });
  assert.equal(cache.size, 1, 'the first run finished before the abort; the second never started');
});

test('the cache survives a save and a load (a window reload): nothing read again, the same report; a damaged file is an empty cache', { timeout: 60_000 }, async () => {
  const dir = tempDir();
  writeMlflowFileStore(path.join(dir, 'mlruns'), [0, 1, 2, 3].map((i) => writerRun(i, 40)));
  const { runs } = await indexPaths([dir]);
  const cache: HealthCache = new Map();
  const first = await diagnose(runs, readerSeries(readerFor), { cache });
  const text = serializeHealthCache(cache);
  const loaded = parseHealthCache(text);
  assert.equal(loaded.size, 4);
  assert.deepEqual([...loaded.get(runs[2].key)!.health.lateLevels], [...cache.get(runs[2].key)!.health.lateLevels]);
  const c = counting();
  const again = await diagnose(runs, c.read, { cache: loaded });
  assert.deepEqual(c.reads, [], 'nothing read after the reload');
  assert.equal(plain(again), plain(first));
  for (const bad of [undefined, '', '{', 'null', '{"version":0,"runs":{}}', JSON.stringify({ version: 1, runs: { k: { fingerprint: 1 } } })]) assert.equal(parseHealthCache(bad).size, 0, String(bad));
  // one damaged entry is dropped, the others kept
  const data = JSON.parse(text) as { runs: Record<string, unknown> };
  data.runs[runs[0].key] = { fingerprint: 'x', findings: 'not a list' };
  assert.equal(parseHealthCache(JSON.stringify(data)).size, 3);
});
