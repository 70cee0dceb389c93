// Corpus conformance for the MLflow readers: every fixture in test/fixtures/corpus-expected
// that names mlflow-file or mlflow-db is checked against the real folder in ../shared/corpus
// through discovery, listRuns and readSeries (skipped when the corpus is absent).
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { corpusFolder, repoRoot } from '../../helpers/corpus';
import { type ExpectedSeries, seriesFacts } from '../../helpers/corpus-conformance';
import { discoverRoots } from '../../../src/core/index/discover';
import { mlflowFileReader } from '../../../src/core/sources/mlflow-file';
import { mlflowDbReader } from '../../../src/core/sources/mlflow-db';
import { closeAllDbSnapshots } from '../../../src/core/sources/mlflow-db/snapshot';
import type { RunInfo, SourceReader } from '../../../src/core/model';

const readers: SourceReader[] = [mlflowFileReader, mlflowDbReader];
const MY_FORMATS = new Set<string>(readers.map((r) => r.format));
const fixturesDir = path.join(repoRoot, 'test', 'fixtures', 'corpus-expected');
after(() => closeAllDbSnapshots());

interface ExpectedRun {
  format: string;
  relPath: string;
  id: string;
  experiment: string;
  name: string;
  status: string;
  deleted: boolean;
  startTime: number;
  endTime: number | null;
  params: Record<string, string>;
  tags: Record<string, string>;
  series: ExpectedSeries[];
}
interface Expected {
  folder: string;
  formats: string[];
  roots: string[];
  runs: ExpectedRun[];
}

const fixtures: Expected[] = fs
  .readdirSync(fixturesDir)
  .filter((f) => f.endsWith('.json'))
  .map((f) => JSON.parse(fs.readFileSync(path.join(fixturesDir, f), 'utf8')) as Expected)
  .filter((e) => e.formats.every((f) => MY_FORMATS.has(f)));

test('there are conformance fixtures for both MLflow formats', () => {
  const formats = new Set(fixtures.flatMap((f) => f.formats));
  assert.ok(formats.has('mlflow-file') && formats.has('mlflow-db'));
});

for (const expected of fixtures) {
  const folder = corpusFolder(expected.folder);
  test(`corpus ${expected.folder} (${expected.formats.join(', ')})`, { skip: folder ? false : 'corpus absent' }, async () => {
    const rel = (p: string) => path.relative(folder!, p) || '.';
    const roots = (await discoverRoots([folder!], { readers })).filter((r) => expected.formats.includes(r.format));
    assert.deepEqual(roots.map((r) => rel(r.path)).sort(), expected.roots, 'discovered roots');

    const all: RunInfo[] = [];
    const visible: string[] = [];
    for (const root of roots) {
      const reader = readers.find((r) => r.format === root.format)!;
      const listed = await reader.listRuns(root, { includeDeleted: true });
      assert.deepEqual(listed.errors, [], `listing ${root.path}`);
      all.push(...listed.runs);
      visible.push(...(await reader.listRuns(root)).runs.map((r) => r.id));
    }
    assert.deepEqual(all.map((r) => r.id).sort(), expected.runs.map((r) => r.id).sort(), 'run ids (with deleted)');
    assert.deepEqual(visible.sort(), expected.runs.filter((r) => !r.deleted).map((r) => r.id).sort(), 'deleted runs hidden by default');

    for (const exp of expected.runs) {
      const run = all.find((r) => r.id === exp.id)!;
      const label = `${expected.folder} ${exp.id}`;
      assert.equal(run.format, exp.format, label);
      assert.equal(rel(run.path), exp.relPath, label);
      assert.equal(run.experiment, exp.experiment, label);
      assert.equal(run.name, exp.name, label);
      assert.equal(run.status, exp.status, label);
      assert.equal(run.deleted ?? false, exp.deleted, label);
      assert.equal(run.startTime, exp.startTime, label);
      assert.equal(run.endTime, exp.endTime ?? undefined, label);
      assert.deepEqual(run.params, exp.params, `${label} params`);
      assert.deepEqual(run.tags, exp.tags, `${label} tags`);
      assert.equal(run.error, undefined, label);
      assert.deepEqual(run.checkpoints, []);

      const reader = readers.find((r) => r.format === run.format)!;
      const read = await reader.readSeries(run);
      assert.deepEqual(read.errors, [], `${label} series errors`);
      assert.deepEqual(read.series.map(seriesFacts), exp.series, `${label} series`);
    }
  });
}

test('facts beyond the fixtures: AyushDocs b92d1442 train_batch_loss has 954 points', { skip: corpusFolder('AyushDocs__pneumonia_classifier') ? false : 'corpus absent' }, async () => {
  const root = { format: 'mlflow-db' as const, path: path.join(corpusFolder('AyushDocs__pneumonia_classifier')!, 'notebooks', 'mlflow.db') };
  const run = (await mlflowDbReader.listRuns(root)).runs.find((r) => r.id === 'b92d1442f9d74a3a8a310565c75395e3')!;
  const read = await mlflowDbReader.readSeries(run, { only: [{ key: 'train_batch_loss', context: {} }] });
  assert.deepEqual(read.series.map((s) => [s.key, s.points.values.length]), [['train_batch_loss', 954]]);
});
