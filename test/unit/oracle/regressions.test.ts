// One test per defect the corruption oracle found: each damaged input used to read with fewer params or
// points and no message; now a message names the file (or, where another copy exists, nothing is lost).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { tempDir } from '../../helpers/tmp';
import { snapshot, type RunSnap } from './snapshot';
import { namesFile } from './oracle';
import { parseTolerantJson } from '../../../src/core/util/tolerant-json';
import { clearEventFileTails, readEventFileTail } from '../../../src/core/sources/tensorboard/tail-cache';
import { RocksDb } from '../../../src/core/sources/aim/rocksdb/db';
import { closeAllDbSnapshots } from '../../../src/core/sources/mlflow-db/snapshot';
import { writeMlflowDb } from '../../../src/demo/writers/mlflow-db';
import { writeHfTrainerOutput } from '../../../src/demo/writers/hf-trainer';
import { writeLightningCsvRun } from '../../../src/demo/writers/lightning-csv';
import { writeWandbRun } from '../../writers/wandb';
import { eventFileBytes } from '../../writers/tensorboard';
import { writeRocksFolder } from '../../writers/aim/rocksdb-folder';
import { loadSqlJs } from '../../../src/core/util/sqljs';
import type { WriterRun } from '../../../src/demo/writers/types';

const FIXTURES = path.join(__dirname, '..', '..', 'fixtures', 'oracle');
const fixture = (name: string) => fs.readFileSync(path.join(FIXTURES, name));
const base = tempDir('runlens-oracle-regress-');
let n = 0;
const fresh = () => fs.mkdirSync(path.join(base, `case-${++n}`), { recursive: true }) as string;

const T0 = 1_700_000_000_000;
const writerRun = (id = 'f'.repeat(32)): WriterRun => ({
  id,
  name: 'r',
  experiment: 'e',
  status: 'finished',
  startTime: T0,
  endTime: T0 + 1000,
  params: { lr: '0.1', depth: '3' },
  tags: { team: 'x' },
  metrics: [{ key: 'loss', points: [0, 1, 2].map((s) => ({ step: s, value: 1 / (s + 1), time: T0 + s })) }],
});

async function onlyRun(dir: string): Promise<RunSnap> {
  const snap = await snapshot(dir);
  assert.equal(snap.runs.size, 1);
  return [...snap.runs.values()][0];
}

test('JSON nested deeper than the limit is an error, not a document (deep-config.json)', async () => {
  assert.throws(() => parseTolerantJson(fixture('deep-config.json').toString()), /nested deeper than 256/);
  assert.deepEqual(parseTolerantJson('{"a": [[1, NaN]], "s": "[[[[{{{{"}'), { a: [[1, NaN]], s: '[[[[{{{{' });

  const dir = fresh();
  writeHfTrainerOutput(path.join(dir, 'out'), {
    logHistory: [{ step: 100, epoch: 1, loss: 0.5 }],
    maxSteps: 100,
    numTrainEpochs: 1,
    saveSteps: 100,
    summary: { trainRuntime: 3, trainLoss: 0.5 },
    config: { model_type: 'bert', hidden_size: 64 },
    modelBytes: 16,
  });
  for (const f of ['out/config.json', 'out/checkpoint-100/config.json']) fs.writeFileSync(path.join(dir, f), fixture('deep-config.json'));
  const run = await onlyRun(dir);
  assert.ok(namesFile(run.messages, path.join(dir, 'out/config.json')), JSON.stringify(run.messages));
});

test('a TensorBoard event file rewritten in place (same size, or grown with other bytes) is read again, not served from the tail cache', async () => {
  clearEventFileTails();
  const file = path.join(fresh(), 'events.out.tfevents.1.host');
  const ev = (values: number[]) => eventFileBytes(values.map((v, i) => ({ wallTime: 1.7e9 + i, step: i, values: [{ tag: 'loss', simple: v }] })));
  fs.writeFileSync(file, ev([1, 2, 3]));
  fs.utimesSync(file, 1_700_000_000, 1_700_000_000);
  assert.deepEqual([...(await readEventFileTail(file)).all.get('loss')!.values], [1, 2, 3]);
  fs.writeFileSync(file, ev([4, 5, 6])); // same length, other values
  fs.utimesSync(file, 1_700_000_100, 1_700_000_100);
  assert.deepEqual([...(await readEventFileTail(file)).all.get('loss')!.values], [4, 5, 6]);
  fs.writeFileSync(file, ev([7, 8, 9, 10])); // longer, and the bytes before the old cursor differ
  assert.deepEqual([...(await readEventFileTail(file)).all.get('loss')!.values], [7, 8, 9, 10]);
});

test('a damaged RocksDB MANIFEST is named in the warning (MANIFEST-000001, not "MANIFEST")', () => {
  const dir = path.join(fresh(), 'db');
  const enc = (s: string) => new TextEncoder().encode(s);
  writeRocksFolder(dir, { ssts: [{ number: 5, entries: [{ key: enc('k'), seq: 1, value: enc('v') }] }], logNumber: 6 });
  const manifest = path.join(dir, 'MANIFEST-000001');
  const bytes = fs.readFileSync(manifest);
  bytes[bytes.length - 3] ^= 0x10; // inside the last edit: its CRC no longer matches
  fs.writeFileSync(manifest, bytes);
  const db = RocksDb.open(dir);
  assert.ok(db.warnings.some((w) => w.startsWith('MANIFEST-000001 read stopped early')), JSON.stringify(db.warnings));
  db.close();
});

test('a W&B config.yaml that is empty or cut keeps the params of the run log, with a warning when it is no mapping (wandb-config-cut.yaml)', async () => {
  for (const [content, warned] of [[fixture('wandb-config-cut.yaml'), false], [Buffer.alloc(0), true]] as const) {
    const dir = fresh();
    const runDir = writeWandbRun(path.join(dir, 'wandb'), writerRun());
    const config = path.join(runDir, 'files', 'config.yaml');
    fs.writeFileSync(config, content);
    const run = await onlyRun(dir);
    assert.equal(run.params, 2, 'lr and depth come from the log when config.yaml lost them');
    assert.equal(namesFile(run.messages, config), warned, JSON.stringify(run.messages));
  }
});

test('Lightning: an empty or cut hparams.yaml, a metrics.csv without a step column or with NUL bytes is reported (hparams-cut.yaml, metrics-*.csv)', async () => {
  const cases: Array<[string, Buffer]> = [
    ['hparams.yaml', fixture('hparams-cut.yaml')],
    ['hparams.yaml', Buffer.alloc(0)],
    ['metrics.csv', fixture('metrics-random-header.csv')],
    ['metrics.csv', fixture('metrics-nul-block.csv')],
  ];
  for (const [name, bytes] of cases) {
    const dir = fresh();
    const version = path.join(dir, 'lightning_logs', 'version_0');
    writeLightningCsvRun(version, { hparams: { lr: 0.1, layers: [64, 32], name: 'model' }, rows: [0, 1, 2].map((s) => ({ epoch: 0, step: s, loss: 3 - s })) });
    fs.writeFileSync(path.join(version, name), bytes);
    const run = await onlyRun(dir);
    assert.ok(namesFile(run.messages, path.join(version, name)), `${name} ${JSON.stringify(bytes.toString())}: ${JSON.stringify(run.messages)}`);
  }
});

test('an MLflow SQLite store damaged where SQLite raises no error (a flipped run id in a params row) warns that rows may be missing', async () => {
  const dir = fresh();
  const file = path.join(dir, 'mlflow.db');
  const runs = [writerRun('a'.repeat(32)), writerRun('b'.repeat(32))];
  await writeMlflowDb(file, runs);
  const clean = await snapshot(dir);
  const bytes = fs.readFileSync(file);
  // the params table stores (key, value, run_uuid) rows; flip a byte of the first "lr" row's run id
  const SQL = await loadSqlJs();
  let damaged: Buffer | undefined;
  for (let at = bytes.indexOf('b'.repeat(32)); at >= 0 && !damaged; at = bytes.indexOf('b'.repeat(32), at + 1)) {
    const copy = Buffer.from(bytes);
    copy[at] ^= 0x01; // 'b' -> 'c'
    const db = new SQL.Database(copy);
    const lost = Number(db.exec("SELECT COUNT(*) FROM params NOT INDEXED WHERE run_uuid = '" + 'b'.repeat(32) + "'")[0].values[0][0]) < 2;
    const integrity = String(db.exec('PRAGMA integrity_check')[0].values[0][0]);
    db.close();
    if (lost && integrity !== 'ok') damaged = copy;
  }
  assert.ok(damaged, 'a params row can be damaged without SQLite noticing on read');
  closeAllDbSnapshots();
  fs.writeFileSync(file, damaged);
  fs.utimesSync(file, 1_700_000_500, 1_700_000_500);
  const after = await snapshot(dir);
  const key = [...clean.runs.keys()].find((k) => k.endsWith('b'.repeat(32)))!;
  assert.ok(after.runs.get(key)!.params < clean.runs.get(key)!.params, 'the damage loses a param');
  assert.ok(namesFile(after.runs.get(key)!.messages, file), JSON.stringify(after.runs.get(key)!.messages));
  closeAllDbSnapshots();
});
