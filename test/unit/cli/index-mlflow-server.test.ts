// `runlens index --mlflow-server <url> [--experiment …] --json`: the local output shape with
// "format":"mlflow-server", credentials from MLflow's environment variables and never in the output.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import * as path from 'node:path';
import { promisify } from 'node:util';
import { repoRoot } from '../../helpers/corpus';
import { MlflowTestServer } from '../../support/mlflow-test-server';
import { generatedRuns, storeOf } from '../../support/mlflow-test-store';

const run = promisify(execFile);
const BOUNDED = { timeout: 60_000 };
const cli = (args: string[], env: Record<string, string> = {}) =>
  run(process.execPath, ['--import', 'tsx', path.join(repoRoot, 'src/cli/main.ts'), 'index', ...args], { cwd: repoRoot, env: { ...process.env, ...env }, encoding: 'utf8' });

test('index --mlflow-server with a token from MLFLOW_TRACKING_TOKEN and an experiment filter', BOUNDED, async () => {
  const server = new MlflowTestServer(storeOf(generatedRuns(12)), { int64: 'string', faults: { auth: { kind: 'bearer', token: 'tok-123' } } });
  const url = await server.start();
  try {
    const { stdout } = await cli(['--mlflow-server', url, '--experiment', 'sweep-2', '--json'], { MLFLOW_TRACKING_TOKEN: 'tok-123' });
    const out = JSON.parse(stdout) as { runs: Array<{ format: string; experiment: string; series: unknown[] }>; errors: unknown[] };
    assert.deepEqual(out.errors, []);
    assert.ok(out.runs.length > 0);
    assert.ok(out.runs.every((r) => r.format === 'mlflow-server' && r.experiment === 'sweep-2' && r.series.length === 2));
    assert.doesNotMatch(stdout, /tok-123/);
    assert.ok(server.requests.every((r) => r.authorization === 'Bearer tok-123'));
  } finally {
    await server.stop();
  }
});

test('index --mlflow-server without credentials reports the 401 in errors', BOUNDED, async () => {
  const server = new MlflowTestServer(storeOf(generatedRuns(2)), { faults: { auth: { kind: 'basic', users: { u: 'p' } } } });
  const url = await server.start();
  try {
    const { stdout } = await cli(['--mlflow-server', url, '--json'], { MLFLOW_TRACKING_TOKEN: '', MLFLOW_TRACKING_USERNAME: '', MLFLOW_TRACKING_PASSWORD: '' });
    const out = JSON.parse(stdout) as { runs: unknown[]; errors: Array<{ message: string }> };
    assert.equal(out.runs.length, 0);
    assert.match(out.errors[0].message, /401 UNAUTHENTICATED/);
  } finally {
    await server.stop();
  }
});

test('index --mlflow-server with a URL that is not http(s) exits 2', BOUNDED, async () => {
  await assert.rejects(cli(['--mlflow-server', 'file:///tmp/mlruns', '--json']), (err: { code: number; stderr: string }) => err.code === 2 && /not an http\(s\) URL/.test(err.stderr));
});
