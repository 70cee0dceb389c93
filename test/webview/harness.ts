// Loads a panel's real bundle in headless Debian Chromium behind the real CSP, with a fake VS Code host:
// `acquireVsCodeApi` records what the webview posts; `send` delivers host messages; `state` seeds
// getState() as VS Code does when a hidden or reloaded webview comes back.
import * as fs from 'node:fs';
import * as http from 'node:http';
import * as path from 'node:path';
import type { AddressInfo } from 'node:net';
import { chromium, type Browser, type Page } from 'playwright-core';
import { buildPanelHtml } from '../../src/host/panels/panel-html';
import { packMessage, unpackMessage } from '../../src/protocol/packing';
import { repoRoot } from '../helpers/corpus';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const ARTIFACTS = path.join(repoRoot, 'test-artifacts');

const THEMES = {
  dark: `body{--vscode-foreground:#cccccc;--vscode-descriptionForeground:#9d9d9d;--vscode-editor-background:#1e1e1e;--vscode-editorWidget-border:#454545;--vscode-charts-blue:#3794ff;--vscode-charts-red:#f14c4c;--vscode-charts-green:#89d185;--vscode-charts-yellow:#cca700;--vscode-charts-orange:#d18616;--vscode-charts-purple:#b180d7;--vscode-input-background:#3c3c3c;--vscode-input-foreground:#cccccc;--vscode-font-family:sans-serif;--vscode-font-size:13px}`,
  light: `body{--vscode-foreground:#3b3b3b;--vscode-descriptionForeground:#717171;--vscode-editor-background:#ffffff;--vscode-editorWidget-border:#c8c8c8;--vscode-charts-blue:#1a85ff;--vscode-charts-red:#e51400;--vscode-charts-green:#388a34;--vscode-charts-yellow:#bf8803;--vscode-charts-orange:#d18616;--vscode-charts-purple:#652d90;--vscode-input-background:#ffffff;--vscode-input-foreground:#3b3b3b;--vscode-font-family:sans-serif;--vscode-font-size:13px}`,
};

export interface PanelPage {
  page: Page;
  /** Messages the webview posted to the host so far. */
  sent(): Promise<Array<{ type: string; [k: string]: unknown }>>;
  /** Delivers a host message; `build` runs in the page so it can make typed arrays. */
  send(build: string): Promise<void>;
  /** Delivers host messages exactly as the host sends them: each packed (one buffer), in order. */
  post(...messages: unknown[]): Promise<void>;
  setTheme(theme: 'dark' | 'light'): Promise<void>;
  screenshot(name: string): Promise<string>;
  close(): Promise<void>;
}

/**
 * Page-side source of an array of host messages in their wire form (packed: JSON body + one buffer).
 * Typed arrays cannot cross page.evaluate as arguments, so the buffer travels as base64.
 */
export function packedPageSource(...messages: unknown[]): string {
  const wire = messages.map((m) => {
    const packed = packMessage(m);
    return { body: packed.body, buffer: Buffer.from(packed.buffer.buffer, packed.buffer.byteOffset, packed.buffer.byteLength).toString('base64') };
  });
  return `(${JSON.stringify(wire)}).map((m) => { const b = atob(m.buffer); const u = new Uint8Array(b.length); for (let i = 0; i < b.length; i++) u[i] = b.charCodeAt(i); return { $packed: 1, body: m.body, buffer: u }; })`;
}

const isWirePacked = (m: unknown): m is { $packed: 1; buffer: string } => typeof m === 'object' && m !== null && (m as { $packed?: unknown }).$packed === 1;

/** The `skip` option of every browser test: why it cannot run here, or false. */
export const CHROMIUM_SKIP: string | false = fs.existsSync(CHROMIUM) ? false : 'Debian chromium is not installed (npm test installs it)';

export function chromiumAvailable(): boolean {
  return CHROMIUM_SKIP === false;
}

export async function openPanel(panel: string, options: { width?: number; height?: number; state?: unknown } = {}): Promise<PanelPage> {
  const bundle = path.join(repoRoot, 'dist', 'webview', `${panel}.js`);
  if (!fs.existsSync(bundle)) throw new Error(`${bundle} is missing: run node esbuild.mjs first`);
  const entryCss = path.join(repoRoot, 'dist', 'webview', `${panel}.css`);
  const server = http.createServer((req, res) => {
    const url = req.url ?? '/';
    const send = (type: string, body: string | Buffer) => {
      res.writeHead(200, { 'content-type': type });
      res.end(body);
    };
    if (url === '/') {
      const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
      return send(
        'text/html',
        buildPanelHtml({ cspSource: origin, scriptUri: `/panel.js`, styleUris: ['/theme.css', '/panel.css', ...(fs.existsSync(entryCss) ? ['/entry.css'] : [])], nonce: 'test-nonce-1', title: panel, panel }),
      );
    }
    if (url === '/panel.js') return send('text/javascript', fs.readFileSync(bundle));
    // the panel's own stylesheet, as the host lists it in `styles` (esbuild emits it when main.ts imports CSS)
    if (url === '/entry.css') return send('text/css', fs.readFileSync(entryCss));
    if (url === '/panel.css') return send('text/css', fs.readFileSync(path.join(repoRoot, 'media', 'panel.css')));
    // the panel's own stylesheet (esbuild emits dist/webview/<entry>.css when main.ts imports CSS)
    if (url === '/entry.css') return send('text/css', fs.readFileSync(entryCss));
    if (url.startsWith('/theme.css')) return send('text/css', THEMES.dark + THEMES.light.replace('body{', 'body.vscode-light{'));
    if (url === '/favicon.ico') return void res.writeHead(204).end(); // browsers ask; a 404 would read as a page error
    res.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const browser: Browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage'],
  });
  const page = await browser.newPage({ viewport: { width: options.width ?? 1200, height: options.height ?? 800 } });
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
  });
  // A string, not a function: tsx would wrap a function with helpers that do not exist in the page.
  await page.addInitScript(`
    window.__sent = [];
    window.__state = ${options.state === undefined ? 'undefined' : JSON.stringify(options.state)};
    window.acquireVsCodeApi = () => ({
      postMessage: (m) => window.__sent.push(m),
      getState: () => window.__state,
      setState: (s) => { window.__state = s; },
    });
    document.addEventListener('DOMContentLoaded', () => document.body.classList.add('vscode-dark'));
  `);
  await page.goto(`http://127.0.0.1:${(server.address() as AddressInfo).port}/`);
  return {
    page,
    // Packed messages (those with typed arrays) come back with their buffer as a base64 string.
    sent: async () => {
      const raw = (await page.evaluate(`window.__sent.map((m) => m && m.$packed === 1 ? { ...m, buffer: btoa(String.fromCharCode(...m.buffer)) } : m)`)) as unknown[];
      return raw.map((m) => unpackMessage(isWirePacked(m) ? { ...m, buffer: new Uint8Array(Buffer.from(m.buffer, 'base64')) } : m)) as Array<{ type: string }>;
    },
    send: async (build) => {
      await page.evaluate(`window.postMessage((${build})(), '*')`);
    },
    post: async (...messages) => {
      await page.evaluate(`${packedPageSource(...messages)}.forEach((m) => window.postMessage(m, '*'))`);
    },
    setTheme: async (theme) => {
      await page.evaluate(`document.body.classList.remove('vscode-dark', 'vscode-light'); document.body.classList.add('vscode-${theme}')`);
    },
    screenshot: async (name) => {
      fs.mkdirSync(ARTIFACTS, { recursive: true });
      const file = path.join(ARTIFACTS, name);
      await page.screenshot({ path: file, fullPage: true });
      return file;
    },
    close: async () => {
      if (errors.length) console.warn(`page errors in ${panel}:\n${errors.join('\n')}`);
      await browser.close();
      server.close();
    },
  };
}
