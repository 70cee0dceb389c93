// Shared corpus-conformance loop for the binary-format readers: each fixture in
// test/fixtures/corpus-expected/<folder>.<format>.json lists the runs a corpus folder must yield.
// Discovery runs with every registered reader, so claims between formats are exercised too.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { discoverRoots } from '../../src/core/index/discover';
import type { RunInfo, Series, SourceFormat, SourceReader } from '../../src/core/model';
import { readers } from '../../src/core/sources/registry';
import { corpusFolder, repoRoot } from './corpus';

export interface ExpectedSeries {
  key: string;
  count: number;
  firstStep: number;
  lastStep: number;
  firstValue: number;
  lastValue: number;
  min: number;
  max: number;
}

export interface ExpectedRun {
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
  [more: string]: unknown;
}

const fixturesDir = path.join(repoRoot, 'test', 'fixtures', 'corpus-expected');

export function fixturesFor(format: SourceFormat): Array<{ folder: string; runs: ExpectedRun[] }> {
  return fs
    .readdirSync(fixturesDir)
    .filter((f) => f.endsWith(`.${format}.json`))
    .map((f) => JSON.parse(fs.readFileSync(path.join(fixturesDir, f), 'utf8')));
}

/** Facts as formats-golden.json states them: first/last in append order, min/max ignore NaN. */
export function seriesFacts(s: Series): ExpectedSeries {
  const v = s.points.values;
  let min = Infinity;
  let max = -Infinity;
  for (const x of v) {
    if (Number.isNaN(x)) continue;
    if (x < min) min = x;
    if (x > max) max = x;
  }
  const n = v.length;
  return { key: s.key, count: n, firstStep: s.points.steps[0], lastStep: s.points.steps[n - 1], firstValue: v[0], lastValue: v[n - 1], min, max };
}

/**
 * One test per fixture: the reader must list exactly the expected run folders with their ids, names,
 * status, params, times, errors/warnings and series facts. `moreChecks` adds format-specific asserts.
 */
export function corpusConformanceTests(
  format: SourceFormat,
  reader: SourceReader,
  moreChecks: (run: RunInfo, expected: ExpectedRun, label: string) => void = () => undefined,
): void {
  for (const expected of fixturesFor(format)) {
    const folder = corpusFolder(expected.folder);
    test(`corpus ${expected.folder} (${format})`, { skip: folder ? false : 'corpus absent' }, async () => {
      const roots = (await discoverRoots([folder!], { readers })).filter((r) => r.format === format);
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
        for (const [k, v] of Object.entries(exp.extra ?? {})) assert.deepEqual(run.extra?.[k], v, `${label} extra.${k}`);
        if (exp.errorPattern) assert.match(run.error ?? '', new RegExp(exp.errorPattern), `${label} error`);
        else assert.equal(run.error, undefined, label);
        const warnings = run.warnings ?? [];
        assert.equal(warnings.length, exp.warningPatterns.length, `${label} warnings: ${warnings.join('; ')}`);
        exp.warningPatterns.forEach((p, i) => assert.match(warnings[i], new RegExp(p)));
        moreChecks(run, exp, label);
        const read = await reader.readSeries(run);
        if (!exp.errorPattern) assert.deepEqual(read.errors, [], `${label} series errors`);
        assert.deepEqual(read.series.map(seriesFacts), exp.series, `${label} series`);
      }
    });
  }
}
