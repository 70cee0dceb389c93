// Each reader against a plain read of the same files (issue 17: every reader within 4x of readFileSync, a ratio
// >= 0.25). Per format a generated workspace (bench/.work/reader-vs-read, reused) is read twice: readFileSync of
// every regular file in it, and discovery + listRuns + readSeries through the shipped bundle. CPU time of this
// process (the machine is shared: wall time is printed too). The plain read is the best of REPS. The reader first
// reads a copy of the workspace (JIT warm-up), then is timed once on the workspace itself: readers cache by path
// (the TensorBoard tail cache would make a second read of the same files nearly free).
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Session } from 'node:inspector/promises';
import { loadBundled } from './bundled';
import type { SourceReader, SourceRoot } from '../src/core/model';
import type { WriterRun } from '../src/demo/writers/types';
import { writeMlflowFileStore } from '../src/demo/writers/mlflow-file';
import { writeLightningCsvRun } from '../src/demo/writers/lightning-csv';
import { writeTensorboardRun } from '../test/writers/tensorboard';
import { writeWandbRun } from '../test/writers/wandb';
import { fromWriterRun, writeAimRepo } from '../test/writers/aim/aim-repo';

const RUNS = 40;
const POINTS = 3000;
const REPS = 3;
const ROUNDS = 8;
const work = path.join(__dirname, '.work', 'reader-vs-read');

interface Build {
  readers: readonly SourceReader[];
  readerFor: (format: string) => SourceReader | undefined;
  discoverRoots: typeof import('../src/core/index/discover').discoverRoots;
}
function load(root: string | undefined, suffix: string): Build {
  const registry = loadBundled<typeof import('../src/core/sources/registry')>('src/core/sources/registry.ts', `registry${suffix}`, root);
  const discover = loadBundled<typeof import('../src/core/index/discover')>('src/core/index/discover.ts', `discover${suffix}`, root);
  return { readers: registry.readers as SourceReader[], readerFor: registry.readerFor as Build['readerFor'], discoverRoots: discover.discoverRoots };
}
const current = load(undefined, '');
// READER_BASELINE=<another checkout>: that checkout's readers are timed on the same files in the same process, next
// to these ones (before/after on a shared machine, where runs minutes apart are not comparable)
const baselineRoot = process.env.READER_BASELINE;
const baseline = baselineRoot ? load(baselineRoot, '-baseline') : undefined;

function run(i: number): WriterRun {
  const T0 = 1_700_000_000_000 + i * 1000;
  return {
    id: `${i}`.padStart(32, 'a'),
    name: `run ${i}`,
    experiment: 'bench',
    status: 'finished',
    startTime: T0,
    endTime: T0 + 1000,
    params: { lr: String(0.001 * i), seed: String(i) },
    tags: {},
    metrics: ['loss', 'acc', 'lr'].map((key, k) => ({ key, points: Array.from({ length: POINTS }, (_, s) => ({ step: s, value: Math.sin(s * 0.01 + k + i), time: T0 + s * 10 })) })),
  };
}
const runs = Array.from({ length: RUNS }, (_, i) => run(i));

const formats: Record<string, (dir: string) => Promise<void> | void> = {
  'mlflow-file': (dir) => writeMlflowFileStore(path.join(dir, 'mlruns'), runs),
  tensorboard: (dir) => runs.forEach((r, i) => writeTensorboardRun(path.join(dir, 'tb', `run_${i}`), r)),
  'lightning-csv': (dir) =>
    runs.forEach((r, i) =>
      writeLightningCsvRun(path.join(dir, 'lightning_logs', `version_${i}`), {
        hparams: r.params,
        rows: Array.from({ length: POINTS }, (_, s) => ({ epoch: Math.floor(s / 100), step: s, ...Object.fromEntries(r.metrics.map((m) => [m.key, m.points[s].value])) })),
      }),
    ),
  wandb: (dir) => runs.forEach((r) => writeWandbRun(path.join(dir, 'wandb'), r)),
  aim: (dir) => writeAimRepo(path.join(dir, '.aim'), runs.map((r, i) => fromWriterRun(r, String(i).padStart(24, 'c')))),
};

function files(dir: string): string[] {
  const out: string[] = [];
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) out.push(...files(p));
    else if (e.isFile()) out.push(p);
  }
  return out;
}

const cpuMs = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};

async function measure(fn: () => Promise<unknown> | unknown, reps = REPS): Promise<{ cpu: number; wall: number }> {
  let best = { cpu: Infinity, wall: Infinity };
  for (let r = 0; r < reps; r++) {
    const c0 = cpuMs();
    const w0 = performance.now();
    await fn();
    const cpu = cpuMs() - c0;
    if (cpu < best.cpu) best = { cpu, wall: performance.now() - w0 };
  }
  return best;
}

async function readAll(dir: string, { readers, readerFor, discoverRoots }: Build = current): Promise<number> {
  const roots: SourceRoot[] = await discoverRoots([dir], { readers: readers as SourceReader[] });
  let points = 0;
  for (const root of roots) {
    const reader = readerFor(root.format)!;
    for (const r of (await reader.listRuns(root)).runs) for (const s of (await reader.readSeries(r)).series) points += s.points.values.length;
  }
  return points;
}

async function main(): Promise<void> {
  const only = process.argv.slice(2);
  for (const [format, write] of Object.entries(formats)) {
    if (only.length && !only.includes(format)) continue;
    const dir = path.join(work, format);
    if (!fs.existsSync(path.join(dir, '.done'))) {
      fs.rmSync(dir, { recursive: true, force: true });
      fs.mkdirSync(dir, { recursive: true });
      await write(dir);
      fs.writeFileSync(path.join(dir, '.done'), '');
      for (const old of fs.readdirSync(work).filter((f) => f.startsWith(`${format}-`))) fs.rmSync(path.join(work, old), { recursive: true, force: true });
      fs.cpSync(dir, `${dir}-warmup`, { recursive: true });
    }
    await readAll(`${dir}-warmup`);
    if (baseline) await readAll(`${dir}-warmup`, baseline);
    const list = files(dir);
    const bytes = list.reduce((n, f) => n + fs.statSync(f).size, 0);
    const plain = await measure(() => list.forEach((f) => fs.readFileSync(f)));
    let points = 0;
    // READER_PROFILE=<dir>: a CPU profile of the timed reader pass only (not the bundling, writing and warm-up)
    const profileDir = process.env.READER_PROFILE;
    const session = profileDir ? new Session() : undefined;
    if (session) {
      session.connect();
      await session.post('Profiler.enable');
      await session.post('Profiler.setSamplingInterval', { interval: 100 });
      await session.post('Profiler.start');
    }
    const reader = await measure(async () => (points = await readAll(dir)), 1);
    if (session) {
      const { profile } = await session.post('Profiler.stop');
      fs.mkdirSync(profileDir!, { recursive: true });
      fs.writeFileSync(path.join(profileDir!, `${format}.cpuprofile`), JSON.stringify(profile));
      session.disconnect();
    }
    const ratio = plain.cpu / reader.cpu;
    console.log(
      `${format}: reader ${reader.cpu.toFixed(0)} ms CPU (${reader.wall.toFixed(0)} wall), plain read ${plain.cpu.toFixed(1)} ms CPU (${plain.wall.toFixed(1)} wall) ` +
        `of ${list.length} files, ${(bytes / 2 ** 20).toFixed(1)} MB, ${points} points: ratio ${ratio.toFixed(3)} (budget >= 0.25)`,
    );
    if (baseline) {
      // Fresh copies (the readers cache by path), the order alternating, the best of ROUNDS for each side
      const best = { current: Infinity, baseline: Infinity };
      for (let r = 0; r < ROUNDS; r++) {
        const copy = `${dir}-round${r}`;
        if (!fs.existsSync(copy)) fs.cpSync(dir, copy, { recursive: true });
        const sides: Array<[keyof typeof best, Build]> = [['current', current], ['baseline', baseline]];
        if (r % 2) sides.reverse();
        for (const [side, build] of sides) best[side] = Math.min(best[side], (await measure(() => readAll(copy, build), 1)).cpu);
      }
      console.log(
        `${format} before/after, best of ${ROUNDS} alternating: baseline (${baselineRoot}) ${best.baseline.toFixed(0)} ms CPU, ratio ${(plain.cpu / best.baseline).toFixed(3)} ` +
          `-> this tree ${best.current.toFixed(0)} ms CPU, ratio ${(plain.cpu / best.current).toFixed(3)}`,
      );
    }
  }
}

void main();
