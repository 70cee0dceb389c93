// Aim reader throughput. Workloads (bench/.work, reused when complete):
//  - the corpus Aim repos (when ../shared/corpus is present): every sequence of every run;
//  - a generated repo of 100 runs x 20 series (half with a `lang` context) x 10,000 steps, written
//    with the test writer as compacted, snappy SSTs; read with readSeries, MB/s of SST bytes;
//  - a generated repo of 1,000 runs (params + 20 short series each): listRuns time, which uses only
//    run_metadata.sqlite and the meta chunks.
// Timings are wall clock; CPU time is printed beside them since shared machines distort wall time.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { aimReader } from '../src/core/sources/aim/aim-reader';
import type { RunInfo } from '../src/core/model';
import { writeAimRepoMetadata, writeAimRunChunks, type AimRun } from '../test/writers/aim/aim-repo';
import { corpusFolder } from '../test/helpers/corpus';

const WORK = path.join(__dirname, '.work', 'aim');
const T0 = Date.UTC(2024, 0, 1);
const LANGS = ['de', 'fr', 'es', 'ru', 'zh'];

const hashOf = (i: number) => i.toString(16).padStart(24, '0');

function runSpec(i: number, steps: number, series: number): AimRun {
  return {
    hash: hashOf(i),
    name: `run-${i}`,
    experiment: `sweep-${i % 4}`,
    createdAt: T0 + i * 60_000,
    endTime: T0 + i * 60_000 + 3_600_000,
    params: { hparams: { lr: [1e-4, 3e-4, 1e-3][i % 3], batch_size: [16, 32][i % 2], seed: i % 5, model: 'xlm-r', layers: [12, 768] }, data: { langs: LANGS } },
    series: Array.from({ length: series }, (_, j) => {
      const ctx: Record<string, string> = j < series / 2 ? { subset: 'train' } : { subset: 'val', lang: LANGS[j % LANGS.length] };
      return {
        name: j < series / 2 ? `metric_${j}` : `f1_${Math.floor(j / LANGS.length)}`,
        context: ctx,
        points: Array.from({ length: steps }, (_, s) => ({ step: s, value: Math.exp(-s / 3000) + 0.01 * Math.sin(s + i + j), epoch: Math.floor(s / 1000), time: T0 + i * 60_000 + s * 250 })),
      };
    }),
  };
}

async function ensureRepo(name: string, runs: number, steps: number, series: number): Promise<string> {
  const aimDir = path.join(WORK, name, '.aim');
  const marker = path.join(WORK, name, '.complete-v1');
  if (fs.existsSync(marker)) return aimDir;
  fs.rmSync(path.join(WORK, name), { recursive: true, force: true });
  const t = performance.now();
  await writeAimRepoMetadata(aimDir, Array.from({ length: runs }, (_, i) => ({ ...runSpec(i, 0, 0), series: [] })));
  for (let i = 0; i < runs; i++) writeAimRunChunks(aimDir, runSpec(i, steps, series));
  fs.writeFileSync(marker, '');
  console.log(`  (generated ${name} in ${((performance.now() - t) / 1000).toFixed(0)} s)`);
  return aimDir;
}

function sstBytes(aimDir: string, hash: string): number {
  const dir = path.join(aimDir, 'seqs', 'chunks', hash);
  return fs.readdirSync(dir).filter((f) => f.endsWith('.sst')).reduce((n, f) => n + fs.statSync(path.join(dir, f)).size, 0);
}

async function readAll(aimDir: string, runs: RunInfo[]): Promise<{ bytes: number; points: number; series: number; wallMs: number; cpuMs: number; errors: number }> {
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  let points = 0;
  let series = 0;
  let errors = 0;
  for (const run of runs) {
    const r = await aimReader.readSeries(run);
    errors += r.errors.length;
    series += r.series.length;
    for (const s of r.series) points += s.points.steps.length;
  }
  const wallMs = performance.now() - t0;
  const c = process.cpuUsage(c0);
  const bytes = runs.reduce((n, r) => n + sstBytes(aimDir, r.id), 0);
  return { bytes, points, series, wallMs, cpuMs: (c.user + c.system) / 1000, errors };
}

const mbps = (bytes: number, ms: number) => (bytes / 1e6 / (ms / 1000)).toFixed(0);

async function main(): Promise<void> {
  for (const folder of ['koyeb__example-aim', 'nirajan-fuse__aim_experiment_id']) {
    const dir = corpusFolder(folder);
    if (!dir) {
      console.log(`aim corpus ${folder}: skipped (corpus not present)`);
      continue;
    }
    const aimDir = path.join(dir, '.aim');
    const { runs } = await aimReader.listRuns({ format: 'aim', path: aimDir });
    await readAll(aimDir, runs); // warm-up
    let best = { bytes: 0, wallMs: Infinity, cpuMs: Infinity, points: 0, series: 0, errors: 0 };
    for (let k = 0; k < 5; k++) {
      const r = await readAll(aimDir, runs);
      if (r.wallMs < best.wallMs) best = r;
    }
    console.log(`aim corpus ${folder} read: ${mbps(best.bytes, best.wallMs)} MB/s (${(best.bytes / 1e6).toFixed(1)} MB SST, ${best.series} series, ${best.points} points, ${best.wallMs.toFixed(0)} ms wall, ${mbps(best.bytes, best.cpuMs)} MB/s by CPU time; target >= 100 MB/s)`);
  }

  const big = await ensureRepo('read-100x20x10k', 100, 10_000, 20);
  const { runs } = await aimReader.listRuns({ format: 'aim', path: big });
  await readAll(big, runs.slice(0, 3)); // warm-up
  const r = await readAll(big, runs);
  console.log(`aim sst read (100 runs x 20 series x 10,000 steps): ${mbps(r.bytes, r.wallMs)} MB/s (${(r.bytes / 1e6).toFixed(0)} MB SST, ${(r.points / 1e6).toFixed(1)} M points, ${(r.wallMs / 1000).toFixed(1)} s wall, ${mbps(r.bytes, r.cpuMs)} MB/s by CPU time, ${r.errors} errors; target >= 100 MB/s)`);

  const many = await ensureRepo('list-1000', 1000, 10, 20);
  await aimReader.listRuns({ format: 'aim', path: many }); // warm-up (sql.js wasm, JIT)
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  const listed = await aimReader.listRuns({ format: 'aim', path: many });
  const wall = performance.now() - t0;
  const c = process.cpuUsage(c0);
  const withParams = listed.runs.filter((x) => Object.keys(x.params).length > 0).length;
  console.log(`aim list 1,000 runs (names, status, params): ${(wall / 1000).toFixed(2)} s (${listed.runs.length} runs, ${withParams} with params, ${listed.errors.length} errors, ${((c.user + c.system) / 1e6).toFixed(2)} s CPU; target <= 2 s)`);
}

main().catch((err) => {
  console.error(err);
  process.exitCode = 1;
});
