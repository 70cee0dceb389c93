// I/O failures in the middle of a scan: EACCES, EIO and ENOENT. Tests run as root, where
// chmod 000 does not stop reads, so the errors are injected by wrapping node:fs's promise API
// (mock.method, restored after each test); the chmod variant runs only for non-root users.
import { afterEach, mock, test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import { createRequire } from 'node:module';
import * as path from 'node:path';
import { tempDir } from '../../../helpers/tmp';
import { discoverRoots } from '../../../../src/core/index/discover';
import { readers } from '../../../../src/core/sources/registry';
import { mlflowFileReader } from '../../../../src/core/sources/mlflow-file';
import { writeMlflowFileStore } from '../../../../src/demo/writers/mlflow-file';
import type { ReadError, RunInfo } from '../../../../src/core/model';
import { sampleRuns } from '../../mlflow/sample-runs';

afterEach(() => mock.restoreAll());

function fsError(code: string, p: string): NodeJS.ErrnoException {
  return Object.assign(new Error(`${code}: injected, ${path.basename(p)}`), { code });
}

/** Makes fs.promises[method] and its synchronous twin fail with `code` for paths `which` selects; other calls go through.
 * (Readers use both: the MLflow file store lists and reads its small key files synchronously.) */
function failFor(method: 'readdir' | 'open', code: string, which: (p: string) => boolean): void {
  const original = fs.promises[method] as (...args: unknown[]) => Promise<unknown>;
  mock.method(fs.promises, method, (p: unknown, ...rest: unknown[]) => {
    const s = Buffer.isBuffer(p) ? p.toString() : String(p);
    if (which(s)) return Promise.reject(fsError(code, s));
    return original.call(fs.promises, p, ...rest);
  });
  const sync = method === 'readdir' ? 'readdirSync' : 'openSync';
  // the module object itself: the import namespace above only has getters onto it
  const fsModule = createRequire(__filename)('node:fs') as typeof fs;
  const originalSync = fsModule[sync] as (...args: unknown[]) => unknown;
  mock.method(fsModule, sync, (p: unknown, ...rest: unknown[]) => {
    const s = Buffer.isBuffer(p) ? p.toString() : String(p);
    if (which(s)) throw fsError(code, s);
    return originalSync.call(fsModule, p, ...rest);
  });
}

async function storeWithRuns(): Promise<{ root: string; runs: RunInfo[] }> {
  const dir = tempDir();
  const root = path.join(dir, 'mlruns');
  writeMlflowFileStore(root, sampleRuns());
  const listed = await mlflowFileReader.listRuns({ format: 'mlflow-file', path: root }, {});
  return { root, runs: listed.runs };
}

test('a params/ folder that cannot be listed (EACCES) is an error on the run, not empty params', async () => {
  const { root, runs } = await storeWithRuns();
  const victim = runs.find((r) => Object.keys(r.params).length > 0)!;
  failFor('readdir', 'EACCES', (p) => p === path.join(victim.path, 'params'));
  const listed = await mlflowFileReader.listRuns({ format: 'mlflow-file', path: root }, {});
  const run = listed.runs.find((r) => r.id === victim.id)!;
  assert.deepEqual(run.params, {});
  const err = listed.errors.find((e) => e.runId === victim.id);
  assert.ok(err, JSON.stringify(listed.errors));
  assert.match(err!.message, /cannot list params\/: EACCES/);
  // the other runs keep their params
  assert.ok(listed.runs.some((r) => r.id !== victim.id && Object.keys(r.params).length > 0));
});

test('chmod 000 on params/ (non-root only) is reported the same way', { skip: process.getuid?.() === 0 ? 'root reads through chmod 000' : false }, async () => {
  const { root, runs } = await storeWithRuns();
  const victim = runs.find((r) => Object.keys(r.params).length > 0)!;
  fs.chmodSync(path.join(victim.path, 'params'), 0o000);
  try {
    const listed = await mlflowFileReader.listRuns({ format: 'mlflow-file', path: root }, {});
    assert.ok(listed.errors.some((e) => e.runId === victim.id && /cannot list params/.test(e.message)));
  } finally {
    fs.chmodSync(path.join(victim.path, 'params'), 0o755);
  }
});

test('a metrics/ folder with EIO: the run says its series are missing', async () => {
  const { runs } = await storeWithRuns();
  const run = runs[0];
  failFor('readdir', 'EIO', (p) => p === path.join(run.path, 'metrics'));
  const res = await mlflowFileReader.readSeries(run, {});
  assert.deepEqual(res.series, []);
  assert.ok(res.errors.some((e) => /cannot list metrics\/: EIO.*keys are missing/.test(e.message)));
});

test('EIO opening one metric file: that metric is reported, the others load', async () => {
  const { runs } = await storeWithRuns();
  const run = runs.find((r) => fs.readdirSync(path.join(r.path, 'metrics')).length > 1)!;
  const names = fs.readdirSync(path.join(run.path, 'metrics')).sort();
  const bad = path.join(run.path, 'metrics', names[0]);
  failFor('open', 'EIO', (p) => p === bad);
  const res = await mlflowFileReader.readSeries(run, {});
  assert.ok(res.errors.some((e) => e.path === bad && /EIO/.test(e.message)), JSON.stringify(res.errors));
  assert.ok(res.series.some((s) => s.points.steps.length > 0));
});

test('discovery: an unlistable folder is reported, one vanishing mid-scan (ENOENT) is not', async () => {
  const dir = tempDir();
  writeMlflowFileStore(path.join(dir, 'a', 'mlruns'), sampleRuns());
  fs.mkdirSync(path.join(dir, 'locked'));
  fs.mkdirSync(path.join(dir, 'gone'));
  const original = fs.promises.readdir;
  mock.method(fs.promises, 'readdir', (p: unknown, ...rest: unknown[]) => {
    const s = String(p);
    if (s === path.join(dir, 'locked')) return Promise.reject(fsError('EACCES', s));
    if (s === path.join(dir, 'gone')) return Promise.reject(fsError('ENOENT', s));
    return (original as (...a: unknown[]) => Promise<unknown>).call(fs.promises, p, ...rest);
  });
  const problems: ReadError[] = [];
  const roots = await discoverRoots([dir], { readers, onProblem: (e) => problems.push(e) });
  assert.ok(roots.some((r) => r.format === 'mlflow-file'));
  assert.deepEqual(problems.map((p) => path.basename(p.path)), ['locked']);
  assert.match(problems[0].message, /cannot list this folder: EACCES/);
});
