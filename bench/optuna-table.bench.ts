// Optuna storage and results-table readers (issue 5, DESIGN.md §5 "tree shows 1,000 runs ≤ 2 s").
//   optuna: a storage with 1,000 trials × 4 params × 100 intermediate values (written with sql.js
//           in Optuna 3.x's schema): time to list every trial, and to read every trial's series.
//   table:  a SageMaker-style CSV of 1,000 rows × 300 columns, and a 20,000-row CSV: list time and MB/s.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import { createOptunaReader } from '../src/core/sources/optuna/reader';
import { readTable } from '../src/core/sources/table/read-table';
import { dist, writeOptunaDb, type FixtureStudy } from '../test/unit/optuna/optuna-db-writer';
import { prng as rng } from '../src/core/util/prng';

const work = path.join(__dirname, '.work', 'optuna-table');
fs.mkdirSync(work, { recursive: true });

async function benchOptuna(): Promise<void> {
  const file = path.join(work, 'optuna-1000.db');
  const r = rng(1);
  const study: FixtureStudy = {
    name: 'bench',
    directions: ['MINIMIZE'],
    trials: Array.from({ length: 1000 }, (_, i) => ({
      number: i,
      state: i % 10 === 3 ? ('PRUNED' as const) : ('COMPLETE' as const),
      values: i % 10 === 3 ? undefined : [r()],
      start: '2024-05-01 10:00:00.000000',
      complete: '2024-05-01 10:01:00.000000',
      params: [
        { name: 'lr', internal: 10 ** (-5 + 4 * r()), distribution: dist.float(1e-5, 1e-1, true) },
        { name: 'layers', internal: 1 + Math.floor(r() * 8), distribution: dist.int(1, 8) },
        { name: 'opt', internal: Math.floor(r() * 3), distribution: dist.categorical(['adam', 'sgd', 'rmsprop']) },
        { name: 'dropout', internal: r() / 2, distribution: dist.float(0, 0.5) },
      ],
      intermediate: Array.from({ length: 100 }, (_, s) => [s, Math.exp(-s / 30) + r() / 10] as [number, number]),
      userAttrs: { note: `trial ${i}` },
    })),
  };
  await writeOptunaDb(file, [study]);
  const mb = fs.statSync(file).size / 2 ** 20;

  const reader = createOptunaReader();
  const t0 = performance.now();
  const listed = await reader.listRuns({ format: 'optuna', path: file });
  const tList = performance.now() - t0;
  const t1 = performance.now();
  let points = 0;
  for (const run of listed.runs) points += (await reader.readSeries(run)).series[0]?.points.values.length ?? 0;
  const tSeries = performance.now() - t1;
  reader.cache.clear();
  if (listed.runs.length !== 1000 || points !== 100_000) throw new Error(`unexpected result: ${listed.runs.length} runs, ${points} points`);
  console.log(`optuna list 1,000 trials (${mb.toFixed(1)} MB storage, cold snapshot): ${tList.toFixed(0)} ms (target <= 2000 ms)`);
  console.log(`optuna read series of 1,000 trials (100,000 points, cached snapshot): ${tSeries.toFixed(0)} ms (${(tSeries / 1000).toFixed(2)} ms/trial)`);
}

function sagemakerCsv(rows: number, metricNames: number, params: number): string {
  const r = rng(2);
  const stats = ['Min', 'Max', 'Avg', 'StdDev', 'Last', 'Count'];
  const header = ['', 'TrialComponentName', 'DisplayName', 'SourceArn'];
  for (let p = 0; p < params; p++) header.push(`hp_${p}`);
  for (let m = 0; m < metricNames; m++) for (const s of stats) header.push(`metric_${m}:loss - ${s}`);
  header.push('Trials', 'Experiments');
  const lines = [header.join(',')];
  for (let i = 0; i < rows; i++) {
    const cells = [String(i), `job-${i}-aws-training-job`, 'Training', `arn:aws:sagemaker:us-east-1:1:training-job/job-${i}`];
    for (let p = 0; p < params; p++) cells.push((r() * 100).toFixed(4));
    for (let m = 0; m < metricNames; m++) for (let s = 0; s < stats.length; s++) cells.push(r() < 0.001 ? 'NaN' : r().toPrecision(8));
    cells.push(`"['trial-${i}']"`, `"['exp-${i % 5}']"`);
    lines.push(cells.join(','));
  }
  return lines.join('\n') + '\n';
}

async function benchTable(name: string, rows: number, metricNames: number, params: number): Promise<void> {
  const file = path.join(work, name);
  fs.writeFileSync(file, sagemakerCsv(rows, metricNames, params));
  const mb = fs.statSync(file).size / 2 ** 20;
  const t0 = performance.now();
  const res = await readTable(file);
  const ms = performance.now() - t0;
  if (res.runs.length !== rows || res.errors.length) throw new Error(`unexpected result: ${res.runs.length} runs, ${res.errors.length} errors`);
  const cols = 6 + params + metricNames * 6;
  console.log(`table read ${rows.toLocaleString('en')} rows x ${cols} columns (${mb.toFixed(1)} MB CSV, guess + runs): ${ms.toFixed(0)} ms, ${(mb / (ms / 1000)).toFixed(1)} MB/s (target <= 2000 ms)`);
}

(async () => {
  await benchOptuna();
  await benchTable('sagemaker-1000x300.csv', 1000, 48, 6);
  await benchTable('sagemaker-20000x40.csv', 20000, 5, 4);
})().catch((err) => {
  console.error(err);
  process.exit(1);
});
