// One workbench session for a UI test file: code-server with the packaged VSIX installed, on a workspace,
// in headless Chromium; screenshots to test-artifacts/. Each test file starts its own and closes it.
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { freePort, installExtension, launchChromium, startCodeServer, writeUserSettings, type CodeServer } from '../../scripts/code-server.mjs';
import { ensureTools, REPO } from '../../scripts/tools.mjs';

export const VSIX = process.env.RUNLENS_VSIX ?? join(REPO, 'runlens.vsix');
export const ARTIFACTS = join(REPO, 'test-artifacts');

export interface WorkbenchSession {
  page: Page;
  tmp: string;
  /** Saves a screenshot of the window with the pointer parked where no hover covers anything. */
  shot(name: string): Promise<void>;
  close(): Promise<void>;
}

export interface SessionOptions {
  /** Builds the workspace inside the session's temp folder; returns its path. */
  workspace: (tmp: string) => string | Promise<string>;
  settings?: Record<string, unknown>;
  size?: { width: number; height: number };
}

export async function startSession(options: SessionOptions): Promise<WorkbenchSession> {
  const tools = ensureTools();
  mkdirSync(ARTIFACTS, { recursive: true });
  const tmp = mkdtempSync('/tmp/rl-e2e-');
  let cs: CodeServer | undefined;
  let context: BrowserContext | undefined;
  const close = async () => {
    await context?.close().catch(() => {});
    await cs?.stop();
    rmSync(tmp, { recursive: true, force: true, maxRetries: 3 });
  };
  try {
    const workspace = await options.workspace(tmp);
    const home = join(tmp, 'cs');
    writeUserSettings(home, options.settings ?? {});
    installExtension(tools, home, VSIX);
    cs = await startCodeServer({ tools, home, port: await freePort(), workspace });
    context = await launchChromium(tools, join(tmp, 'chrome'), options.size ?? { width: 1440, height: 900 });
    const page = context.pages()[0] ?? (await context.newPage());
    await page.goto(`${cs.url}?folder=${encodeURIComponent(workspace)}`);
    return {
      page,
      tmp,
      shot: async (name) => {
        await page.mouse.move(120, 50);
        await page.waitForTimeout(200);
        await page.screenshot({ path: join(ARTIFACTS, name) });
      },
      close,
    };
  } catch (err) {
    await close();
    throw err;
  }
}
