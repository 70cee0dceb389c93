// Corpus conformance for the HF Trainer and Lightning CSV readers: every fixture in
// test/fixtures/corpus-expected that names one of these formats is checked against the real
// folder in ../shared/corpus (skipped when the corpus is absent).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { corpusDir, corpusFolder, repoRoot } from '../../helpers/corpus';
import { type ExpectedSeries, seriesFacts } from '../../helpers/corpus-conformance';
import { discoverRoots } from '../../../src/core/index/discover';
import { hfTrainerReader } from '../../../src/core/sources/hf-trainer/reader';
import { lightningCsvReader } from '../../../src/core/sources/lightning-csv/reader';
import type { RunInfo, SourceReader } from '../../../src/core/model';

const readers: SourceReader[] = [hfTrainerReader, lightningCsvReader];
const MY_FORMATS = new Set(readers.map((r) => r.format as string));
const fixturesDir = path.join(repoRoot, 'test', 'fixtures', 'corpus-expected');

interface ExpectedRun {
  format: string;
  relPath: string;
  id: string;
  experiment: string;
  status: string;
  params: Record<string, string>;
  series: ExpectedSeries[];
  checkpoints: { relPath: string; step: number | null; bytes: number }[];
  summary?: Record<string, number>;
  extra?: Record<string, unknown>;
}
interface Expected {
  folder: string;
  formats: string[];
  runs: ExpectedRun[];
}

const fixtures: Expected[] = fs
  .readdirSync(fixturesDir)
  .filter((f) => f.endsWith('.json'))
  .map((f) => JSON.parse(fs.readFileSync(path.join(fixturesDir, f), 'utf8')) as Expected)
  .filter((e) => e.formats.some((f) => MY_FORMATS.has(f)));

test('there are conformance fixtures for both formats', () => {
  const formats = new Set(fixtures.flatMap((f) => f.formats));
  assert.ok(formats.has('hf-trainer') && formats.has('lightning-csv'));
});

async function loadRuns(folder: string): Promise<Array<{ run: RunInfo; reader: SourceReader }>> {
  const roots = await discoverRoots([folder], { readers });
  const out: Array<{ run: RunInfo; reader: SourceReader }> = [];
  for (const root of roots) {
    const reader = readers.find((r) => r.format === root.format)!;
    const listed = await reader.listRuns(root);
    assert.deepEqual(listed.errors, [], `listing ${root.path}`);
    for (const run of listed.runs) out.push({ run, reader });
  }
  return out;
}

for (const expected of fixtures) {
  const folder = corpusFolder(expected.folder);
  test(`corpus ${expected.folder} (${expected.formats.join(', ')})`, { skip: folder ? false : 'corpus absent' }, async () => {
    const corpusName = path.basename(corpusDir()!);
    const found = (await loadRuns(folder!)).filter(({ run }) => expected.formats.includes(run.format));
    const rel = (p: string) => path.relative(folder!, p) || '.';
    assert.deepEqual(found.map(({ run }) => rel(run.path)).sort(), expected.runs.map((r) => r.relPath).sort(), 'run folders');

    for (const exp of expected.runs) {
      const { run, reader } = found.find(({ run }) => rel(run.path) === exp.relPath)!;
      const label = `${expected.folder}/${exp.relPath}`;
      assert.equal(run.format, exp.format, label);
      assert.equal(run.id, exp.id, label);
      assert.equal(run.experiment, exp.experiment.replace('{corpus}', corpusName), label);
      assert.equal(run.status, exp.status, label);
      assert.deepEqual(run.params, exp.params, `${label} params`);
      assert.equal(run.error, undefined, label);
      assert.deepEqual(run.warnings ?? [], [], `${label} warnings`);
      assert.deepEqual(
        run.checkpoints.map((c) => ({ relPath: path.relative(run.path, c.path), step: c.step, bytes: c.bytes })),
        exp.checkpoints,
        `${label} checkpoints`,
      );
      if (exp.summary) assert.deepEqual(run.summary, exp.summary, `${label} summary`);
      for (const [k, v] of Object.entries(exp.extra ?? {})) assert.deepEqual(run.extra?.[k], v, `${label} extra.${k}`);

      const read = await reader.readSeries(run);
      assert.deepEqual(read.errors, [], `${label} series errors`);
      assert.deepEqual(read.series.map(seriesFacts), exp.series, `${label} series`);
      for (const s of read.series) assert.deepEqual(s.context, {});
    }
  });
}

test('Abdul-AA: a TensorBoardLogger version folder (events + hparams.yaml, no metrics.csv) is not a Lightning CSV run', { skip: corpusFolder('Abdul-AA__Text-Generation-With-LSTM') ? false : 'corpus absent' }, async () => {
  const runs = await loadRuns(corpusFolder('Abdul-AA__Text-Generation-With-LSTM')!);
  assert.deepEqual(runs.map(({ run }) => run.path), []);
});

test('0Xero7 version_12: the stale .ipynb_checkpoints copy is not read', { skip: corpusFolder('0Xero7__slm_training') ? false : 'corpus absent' }, async () => {
  const runs = await loadRuns(corpusFolder('0Xero7__slm_training')!);
  assert.ok(runs.every(({ run }) => !run.path.includes('.ipynb_checkpoints')));
  const v12 = runs.find(({ run }) => run.id === 'version_12')!;
  const read = await v12.reader.readSeries(v12.run, { only: [{ key: 'train_loss_step', context: {} }] });
  assert.deepEqual(read.series.map((s) => [s.key, s.points.values.length]), [['train_loss_step', 641]]);
});
