import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { aimReader } from '../../../src/core/sources/aim/aim-reader';
import { contextKey, type RunInfo } from '../../../src/core/model';
import { writeAimRepo, type AimRun, type AimSeries } from '../../writers/aim/aim-repo';
import { tempDir } from '../../helpers/tmp';

const T0 = Date.UTC(2024, 8, 2, 12, 0, 0, 250);

function series(name: string, n: number, opts: Partial<AimSeries> & { f?: (i: number) => number } = {}): AimSeries {
  const f = opts.f ?? ((i: number) => 1 / (i + 1));
  return {
    name,
    context: opts.context,
    dtype: opts.dtype,
    version: opts.version,
    points: Array.from({ length: n }, (_, i) => ({ step: i * 2, value: f(i), epoch: i % 5 === 4 ? null : Math.floor(i / 10), time: T0 + 1000 + i * 37.5 })),
  };
}

export const runs: AimRun[] = [
  {
    hash: 'aaaaaaaaaaaaaaaaaaaaaaaa',
    name: 'baseline de/fr',
    experiment: 'xnli',
    description: 'first try',
    archived: true,
    tags: ['baseline', 'best'],
    createdAt: T0,
    endTime: T0 + 60_000,
    params: { hparams: { lr: 0.001, epochs: 3, layers: [64, 32], opt: 'adam', warmup: 1.0 }, seed: 7 },
    systemParams: { arguments: ['train.py', '--lr', '0.001'], git_info: { branch: 'main', remote_origin_url: 'git@x:y.git', commit: { hash: 'abc1234', timestamp: 't', author: 'me' } }, executable: '/usr/bin/python3', packages: { numpy: '1.26' } },
    series: [
      series('loss', 300, { f: (i) => (i === 10 ? NaN : i === 11 ? Infinity : i === 12 ? -Infinity : 2 / (i + 1)) }),
      series('f1', 40, { context: { subset: 'val', lang: 'de' }, f: (i) => i / 40 }),
      series('f1', 40, { context: { subset: 'val', lang: 'fr' }, f: (i) => i / 80 }),
      series('tokens', 25, { dtype: 'int', f: (i) => i * 1000 }),
    ],
  },
  {
    hash: 'bbbbbbbbbbbbbbbbbbbbbbbb',
    name: 'live run',
    experiment: 'xnli',
    createdAt: T0,
    endTime: null,
    storage: 'wal',
    checkIns: [{ time: Date.now() - 1000, expectNextIn: 60, flag: 'starting' }],
    metaProgress: true,
    params: { hparams: { lr: 0.01 } },
    series: [series('loss', 120), series('acc', 30, { context: { subset: 'train' } })],
  },
  {
    hash: 'cccccccccccccccccccccccc',
    name: 'old aim, flushed + WAL',
    experiment: null,
    createdAt: T0 + 5,
    endTime: T0 + 9000,
    storage: 'split',
    omitSummary: true,
    params: { hparams: { lr: 0.1, batch: 16 } },
    series: [series('loss', 200, { version: 1 }), series('acc', 77, { context: { subset: 'test' } })],
  },
  {
    hash: 'dddddddddddddddddddddddd',
    name: 'crashed',
    createdAt: T0,
    endTime: null,
    checkIns: [{ time: T0 + 500, expectNextIn: 10 }],
    series: [series('loss', 5)],
  },
  { hash: 'eeeeeeeeeeeeeeeeeeeeeeee', createdAt: T0, endTime: T0 + 1, inSqlite: false, series: [] },
];

async function makeRepo(list = runs): Promise<string> {
  const aimDir = path.join(tempDir(), '.aim');
  await writeAimRepo(aimDir, list);
  return aimDir;
}

function tree(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) walk(p);
      else {
        const st = fs.statSync(p);
        out.push(`${path.relative(dir, p)} ${st.size} ${st.mtimeMs}`);
      }
    }
  };
  walk(dir);
  return out.sort();
}

const byId = (rs: RunInfo[], id: string) => rs.find((r) => r.id === id)!;

test('detect claims a .aim folder holding run_metadata.sqlite and stops descent', () => {
  assert.deepEqual(aimReader.detect({ path: '/w/.aim', dirs: ['meta', 'seqs'], files: ['run_metadata.sqlite', 'VERSION'] }), { roots: [{ format: 'aim', path: '/w/.aim' }], stop: true });
  assert.deepEqual(aimReader.detect({ path: '/w/aim', dirs: [], files: ['run_metadata.sqlite'] }), { roots: [] });
  assert.deepEqual(aimReader.detect({ path: '/w/.aim', dirs: [], files: [] }), { roots: [] });
});

test('listRuns: names, experiments, status, times, params, tags, entry point and commit', async () => {
  const aimDir = await makeRepo();
  const before = tree(aimDir);
  const { runs: got, errors } = await aimReader.listRuns({ format: 'aim', path: aimDir });
  assert.equal(got.length, 5);
  const a = byId(got, 'aaaaaaaaaaaaaaaaaaaaaaaa');
  assert.equal(a.format, 'aim');
  assert.equal(a.name, 'baseline de/fr');
  assert.equal(a.experiment, 'xnli');
  assert.equal(a.status, 'finished');
  assert.equal(a.root, aimDir);
  assert.equal(a.path, path.join(aimDir, 'seqs', 'chunks', a.id));
  assert.equal(a.startTime, T0);
  assert.equal(a.endTime, T0 + 60_000);
  assert.deepEqual(a.params, {
    'hparams.lr': '0.001',
    'hparams.epochs': '3',
    'hparams.layers': '[64, 32]',
    'hparams.opt': 'adam',
    'hparams.warmup': '1',
    seed: '7',
  });
  assert.deepEqual(a.tags, { baseline: '', best: '' });
  assert.equal(a.entryPoint, 'train.py');
  assert.equal(a.gitCommit, 'abc1234');
  assert.equal(a.extra?.archived, true);
  assert.equal(a.extra?.description, 'first try');
  assert.equal(a.extra?.gitBranch, 'main');
  assert.equal(a.warnings, undefined);
  const seqs = a.extra?.sequences as { name: string; context: object; last: number; lastStep: number }[];
  const f1fr = seqs.find((s) => s.name === 'f1' && contextKey(s.context as never) === '{"lang":"fr","subset":"val"}')!;
  assert.equal(f1fr.lastStep, 78);
  assert.equal(f1fr.last, 39 / 80);

  const b = byId(got, 'bbbbbbbbbbbbbbbbbbbbbbbb');
  assert.equal(b.status, 'running');
  assert.equal(b.endTime, undefined);
  assert.deepEqual(b.params, { 'hparams.lr': '0.01' });

  const c = byId(got, 'cccccccccccccccccccccccc');
  assert.equal(c.status, 'finished');
  assert.equal(c.experiment, 'default');
  // the split layout left a deleted and a range-deleted param in the flushed SST: both hidden
  assert.deepEqual(c.params, { 'hparams.batch': '16', 'hparams.lr': '0.1' });

  const d = byId(got, 'dddddddddddddddddddddddd');
  assert.equal(d.status, 'unknown');
  assert.ok(d.warnings!.some((w) => /probably crashed/.test(w)));

  const e = byId(got, 'eeeeeeeeeeeeeeeeeeeeeeee');
  assert.equal(e.name, 'eeeeeeeeeeeeeeeeeeeeeeee');
  assert.ok(e.warnings!.some((w) => /not in run_metadata.sqlite/.test(w)));

  assert.ok(errors.every((x) => x.runId === 'dddddddddddddddddddddddd' || x.runId === 'eeeeeeeeeeeeeeeeeeeeeeee' || x.runId === undefined), JSON.stringify(errors));
  assert.deepEqual(tree(aimDir), before, 'listing wrote, created or touched nothing');
});

test('readSeries: every point with contexts, epochs, times; NaN and infinities kept; sorted by step', async () => {
  const aimDir = await makeRepo();
  const { runs: got } = await aimReader.listRuns({ format: 'aim', path: aimDir });
  for (const spec of runs.slice(0, 3)) {
    const { series: out, errors } = await aimReader.readSeries(byId(got, spec.hash));
    assert.deepEqual(errors, [], spec.hash);
    assert.equal(out.length, spec.series.length, spec.hash);
    for (const s of spec.series) {
      const r = out.find((x) => x.key === s.name && contextKey(x.context) === contextKey(s.context ?? {}));
      assert.ok(r, `${spec.hash} ${s.name}`);
      const p = r.points;
      assert.deepEqual([...p.steps], s.points.map((x) => x.step));
      assert.deepEqual([...p.values], s.points.map((x) => (s.dtype === 'int' ? Math.trunc(x.value) : x.value)));
      assert.deepEqual([...p.epochs!], s.points.map((x) => (x.epoch === null || x.epoch === undefined ? NaN : x.epoch)));
      p.times!.forEach((t, i) => assert.ok(Math.abs(t - s.points[i].time) < 1e-3));
    }
  }
});

test('readSeries with `only` seeks just the requested series', async () => {
  const aimDir = await makeRepo();
  const { runs: got } = await aimReader.listRuns({ format: 'aim', path: aimDir });
  const a = byId(got, 'aaaaaaaaaaaaaaaaaaaaaaaa');
  const { series: out, errors } = await aimReader.readSeries(a, { only: [{ key: 'f1', context: { lang: 'fr', subset: 'val' } }] });
  assert.deepEqual(errors, []);
  assert.equal(out.length, 1);
  assert.deepEqual(out[0].context, { lang: 'fr', subset: 'val' });
  assert.equal(out[0].points.values[39], 39 / 80);
});

test('a corrupt meta block, a missing seqs SST and a torn WAL become clear errors; the rest loads', async () => {
  const aimDir = await makeRepo();
  // 1. flip a byte in the data of run A's meta SST
  const metaSst = path.join(aimDir, 'meta', 'chunks', 'aaaaaaaaaaaaaaaaaaaaaaaa', '000009.sst');
  const bytes = fs.readFileSync(metaSst);
  bytes[20] ^= 0xff;
  fs.writeFileSync(metaSst, bytes);
  // 2. remove run C's seqs SST
  fs.rmSync(path.join(aimDir, 'seqs', 'chunks', 'cccccccccccccccccccccccc', '000007.sst'));
  // 3. tear run B's seqs WAL
  const wal = path.join(aimDir, 'seqs', 'chunks', 'bbbbbbbbbbbbbbbbbbbbbbbb', '000003.log');
  const w = fs.readFileSync(wal);
  fs.writeFileSync(wal, w.subarray(0, Math.floor(w.length * 0.6)));
  // 4. garbage meta chunk for run D
  const dDir = path.join(aimDir, 'meta', 'chunks', 'dddddddddddddddddddddddd');
  for (const f of fs.readdirSync(dDir)) fs.writeFileSync(path.join(dDir, f), 'garbage');

  const { runs: got, errors } = await aimReader.listRuns({ format: 'aim', path: aimDir });
  assert.equal(got.length, 5);
  const a = byId(got, 'aaaaaaaaaaaaaaaaaaaaaaaa');
  assert.ok(a.warnings!.some((m) => /checksum mismatch/.test(m)), JSON.stringify(a.warnings));
  assert.ok(errors.some((e) => e.runId === a.id && /checksum mismatch/.test(e.message)));
  const d = byId(got, 'dddddddddddddddddddddddd');
  assert.ok(d.error || d.warnings!.some((m) => /unreadable|best effort/.test(m)), JSON.stringify(d));

  const c = await aimReader.readSeries(byId(got, 'cccccccccccccccccccccccc'));
  assert.ok(c.errors.some((e) => /000007\.sst named in the MANIFEST is missing/.test(e.message)));
  // the v1 series keys points by step, so its values that live in the WAL still show
  const cLoss = c.series.find((s) => s.key === 'loss')!;
  assert.ok(cLoss.points.steps.length > 0 && cLoss.points.steps.length < 200, 'WAL half still shown');

  const b = await aimReader.readSeries(byId(got, 'bbbbbbbbbbbbbbbbbbbbbbbb'));
  assert.ok(b.errors.some((e) => /000003\.log: read stopped/.test(e.message)));
  const total = b.series.reduce((n, s) => n + s.points.steps.length, 0);
  assert.ok(total > 0 && total < 150, `partial points: ${total}`);
});

test('an unknown value type in params is a warning, the param reads as None', async () => {
  const aimDir = await makeRepo([{ hash: 'ffffffffffffffffffffffff', createdAt: T0, endTime: T0 + 5, params: { hparams: { odd: 'x', fine: 2 } }, series: [] }]);
  // rewrite the param's value bytes: 0x04 'x' -> 0x42 'x' (uncompressed SST so the byte is findable)
  const { writeRocksFolder } = await import('../../writers/aim/rocksdb-folder');
  const { chunkSpec, metaRecords } = await import('../../writers/aim/aim-repo');
  const recs = metaRecords({ hash: 'ffffffffffffffffffffffff', createdAt: T0, endTime: T0 + 5, params: { hparams: { odd: 'x', fine: 2 } }, series: [] });
  for (const r of recs) if (r[1].length === 2 && r[1][0] === 0x04 && r[1][1] === 0x78) r[1] = new Uint8Array([0x42, 0x78]);
  const dir = path.join(aimDir, 'meta', 'chunks', 'ffffffffffffffffffffffff');
  fs.rmSync(dir, { recursive: true });
  writeRocksFolder(dir, chunkSpec(recs, 'sst'));
  const { runs: got, errors } = await aimReader.listRuns({ format: 'aim', path: aimDir });
  assert.deepEqual(got[0].params, { 'hparams.fine': '2', 'hparams.odd': 'None' });
  assert.ok(got[0].warnings!.some((w) => /unknown type byte 0x42/.test(w)));
  assert.ok(errors.some((e) => /unknown type byte 0x42/.test(e.message)));
});

test('a missing .aim layout is an error, not a throw', async () => {
  const { runs: got, errors } = await aimReader.listRuns({ format: 'aim', path: path.join(tempDir(), '.aim') });
  assert.deepEqual(got, []);
  assert.match(errors[0].message, /cannot list Aim runs/);
});
