// Corpus conformance for the W&B reader: fixtures in test/fixtures/corpus-expected naming
// the 'tensorboard' format are checked against the real folders (skipped when the corpus is absent).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { corpusFolder, repoRoot } from '../../helpers/corpus';
import { discoverRoots } from '../../../src/core/index/discover';
import { readers } from '../../../src/core/sources/registry';
import { wandbReader } from '../../../src/core/sources/wandb/reader';
import type { RunInfo, Series } from '../../../src/core/model';

const FORMAT = 'wandb';
const reader = wandbReader;
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
  summary?: Record<string, number> | null;
  entryPoint?: string;
  errorPattern?: string;
  warningPatterns: string[];
  series: ExpectedSeries[];
}

const fixtures = fs
  .readdirSync(fixturesDir)
  .filter((f) => f.endsWith(`.${FORMAT}.json`))
  .map((f) => JSON.parse(fs.readFileSync(path.join(fixturesDir, f), 'utf8')) as { folder: string; runs: ExpectedRun[] });

test('there is a W&B conformance fixture', () => assert.ok(fixtures.length >= 1));

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
      // the golden facts give a runtime only for runs with an exit record
      if (exp.endTime !== undefined) assert.equal(run.endTime, exp.endTime, `${label} endTime`);
      assert.deepEqual(run.summary, exp.summary ?? undefined, `${label} summary`);
      assert.equal(run.entryPoint, exp.entryPoint, `${label} entryPoint`);
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

test('11x-x11: latest-run-style text files and debug logs are not runs; 0-byte logs are summary-only', { skip: corpusFolder('11x-x11__UNet-Pytorch') ? false : 'corpus absent' }, async () => {
  const root = path.join(corpusFolder('11x-x11__UNet-Pytorch')!, 'wandb');
  const listed = await reader.listRuns({ format: 'wandb', path: root });
  assert.ok(listed.runs.every((r) => /^run-\d{8}_\d{6}-[a-z0-9]+$/.test(path.basename(r.path))));
  const empty = listed.runs.find((r) => r.id === '542m6yip')!;
  assert.match(empty.warnings!.join(), /is empty/);
  assert.deepEqual(await reader.readSeries(empty), { series: [], errors: [] });
});
