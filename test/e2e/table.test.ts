// The Runs Table in a real VS Code (code-server + Chromium) on the 240-run scale workspace (the same runs as an
// MLflow store and an Aim repo: 480 in the index): "Open Runs Table" from the palette, filter to the MLflow
// store with the run query language, sort by a metric column, then the story pivot — F1 by language at the
// English-best checkpoint, grouped by learning rate, seeds collapsed — whose every cell must be what
// `runlens table --pivot suffix --metric f1 --summary 'at(f1_en:best)' --group-by learning_rate --format json`
// computes. Screenshots: test-artifacts/table-e2e-*.png.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { Frame, Page } from 'playwright-core';
import { statsText } from '../../src/core/runs/export';
import { REPO } from '../../scripts/tools.mjs';
import { writeScaleWorkspace, type ScaleManifest } from '../vscode/workspace/scale-workspace';
import { startSession, type WorkbenchSession } from './session';
import { runCommand, webviewFrame } from './workbench';
import { collapseRunsView, openRunsView } from './workbench-runlens';

interface CliStats { n: number; mean: number; sd: number | null; median: number; min: number; max: number }

function cli(...args: string[]): unknown {
  const res = spawnSync(process.execPath, [join(REPO, 'dist', 'cli.js'), 'table', ...args], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  assert.equal(res.status, 0, res.stderr);
  return JSON.parse(res.stdout);
}

async function until<T>(probe: () => Promise<T | undefined | false>, what: string, ms = 60_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = await probe().catch(() => undefined);
    if (v) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

const statusOf = (frame: Frame) => frame.locator('.tabs .status').innerText();

describe('Runs Table in VS Code: 240 runs, sort, filter, the story pivot against the CLI', { timeout: 900_000 }, () => {
  let session: WorkbenchSession | undefined;
  let manifest: ScaleManifest;
  let page: Page;
  let frame: Frame;

  before(async () => {
    session = await startSession({
      workspace: async (tmp) => (manifest = await writeScaleWorkspace(join(tmp, 'ws240'), 240)).workspace,
      settings: { 'workbench.colorTheme': 'Default Dark Modern' },
      size: { width: 1600, height: 950 },
    });
    page = session.page;
  });
  after(async () => {
    await session?.close();
  });

  test('Open Runs Table shows every indexed run', async () => {
    await openRunsView(page);
    await collapseRunsView(page);
    for (const source of [/^Aim.*240 runs/, /^MLflow.*240 runs/]) await page.locator('.monaco-list-row[aria-level="1"]', { hasText: source }).first().waitFor({ timeout: 120_000 });
    await runCommand(page, 'Runlens: Open Runs Table');
    frame = await webviewFrame(page, '.vgrid', 60_000);
    await until(async () => (await statusOf(frame)).startsWith('480 of 480'), '480 runs in the table', 120_000);
    const cells = await frame.locator('.vgrid-cell').count();
    assert.ok(cells < 2000, `${cells} cells in the DOM for 480 rows`);
  });

  test('filter to the MLflow store with the run query language, sort by a metric column', async () => {
    await frame.locator('.table-filter').fill('format~mlflow');
    await until(async () => (await statusOf(frame)).startsWith('240 of 480'), '240 MLflow runs');
    const label = frame.locator('.vgrid-hcell .col-label', { hasText: /:best$/ }).first();
    const column = await label.innerText();
    await label.click();
    await label.click(); // descending
    const want = cli(join(manifest.workspace, 'mlruns'), '--columns', column, '--format', 'json') as { rows: Array<{ values: Record<string, number | string | null> }> };
    const best = Math.max(...want.rows.map((r) => r.values[column]).filter((v): v is number => typeof v === 'number'));
    const col = await label.evaluate((el) => (el.closest('.vgrid-hcell') as HTMLElement).dataset.col);
    const first = await until(async () => frame.locator(`.vgrid-body > .vgrid-cell[data-row="0"][data-col="${col}"]`).innerText(), 'the first row');
    assert.equal(Number(first), Number(best.toPrecision(4)), `${column}: the top row holds the best value`);
    await session!.shot('table-e2e-sorted.png');
  });

  test('the story pivot has the numbers the CLI prints', async () => {
    await frame.locator('.tab[data-tab="pivot"]').click();
    await frame.locator('.pivot-metric').selectOption('f1');
    await frame.locator('.pivot-by').selectOption('suffix');
    await frame.locator('.pivot-summary').fill('at(f1_en:best)');
    await frame.locator('.pivot-groupby').fill('learning_rate');
    await frame.locator('.pivot-build').click();
    await until(async () => (await frame.locator('.pivot-table tbody tr').count()) === manifest.learningRates.length, 'one pivot row per learning rate', 120_000);
    const { pivot } = cli(join(manifest.workspace, 'mlruns'), '--pivot', 'suffix', '--metric', 'f1', '--summary', 'at(f1_en:best)', '--group-by', 'learning_rate', '--format', 'json') as {
      pivot: { columns: string[]; rows: Array<{ group: Record<string, string>; cells: Record<string, CliStats> }>; ranks: Record<string, { best?: number }> };
    };
    const headers = await frame.locator('.pivot-table thead th').allInnerTexts();
    assert.deepEqual(headers, ['learning_rate', ...pivot.columns]);
    const rows = await frame.locator('.pivot-table tbody tr').evaluateAll((trs) => trs.map((tr) => [...tr.querySelectorAll('td')].map((td) => ({ stat: td.querySelector('.stat')?.textContent ?? td.textContent ?? '', n: td.querySelector('.n')?.textContent?.trim() ?? '', best: td.classList.contains('best') }))));
    pivot.rows.forEach((r, i) => {
      assert.equal(rows[i][0].stat, r.group.learning_rate);
      pivot.columns.forEach((label, j) => {
        const c = r.cells[label];
        const cell = rows[i][j + 1];
        assert.equal(cell.stat, statsText({ ...c, sd: c.sd ?? NaN }, 'median'), `lr ${r.group.learning_rate}, ${label}`);
        assert.equal(cell.n, `n=${c.n}`);
        assert.equal(cell.best, pivot.ranks[label]?.best === i, `best mark of ${label}`);
      });
    });
    await session!.shot('table-e2e-pivot.png');
  });
});
