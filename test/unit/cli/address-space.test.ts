// The CLI under an address-space limit (`ulimit -v 4000000`, as on HPC login nodes): sql.js's WebAssembly memory
// needs V8's guard-region reservation (~10 GB) unless the trap handler is off, so the CLI re-runs itself with
// WASM_LIMITED_FLAGS there; without them it fails in one line, not with a dump of minified code.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { addressSpaceLimit, needsWasmLimitedFlags, WASM_LIMITED_FLAGS } from '../../../src/core/util/address-space';
import { writeMlflowFileStore } from '../../../src/demo/writers/mlflow-file';
import { tempDir } from '../../helpers/tmp';
import { buildSync } from 'esbuild';

const CLI = path.resolve(__dirname, '..', '..', '..', 'dist', 'cli.js');

test('addressSpaceLimit reads /proc/self/limits; the flags are needed only below a roomy limit and only once', () => {
  const limits = (v: string) => `Limit                     Soft Limit           Hard Limit           Units\nMax cpu time              unlimited            unlimited            seconds\nMax address space         ${v}           ${v}           bytes\n`;
  assert.equal(addressSpaceLimit(limits('unlimited')), undefined);
  assert.equal(addressSpaceLimit(limits('4096000000')), 4_096_000_000);
  assert.equal(addressSpaceLimit('no such line'), undefined);
  assert.equal(needsWasmLimitedFlags(undefined, []), false);
  assert.equal(needsWasmLimitedFlags(4_096_000_000, []), true);
  assert.equal(needsWasmLimitedFlags(10 * 2 ** 30, []), true, '10 GB is not enough for the guard regions');
  assert.equal(needsWasmLimitedFlags(64 * 2 ** 30, []), false);
  assert.equal(needsWasmLimitedFlags(4_096_000_000, [...WASM_LIMITED_FLAGS]), false, 'the re-run does not re-run again');
});

function underLimit(args: string[], env: NodeJS.ProcessEnv = {}) {
  const quoted = [process.execPath, CLI, ...args].map((a) => `'${a.replace(/'/g, "'\\''")}'`).join(' ');
  return spawnSync('bash', ['-c', `ulimit -v 4000000 && exec ${quoted}`], { encoding: 'utf8', env: { ...process.env, ...env }, timeout: 120_000, maxBuffer: 64 << 20 });
}

const skip = !fs.existsSync(CLI) ? 'dist/cli.js is not built (node esbuild.mjs)' : spawnSync('bash', ['-c', 'ulimit -v 4000000'], { stdio: 'ignore' }).status !== 0 ? 'ulimit -v cannot be set here' : false;

test('runlens index --json works under ulimit -v 4000000; without the re-run it fails in one line', { skip, timeout: 240_000 }, () => {
  const dir = tempDir();
  const T0 = 1_700_000_000_000;
  writeMlflowFileStore(path.join(dir, 'mlruns'), [
    { id: 'a'.repeat(32), name: 'a', experiment: 'e', status: 'finished', startTime: T0, endTime: T0 + 1, params: { lr: '0.1' }, tags: {}, metrics: [{ key: 'loss', points: [{ step: 0, value: 1, time: T0 }] }] },
  ]);
  const ok = underLimit(['index', dir, '--json']);
  assert.equal(ok.status, 0, ok.stderr.slice(0, 2000));
  const out = JSON.parse(ok.stdout) as { runs: Array<{ name: string }> };
  assert.deepEqual(out.runs.map((r) => r.name), ['a']);

  const fails = underLimit(['index', dir, '--json'], { RUNLENS_NO_WASM_RERUN: '1' });
  assert.equal(fails.status, 2);
  const lines = fails.stderr.trim().split('\n');
  assert.equal(lines.length, 1, fails.stderr.slice(0, 2000));
  assert.match(lines[0], /^runlens: cannot start SQLite \(sql\.js WebAssembly\) under the address-space limit of 3906 MB \(ulimit -v\)/);
});

test('the index worker, as the child process the extension starts under a limit, indexes under ulimit -v 4000000', { skip: skip || (!fs.existsSync(path.join(path.dirname(CLI), 'index-worker.js')) && 'dist/index-worker.js is not built'), timeout: 240_000 }, () => {
  const dir = tempDir();
  const T0 = 1_700_000_000_000;
  writeMlflowFileStore(path.join(dir, 'mlruns'), [
    { id: 'b'.repeat(32), name: 'b', experiment: 'e', status: 'finished', startTime: T0, endTime: T0 + 1, params: {}, tags: {}, metrics: [{ key: 'loss', points: [{ step: 0, value: 1, time: T0 }] }] },
  ]);
  // The driver is bundled (tsx cannot start under the limit: it parses modules with WebAssembly) and runs
  // without flags, as the extension host does: the client must find the limit and fork the worker with them.
  const driver = path.join(dir, 'driver.js');
  buildSync({ entryPoints: [path.resolve(__dirname, '..', '..', 'helpers', 'index-client-driver.ts')], bundle: true, platform: 'node', format: 'cjs', outfile: driver, logLevel: 'silent' });
  const cmd = [process.execPath, driver, dir, path.join(dir, 'index.sqlite'), path.dirname(CLI)].map((a) => `'${a}'`).join(' ');
  const res = spawnSync('bash', ['-c', `ulimit -v 4000000 && exec ${cmd}`], { encoding: 'utf8', timeout: 180_000 });
  assert.equal(res.status, 0, res.stderr.slice(0, 2000));
  const out = JSON.parse(res.stdout) as { kind: string; runs: number; ownProcess: boolean; logs: string[] };
  assert.equal(out.kind, 'done', JSON.stringify(out));
  assert.equal(out.runs, 1, JSON.stringify(out));
  assert.equal(out.ownProcess, true, 'the limit was found: the worker ran as a child process');
});
