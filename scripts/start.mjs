// `npm start`: build Runlens, write the demo workspace (./demo), install the packaged extension into a local
// VS Code for the browser (code-server, installed into ./.tools on first use) and serve the demo with it.
// Prints the URL to open; Ctrl+C stops the server.
//   npm start -- --desktop        open the demo in desktop VS Code (`code` on PATH) with the extension loaded
//                                 from this folder (--extensionDevelopmentPath) instead
//   npm start -- --port 8080      serve on this port (default: 8080, or a free one when taken)
//   npm start -- --folder <dir>   open another folder of logs instead of the demo
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createServer } from 'node:net';
import { freePort, installExtension, startCodeServer, writeUserSettings } from './code-server.mjs';
import { ensureTools, REPO, TOOLS } from './tools.mjs';

const argv = process.argv.slice(2);
const option = (name) => {
  const i = argv.indexOf(`--${name}`);
  return i >= 0 ? argv[i + 1] : undefined;
};
const desktop = argv.includes('--desktop');
const DEMO = join(REPO, 'demo');

function say(msg) {
  console.log(`[runlens] ${msg}`);
}

function node(args, opts = {}) {
  execFileSync(process.execPath, args, { cwd: REPO, stdio: 'inherit', ...opts });
}

function have(cmd) {
  return spawnSync('sh', ['-c', `command -v ${cmd}`], { stdio: 'ignore' }).status === 0;
}

function portIsFree(port) {
  return new Promise((res) => {
    const srv = createServer();
    srv.once('error', () => res(false));
    srv.listen(port, '127.0.0.1', () => srv.close(() => res(true)));
  });
}

/** The demo workspace, written by the CLI's `demo` command (once; delete ./demo to regenerate it). */
function ensureDemo() {
  if (existsSync(join(DEMO, '.runlens-demo'))) return DEMO;
  const help = spawnSync(process.execPath, ['dist/cli.js', '--help'], { cwd: REPO, encoding: 'utf8' });
  if (!/^\s+demo\b/m.test(help.stdout ?? '')) throw new Error('this build has no `demo` command; pass --folder <folder with logs>');
  say('writing the demo workspace to ./demo');
  node(['dist/cli.js', 'demo', DEMO]);
  return DEMO;
}

async function main() {
  say('building');
  node(['esbuild.mjs']);
  const folder = option('folder') ? resolve(option('folder')) : ensureDemo();

  if (desktop) {
    if (!have('code')) throw new Error('--desktop needs the `code` command on PATH (VS Code: "Shell Command: Install \'code\' command in PATH")');
    say(`opening ${folder} in VS Code with the extension from ${REPO}`);
    spawn('code', ['--extensionDevelopmentPath', REPO, folder], { stdio: 'inherit', detached: true }).unref();
    return;
  }

  const tools = ensureTools();
  say('packaging runlens.vsix');
  execFileSync('npm', ['run', '--silent', 'package'], { cwd: REPO, stdio: ['ignore', 'ignore', 'inherit'] });
  // A persistent home keeps the user's settings and open editors between starts.
  const home = join(TOOLS, 'code-server');
  writeUserSettings(home, { 'workbench.colorTheme': 'Default Dark Modern' }, { keepExisting: true });
  installExtension(tools, home, join(REPO, 'runlens.vsix'));
  const wanted = Number(option('port') ?? 8080);
  const port = (await portIsFree(wanted)) ? wanted : await freePort();
  const tmpDir = mkdtempSync(join(tmpdir(), 'runlens-start-'));
  const cs = await startCodeServer({ tools, home, port, workspace: folder, tmpDir });
  const url = `${cs.url}?folder=${encodeURIComponent(folder)}`;
  const stop = async () => {
    await cs.stop();
    rmSync(tmpDir, { recursive: true, force: true, maxRetries: 3 });
    process.exit(0);
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  cs.proc.once('exit', (code) => {
    console.error(`[runlens] code-server exited (${code})\n${cs.output().slice(-2000)}`);
    rmSync(tmpDir, { recursive: true, force: true, maxRetries: 3 });
    process.exit(1);
  });
  say(`VS Code for the browser (code-server) with Runlens is serving ${folder}`);
  console.log(`\n    Open  ${url}\n`);
  say('on a remote machine: ssh -L ' + port + ':127.0.0.1:' + port + ' <host>, then open the URL on your laptop. Ctrl+C stops.');
}

main().catch((err) => {
  console.error(`[runlens] ${err instanceof Error ? err.message : err}`);
  process.exit(1);
});
