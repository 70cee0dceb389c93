// `runlens table` on the demo workspace: the story of the issue (F1 per language at the English-best checkpoint,
// seeds collapsed), checked against the metric files read directly, and the JSON shapes.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, test } from 'node:test';
import { generateDemo } from '../../../src/demo/generate';
import { repoRoot } from '../../helpers/corpus';

let dir = '';
before(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'runlens-table-'));
  await generateDemo(path.join(dir, 'demo'), 42);
});
after(() => fs.rmSync(dir, { recursive: true, force: true }));

function cli(...args: string[]): { status: number | null; stdout: string; stderr: string } {
  return spawnSync(process.execPath, ['--import', 'tsx', path.join(repoRoot, 'src/cli/main.ts'), 'table', ...args], { encoding: 'utf8', cwd: repoRoot, timeout: 60_000 });
}

/** An MLflow file-store metric file read by hand: lines of `timestamp value step`. */
function metricFile(runDir: string, key: string): Array<{ value: number; step: number }> {
  return fs.readFileSync(path.join(runDir, 'metrics', key), 'utf8').trim().split('\n').map((l) => {
    const [, v, s] = l.trim().split(/\s+/);
    return { value: Number(v), step: Number(s) };
  });
}

test('pivot by suffix at the English-best step, seeds collapsed by the default groups', { timeout: 120_000 }, () => {
  const res = cli(path.join(dir, 'demo/mlruns'), '--pivot', 'suffix', '--metric', 'f1', '--summary', 'at(f1_en:best)', '--format', 'json');
  assert.equal(res.status, 0, res.stderr);
  const { pivot } = JSON.parse(res.stdout);
  assert.deepEqual([pivot.metric, pivot.summary, pivot.by], ['f1', 'at(f1_en:best)', 'suffix']);
  assert.deepEqual(pivot.columns, ['de', 'en', 'es', 'nl', 'zh']);
  // 20 runs = 5 learning rates × 4 seeds: the seed is replicate-like, so 5 groups of 4
  assert.equal(pivot.rows.length, 5);
  for (const row of pivot.rows) {
    assert.ok(!('seed' in row.group), JSON.stringify(row.group));
    assert.ok('learning_rate' in row.group);
    for (const c of pivot.columns) assert.equal(row.cells[c].n, 4);
  }
});

test('per-run values match the metric files: f1_de at the first step of the highest f1_en', { timeout: 120_000 }, () => {
  const res = cli(path.join(dir, 'demo/mlruns'), '--where', 'seed=2', '--columns', 'params.learning_rate,f1_en:best,f1_de:at(f1_en:best),eval_loss:min', '--format', 'json');
  assert.equal(res.status, 0, res.stderr);
  const out = JSON.parse(res.stdout);
  assert.deepEqual(out.columns[2], { id: 'f1_de:at(f1_en:best)', kind: 'metric', key: 'f1_de', context: {}, summary: 'at(f1_en:best)' });
  assert.equal(out.rows.length, 5);
  for (const row of out.rows) {
    const en = metricFile(row.run.path, 'f1_en');
    const de = metricFile(row.run.path, 'f1_de');
    const best = en.reduce((a, b) => (b.value > a.value || (b.value === a.value && b.step < a.step) ? b : a));
    assert.equal(row.values['f1_en:best'], best.value);
    assert.equal(row.steps['f1_en:best'], best.step);
    assert.equal(row.values['f1_de:at(f1_en:best)'], de.find((p) => p.step === best.step)!.value);
    const loss = metricFile(row.run.path, 'eval_loss');
    assert.equal(row.values['eval_loss:min'], Math.min(...loss.map((p) => p.value)));
    assert.equal(typeof row.values['params.learning_rate'], 'string');
  }
});

test('group rows with --group-by, and usage errors', { timeout: 120_000 }, () => {
  const res = cli(path.join(dir, 'demo/mlruns'), '--columns', 'f1_en:best', '--group-by', 'learning_rate', '--format', 'json');
  assert.equal(res.status, 0, res.stderr);
  const out = JSON.parse(res.stdout);
  assert.equal(out.rows.length, 5);
  const g = out.rows[0];
  assert.equal(g.n, 4);
  assert.deepEqual(Object.keys(g.values['f1_en:best']).sort(), ['max', 'mean', 'median', 'min', 'n', 'sd']);
  const bad = cli(path.join(dir, 'demo/mlruns'), '--columns', 'f1_en:median');
  assert.equal(bad.status, 2);
  assert.match(bad.stderr, /unknown summary 'median'/);
});
