// Conformance on the real Aim repositories in ../shared/corpus (skipped when absent): every run,
// param and series summary listed in test/fixtures/corpus-expected/<folder>.aim.json.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { aimReader } from '../../../src/core/sources/aim/aim-reader';
import { contextKey, type SeriesContext } from '../../../src/core/model';
import { corpusFolder, repoRoot } from '../../helpers/corpus';

interface ExpectedSeries {
  key: string;
  context: SeriesContext;
  count: number;
  firstStep: number;
  lastStep: number;
  first: number;
  last: number;
  min: number;
  max: number;
  firstTime: number;
  lastTime: number;
  epochsLogged: number;
}
interface ExpectedRun {
  id: string;
  relPath: string;
  name: string;
  experiment: string;
  status: string;
  startTime: number;
  endTime: number | null;
  archived: boolean;
  tags: Record<string, string>;
  params: Record<string, string>;
  series: ExpectedSeries[];
}

const close = (a: number | undefined, b: number, what: string) => assert.ok(a !== undefined && Math.abs(a - b) < 1e-3, `${what}: ${a} vs ${b}`);

for (const folder of ['koyeb__example-aim', 'nirajan-fuse__aim_experiment_id']) {
  const dir = corpusFolder(folder);
  test(`corpus ${folder}: runs, params and series summaries match the golden facts`, { skip: !dir && 'corpus not present' }, async () => {
    const expected = JSON.parse(fs.readFileSync(path.join(repoRoot, 'test', 'fixtures', 'corpus-expected', `${folder}.aim.json`), 'utf8')) as { runs: ExpectedRun[] };
    const aimDir = path.join(dir!, '.aim');
    const listing = { path: aimDir, dirs: fs.readdirSync(aimDir).filter((n) => fs.statSync(path.join(aimDir, n)).isDirectory()), files: fs.readdirSync(aimDir).filter((n) => fs.statSync(path.join(aimDir, n)).isFile()) };
    const detected = await aimReader.detect(listing);
    assert.deepEqual(detected.roots, [{ format: 'aim', path: aimDir }]);
    const { runs, errors } = await aimReader.listRuns(detected.roots[0]);
    assert.deepEqual(errors, []);
    assert.deepEqual(runs.map((r) => r.id).sort(), expected.runs.map((r) => r.id).sort());
    for (const exp of expected.runs) {
      const run = runs.find((r) => r.id === exp.id)!;
      assert.equal(run.path, path.join(dir!, exp.relPath));
      assert.equal(run.name, exp.name);
      assert.equal(run.experiment, exp.experiment);
      assert.equal(run.status, exp.status);
      close(run.startTime, exp.startTime, 'startTime');
      if (exp.endTime === null) assert.equal(run.endTime, undefined);
      else close(run.endTime, exp.endTime, 'endTime');
      assert.equal(Boolean(run.extra?.archived), exp.archived);
      assert.deepEqual(run.tags, exp.tags);
      assert.deepEqual(run.params, exp.params);
      assert.equal(run.warnings, undefined, `${exp.id}: ${run.warnings}`);

      const { series, errors: seriesErrors } = await aimReader.readSeries(run);
      assert.deepEqual(seriesErrors, []);
      const got = series.map((s) => `${s.key} ${contextKey(s.context)}`).sort();
      assert.deepEqual(got, exp.series.map((s) => `${s.key} ${contextKey(s.context)}`).sort());
      for (const e of exp.series) {
        const s = series.find((x) => x.key === e.key && contextKey(x.context) === contextKey(e.context))!;
        const p = s.points;
        const n = p.steps.length;
        const what = `${exp.id} ${e.key} ${contextKey(e.context)}`;
        assert.equal(n, e.count, what);
        assert.equal(p.steps[0], e.firstStep, what);
        assert.equal(p.steps[n - 1], e.lastStep, what);
        assert.equal(p.values[0], e.first, what);
        assert.equal(p.values[n - 1], e.last, what);
        assert.equal(Math.min(...p.values), e.min, what);
        assert.equal(Math.max(...p.values), e.max, what);
        close(p.times![0], e.firstTime, `${what} first time`);
        close(p.times![n - 1], e.lastTime, `${what} last time`);
        assert.equal(p.epochs!.filter((x) => !Number.isNaN(x)).length, e.epochsLogged, what);
        for (let i = 1; i < n; i++) assert.ok(p.steps[i] > p.steps[i - 1], `${what} steps ascending`);
      }
      // the meta summaries listRuns offers agree with the points
      for (const t of (run.extra?.sequences ?? []) as { name: string; context: SeriesContext; metric: boolean; last?: number; lastStep?: number }[]) {
        if (!t.metric) continue;
        const e = exp.series.find((x) => x.key === t.name && contextKey(x.context) === contextKey(t.context))!;
        assert.equal(t.last, e.last);
        assert.equal(t.lastStep, e.lastStep);
      }
    }
  });
}
