// FIFOs, sockets and devices under names readers open (meta.yaml, *.ipynb, hparams.yaml…):
// opening a FIFO for reading waits for a writer forever, so readers must refuse anything that
// is not a regular file. Before the fix these tests hung (the timeout makes them fail instead).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { tempDir } from '../../../helpers/tmp';
import { listDir, listDirSync, openRegularFileSync, readHead, readRegularFile, readTextIfExists, readTextIfExistsSync } from '../../../../src/core/util/fs';
import { discoverRoots } from '../../../../src/core/index/discover';
import { readers } from '../../../../src/core/sources/registry';
import { mlflowFileReader } from '../../../../src/core/sources/mlflow-file';
import { writeMlflowFileStore } from '../../../../src/demo/writers/mlflow-file';
import { analyseFile } from '../../../../src/cli/notebook-command';
import { sampleRuns } from '../../mlflow/sample-runs';

const BOUNDED = { timeout: 15_000 };

function mkfifo(p: string): void {
  execFileSync('mkfifo', [p]);
}

test('readRegularFile and readHead refuse a FIFO without blocking', BOUNDED, async () => {
  const dir = tempDir();
  const fifo = path.join(dir, 'meta.yaml');
  mkfifo(fifo);
  await assert.rejects(readRegularFile(fifo), /FIFO/);
  assert.equal((await readHead(fifo, 100)).length, 0);
  assert.equal(await readTextIfExists(fifo), undefined);
  assert.equal(readTextIfExistsSync(fifo), undefined);
  assert.throws(() => openRegularFileSync(fifo), /FIFO/);
});

test('a character device is never opened', BOUNDED, async () => {
  await assert.rejects(readRegularFile('/dev/zero'), /device/);
  assert.throws(() => openRegularFileSync('/dev/zero'), /device/);
});

test('a symlink to a FIFO is not listed as a file', BOUNDED, async () => {
  const dir = tempDir();
  mkfifo(path.join(dir, 'pipe'));
  fs.symlinkSync(path.join(dir, 'pipe'), path.join(dir, 'metrics.csv'));
  fs.writeFileSync(path.join(dir, 'real.txt'), 'x');
  const listing = await listDir(dir);
  assert.deepEqual(listing.files, ['real.txt']);
  assert.deepEqual(listing.special, [
    { name: 'metrics.csv', kind: 'a link to a FIFO (named pipe)' },
    { name: 'pipe', kind: 'a FIFO (named pipe)' },
  ]);
  // the blocking form lists the same: linked folders, dangling links, a missing folder included
  fs.mkdirSync(path.join(dir, 'sub'));
  fs.symlinkSync(path.join(dir, 'sub'), path.join(dir, 'linked'));
  fs.symlinkSync(path.join(dir, 'nowhere'), path.join(dir, 'dangling'));
  assert.deepEqual(listDirSync(dir), await listDir(dir));
  assert.deepEqual(listDirSync(dir).linkedDirs, ['linked']);
  assert.deepEqual(listDirSync(path.join(dir, 'gone')), await listDir(path.join(dir, 'gone')));
});

test('discovery reports a FIFO where a log file would be, even when nothing else is there', BOUNDED, async () => {
  const dir = tempDir();
  fs.mkdirSync(path.join(dir, 'mlruns', '0'), { recursive: true });
  mkfifo(path.join(dir, 'mlruns', '0', 'meta.yaml'));
  const problems: import('../../../../src/core/model').ReadError[] = [];
  await discoverRoots([dir], { readers, onProblem: (p) => problems.push(p) });
  assert.deepEqual(problems.map((p) => path.relative(dir, p.path)), [path.join('mlruns', '0', 'meta.yaml')]);
  assert.match(problems[0].message, /FIFO .*not a regular file; not opened/);
});

test('a FIFO named meta.yaml in an MLflow store: discovery and listing finish, the rest loads', BOUNDED, async () => {
  const dir = tempDir();
  const store = path.join(dir, 'mlruns');
  writeMlflowFileStore(store, sampleRuns());
  const experiments = fs.readdirSync(store).filter((n) => /^\d+$/.test(n) && n !== '0');
  // One run's meta.yaml becomes a FIFO, and a FIFO experiment folder meta.yaml sits next to them.
  const exp = path.join(store, experiments[0]);
  const run = fs.readdirSync(exp).find((n) => fs.statSync(path.join(exp, n)).isDirectory())!;
  fs.rmSync(path.join(exp, run, 'meta.yaml'));
  mkfifo(path.join(exp, run, 'meta.yaml'));
  fs.mkdirSync(path.join(store, '99'));
  mkfifo(path.join(store, '99', 'meta.yaml'));
  const roots = await discoverRoots([dir], { readers });
  const root = roots.find((r) => r.format === 'mlflow-file');
  assert.ok(root, 'the store is still found');
  const listed = await mlflowFileReader.listRuns(root!, {});
  assert.ok(listed.runs.length >= sampleRuns().length - 2, 'the other runs load');
  assert.ok(listed.errors.some((e) => e.path.includes(run)), 'the FIFO run is reported');
});

test('a FIFO named *.ipynb gives an unreadable report instead of hanging', BOUNDED, () => {
  const dir = tempDir();
  const fifo = path.join(dir, 'homework.ipynb');
  mkfifo(fifo);
  const report = analyseFile(fifo, 'hand-in', false);
  assert.match(JSON.stringify(report), /FIFO/);
});

test('a unix socket under a reader name is refused, not opened', BOUNDED, async () => {
  const net = await import('node:net');
  const dir = tempDir();
  const sock = path.join(dir, 'config.yaml');
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(sock, resolve));
  try {
    await assert.rejects(readRegularFile(sock), /socket/);
    assert.equal(await readTextIfExists(sock), undefined);
  } finally {
    server.close();
  }
});

test('readTextIfExists stops at its size limit instead of loading any size', BOUNDED, async () => {
  const dir = tempDir();
  const file = path.join(dir, 'config.yaml');
  fs.writeFileSync(file, 'x'.repeat(2000));
  assert.equal(await readTextIfExists(file, 1000), undefined);
  assert.equal((await readTextIfExists(file, 4000))?.length, 2000);
});

test('a FIFO in a run\'s params/ is reported on the run; the other params load', BOUNDED, async () => {
  const dir = tempDir();
  const store = path.join(dir, 'mlruns');
  writeMlflowFileStore(store, sampleRuns().slice(0, 1));
  const listed0 = await mlflowFileReader.listRuns({ format: 'mlflow-file', path: store }, {});
  const run = listed0.runs[0];
  mkfifo(path.join(run.path, 'params', 'fifo_param'));
  const listed = await mlflowFileReader.listRuns({ format: 'mlflow-file', path: store }, {});
  assert.equal(Object.keys(listed.runs[0].params).length, Object.keys(run.params).length);
  assert.ok(listed.errors.some((e) => e.runId === run.id && /'fifo_param' is not a regular file/.test(e.message)), JSON.stringify(listed.errors));
});
