// Corpus conformance for the TensorBoard reader: fixtures in test/fixtures/corpus-expected naming
// the 'tensorboard' format are checked against the real folders (skipped when the corpus is absent).
// Discovery runs with every registered reader, so the lightning-csv / hf-trainer split is exercised too.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { corpusFolder } from '../../helpers/corpus';
import { corpusConformanceTests, fixturesFor } from '../../helpers/corpus-conformance';
import { tensorboardReader } from '../../../src/core/sources/tensorboard/reader';

const reader = tensorboardReader;

test('there are TensorBoard conformance fixtures', () => assert.ok(fixturesFor('tensorboard').length >= 2));

corpusConformanceTests('tensorboard', reader, (run, exp, label) => assert.equal(run.endTime, exp.endTime, `${label} endTime`));

test('Abdul-AA: one event file of 15,445 records; `epoch` keeps its duplicate step', { skip: corpusFolder('Abdul-AA__Text-Generation-With-LSTM') ? false : 'corpus absent' }, async () => {
  const { readEventFile } = await import('../../../src/core/sources/tensorboard/event-file');
  const dir = path.join(corpusFolder('Abdul-AA__Text-Generation-With-LSTM')!, 'lightning_logs', 'version_0');
  const file = fs.readdirSync(dir).find((f) => f.startsWith('events.out.tfevents.'))!;
  const read = await readEventFile(path.join(dir, file));
  assert.equal(read.records, 15445);
  assert.equal(read.error, undefined);
  assert.equal(read.partialTailBytes, 0);
  const steps = read.appended.get('epoch')!.steps;
  assert.equal(steps.length - new Set(steps).size, 1);
  // the raw file does hold the placeholder that the run view hides
  assert.deepEqual([...read.appended.get('hp_metric')!.values], [-1]);
  assert.ok(read.cursor.decoder.hasHparamsPlugin);
});
