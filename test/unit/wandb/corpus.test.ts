// Corpus conformance for the W&B reader: fixtures in test/fixtures/corpus-expected naming
// the 'tensorboard' format are checked against the real folders (skipped when the corpus is absent).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { corpusFolder } from '../../helpers/corpus';
import { corpusConformanceTests, fixturesFor } from '../../helpers/corpus-conformance';
import { wandbReader } from '../../../src/core/sources/wandb/reader';

const reader = wandbReader;

test('there is a W&B conformance fixture', () => assert.ok(fixturesFor('wandb').length >= 1));

corpusConformanceTests('wandb', reader, (run, exp, label) => {
  // the golden facts give a runtime only for runs with an exit record
  if (exp.endTime !== undefined) assert.equal(run.endTime, exp.endTime, `${label} endTime`);
  assert.deepEqual(run.summary, (exp.summary as Record<string, number> | null | undefined) ?? undefined, `${label} summary`);
  assert.equal(run.entryPoint, exp.entryPoint, `${label} entryPoint`);
});

test('11x-x11: latest-run-style text files and debug logs are not runs; 0-byte logs are summary-only', { skip: corpusFolder('11x-x11__UNet-Pytorch') ? false : 'corpus absent' }, async () => {
  const root = path.join(corpusFolder('11x-x11__UNet-Pytorch')!, 'wandb');
  const listed = await reader.listRuns({ format: 'wandb', path: root });
  assert.ok(listed.runs.every((r) => /^run-\d{8}_\d{6}-[a-z0-9]+$/.test(path.basename(r.path))));
  const empty = listed.runs.find((r) => r.id === '542m6yip')!;
  assert.match(empty.warnings!.join(), /is empty/);
  assert.deepEqual(await reader.readSeries(empty), { series: [], errors: [] });
});
