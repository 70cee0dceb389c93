// `runlens compare` and `runlens select` on the demo workspace: the JSON shapes of issue 14, the values checked
// against the MLflow metric files read by hand, the story (a learning-rate pair within seed noise and
// one that is not; the English-best model is not the best on every language, with its regret), text output.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, test } from 'node:test';
import { welch } from '../../../src/core/stats';
import { generateDemo } from '../../../src/demo/generate';
import { repoRoot } from '../../helpers/corpus';

let dir = '';
before(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'runlens-compare-'));
  await generateDemo(path.join(dir, 'demo'), 42);
});
after(() => fs.rmSync(dir, { recursive: true, force: true }));

function cli(...args: string[]): { status: number | null; stdout: string; stderr: string } {
  return spawnSync(process.execPath, ['--import', 'tsx', path.join(repoRoot, 'src/cli/main.ts'), ...args], { encoding: 'utf8', cwd: repoRoot, timeout: 90_000 });
}

interface HandRun {
  name: string;
  lr: string;
  metric(key: string): Map<number, number>;
}

/** The file store's runs read by hand: metric files are lines of `timestamp value step`. */
function handRuns(): HandRun[] {
  const store = path.join(dir, 'demo/mlruns');
  const out: HandRun[] = [];
  for (const exp of fs.readdirSync(store)) {
    const expDir = path.join(store, exp);
    if (!fs.statSync(expDir).isDirectory()) continue;
    for (const id of fs.readdirSync(expDir)) {
      const runDir = path.join(expDir, id);
      if (!fs.existsSync(path.join(runDir, 'metrics'))) continue;
      out.push({
        name: fs.readFileSync(path.join(runDir, 'tags/mlflow.runName'), 'utf8').trim(),
        lr: fs.readFileSync(path.join(runDir, 'params/learning_rate'), 'utf8').trim(),
        metric: (key) => new Map(fs.readFileSync(path.join(runDir, 'metrics', key), 'utf8').trim().split('\n').map((l) => {
          const [, v, s] = l.trim().split(/\s+/);
          return [Number(s), Number(v)] as [number, number];
        })),
      });
    }
  }
  return out;
}

test('compare: the issue JSON shape; values and Welch p from the metric files; a pair within noise and one not', { timeout: 120_000 }, () => {
  const res = cli('compare', path.join(dir, 'demo/mlruns'), '--metric', 'f1_de:at(f1_en:best)', '--by', 'learning_rate', '--json');
  assert.equal(res.status, 0, res.stderr);
  const out = JSON.parse(res.stdout);
  assert.equal(out.metric, 'f1_de:at(f1_en:best)');
  assert.equal(out.groups.length, 5);
  for (const k of ['key', 'n', 'mean', 'sd', 'median', 'min', 'max', 'values']) assert.ok(k in out.groups[0], k);
  assert.equal(out.pairs.length, 10);
  for (const k of ['a', 'b', 'diff', 'welch', 'ci95', 'hedgesG', 'probImprovement', 'pHolm', 'verdict']) assert.ok(k in out.pairs[0], k);
  assert.deepEqual(Object.keys(out.pairs[0].welch).sort(), ['df', 'p', 't']);

  // each group's values are f1_de at the first step of the highest f1_en, per run
  const byLr = new Map<string, number[]>();
  for (const r of handRuns()) {
    const en = [...r.metric('f1_en')].reduce((a, b) => (b[1] > a[1] || (b[1] === a[1] && b[0] < a[0]) ? b : a));
    byLr.set(r.lr, [...(byLr.get(r.lr) ?? []), r.metric('f1_de').get(en[0])!]);
  }
  for (const g of out.groups) assert.deepEqual([...g.values].sort(), [...byLr.get(g.key.learning_rate)!].sort());
  const pair = (a: string, b: string) => out.pairs.find((p: { a: { learning_rate: string }; b: { learning_rate: string } }) => p.a.learning_rate === a && p.b.learning_rate === b);
  for (const p of out.pairs) {
    const a = out.groups.find((g: { key: object }) => JSON.stringify(g.key) === JSON.stringify(p.a));
    const b = out.groups.find((g: { key: object }) => JSON.stringify(g.key) === JSON.stringify(p.b));
    assert.equal(p.welch.p, welch(a.values, b.values).pTwoSided);
    assert.ok(p.pHolm >= p.welch.p);
    assert.ok(Math.abs(p.diff - (a.mean - b.mean)) < 1e-12);
  }
  const noise = pair('0.00002', '0.00005');
  assert.equal(noise.verdict, 'within-noise');
  assert.ok(noise.welch.p > 0.5, String(noise.welch.p));
  const real = pair('0.00003', '0.0001');
  assert.equal(real.verdict, 'a-better');
  assert.ok(real.pHolm < 0.01, String(real.pHolm));
  assert.deepEqual(out.alsoDiffer, []);
});

test('compare across both stores warns that the groups also differ in the model', { timeout: 120_000 }, () => {
  const res = cli('compare', path.join(dir, 'demo/mlruns'), path.join(dir, 'demo/mlflow.db'), '--metric', 'f1_en:best', '--by', 'learning_rate');
  assert.equal(res.status, 0, res.stderr);
  assert.match(res.stdout, /warning: the compared groups also differ in model_name/);
  assert.match(res.stdout, /Holm p/);
});

test('select: the English-best model is not the best on every language; selected, oracle, rank, regret from the files', { timeout: 120_000 }, () => {
  const targets = ['f1_de', 'f1_es', 'f1_nl', 'f1_zh'];
  const res = cli('select', path.join(dir, 'demo/mlruns'), '--by', 'f1_en', '--target', targets.join(','), '--json');
  assert.equal(res.status, 0, res.stderr);
  const out = JSON.parse(res.stdout);
  assert.deepEqual([out.by, out.unit], ['f1_en', 'step']);
  assert.deepEqual(out.targets.map((t: { metric: string }) => t.metric), targets);
  const runs = handRuns();
  for (const t of out.targets) {
    const cands = runs.flatMap((r) => {
      const tgt = r.metric(t.metric);
      return [...r.metric('f1_en')].filter(([s, v]) => tgt.has(s) && Number.isFinite(v) && Number.isFinite(tgt.get(s)!)).map(([s, v]) => ({ name: r.name, step: s, sel: v, tgt: tgt.get(s)! }));
    });
    const sel = cands.reduce((a, b) => (b.sel > a.sel ? b : a));
    const orc = cands.reduce((a, b) => (b.tgt > a.tgt ? b : a));
    assert.deepEqual([t.selected.runName, t.selected.step, t.selected.value], [sel.name, sel.step, sel.tgt]);
    assert.deepEqual([t.oracle.runName, t.oracle.step, t.oracle.value], [orc.name, orc.step, orc.tgt]);
    assert.equal(t.selected.rank, 1 + cands.filter((c) => c.tgt > sel.tgt).length);
    assert.equal(t.regret, orc.tgt - sel.tgt);
    assert.equal(t.candidates, cands.length);
    assert.ok(t.kendallTau > 0 && t.kendallTau <= 1);
  }
  assert.ok(out.targets.some((t: { selected: { rank: number }; regret: number }) => t.selected.rank > 1 && t.regret > 0), 'the English-best model is best everywhere');
  const mean = out.targets.reduce((s: number, t: { regret: number }) => s + t.regret, 0) / out.targets.length;
  assert.ok(Math.abs(out.meanRegret - mean) < 1e-12);
});

test("select --unit run: one candidate per run; the text output names the languages it is not best on", { timeout: 120_000 }, () => {
  const res = cli('select', path.join(dir, 'demo/mlruns'), '--by', 'f1_en', '--target', 'f1_de,f1_zh', '--unit', 'run', '--json');
  assert.equal(res.status, 0, res.stderr);
  const out = JSON.parse(res.stdout);
  assert.equal(out.unit, 'run');
  for (const t of out.targets) assert.equal(t.candidates, 20);
  const text = cli('select', path.join(dir, 'demo/mlruns'), '--by', 'f1_en', '--target', 'f1_de');
  assert.equal(text.status, 0, text.stderr);
  assert.match(text.stdout, /mean regret/);
  const bad = cli('select', path.join(dir, 'demo/mlruns'), '--by', 'params.seed', '--target', 'f1_de');
  assert.equal(bad.status, 2);
  assert.match(bad.stderr, /a metric is needed/);
});
