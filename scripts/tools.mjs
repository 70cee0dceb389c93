// Installs, on first use, the tools that run Runlens inside a real VS Code: code-server (VS Code for the
// browser, Node 20 build) and mocha into ./.tools, plus the Debian packages they need. Nothing here is a
// dependency of the extension itself. Idempotent: a second call only checks versions (well under a second).
// Usage as a script: `node scripts/tools.mjs` (prints where the tools are).
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const TOOLS = join(REPO, '.tools');
// 4.100.3 is the newest code-server whose engines.node is 20 (VS Code 1.100.3); newer ones need Node 22/24.
const CODE_SERVER_VERSION = '4.100.3';
// mocha 11 still returns the Mocha class from require(); 12 returns a namespace.
const MOCHA_VERSION = '11.7.5';
// code-server 4.100.3 depends on @vscode/ripgrep 1.15.11, whose postinstall downloads rg from GitHub
// unless it finds this asset in its cache folder.
const RIPGREP_CACHE = `vscode-ripgrep-cache-1.15.11`;
const RIPGREP_ASSET = 'ripgrep-v13.0.0-10-x86_64-unknown-linux-musl.tar.gz';
// chromium: the browser window code-server needs; libkrb5-dev + pkg-config: headers for code-server's
// native 'kerberos' module; ripgrep: seeds @vscode/ripgrep (see above).
const DEBIAN = [
  ['chromium', () => have('chromium')],
  ['libkrb5-dev', () => existsSync('/usr/include/gssapi/gssapi.h')],
  ['pkg-config', () => have('pkg-config')],
  ['ripgrep', () => have('rg')],
];

function have(cmd) {
  return spawnSync('sh', ['-c', `command -v ${cmd}`], { stdio: 'ignore' }).status === 0;
}

function log(msg) {
  process.stderr.write(`[tools] ${msg}\n`);
}

function run(cmd, args, opts = {}) {
  const res = spawnSync(cmd, args, { stdio: ['ignore', 'inherit', 'inherit'], ...opts });
  if (res.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed (exit ${res.status ?? res.signal})`);
}

function ensureDebianPackages() {
  const missing = DEBIAN.filter(([, ok]) => !ok()).map(([pkg]) => pkg);
  if (!missing.length) return;
  const prefix = process.getuid?.() === 0 ? [] : have('sudo') ? ['sudo'] : null;
  if (!prefix) throw new Error(`missing Debian packages: ${missing.join(' ')} (install them with apt-get as root)`);
  const apt = (...args) => {
    // Another apt may hold the dpkg lock (CI images, parallel installs): retry for up to ~2 minutes.
    for (let attempt = 0; ; attempt++) {
      const res = spawnSync(prefix[0] ?? 'apt-get', [...(prefix.length ? ['apt-get'] : []), ...args], {
        stdio: ['ignore', 'inherit', 'inherit'],
        env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
      });
      if (res.status === 0) return;
      if (attempt >= 8) throw new Error(`apt-get ${args.join(' ')} failed`);
      spawnSync('sleep', ['15']);
    }
  };
  log(`apt-get install ${missing.join(' ')}`);
  apt('update', '-qq');
  apt('install', '-y', '-qq', '--no-install-recommends', ...missing);
}

function seedRipgrepCache() {
  const dir = join(tmpdir(), RIPGREP_CACHE);
  const asset = join(dir, RIPGREP_ASSET);
  if (existsSync(asset)) return;
  mkdirSync(dir, { recursive: true });
  const staging = mkdtempSync(join(tmpdir(), 'rg-seed-'));
  try {
    const rg = spawnSync('sh', ['-c', 'command -v rg'], { encoding: 'utf8' }).stdout.trim();
    copyFileSync(rg, join(staging, 'rg'));
    run('tar', ['czf', asset, '-C', staging, 'rg']);
  } finally {
    rmSync(staging, { recursive: true, force: true });
  }
}

function installedVersion(pkg) {
  try {
    return JSON.parse(readFileSync(join(TOOLS, 'node_modules', pkg, 'package.json'), 'utf8')).version;
  } catch {
    return undefined;
  }
}

/** One installer at a time (npm start and npm test may race): a lock folder holding the owner's pid. */
function withLock(fn) {
  const lock = join(TOOLS, '.install-lock');
  const started = Date.now();
  for (;;) {
    try {
      mkdirSync(lock);
      writeFileSync(join(lock, 'pid'), String(process.pid));
      break;
    } catch {
      let owner = NaN;
      try {
        owner = Number(readFileSync(join(lock, 'pid'), 'utf8'));
      } catch {
        /* being created or removed */
      }
      let alive = false;
      try {
        if (owner) {
          process.kill(owner, 0);
          alive = true;
        }
      } catch {
        /* gone */
      }
      if (owner && !alive) rmSync(lock, { recursive: true, force: true });
      else if (Date.now() - started > 15 * 60_000) throw new Error(`tools install lock held too long: ${lock}`);
      else spawnSync('sleep', ['1']);
    }
  }
  try {
    return fn();
  } finally {
    rmSync(lock, { recursive: true, force: true });
  }
}

/** Installs what is missing and returns where everything is. */
export function ensureTools() {
  mkdirSync(TOOLS, { recursive: true });
  ensureDebianPackages();
  withLock(() => {
    const wanted = [
      ['code-server', CODE_SERVER_VERSION],
      ['mocha', MOCHA_VERSION],
    ].filter(([pkg, version]) => installedVersion(pkg) !== version);
    if (!wanted.length) return;
    seedRipgrepCache();
    const pkgJson = join(TOOLS, 'package.json');
    if (!existsSync(pkgJson)) writeFileSync(pkgJson, JSON.stringify({ name: 'runlens-dev-tools', version: '0.0.0', private: true }, null, 2) + '\n');
    log(`npm install ${wanted.map(([p, v]) => `${p}@${v}`).join(' ')} into ${TOOLS} (first time: about a minute, it compiles native modules)`);
    const started = Date.now();
    run('npm', ['install', '--no-save', '--no-audit', '--no-fund', '--loglevel=error', ...wanted.map(([p, v]) => `${p}@${v}`)], {
      cwd: TOOLS,
      env: {
        ...process.env,
        // code-server's postinstall refuses to run as root without it (npm 11 warns "unknown config": harmless).
        npm_config_unsafe_perm: 'true',
        // node-pty's postinstall runs `npx node-gyp`; an npmrc with yes=false would make npx abort.
        npm_config_yes: 'true',
      },
    });
    for (const [pkg, version] of wanted) {
      if (installedVersion(pkg) !== version) throw new Error(`${pkg}@${version} did not install into ${TOOLS}`);
    }
    log(`tools installed in ${((Date.now() - started) / 1000).toFixed(0)} s`);
  });
  const requireFromRepo = createRequire(join(REPO, 'package.json'));
  return {
    tools: TOOLS,
    codeServer: join(TOOLS, 'node_modules', '.bin', 'code-server'),
    mocha: join(TOOLS, 'node_modules', 'mocha'),
    chromium: spawnSync('sh', ['-c', 'command -v chromium'], { encoding: 'utf8' }).stdout.trim(),
    // playwright-core is already a devDependency of the repo (the webview tests use it): reuse that copy.
    playwrightCore: requireFromRepo.resolve('playwright-core'),
  };
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  try {
    const tools = ensureTools();
    for (const [k, v] of Object.entries(tools)) console.log(`${k.padEnd(15)} ${v}`);
  } catch (err) {
    console.error(`[tools] ${err instanceof Error ? err.message : err}`);
    process.exit(1);
  }
}
