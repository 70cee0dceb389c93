import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { mlflowFileReader } from '../../../src/core/sources/mlflow-file';
import { listDir } from '../../../src/core/util/fs';
import type { RunInfo, SourceRoot } from '../../../src/core/model';
import { writeMlflowFileStore } from '../../../src/demo/writers/mlflow-file';
import { tempDir } from '../../helpers/tmp';
import { LONG_VALUE, RUN_IDS, T0, sampleRuns } from './sample-runs';

// One temp folder per test file (each tempDir registers an exit hook).
const base = tempDir('runlens-mlflow-file-');
function freshDir(prefix: string): string {
  return fs.mkdtempSync(path.join(base, prefix));
}

function writeStore(): { store: string; root: SourceRoot } {
  const store = path.join(freshDir('store-'), 'mlruns');
  writeMlflowFileStore(store, sampleRuns());
  return { store, root: { format: 'mlflow-file', path: store } };
}

function byId(runs: RunInfo[], id: string): RunInfo {
  const r = runs.find((x) => x.id === id);
  assert.ok(r, `run ${id} listed`);
  return r;
}

function experimentDir(store: string, name: string): string {
  for (const d of fs.readdirSync(store)) {
    const meta = path.join(store, d, 'meta.yaml');
    if (fs.existsSync(meta) && fs.readFileSync(meta, 'utf8').includes(`\nname: ${name}\n`)) return path.join(store, d);
  }
  throw new Error(`no experiment ${name}`);
}

test('round trip: runs, names, statuses, times, params and tags as written', async () => {
  const { store, root } = writeStore();
  const { runs, errors } = await mlflowFileReader.listRuns(root);
  assert.deepEqual(errors, []);
  assert.deepEqual(runs.map((r) => r.id).sort(), [RUN_IDS.alpha, RUN_IDS.beta, RUN_IDS.live, RUN_IDS.queued].sort());

  const alpha = byId(runs, RUN_IDS.alpha);
  assert.equal(alpha.format, 'mlflow-file');
  assert.equal(alpha.name, 'alpha');
  assert.equal(alpha.experiment, 'vision');
  assert.equal(alpha.status, 'finished');
  assert.equal(alpha.startTime, T0);
  assert.equal(alpha.endTime, T0 + 60_000);
  assert.equal(alpha.root, store);
  assert.equal(alpha.path, path.join(experimentDir(store, 'vision'), RUN_IDS.alpha));
  assert.equal(alpha.deleted, undefined);
  assert.deepEqual(alpha.params, {
    lr: '0.01',
    optimizer: 'adam ',
    long_value: LONG_VALUE,
    'model/depth': '12',
    'größe_ключ': 'значение ✓ 日本',
    shape: '[224, 224, 3]',
  });
  assert.equal(alpha.params.long_value.length, 6506);
  assert.deepEqual(alpha.tags, {
    'mlflow.source.name': 'train.py',
    'mlflow.source.git.commit': '0123456789abcdef0123456789abcdef01234567',
    'team/owner': 'ana\nline two',
    'mlflow.runName': 'alpha',
  });
  assert.equal(alpha.entryPoint, 'train.py');
  assert.equal(alpha.gitCommit, '0123456789abcdef0123456789abcdef01234567');
  assert.match(String(alpha.extra?.experimentId), /^[1-9]\d{17}$/);

  assert.equal(byId(runs, RUN_IDS.beta).status, 'failed');
  const live = byId(runs, RUN_IDS.live);
  assert.equal(live.status, 'running');
  assert.equal(live.endTime, undefined);
  assert.equal(live.experiment, 'Default');
  assert.equal(live.extra?.experimentId, '0');
  assert.equal(live.parentId, RUN_IDS.alpha);
  assert.equal(byId(runs, RUN_IDS.queued).status, 'scheduled');
  assert.equal(byId(runs, RUN_IDS.queued).experiment, 'nlp');
});

test('deleted runs are hidden unless includeDeleted, then flagged', async () => {
  const { root } = writeStore();
  const hidden = await mlflowFileReader.listRuns(root);
  assert.equal(hidden.runs.some((r) => r.id === RUN_IDS.gone), false);
  const shown = await mlflowFileReader.listRuns(root, { includeDeleted: true });
  const gone = byId(shown.runs, RUN_IDS.gone);
  assert.equal(gone.deleted, true);
  assert.equal(gone.status, 'killed');
  assert.equal(typeof gone.extra?.deletedTime, 'number');
  assert.equal(shown.runs.length, 5);
});

test('series keep NaN and ±Infinity, append order, keys with / and unicode', async () => {
  const { root } = writeStore();
  const { runs } = await mlflowFileReader.listRuns(root);
  const { series, errors } = await mlflowFileReader.readSeries(byId(runs, RUN_IDS.alpha));
  assert.deepEqual(errors, []);
  assert.deepEqual(series.map((s) => s.key), ['loss', 'métrique ü', 'val/acc']);
  const loss = series[0];
  assert.deepEqual(loss.context, {});
  assert.deepEqual([...loss.points.steps], [0, 1, 2, 3, 4, 4]);
  const v = [...loss.points.values];
  assert.equal(v[0], 2.5);
  assert.ok(Number.isNaN(v[1]));
  assert.equal(v[2], Infinity);
  assert.equal(v[3], -Infinity);
  assert.equal(v[4], 1e-5);
  assert.equal(v[5], 0.30000000000000004);
  assert.deepEqual([...loss.points.times!], [1000, 2000, 3000, 4000, 5000, 6000].map((t) => T0 + t));
  assert.deepEqual([...series[2].points.steps], [10, 5]);
  assert.deepEqual([...series[2].points.values], [0.5, 0.75]);

  const only = await mlflowFileReader.readSeries(byId(runs, RUN_IDS.alpha), { only: [{ key: 'val/acc', context: {} }] });
  assert.deepEqual(only.series.map((s) => s.key), ['val/acc']);
  const none = await mlflowFileReader.readSeries(byId(runs, RUN_IDS.live));
  assert.deepEqual(none, { series: [], errors: [] });
});

test('writer lays files out as MLflow does', () => {
  const { store } = writeStore();
  assert.equal(
    fs.readFileSync(path.join(store, '0', 'meta.yaml'), 'utf8').replace(/artifact_location: .*\n/, ''),
    `creation_time: ${T0 + 200_000 - 1000}\nexperiment_id: '0'\nlast_update_time: ${T0 + 200_000 - 1000}\nlifecycle_stage: active\nname: Default\n`,
  );
  const runDir = path.join(experimentDir(store, 'vision'), RUN_IDS.alpha);
  const meta = fs.readFileSync(path.join(runDir, 'meta.yaml'), 'utf8');
  const keys = meta.split('\n').filter(Boolean).map((l) => l.split(':')[0]);
  assert.deepEqual(keys, [...keys].sort(), 'keys sorted like yaml.safe_dump');
  assert.match(meta, /\nstatus: 3\n/);
  assert.match(meta, /\ntags: \[\]\n/);
  assert.match(meta, /\nsource_type: 4\n/);
  assert.equal(fs.readFileSync(path.join(runDir, 'params', 'model', 'depth'), 'utf8'), '12');
  assert.equal(
    fs.readFileSync(path.join(runDir, 'metrics', 'loss'), 'utf8'),
    [`${T0 + 1000} 2.5 0`, `${T0 + 2000} nan 1`, `${T0 + 3000} inf 2`, `${T0 + 4000} -inf 3`, `${T0 + 5000} 1e-05 4`, `${T0 + 6000} 0.30000000000000004 4`, ''].join('\n'),
  );
  const liveMeta = fs.readFileSync(path.join(store, '0', RUN_IDS.live, 'meta.yaml'), 'utf8');
  assert.match(liveMeta, /\nend_time: null\n/);
});

test('detect: a store folder is a root and its experiment folders are not scanned', async () => {
  const { store } = writeStore();
  const result = await mlflowFileReader.detect(await listDir(store));
  assert.deepEqual(result.roots, [{ format: 'mlflow-file', path: store }]);
  assert.equal(result.stop, true);
  assert.deepEqual((await mlflowFileReader.detect(await listDir(path.dirname(store)))).roots, []);
});

test('detect: a store at a project top level keeps its sibling folders scannable', async () => {
  const project = freshDir('top-');
  writeMlflowFileStore(project, sampleRuns().slice(0, 1));
  fs.mkdirSync(path.join(project, 'lightning_logs'));
  const result = await mlflowFileReader.detect(await listDir(project));
  assert.deepEqual(result.roots, [{ format: 'mlflow-file', path: project }]);
  assert.equal(result.stop, false);
  assert.ok(result.skip?.includes('0'));
  assert.equal(result.skip?.includes('lightning_logs'), false);
});

test('detect: numbered folders without an experiment meta.yaml are not a store', async () => {
  const dir = freshDir('orphan-');
  // The orphan MLFlowLogger layout: <exp_id>/<run_id>/checkpoints/*.ckpt with no meta.yaml.
  fs.mkdirSync(path.join(dir, '953617865023309975', '6d192f55aa3646c38e5a5ae0aca57006', 'checkpoints'), { recursive: true });
  fs.mkdirSync(path.join(dir, '1'));
  fs.writeFileSync(path.join(dir, '1', 'meta.yaml'), 'just: text\n');
  fs.mkdirSync(path.join(dir, '2'));
  fs.writeFileSync(path.join(dir, '2', 'meta.yaml'), ': : broken [\n');
  assert.deepEqual((await mlflowFileReader.detect(await listDir(dir))).roots, []);
});

test('legacy files: int ids, name instead of run_name, 2-field metric lines, missing status', async () => {
  const store = freshDir('legacy-');
  const exp = path.join(store, '1');
  const run = path.join(exp, 'abc123');
  fs.mkdirSync(path.join(run, 'metrics'), { recursive: true });
  fs.writeFileSync(path.join(exp, 'meta.yaml'), 'artifact_location: ./mlruns/1\nexperiment_id: 1\nlifecycle_stage: active\nname: legacy\n');
  fs.writeFileSync(
    path.join(run, 'meta.yaml'),
    "artifact_uri: ./mlruns/1/abc123/artifacts\nend_time: null\nentry_point_name: ''\nexperiment_id: 1\nlifecycle_stage: active\nname: ''\nrun_uuid: abc123\nsource_name: ''\nsource_type: 4\nsource_version: ''\nstart_time: 1558000000000\ntags: []\nuser_id: me\n",
  );
  fs.writeFileSync(path.join(run, 'metrics', 'acc'), '1558000001000 0.5\n1558000002000 0.75\n');
  const { runs, errors } = await mlflowFileReader.listRuns({ format: 'mlflow-file', path: store });
  assert.deepEqual(errors, []);
  assert.equal(runs.length, 1);
  assert.equal(runs[0].name, '');
  assert.equal(runs[0].status, 'running');
  assert.equal(runs[0].experiment, 'legacy');
  assert.equal(runs[0].endTime, undefined);
  const { series } = await mlflowFileReader.readSeries(runs[0]);
  assert.deepEqual([...series[0].points.steps], [0, 0]);
  assert.deepEqual([...series[0].points.values], [0.5, 0.75]);
});

test('broken inputs give error entries and the rest still loads', async () => {
  const { store, root } = writeStore();
  const vision = experimentDir(store, 'vision');
  // broken run meta.yaml
  fs.writeFileSync(path.join(vision, RUN_IDS.beta, 'meta.yaml'), 'status: [unclosed\n  run_name: x: y\n');
  // a run folder without meta.yaml
  fs.mkdirSync(path.join(vision, 'f00dfeedf00dfeedf00dfeedf00dfeed', 'params'), { recursive: true });
  // a run whose meta names another experiment
  const wrong = path.join(vision, 'aaaabbbbccccddddeeeeffff00001111');
  fs.mkdirSync(wrong);
  fs.writeFileSync(path.join(wrong, 'meta.yaml'), "experiment_id: '42'\nrun_id: aaaabbbbccccddddeeeeffff00001111\nstatus: 3\n");
  // an experiment with a broken meta.yaml, and a numbered folder without one
  fs.mkdirSync(path.join(store, '77'));
  fs.writeFileSync(path.join(store, '77', 'meta.yaml'), '{{{');
  fs.mkdirSync(path.join(store, '78'));
  // a "param" file far beyond MLflow's 8000-char limit is reported, not loaded
  fs.writeFileSync(path.join(vision, RUN_IDS.alpha, 'params', 'huge'), Buffer.alloc(200_000, 0x61));

  const { runs, errors } = await mlflowFileReader.listRuns(root);
  const ids = runs.map((r) => r.id);
  assert.ok(ids.includes(RUN_IDS.alpha) && ids.includes(RUN_IDS.live) && ids.includes(RUN_IDS.queued));
  const beta = byId(runs, RUN_IDS.beta);
  assert.match(beta.error ?? '', /meta\.yaml unreadable: invalid YAML/);
  assert.deepEqual(beta.params, { lr: '0.1' }, 'params still read');
  assert.equal(ids.includes('f00dfeedf00dfeedf00dfeedf00dfeed'), false);
  assert.equal(ids.includes('aaaabbbbccccddddeeeeffff00001111'), false);
  const messages = errors.map((e) => `${path.relative(store, e.path)}: ${e.message}`);
  assert.ok(messages.some((m) => m.includes(RUN_IDS.beta) && m.includes('invalid YAML')), messages.join('\n'));
  assert.ok(messages.some((m) => m.includes('f00dfeed') && m.includes('no meta.yaml; not a run')));
  assert.ok(messages.some((m) => m.includes('aaaabbbb') && m.includes("Wrong experiment ID '42'")));
  assert.ok(messages.some((m) => m.startsWith('77') && m.includes('experiment skipped')));
  assert.ok(messages.some((m) => m.startsWith('78') && m.includes('not an experiment')));
  assert.ok(messages.some((m) => m.endsWith("value of 'huge' is over 64 KB; skipped (MLflow allows 8000 chars)")));
  assert.equal(byId(runs, RUN_IDS.alpha).params.huge, undefined);
  assert.equal(byId(runs, RUN_IDS.alpha).params.long_value, LONG_VALUE);
});

test('malformed metric lines are reported with file and line; good lines are kept', async () => {
  const { store, root } = writeStore();
  const metrics = path.join(experimentDir(store, 'vision'), RUN_IDS.alpha, 'metrics');
  fs.writeFileSync(
    path.join(metrics, 'loss'),
    '1000 0.5 0\n1001 abc 1\n1002\n1003 0.25 2\n1004 0.1 x\n1005 0.1 3 extra\n1006 -inf 4\n1007 0.0',
  );
  fs.writeFileSync(path.join(metrics, 'empty'), '');
  fs.writeFileSync(path.join(metrics, 'lfs'), 'version https://git-lfs.github.com/spec/v1\noid sha256:abc\nsize 12\n');
  const run = byId((await mlflowFileReader.listRuns(root)).runs, RUN_IDS.alpha);
  const { series, errors } = await mlflowFileReader.readSeries(run);
  const loss = series.find((s) => s.key === 'loss')!;
  assert.deepEqual([...loss.points.steps], [0, 2, 4]);
  assert.deepEqual([...loss.points.values], [0.5, 0.25, -Infinity]);
  const lossErrors = errors.filter((e) => e.path.endsWith(`${path.sep}loss`)).map((e) => e.message);
  assert.deepEqual(lossErrors, [
    "metrics/loss: line 2: value is not a number ('1001 abc 1')",
    "metrics/loss: line 3: expected 2 or 3 fields, got 1 field ('1002')",
    "metrics/loss: line 5: step is not an integer ('1004 0.1 x')",
    "metrics/loss: line 6: expected 2 or 3 fields, got more than 3 fields ('1005 0.1 3 extra')",
    'metrics/loss: line 8 has no newline (partly written?); ignored',
  ]);
  assert.equal(series.find((s) => s.key === 'empty')!.points.values.length, 0);
  assert.equal(errors.some((e) => e.path.endsWith('empty')), false, 'an empty file is no points, not an error');
  assert.ok(errors.some((e) => e.path.endsWith('lfs') && /LFS pointer/.test(e.message)));
  assert.ok(errors.every((e) => e.runId === RUN_IDS.alpha));
});

test('deleted experiments in .trash are listed only with includeDeleted', async () => {
  const { store, root } = writeStore();
  const nlp = experimentDir(store, 'nlp');
  fs.mkdirSync(path.join(store, '.trash'));
  fs.renameSync(nlp, path.join(store, '.trash', path.basename(nlp)));
  const hidden = await mlflowFileReader.listRuns(root);
  assert.equal(hidden.runs.some((r) => r.id === RUN_IDS.queued), false);
  const shown = await mlflowFileReader.listRuns(root, { includeDeleted: true });
  const queued = byId(shown.runs, RUN_IDS.queued);
  assert.equal(queued.deleted, true);
  assert.equal(queued.experiment, 'nlp');
});

test('a missing store folder is an error, not a throw', async () => {
  const res = await mlflowFileReader.listRuns({ format: 'mlflow-file', path: path.join(freshDir('x-'), 'nope') });
  assert.equal(res.runs.length, 0);
  assert.equal(res.errors.length, 1);
  const series = await mlflowFileReader.readSeries({
    format: 'mlflow-file', id: 'x', experiment: '', name: '', status: 'unknown',
    path: path.join(freshDir('x-'), 'nope'), root: '', params: {}, tags: {}, checkpoints: [],
  });
  assert.deepEqual(series, { series: [], errors: [] });
});

test('random bytes in meta.yaml, params and metric files never throw', async () => {
  let seed = 99;
  const rand = (n: number) => {
    seed = (seed * 1103515245 + 12345) & 0x7fffffff;
    return seed % n;
  };
  const noise = () => Buffer.from(Array.from({ length: rand(400) }, () => rand(256)));
  for (let round = 0; round < 15; round++) {
    const { store, root } = writeStore();
    const runDir = path.join(experimentDir(store, 'vision'), RUN_IDS.alpha);
    const targets = [path.join(runDir, 'meta.yaml'), path.join(runDir, 'metrics', 'loss'), path.join(runDir, 'params', 'lr'), path.join(store, '0', 'meta.yaml')];
    fs.writeFileSync(targets[round % targets.length], noise());
    fs.writeFileSync(path.join(runDir, 'metrics', 'val', 'acc'), noise());
    const listed = await mlflowFileReader.listRuns(root, { includeDeleted: true });
    assert.ok(listed.runs.length >= 3, `round ${round}`);
    for (const run of listed.runs) {
      const read = await mlflowFileReader.readSeries(run);
      for (const s of read.series) assert.equal(s.points.steps.length, s.points.values.length);
    }
  }
});
