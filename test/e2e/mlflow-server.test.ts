// A tracking server in the real workbench (code-server + Chromium): the test MLflow server
// (test/support/mlflow-test-server.ts) configured in runlens.mlflowServers with an experiment filter, its
// runs in the Runs view next to a local MLflow store, and Curves drawn from server runs (histories over REST);
// a second server added through "Add MLflow Server…" and its prompts; the first one stopped: its runs stay
// listed, the source marked offline.
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { Page } from 'playwright-core';
import { writeMlflowFileStore } from '../../src/demo/writers/mlflow-file';
import { MlflowTestServer } from '../support/mlflow-test-server';
import { generatedRuns, storeOf } from '../support/mlflow-test-store';
import { startSession, type WorkbenchSession } from './session';
import { runCommand, webviewFrame } from './workbench';
import { collapseRunsView, openRunsView, sourceAction, waitForCurves } from './workbench-runlens';

describe('MLflow tracking server in VS Code', { timeout: 600_000 }, () => {
  let session: WorkbenchSession | undefined;
  let server: MlflowTestServer;
  /** The server added through the prompts. */
  let added: MlflowTestServer | undefined;
  let page: Page;

  before(async () => {
    server = new MlflowTestServer(storeOf(generatedRuns(40, 30)));
    const url = await server.start();
    session = await startSession({
      workspace: (tmp) => {
        const ws = join(tmp, 'ws');
        mkdirSync(ws, { recursive: true });
        writeMlflowFileStore(join(ws, 'mlruns'), generatedRuns(3, 10).map((r) => ({ ...r, id: `local${r.id.slice(5)}`, experiment: 'local' })));
        return ws;
      },
      settings: { 'runlens.mlflowServers': [{ name: 'team', url, experiment: 'sweep-1' }] },
    });
    page = session.page;
  });
  after(async () => {
    await session?.close();
    await server?.stop();
    await added?.stop();
  });

  /** Types one answer into the open input box once its title says which prompt it is. */
  async function answer(title: string, text: string): Promise<void> {
    await page.locator('.quick-input-widget .quick-input-title', { hasText: title }).waitFor({ timeout: 30_000 });
    const input = page.locator('.quick-input-widget input');
    await input.fill(text);
    await input.press('Enter');
  }

  test('the Runs view lists the server’s runs next to the local store', async () => {
    try {
      await openRunsView(page);
      await collapseRunsView(page);
      // sweep-1 holds runs 1, 6, 11, … of the 40 generated: 8 runs.
      await page.locator('.monaco-list-row[aria-level="1"]', { hasText: /^MLflow server\s*team › sweep-1.*8 runs/ }).first().waitFor({ timeout: 120_000 });
      await page.locator('.monaco-list-row[aria-level="1"]', { hasText: /^MLflow.*mlruns.*3 runs/ }).first().waitFor({ timeout: 60_000 });
      assert.ok(server.count('runs/search') >= 1);
      assert.ok(server.requests.every((r) => r.endpoint !== 'runs/search' || JSON.stringify(r.body?.experiment_ids) === JSON.stringify([server.store.experiments.find((e) => e.name === 'sweep-1')!.id])));
      await session!.shot('mlflow-server-runs-view.png');
    } catch (err) {
      await session?.shot('failure-mlflow-server-runs-view.png').catch(() => {});
      throw err;
    }
  });

  test('Curves opens on the server runs and draws both metrics of all 8', async () => {
    try {
      await sourceAction(page, /^MLflow server/, 'Tick All Runs');
      await runCommand(page, 'Runlens: Compare Selected Runs');
      const frame = await webviewFrame(page, '#grid', 60_000);
      const r = await waitForCurves(frame, (x) => x.complete && x.runs === 8 && x.seriesTotal === 16, 120_000);
      assert.equal(r.charts, 2, 'loss and val/acc');
      assert.ok(server.count('metrics/get-history') + server.count('metrics/get-history-bulk-interval') > 0, 'points came over REST');
      await session!.shot('mlflow-server-curves.png');
    } catch (err) {
      await session?.shot('failure-mlflow-server-curves.png').catch(() => {});
      throw err;
    }
  });

  test('"Add MLflow Server…" asks URL, name and experiment, tests the connection, and lists the new server', async () => {
    try {
      added = new MlflowTestServer(storeOf(generatedRuns(5, 10)));
      const url = await added.start();
      await runCommand(page, 'Runlens: Add MLflow Server…');
      await answer('Add MLflow Server (1/3)', url);
      await answer('Add MLflow Server (2/3)', 'lab');
      await answer('Add MLflow Server (3/3)', '');
      await page.locator('.monaco-list-row[aria-level="1"]', { hasText: /^MLflow server.*5 runs/ }).first().waitFor({ timeout: 120_000 });
      assert.equal(await page.locator('.monaco-list-row[aria-level="1"]', { hasText: /^MLflow server/ }).count(), 2, 'both servers are sources');
      assert.ok(added.count('runs/search') >= 1, 'the added server was listed');
      await session!.shot('mlflow-server-added.png');
    } catch (err) {
      await session?.shot('failure-mlflow-server-added.png').catch(() => {});
      throw err;
    }
  });

  test('a server that stops answering keeps its runs listed, its source marked offline', async () => {
    try {
      await server.stop();
      await runCommand(page, 'Runlens: Refresh Index');
      const offline = page.locator('.monaco-list-row[aria-level="1"]', { hasText: /^MLflow server.*offline.*8 runs/ });
      await offline.first().waitFor({ timeout: 120_000 });
      assert.equal(await page.locator('.monaco-list-row[aria-level="1"]', { hasText: /offline/ }).count(), 1, 'only the stopped server is offline');
      assert.ok(await offline.first().locator('.codicon-cloud-offline').count(), 'the offline cloud icon');
      // Its runs are still there to open: expand the source (it was expanded by Tick All Runs, or expand it).
      if ((await offline.first().getAttribute('aria-expanded')) !== 'true') await offline.first().click();
      await page.locator('.monaco-list-row[aria-level="2"]', { hasText: 'run-36' }).first().waitFor({ timeout: 30_000 });
      // Widen the side bar so the source's description (· offline · 8 runs) is readable in the screenshot.
      const bar = await page.locator('.part.sidebar').boundingBox();
      if (bar) {
        await page.mouse.move(bar.x + bar.width, bar.y + bar.height / 2);
        await page.mouse.down();
        await page.mouse.move(bar.x + bar.width + 260, bar.y + bar.height / 2, { steps: 5 });
        await page.mouse.up();
      }
      await session!.shot('mlflow-server-offline.png');
    } catch (err) {
      await session?.shot('failure-mlflow-server-offline.png').catch(() => {});
      throw err;
    }
  });
});
