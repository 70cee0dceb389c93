// The Runs Table bundle in headless Chromium behind the real CSP, fed by a fake host that computes with the
// panel's own host code (table-fixture): the grid keeps only visible cells in the DOM; sort, filter (run
// query language), seed groups that expand; the header menu changes a column's summary; approximate and NaN
// cells; row selection posts the shared selection; the selection chip; side-by-side comparison; the story
// pivot (F1 by language at the English-best checkpoint, grouped by learning rate, seeds collapsed) exported
// as LaTeX. Screenshots: test-artifacts/table-*.png.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { CHROMIUM_SKIP, openPanel, type PanelPage } from './harness';
import { tableFixture, type TableFixture } from './table-fixture';
import type { TableToHost } from '../../src/protocol/table';

const skip = CHROMIUM_SKIP;
let fx: TableFixture;
let p: PanelPage;

async function answerRequests(): Promise<void> {
  // the fake host: answer every request the webview posted that has no reply yet
  const sent = (await p.sent()) as TableToHost[];
  for (const m of sent) {
    if ((m.type === 'pivot' || m.type === 'filter' || m.type === 'export') && !answered.has(m.id)) {
      answered.add(m.id);
      const reply = await fx.answer(m);
      if (reply) await p.post(reply);
    }
  }
}
const answered = new Set<number>();

async function until(check: () => Promise<boolean>, what: string, ms = 10_000): Promise<void> {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    await answerRequests();
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`timed out waiting for ${what}`);
}

const text = (sel: string) => p.page.locator(sel).first().innerText();
const count = (sel: string) => p.page.locator(sel).count();

before(async () => {
  if (skip) return;
  fx = await tableFixture();
  p = await openPanel('table', { width: 1300, height: 760 });
  await until(async () => (await p.sent()).some((m) => m.type === 'ready'), 'ready');
  await p.post(...(await fx.messages()));
  await until(async () => (await text('.tabs .status')).includes('240 of 240'), 'the table');
});

after(async () => {
  if (!skip) await p.close();
});

test('only visible rows and columns are in the DOM; the header and first column are sticky', { skip }, async () => {
  const cells = await count('.vgrid-body > .vgrid-cell');
  assert.ok(cells > 0 && cells < 60 * 8, `${cells} body cells for 240 rows × 7 columns`);
  await p.page.locator('.vgrid').evaluate((g) => { g.scrollTop = 3000; });
  await p.page.waitForTimeout(100);
  const rows = await p.page.locator('.vgrid-first .vgrid-cell').evaluateAll((els) => els.map((e) => Number((e as HTMLElement).dataset.row)));
  assert.ok(Math.min(...rows) > 50, `rows drawn after scrolling: ${Math.min(...rows)}..${Math.max(...rows)}`);
  const headerTop = await p.page.locator('.vgrid-header').evaluate((h) => h.getBoundingClientRect().top - h.parentElement!.getBoundingClientRect().top);
  assert.equal(Math.round(headerTop), 0, 'the header stays at the top');
  await p.page.locator('.vgrid').evaluate((g) => { g.scrollTop = 0; });
});

test('sort by a metric column puts the best English F1 first; NaN and empty cells last', { skip }, async () => {
  const header = p.page.locator('.vgrid-hcell .col-label', { hasText: /^f1_en:best$/ });
  await header.click();
  await header.click(); // descending
  await until(async () => (await p.sent()).some((m) => m.type === 'timing' && m.action === 'sort'), 'sort timing');
  const values = fx.rows.map((r) => r.values['f1_en:best']).filter((v): v is number => typeof v === 'number' && Number.isFinite(v));
  const top = Math.max(...values);
  const first = await p.page.locator('.vgrid-body > .vgrid-cell[data-row="0"][data-col="4"]').innerText();
  assert.equal(Number(first), Number(top.toPrecision(4)));
  await p.screenshot('table-sorted.png');
});

test('filter with the run query language; a parse error shows where', { skip }, async () => {
  await p.page.locator('.table-filter').fill('learning_rate=3e-5 and model_name~xlm');
  await until(async () => (await text('.tabs .status')).startsWith('24 of 240'), '24 runs');
  await p.page.locator('.table-filter').fill('learning_rate=(');
  await until(async () => (await count('.query-error')) > 0, 'the error');
  assert.match(await text('.query-error'), /at character/);
  await p.page.locator('.table-filter').fill('');
  await until(async () => (await text('.tabs .status')).startsWith('240 of 240'), 'all runs');
});

test('filter with metric terms: the host evaluates them on the indexed series summaries', { skip }, async () => {
  const best = fx.rows.map((r) => r.values['f1_en:best']).filter((v): v is number => typeof v === 'number' && Number.isFinite(v));
  const cut = [...best].sort((a, b) => a - b)[Math.floor(best.length / 2)];
  const expected = fx.rows.filter((r) => Number(r.run.params.learning_rate) === 3e-5 && typeof r.values['f1_en:best'] === 'number' && (r.values['f1_en:best'] as number) > cut).length;
  assert.ok(expected > 0 && expected < 60, `${expected} runs expected`);
  await p.page.locator('.table-filter').fill(`learning_rate=3e-5 and f1_en:best > ${cut}`);
  await until(async () => (await text('.tabs .status')).startsWith(`${expected} of 240`), `${expected} runs with f1_en:best > ${cut}`);
  const asked = ((await p.sent()) as TableToHost[]).filter((m) => m.type === 'filter');
  assert.ok(asked.length >= 1, 'the webview asked the host');
  // count(…) reads the summaries too; a metric no run logged keeps none
  await p.page.locator('.table-filter').fill('count(f1_en) >= 1');
  await until(async () => (await text('.tabs .status')).startsWith('240 of 240'), 'every run logged f1_en');
  await p.page.locator('.table-filter').fill('count(no_such_metric) >= 1');
  await until(async () => (await text('.tabs .status')).startsWith('0 of 240'), 'no run logged it');
  await p.page.locator('.table-filter').fill('');
  await until(async () => (await text('.tabs .status')).startsWith('240 of 240'), 'all runs');
});

test('seed groups show n and median [min, max]; a group expands to its runs', { skip }, async () => {
  await p.page.locator('.group-toggle').check();
  await until(async () => (await count('.vgrid-cell-first.group-row')) > 0, 'group rows');
  const first = await text('.vgrid-cell-first.group-row');
  assert.match(first, /\(n=4\)/, first);
  const stats = await p.page.locator('.vgrid-body > .vgrid-cell.group-row.stats').first().innerText();
  assert.match(stats, /^[\d.]+ \[[\d.]+, [\d.]+\]$/, stats);
  await p.page.locator('.vgrid-cell-first.group-row').first().click();
  await until(async () => (await count('.vgrid-cell-first.member')) === 4, 'four member rows');
  await p.screenshot('table-groups.png');
  await p.page.locator('.vgrid-cell-first.group-row').first().click();
  await p.page.locator('.group-toggle').uncheck();
});

test('approximate and NaN cells say so', { skip }, async () => {
  // the diverged run (lr 1e-4, seed 3) logged NaN/inf train loss
  await p.page.locator('.table-filter').fill('learning_rate=1e-4 and seed=3');
  await until(async () => (await text('.tabs .status')).startsWith('12 of'), 'diverged runs');
  const special = await p.page.locator('.vgrid-body > .vgrid-cell.special').allInnerTexts();
  assert.ok(special.some((t) => t === 'NaN' || t === '∞'), `special cells: ${special.join(',')}`);
  await p.page.locator('.table-filter').fill('');
  await until(async () => (await text('.tabs .status')).startsWith('240 of 240'), 'all runs');
});

test('the header menu changes a summary: the webview asks for the new column', { skip }, async () => {
  await p.page.locator('.vgrid-hcell', { hasText: 'train_loss:last' }).locator('.col-menu').click();
  await p.page.locator('.header-menu .menu-item', { hasText: /^min$/ }).click();
  const states = (await p.sent()).filter((m) => m.type === 'state') as Array<Extract<TableToHost, { type: 'state' }>>;
  assert.ok(states.at(-1)!.state.columns.includes('train_loss:min'), JSON.stringify(states.at(-1)!.state.columns));
  await p.post(...(await fx.messages(states.at(-1)!.state.columns)));
  await until(async () => (await count('.vgrid-hcell .col-label:text-is("train_loss:min")')) === 1, 'the new column');
});

test('runlens.metricGoals: with f1_en set to "min", the f1_en:best cell shows the run\'s lowest F1', { skip }, async () => {
  const states = (await p.sent()).filter((m) => m.type === 'state') as Array<Extract<TableToHost, { type: 'state' }>>;
  const columns = states.at(-1)?.state.columns.length ? states.at(-1)!.state.columns : undefined;
  await fx.messages(columns);
  const highest = fx.rows[0];
  const name = highest.run.name;
  const maxBest = highest.values['f1_en:best'] as number;
  const flipped = await fx.messages(columns, { f1_en: 'min' });
  const minBest = fx.rows.find((r) => r.run.key === highest.run.key)!.values['f1_en:best'] as number;
  assert.ok(minBest < maxBest, `the run's lowest F1 ${minBest} is below its highest ${maxBest}`);
  await p.page.locator('.table-filter').fill(`name="${name}"`);
  await until(async () => (await text('.tabs .status')).startsWith('1 of'), 'the one run');
  const cellOf = async () => {
    const col = await p.page.locator('.vgrid-hcell', { has: p.page.locator('.col-label:text-is("f1_en:best")') }).getAttribute('data-col');
    return Number(await p.page.locator(`.vgrid-body > .vgrid-cell[data-row="0"][data-col="${col}"]`).innerText());
  };
  assert.equal(await cellOf(), Number(maxBest.toPrecision(4)), 'by name f1 is higher-is-better');
  await p.post(...flipped);
  await until(async () => (await cellOf()) === Number(minBest.toPrecision(4)), 'the flipped best');
  await p.post(...(await fx.messages(columns)));
  await p.page.locator('.table-filter').fill('');
  await until(async () => (await text('.tabs .status')).startsWith('240 of 240'), 'all runs');
});

test('selecting rows sets the shared selection; compare shows param diffs and deltas', { skip }, async () => {
  const firstCells = p.page.locator('.vgrid-first .vgrid-cell');
  await firstCells.nth(0).click();
  await firstCells.nth(1).click({ modifiers: ['Control'] });
  await firstCells.nth(2).click({ modifiers: ['Control'] });
  const selects = (await p.sent()).filter((m) => m.type === 'select') as unknown as Array<{ keys: string[] }>;
  assert.equal(selects.at(-1)!.keys.length, 3);
  assert.ok((await count('.vgrid-cell.highlighted')) > 0, 'the clicked run is bold');
  await p.page.locator('.open-curves').click();
  assert.ok((await p.sent()).some((m) => m.type === 'openInCurves' && (m.keys as string[]).length === 3));
  await p.page.locator('.compare-button').click();
  await until(async () => (await count('.compare-table')) === 1, 'the comparison');
  assert.match(await text('.compare-table'), /Params that differ/);
  assert.ok((await count('.compare-table .delta')) > 0, 'metric deltas');
  await p.screenshot('table-compare.png');
  await p.page.locator('.tab[data-tab="table"]').click();
});

test('a selection made elsewhere filters the table, with a chip that clears it', { skip }, async () => {
  const keys = fx.runs.slice(0, 5).map((r) => r.key);
  await p.post({ type: 'selection', keys, origin: 'curves' });
  await until(async () => (await text('.tabs .status')).startsWith('5 of 240'), 'five runs');
  assert.match(await text('.selection-chip'), /filtered to selection \(5\)/);
  await p.page.locator('.selection-chip .chip-clear').click();
  await until(async () => (await text('.tabs .status')).startsWith('240 of 240'), 'all runs');
});

test('story: pivot of F1 by language at the English-best checkpoint, grouped by learning rate, exported as LaTeX', { skip }, async () => {
  await p.page.locator('.tab[data-tab="pivot"]').click();
  await p.page.locator('.pivot-metric').selectOption('f1');
  await p.page.locator('.pivot-by').selectOption('suffix');
  await p.page.locator('.pivot-summary').fill('at(f1_en:best)');
  await p.page.locator('.pivot-groupby').fill('learning_rate');
  await p.page.locator('.pivot-build').click();
  await until(async () => (await count('.pivot-table')) === 1, 'the pivot');
  const headers = await p.page.locator('.pivot-table th').allInnerTexts();
  assert.deepEqual(headers, ['learning_rate', 'ar', 'de', 'en', 'es', 'nl', 'zh']);
  assert.equal(await count('.pivot-table tbody tr'), 5, 'one row per learning rate');
  assert.equal(await count('.pivot-table td.best'), 6, 'one best per language');
  const n = await p.page.locator('.pivot-table td .n').first().innerText();
  assert.equal(n.trim(), 'n=48', 'seeds and settings collapsed: 2 models × 4 seeds × 6 settings per learning rate');
  await p.screenshot('table-pivot.png');
  await p.page.locator('.pivot-format').selectOption('latex');
  await p.page.locator('.pivot-copy').click();
  await until(async () => fx.lastExport() !== undefined, 'the export');
  const latex = fx.lastExport()!;
  assert.match(latex, /\\begin\{tabular\}\{lrrrrrr\}/);
  assert.match(latex, /\\textbf\{/);
  assert.match(latex, /^group & ar & de & en & es & nl & zh \\\\$/m);
  assert.match(latex, /^learning\\_rate=0.00001 & /m);
  await until(async () => (await count('.notice')) === 1, 'the notice');
});
