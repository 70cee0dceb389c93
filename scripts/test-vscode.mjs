// Runs Runlens inside a real VS Code (code-server 4.100.3 = VS Code 1.100.3) with headless Debian Chromium as
// the window: first the extension-host suite (test/vscode: Mocha inside the Node extension host, real
// `vscode` API), then the UI suite (test/e2e: Playwright clicks through the workbench and the webviews).
// Usage: node scripts/test-vscode.mjs [--only exthost|ui] [--grep <regex>] [--no-build]
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { format } from 'node:util';
import * as esbuild from 'esbuild';
import { freePort, launchChromium, startCodeServer, writeUserSettings } from './code-server.mjs';
import { ensureTools, REPO } from './tools.mjs';

const argv = process.argv.slice(2);
const flag = (name) => {
  const i = argv.indexOf(`--${name}`);
  return i >= 0 ? argv[i + 1] : undefined;
};
const only = flag('only');
const grep = flag('grep');
const SUITE_OUT = join(REPO, 'out', 'test-vscode');
const EXTHOST_TIMEOUT_MS = 6 * 60_000;
// Workbench chatter that says nothing about Runlens: the offline extension gallery, connection set-up.
const WORKBENCH_NOISE = /open-vsx\.org|^(Creating a socket|Resolving connection token|Resolved connection token|Updating additional builtin|ChatSessionStore)/;

function step(title) {
  const started = Date.now();
  console.log(`--- ${title}`);
  return () => console.log(`--- ${title}: ${((Date.now() - started) / 1000).toFixed(1)} s`);
}

/** Bundles each test file on its own (Mocha loads them one by one, after defining suite/test globals). */
async function bundleSuite() {
  const dir = join(REPO, 'test', 'vscode', 'suite');
  const entries = readdirSync(dir).filter((f) => f === 'index.ts' || f.endsWith('.test.ts'));
  rmSync(SUITE_OUT, { recursive: true, force: true, maxRetries: 3 });
  await esbuild.build({
    entryPoints: entries.map((f) => join(dir, f)),
    outdir: SUITE_OUT,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    sourcemap: 'inline',
    external: ['vscode'],
    logLevel: 'warning',
  });
}

function makeWorkspace(dir) {
  const out = execFileSync(process.execPath, ['--import', 'tsx', join(REPO, 'test/vscode/workspace/make-workspace.ts'), dir], {
    cwd: REPO,
    encoding: 'utf8',
  });
  return JSON.parse(out);
}

/**
 * The equivalent of @vscode/test-electron's runTests() for code-server: the workbench URL's `payload` names
 * the extension folder and the tests entry as vscode-remote:// URIs; the Node extension host loads both,
 * runs the suite and reports its exit code through window.codeAutomationExit.
 */
async function runExtensionHostSuite(tools) {
  const done = step('extension-host suite (test/vscode)');
  await bundleSuite();
  const tmp = mkdtempSync('/tmp/rl-exthost-');
  let cs;
  let context;
  try {
    const manifest = makeWorkspace(join(tmp, 'ws'));
    writeFileSync(join(SUITE_OUT, 'config.json'), JSON.stringify({ repo: REPO, mocha: tools.mocha, grep, manifest }, null, 2));
    const home = join(tmp, 'cs');
    writeUserSettings(home);
    cs = await startCodeServer({ tools, home, port: await freePort(), workspace: manifest.workspace });
    context = await launchChromium(tools, join(tmp, 'chrome'));
    const page = context.pages()[0] ?? (await context.newPage());
    let finish;
    const finished = new Promise((resolve) => (finish = resolve));
    await page.exposeFunction('codeAutomationLog', (_type, args) => {
      const line = format(...args);
      if (!WORKBENCH_NOISE.test(line)) console.log(line);
    });
    await page.exposeFunction('codeAutomationExit', (code) => finish(code));
    // Newer VS Code ignores the payload's test paths unless the smoke-test driver is enabled; code-server has
    // no flag for it, so patch the embedded configuration (harmless on 1.100.3).
    await page.addInitScript(() => {
      const get = Element.prototype.getAttribute;
      Element.prototype.getAttribute = function (name) {
        const value = get.call(this, name);
        if (this.id !== 'vscode-workbench-web-configuration' || name !== 'data-settings' || !value) return value;
        const config = JSON.parse(value);
        config.developmentOptions = { ...config.developmentOptions, enableSmokeTestDriver: true };
        return JSON.stringify(config);
      };
    });
    const remote = (p) => `vscode-remote://127.0.0.1:${cs.port}${p}`;
    const payload = JSON.stringify([
      ['extensionDevelopmentPath', remote(REPO)],
      ['extensionTestsPath', remote(join(SUITE_OUT, 'index.js'))],
      ['skipWelcome', 'true'],
    ]);
    await page.goto(`${cs.url}?folder=${encodeURIComponent(manifest.workspace)}&payload=${encodeURIComponent(payload)}`);
    const code = await Promise.race([finished, new Promise((r) => setTimeout(() => r('timeout'), EXTHOST_TIMEOUT_MS))]);
    if (code !== 0) {
      console.error(`extension-host suite failed (exit ${code}); code-server log tail:\n${cs.output().slice(-3000)}`);
      return false;
    }
    return true;
  } finally {
    await context?.close().catch(() => {});
    await cs?.stop();
    rmSync(tmp, { recursive: true, force: true, maxRetries: 3 });
    done();
  }
}

function runUiSuite() {
  const dir = join(REPO, 'test', 'e2e');
  const files = existsSync(dir) ? readdirSync(dir).filter((f) => f.endsWith('.test.ts')).sort().map((f) => join('test', 'e2e', f)) : [];
  if (!files.length) return true;
  const done = step('UI suite (test/e2e)');
  try {
    // The UI suite installs the packaged VSIX, as a user would.
    const pkg = spawnSync('npm', ['run', '--silent', 'package'], { cwd: REPO, stdio: ['ignore', 'pipe', 'inherit'], encoding: 'utf8' });
    if (pkg.status !== 0) {
      console.error(`npm run package failed:\n${pkg.stdout}`);
      return false;
    }
    mkdirSync(join(REPO, 'test-artifacts'), { recursive: true });
    const args = ['--import', 'tsx', '--test', '--test-concurrency=1', '--test-reporter=spec'];
    if (grep) args.push('--test-name-pattern', grep);
    const res = spawnSync(process.execPath, [...args, ...files], {
      cwd: REPO,
      stdio: 'inherit',
      env: { ...process.env, RUNLENS_VSIX: join(REPO, 'runlens.vsix') },
    });
    return res.status === 0;
  } finally {
    done();
  }
}

async function main() {
  const total = step('VS Code tests');
  const tools = ensureTools();
  if (!argv.includes('--no-build')) execFileSync(process.execPath, ['esbuild.mjs'], { cwd: REPO, stdio: 'inherit' });
  let ok = true;
  if (only !== 'ui') ok = (await runExtensionHostSuite(tools)) && ok;
  if (only !== 'exthost') ok = runUiSuite() && ok;
  total();
  process.exit(ok ? 0 : 1);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
