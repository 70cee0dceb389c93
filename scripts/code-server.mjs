// Starts code-server (a real VS Code served to a browser) and headless Debian Chromium as its window, and
// tears both down again. Shared by `npm start`, the extension-host suite and the UI suite.
// code-server runs in its own process group with its own TMPDIR, so stopping it also ends the extension
// host, pty host and file watcher it forked, and VS Code's ipc/git sockets never litter /tmp.
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import { join } from 'node:path';

/** A free TCP port on 127.0.0.1, so parallel runs never collide. */
export function freePort() {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

/** The flags every code-server call needs; `--config` keeps it from writing ~/.config/code-server. */
function baseArgs(home) {
  return [
    '--config', join(home, 'config.yaml'),
    '--auth', 'none',
    '--disable-telemetry',
    '--disable-update-check',
    '--disable-workspace-trust',
    '--user-data-dir', join(home, 'user-data'),
    '--extensions-dir', join(home, 'extensions'),
  ];
}

/** Writes user settings that keep the window quiet and predictable (no welcome page, no telemetry). */
export function writeUserSettings(home, extra = {}, { keepExisting = false } = {}) {
  const dir = join(home, 'user-data', 'User');
  mkdirSync(dir, { recursive: true });
  if (keepExisting && existsSync(join(dir, 'settings.json'))) return;
  const settings = {
    'workbench.startupEditor': 'none',
    'workbench.tips.enabled': false,
    'telemetry.telemetryLevel': 'off',
    'extensions.autoCheckUpdates': false,
    'extensions.autoUpdate': false,
    'update.mode': 'none',
    'security.workspace.trust.enabled': false,
    'git.openRepositoryInParentFolders': 'never',
    ...extra,
  };
  writeFileSync(join(dir, 'settings.json'), JSON.stringify(settings, null, 2));
}

export function installExtension(tools, home, vsix) {
  execFileSync(tools.codeServer, [...baseArgs(home), '--force', '--install-extension', vsix], {
    stdio: ['ignore', 'pipe', 'inherit'],
    env: { ...process.env, TMPDIR: home },
  });
}

/**
 * Starts code-server on <host>:<port> (127.0.0.1 by default) with `home` holding its config, user data and
 * extensions, and `tmpDir` (default: home) as its TMPDIR.
 * Resolves once it listens. `stop()` ends its whole process group (idempotent); it is also called when this
 * Node process exits, so a failing test never leaves a server behind.
 */
export async function startCodeServer({ tools, home, port, workspace, quiet = true, tmpDir = home, host = '127.0.0.1' }) {
  mkdirSync(home, { recursive: true });
  const args = [...baseArgs(home), '--ignore-last-opened', '--bind-addr', `${host}:${port}`];
  if (workspace) args.push(workspace);
  const proc = spawn(tools.codeServer, args, {
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
    // Unix socket paths must stay under ~107 characters: callers with a long `home` pass a short tmpDir.
    env: { ...process.env, TMPDIR: tmpDir },
  });
  let output = '';
  const collect = (d) => {
    output += d;
    if (output.length > 200_000) output = output.slice(-100_000);
    if (!quiet) process.stderr.write(d);
  };
  proc.stdout.on('data', collect);
  proc.stderr.on('data', collect);
  let stopped = false;
  const stop = async () => {
    if (stopped) return;
    stopped = true;
    process.off('exit', stopSync);
    if (!killGroup(proc.pid, 'SIGTERM')) return;
    for (let i = 0; i < 30 && groupAlive(proc.pid); i++) await new Promise((r) => setTimeout(r, 100));
    killGroup(proc.pid, 'SIGKILL');
  };
  const stopSync = () => killGroup(proc.pid, 'SIGKILL');
  process.on('exit', stopSync);
  exitOnSignals();
  await new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`code-server did not start within 60 s:\n${output.slice(-2000)}`)), 60_000);
    const check = () => {
      if (output.includes('HTTP server listening')) {
        clearTimeout(timer);
        resolve();
      }
    };
    proc.stdout.on('data', check);
    proc.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`code-server exited (${code}) before listening:\n${output.slice(-2000)}`));
    });
  });
  return { proc, url: `http://127.0.0.1:${port}/`, port, stop, output: () => output };
}

/** Ctrl+C or a CI timeout (SIGTERM) would skip 'exit' handlers: turn them into a normal exit, once. */
let signalsHooked = false;
function exitOnSignals() {
  if (signalsHooked) return;
  signalsHooked = true;
  for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
    process.once(sig, () => {
      // start.mjs installs its own graceful handler; leave it in charge when present.
      if (process.listenerCount(sig) === 0) process.exit(128 + (sig === 'SIGINT' ? 2 : sig === 'SIGTERM' ? 15 : 1));
    });
  }
}

function killGroup(pid, signal) {
  try {
    process.kill(-pid, signal);
    return true;
  } catch {
    return false;
  }
}

function groupAlive(pid) {
  try {
    process.kill(-pid, 0);
    return true;
  } catch {
    return false;
  }
}

/**
 * Headless Debian Chromium through the repo's playwright-core (a fresh profile per run; Playwright refuses
 * --user-data-dir in args, hence launchPersistentContext).
 */
export async function launchChromium(tools, profileDir, { width = 1400, height = 900 } = {}) {
  if (!existsSync(tools.chromium)) throw new Error('Debian chromium is not installed (apt-get install chromium)');
  const { chromium } = createRequire(import.meta.url)(tools.playwrightCore);
  const context = await chromium.launchPersistentContext(profileDir, {
    executablePath: tools.chromium,
    headless: true,
    viewport: { width, height },
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--disable-dev-shm-usage',
    ],
  });
  return context;
}
