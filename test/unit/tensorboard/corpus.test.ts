// Corpus conformance for the TensorBoard reader: fixtures in test/fixtures/corpus-expected naming
// the 'tensorboard' format are checked against the real folders (skipped when the corpus is absent).
// Discovery runs with every registered reader, so the lightning-csv / hf-trainer split is exercised too.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { corpusFolder, repoRoot } from '../../helpers/corpus';
import { discoverRoots } from '../../../src/core/index/discover';
import { readers } from '../../../src/core/sources/registry';
import { tensorboardReader } from '../../../src/core/sources/tensorboard/reader';
import type { RunInfo, Series } from '../../../src/core/model';

const FORMAT = 'tensorboard';
const reader = tensorboardReader;
const fixturesDir = path.join(repoRoot, 'test', 'fixtures', 'corpus-expected');

interface ExpectedSeries {
  key: string;
  count: number;
  firstStep: number;
  lastStep: number;
  firstValue: number;
  lastValue: number;
  min: number;
  max: number;
}
interface ExpectedRun {
  relPath: string;
  id: string;
  name: string;
  experiment: string;
  status: string;
  params: Record<string, string>;
  startTime?: number;
  endTime?: number;
  extra?: Record<string, unknown>;
  errorPattern?: string;
  warningPatterns: string[];
  series: ExpectedSeries[];
}

const fixtures = fs
  .readdirSync(fixturesDir)
  .filter((f) => f.endsWith(`.${FORMAT}.json`))
  .map((f) => JSON.parse(fs.readFileSync(path.join(fixturesDir, f), 'utf8')) as { folder: string; runs: ExpectedRun[] });

test('there are TensorBoard conformance fixtures', () => assert.ok(fixtures.length >= 2));

function facts(s: Series): ExpectedSeries {
  const v = s.points.values;
  let min = Infinity;
  let max = -Infinity;
  for (const x of v) {
    if (x < min) min = x;
    if (x > max) max = x;
  }
  const n = v.length;
  return { key: s.key, count: n, firstStep: s.points.steps[0], lastStep: s.points.steps[n - 1], firstValue: v[0], lastValue: v[n - 1], min, max };
}

for (const expected of fixtures) {
  const folder = corpusFolder(expected.folder);
  test(`corpus ${expected.folder} (${FORMAT})`, { skip: folder ? false : 'corpus absent' }, async () => {
    const roots = (await discoverRoots([folder!], { readers })).filter((r) => r.format === FORMAT);
    const runs: RunInfo[] = [];
    for (const root of roots) {
      const listed = await reader.listRuns(root);
      assert.deepEqual(listed.errors, []);
      runs.push(...listed.runs);
    }
    const rel = (p: string) => path.relative(folder!, p).split(path.sep).join('/');
    assert.deepEqual(runs.map((r) => rel(r.path)).sort(), expected.runs.map((r) => r.relPath).sort(), 'run folders');
    for (const exp of expected.runs) {
      const run = runs.find((r) => rel(r.path) === exp.relPath)!;
      const label = `${expected.folder}/${exp.relPath}`;
      assert.equal(run.id, exp.id, label);
      assert.equal(run.name, exp.name, label);
      assert.equal(run.experiment, exp.experiment, label);
      assert.equal(run.status, exp.status, label);
      assert.deepEqual(run.params, exp.params, `${label} params`);
      assert.equal(run.startTime, exp.startTime, `${label} startTime`);
      assert.equal(run.endTime, exp.endTime, `${label} endTime`);
      for (const [k, v] of Object.entries(exp.extra ?? {})) assert.deepEqual(run.extra?.[k], v, `${label} extra.${k}`);
      if (exp.errorPattern) assert.match(run.error ?? '', new RegExp(exp.errorPattern), `${label} error`);
      else assert.equal(run.error, undefined, label);
      const warnings = run.warnings ?? [];
      assert.equal(warnings.length, exp.warningPatterns.length, `${label} warnings: ${warnings.join('; ')}`);
      exp.warningPatterns.forEach((p, i) => assert.match(warnings[i], new RegExp(p)));

      const read = await reader.readSeries(run);
      if (!exp.errorPattern) assert.deepEqual(read.errors, [], `${label} series errors`);
      assert.deepEqual(read.series.map(facts), exp.series, `${label} series`);
    }
  });
}

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
