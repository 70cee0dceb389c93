// `npm test`: installs on first use what the tests need that npm does not (Debian's chromium),
// then type-checks, lints, builds and runs every suite in order. Stops at the first failing stage.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';

function run(title, cmd, args, opts = {}) {
  console.log(`\n=== ${title}`);
  const started = Date.now();
  const res = spawnSync(cmd, args, { stdio: 'inherit', ...opts });
  const secs = ((Date.now() - started) / 1000).toFixed(1);
  if (res.status !== 0) {
    console.error(`=== ${title}: FAILED after ${secs} s`);
    process.exit(res.status ?? 1);
  }
  console.log(`=== ${title}: ok (${secs} s)`);
}

function have(cmd) {
  return spawnSync('sh', ['-c', `command -v ${cmd}`], { stdio: 'ignore' }).status === 0;
}

/** Debian packages the browser and VS Code suites need; installed once, as root, when missing. */
function ensureDebianPackages(packages) {
  const missing = packages.filter(([bin]) => !have(bin)).map(([, pkg]) => pkg);
  if (!missing.length) return;
  const isRoot = process.getuid?.() === 0;
  const sudo = isRoot ? [] : have('sudo') ? ['sudo'] : null;
  if (!sudo) {
    console.error(`missing: ${missing.join(' ')}; install them with apt-get (needs root)`);
    process.exit(1);
  }
  run('apt-get update', sudo[0] ?? 'apt-get', [...sudo.slice(1), ...(sudo.length ? ['apt-get'] : []), 'update', '-qq']);
  run(`apt-get install ${missing.join(' ')}`, sudo[0] ?? 'apt-get', [
    ...sudo.slice(1),
    ...(sudo.length ? ['apt-get'] : []),
    'install',
    '-y',
    '-qq',
    '--no-install-recommends',
    ...missing,
  ]);
}

ensureDebianPackages([['chromium', 'chromium']]);
run('typecheck', process.execPath, ['node_modules/typescript/bin/tsc', '-p', '.', '--noEmit']);
run('lint', process.execPath, ['node_modules/eslint/bin/eslint.js', '.']);
run('build', process.execPath, ['esbuild.mjs']);
run('unit tests', process.execPath, ['scripts/run-unit-tests.mjs']);

const webviewTests = existsSync('test/webview') ? readdirSync('test/webview').filter((f) => f.endsWith('.test.ts')).map((f) => `test/webview/${f}`) : [];
if (webviewTests.length) run('webview tests (headless Chromium)', process.execPath, ['--import', 'tsx', '--test', '--test-concurrency=1', ...webviewTests]);

// Suites added later (VS Code extension-host and UI tests) register here.
if (existsSync('scripts/test-vscode.mjs')) run('VS Code tests (code-server)', process.execPath, ['scripts/test-vscode.mjs']);
console.log('\nall suites passed');
