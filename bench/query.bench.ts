// Run filter budget (issue 11 item 5): the Curves panel re-selects runs on every (debounced) edit of
// its run query, over every indexed run. Measured here for 1,000 runs × 40 series × 20 params, as
// the host does it (selectRuns: what the query sees of each run, then the filter), first and
// repeated (the per-run field lookup is cached on the run records). Target <= 50 ms.
import { performance } from 'node:perf_hooks';
import type { IndexedRun } from '../src/core/index/types';
import { selectRuns } from '../src/host/panels/curves-message';

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

function syntheticRuns(n: number): IndexedRun[] {
  return Array.from({ length: n }, (_, r) => {
    const params: Record<string, string> = { learning_rate: String([1e-5, 3e-5, 1e-4][r % 3]), seed: String(r % 5) };
    for (let p = 0; p < 18; p++) params[`opt_${p}`] = String((r * 7 + p) % 11);
    const series = Array.from({ length: 40 }, (_, m) => ({
      key: `metric_${m}`,
      context: m % 4 === 0 ? { subset: 'val' } : {},
      count: 500, nanCount: 0, first: 1, last: 1 / (r + m + 1), min: 0, max: 1, mean: 0.5, minStep: 0, maxStep: 500,
    }));
    return {
      key: `mlflow-file|/bench|run${r}`, format: 'mlflow-file', id: `run${r}`, experiment: `exp${r % 10}`, name: `run-${r}`, status: 'finished',
      path: `/bench/run${r}`, root: '/bench', params, tags: { 'mlflow.user': r % 2 ? 'alice' : 'bob' }, checkpoints: [], series,
    } as unknown as IndexedRun;
  });
}

const runs = syntheticRuns(1000);
const queries = ['learning_rate=3e-5 seed>1', 'learning_rate=3e-5 seed>1 name~run-1', '(lr=1e-5 or learning_rate in (3e-5, 1e-4)) and not tags.mlflow.user=bot metrics.metric_3<0.01', 'name~/run-9\\d$/', 'metric_3:best > 0.5 and count(metric_4[subset=val]) >= 10'];
for (const q of queries) {
  const times: number[] = [];
  let matched = 0;
  for (let i = 0; i < 11; i++) {
    const t0 = performance.now();
    matched = selectRuns({ query: q, runKeys: [] }, () => runs).runKeys.length;
    times.push(performance.now() - t0);
  }
  console.log(`run filter over 1,000 runs, ${JSON.stringify(q)} (${matched} match): ${times[0].toFixed(1)} ms first, ${median(times.slice(1)).toFixed(1)} ms per keystroke after (target <= 50 ms)`);
}
