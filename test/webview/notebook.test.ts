// The Notebook Readiness bundle in real headless Chromium behind the real CSP, with a fake host that
// posts protocol messages: handshake, verdict and grouped findings, click-to-reveal, profile switch,
// collapsed sections kept in webview state, escaping of hostile text, invalid messages dropped.
// Screenshot: test-artifacts/notebook-panel.png.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as http from 'node:http';
import * as path from 'node:path';
import type { AddressInfo } from 'node:net';
import { chromium, type Browser, type Page } from 'playwright-core';
import { buildPanelHtml } from '../../src/host/panels/panel-html';
import { toReportView } from '../../src/host/notebook/report-view';
import type { HostToNotebook } from '../../src/protocol/notebook';
import { analyse, code, display, md, stream } from '../unit/notebook/nb';
import { repoRoot } from '../helpers/corpus';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const skip = fs.existsSync(CHROMIUM) ? false : 'Debian chromium is not installed (CI installs it)';
const DIST = path.join(repoRoot, 'dist', 'webview');
const THEME = 'body{--vscode-foreground:#cccccc;--vscode-descriptionForeground:#9d9d9d;--vscode-editor-background:#1e1e1e;--vscode-editorWidget-border:#454545;--vscode-charts-green:#89d185;--vscode-charts-red:#f14c4c;--vscode-charts-yellow:#cca700;--vscode-charts-blue:#3794ff;--vscode-input-background:#3c3c3c;--vscode-input-foreground:#cccccc;--vscode-font-family:sans-serif;--vscode-font-size:13px}';

let browser: Browser;
let server: http.Server;
let page: Page;
const pageErrors: string[] = [];

function reportMessage(): HostToNotebook {
  const report = analyse([
    md('# Sentiment <img src=x onerror="window.__pwned=1">\n##1. Load Data'),
    code('!pip install torch\nimport torch', { count: 2 }),
    code('model.fit(X, y)', { count: 1, outputs: [stream('loss 0.3\n')] }),
    code('1/0', { count: 3, outputs: [{ output_type: 'error', ename: 'ZeroDivisionError', evalue: '<script>alert(1)</script>', traceback: [] }] }),
    code('x = 1', { count: 4, outputs: [display({ 'application/vnd.jupyter.widget-view+json': { model_id: 'm' }, 'text/plain': 'HBox(children=())' })] }),
  ]);
  return { type: 'report', report: toReportView(report, 'course_project.ipynb', 'folder "course/" (runlens.notebookReadiness.folderProfiles)') };
}

async function sent(): Promise<Array<{ type: string; [k: string]: unknown }>> {
  return page.evaluate('window.__sent') as Promise<Array<{ type: string }>>;
}

async function send(msg: unknown): Promise<void> {
  await page.evaluate(`window.postMessage(${JSON.stringify(msg)}, '*')`);
}

before(async () => {
  if (skip) return;
  if (!fs.existsSync(path.join(DIST, 'notebook.js'))) throw new Error('dist/webview/notebook.js is missing: run node esbuild.mjs first');
  server = http.createServer((req, res) => {
    const ok = (type: string, body: string | Buffer): void => {
      res.writeHead(200, { 'content-type': type });
      res.end(body);
    };
    const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    if (req.url === '/') return ok('text/html', buildPanelHtml({ cspSource: origin, scriptUri: '/notebook.js', styleUris: ['/theme.css', '/panel.css', '/notebook.css'], nonce: 'nonce-test', title: 'Notebook Readiness', panel: 'notebook' }));
    if (req.url === '/notebook.js') return ok('text/javascript', fs.readFileSync(path.join(DIST, 'notebook.js')));
    if (req.url === '/notebook.css') return ok('text/css', fs.readFileSync(path.join(DIST, 'notebook.css')));
    if (req.url === '/panel.css') return ok('text/css', fs.readFileSync(path.join(repoRoot, 'media', 'panel.css')));
    if (req.url === '/theme.css') return ok('text/css', THEME);
    res.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage'] });
  page = await browser.newPage({ viewport: { width: 900, height: 900 } });
  page.on('pageerror', (e) => pageErrors.push(e.message));
  await page.addInitScript(`
    window.__sent = []; window.__state = undefined;
    window.acquireVsCodeApi = () => ({ postMessage: (m) => window.__sent.push(m), getState: () => window.__state, setState: (s) => { window.__state = s; } });
    document.addEventListener('DOMContentLoaded', () => document.body.classList.add('vscode-dark'));
  `);
  await page.goto(`http://127.0.0.1:${(server.address() as AddressInfo).port}/`);
});

after(async () => {
  await browser?.close();
  server?.close();
});

test('handshake: the webview says ready before the host posts anything', { skip }, async () => {
  await page.waitForFunction('window.__sent.length > 0');
  assert.deepEqual((await sent())[0], { type: 'ready' });
  assert.equal(await page.locator('.nb-finding').count(), 0);
});

test('renders the verdict and the findings grouped by checklist section, escaping notebook text', { skip }, async () => {
  const msg = reportMessage();
  await send(msg);
  await page.waitForSelector('.nb-verdict');
  assert.equal(await page.textContent('.nb-verdict'), 'Not ready');
  assert.equal(await page.textContent('.nb-file'), 'course_project.ipynb');
  const sections = await page.$$eval('.nb-section', (els) => els.map((e) => (e as HTMLElement).dataset.section));
  assert.deepEqual(sections, ['format', 'execution', 'reproducibility', 'code', 'documentation', 'tracking']);
  assert.equal(await page.locator('.nb-finding').count(), msg.type === 'report' ? msg.report.findings.length : -1);
  assert.ok((await page.textContent('.nb-section[data-section="execution"]'))!.includes('ZeroDivisionError: <script>alert(1)</script>'), 'hostile text is shown as text');
  assert.equal(await page.locator('#app script, #app img').count(), 0, 'and never becomes markup');
  assert.equal(await page.evaluate('window.__pwned'), undefined);
  const shot = path.join(repoRoot, 'test-artifacts', 'notebook-panel.png');
  fs.mkdirSync(path.dirname(shot), { recursive: true });
  await page.screenshot({ path: shot, fullPage: true });
  assert.ok(fs.statSync(shot).size > 10_000);
});

test('clicking a finding asks the host to reveal its cell; the profile switch and re-check post typed messages', { skip }, async () => {
  await page.locator('.nb-finding', { has: page.locator('.nb-id', { hasText: /^error-output$/ }) }).click();
  const reveal = (await sent()).filter((m) => m.type === 'reveal').pop();
  assert.equal(reveal?.cell, 3);
  // The panel says which profile is active and why, and offers all three.
  assert.equal(await page.textContent('.nb-profile-active'), 'Profile: Hand-in (course) — folder "course/" (runlens.notebookReadiness.folderProfiles)');
  assert.deepEqual(await page.$$eval('.nb-profile option', (os) => os.map((o) => (o as HTMLOptionElement).value)), ['general', 'hand-in', 'publish']);
  await page.selectOption('.nb-profile', 'publish');
  assert.deepEqual((await sent()).filter((m) => m.type === 'setProfile').pop(), { type: 'setProfile', profile: 'publish' });
  await page.click('.nb-refresh');
  assert.deepEqual((await sent()).pop(), { type: 'refresh' });
});

test('collapsing a section hides it and survives in webview state', { skip }, async () => {
  await page.click('.nb-section[data-section="documentation"] .nb-section-head');
  assert.equal(await page.locator('.nb-section[data-section="documentation"] .nb-list').isHidden(), true);
  assert.deepEqual(await page.evaluate('window.__state'), { collapsed: ['documentation'] });
  // The notebook's URI is kept too: after a reload the host reopens the panel on it.
  const msg = reportMessage();
  if (msg.type === 'report') await send({ ...msg, report: { ...msg.report, uri: 'file:///ws/course/project_1.ipynb' } });
  await page.waitForFunction('window.__state && window.__state.notebook');
  assert.deepEqual(await page.evaluate('window.__state'), { collapsed: ['documentation'], notebook: 'file:///ws/course/project_1.ipynb' });
});

test('invalid host messages are dropped; an empty state replaces the report', { skip }, async () => {
  const before = await page.locator('.nb-finding').count();
  await send({ type: 'report', report: { fileName: 3 } });
  await send({ type: 'nonsense' });
  assert.equal(await page.locator('.nb-finding').count(), before);
  await send({ type: 'empty', message: 'Open a Jupyter notebook (.ipynb) to see its readiness report.' });
  await page.waitForSelector('.nb-empty');
  assert.equal(await page.locator('.nb-finding').count(), 0);
  assert.deepEqual(pageErrors, []);
});
