// A tracking server in the real workbench (code-server + Chromium): the test MLflow server
// (test/support/mlflow-test-server.ts) configured in runlens.mlflowServers with an experiment filter, its
// runs in the Runs view next to a local MLflow store, and Curves drawn from server runs (histories over REST).
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
  });

  test('the Runs view lists the server’s runs next to the local store', async () => {
    try {
      await openRunsView(page);
      await collapseRunsView(page);
      // sweep-1 holds runs 1, 6, 11, … of the 40 generated: 8 runs.
      await page.locator('.monaco-list-row[aria-level="1"]', { hasText: /^MLflow server.*8 runs/ }).first().waitFor({ timeout: 120_000 });
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
});
