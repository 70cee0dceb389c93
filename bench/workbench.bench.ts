// In the real workbench (code-server + Chromium, the packaged VSIX): time from "Compare Selected Runs"
// to the first complete paint of Curves for 240 runs × 8 metrics and for 1,000 runs, and from typing a
// query to the paint of the 300 runs it selects. Runs the real-scale UI test (test/e2e/scale.test.ts),
// which records these times; RUNLENS_BENCH_REPEAT=n runs it n times and reports the median.
// Wall time only: the work spans the extension host, the workbench and the webview processes.
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync } from 'node:fs';
import * as path from 'node:path';

const REPO = path.join(__dirname, '..');
const BUDGETS: Record<string, number> = {
  '240 runs × 8 metrics (MLflow): command → complete paint': 1500,
  '240 runs × 8 series (Aim): command → complete paint': 1500,
  '1,000 runs × 8 metrics: command → complete paint': 3000,
};

const repeat = Math.max(1, Number(process.env.RUNLENS_BENCH_REPEAT ?? 1));
const work = path.join(__dirname, '.work');
mkdirSync(work, { recursive: true });
const pkg = spawnSync('npm', ['run', '--silent', 'package'], { cwd: REPO, stdio: ['ignore', 'ignore', 'inherit'] });
if (pkg.status !== 0) throw new Error('npm run package failed');
const samples = new Map<string, number[]>();
for (let i = 0; i < repeat; i++) {
  const out = path.join(work, `scale-timings-${i}.json`);
  rmSync(out, { force: true });
  const res = spawnSync(process.execPath, ['--import', 'tsx', '--test', '--test-concurrency=1', '--test-reporter=dot', 'test/e2e/scale.test.ts'], {
    cwd: REPO,
    stdio: ['ignore', 'ignore', 'inherit'],
    env: { ...process.env, RUNLENS_VSIX: path.join(REPO, 'runlens.vsix'), RUNLENS_SCALE_TIMINGS: out },
  });
  if (res.status !== 0) console.log(`workbench run ${i + 1}: the scale test failed (times below are from the steps that passed)`);
  let timings: Record<string, number> = {};
  try {
    timings = JSON.parse(readFileSync(out, 'utf8')) as Record<string, number>;
  } catch {
    /* no step got that far */
  }
  for (const [k, v] of Object.entries(timings)) samples.set(k, [...(samples.get(k) ?? []), v]);
}
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
for (const [name, xs] of samples) {
  const budget = BUDGETS[name];
  console.log(`workbench ${name}: ${median(xs)} ms wall (median of ${xs.length}: ${xs.join(', ')})${budget ? ` (budget ≤ ${budget} ms)` : ''}`);
}
