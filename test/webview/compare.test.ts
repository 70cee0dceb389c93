// The Compare panel bundle in headless Chromium with a fake host that posts what the real host computes on
// the demo workspace (core/compare/run-analyses over the demo's MLflow store): both tabs drawn (seed dots,
// tables, verdicts, the selection chart), picking a group posts its runs, export buttons send the request,
// the state survives a reload, hostile run names stay text. Screenshots: test-artifacts/compare-*.png.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, test } from 'node:test';
import { indexPaths } from '../../src/cli/index-paths';
import { compareRuns, selectRuns } from '../../src/core/compare/run-analyses';
import type { CompareJson } from '../../src/core/compare/compare-groups';
import { readerSeries } from '../../src/core/runs/column-values';
import type { SelectionJson } from '../../src/core/selection/selection-json';
import { readerFor } from '../../src/core/sources/registry';
import { generateDemo } from '../../src/demo/generate';
import { compareViewState, type HostToCompare } from '../../src/protocol/compare';
import { CHROMIUM_SKIP, openPanel, type PanelPage } from './harness';

let dir = '';
let compare: CompareJson;
let selection: SelectionJson;
let runKeys: string[] = [];
const state = { ...compareViewState.parse({})!, metric: 'f1_de:at(f1_en:best)', by: ['learning_rate'], selectBy: 'f1_en', targets: ['f1_de', 'f1_es', 'f1_nl', 'f1_zh'] };
const options = { metrics: ['f1_en', 'f1_de', 'f1_es', 'f1_nl', 'f1_zh', 'eval_loss'], params: ['learning_rate', 'model_name', 'seed'], defaultBy: ['learning_rate'], runCount: 20 };

before(async () => {
  if (CHROMIUM_SKIP) return;
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'runlens-compare-web-'));
  await generateDemo(path.join(dir, 'demo'), 42);
  const { runs } = await indexPaths([path.join(dir, 'demo/mlruns')]);
  runKeys = runs.map((r) => r.key);
  const read = readerSeries(readerFor);
  const c = await compareRuns(runs, state.metric, state.by, read);
  const s = await selectRuns(runs, state.selectBy, state.targets, read);
  assert.ok(c.ok && s.ok);
  compare = c.json;
  selection = s.json;
});
after(() => dir && fs.rmSync(dir, { recursive: true, force: true }));

async function opened(extra: { state?: unknown } = {}): Promise<PanelPage> {
  const p = await openPanel('compare', { width: 1200, height: 900, ...extra });
  await p.page.waitForFunction('window.__sent.some((m) => m.type === "ready")');
  return p;
}

const messages = (): HostToCompare[] => [
  { type: 'state', state, options },
  { type: 'compare', result: compare },
  { type: 'selection', result: selection },
];

test('Compare tab: seed dots per group, the pairs with verdicts, picking a group selects its runs', { skip: CHROMIUM_SKIP, timeout: 120_000 }, async () => {
  const p = await opened();
  try {
    await p.post(...messages());
    await p.page.waitForSelector('table.pairs');
    assert.equal(await p.page.locator('svg circle').count(), 20); // 5 learning rates × 4 seeds
    assert.equal(await p.page.locator('table.pairs tbody tr').count(), 10);
    const verdicts = await p.page.locator('table.pairs td.verdict').allTextContents();
    assert.ok(verdicts.includes('within seed noise'), verdicts.join('\n'));
    assert.ok(verdicts.some((v) => /^A better \(p < 0\.001/.test(v)), verdicts.join('\n'));
    const header = await p.page.locator('table.pairs th').allTextContents();
    for (const h of ['Welch p', 'Holm p', 'CI low', 'CI high', 'Hedges g', 'P(A>B)', 'verdict']) assert.ok(header.includes(h), h);
    assert.equal(await p.page.locator('.warning').count(), 0);
    await p.screenshot('compare-groups.png');

    await p.page.locator('g.group-mark[data-group="2"]').click();
    const picked = (await p.sent()).filter((m) => m.type === 'pickRuns').pop() as unknown as { runKeys: string[] };
    assert.deepEqual(picked.runKeys.sort(), [...compare.groups[2].runKeys].sort());
    assert.ok(picked.runKeys.every((k) => runKeys.includes(k)));
    assert.equal(await p.page.locator('table.groups tbody tr:has(td.picked)').count(), 1);

    await p.page.locator('button[data-export="pairs:latex"]').click();
    const req = (await p.sent()).find((m) => m.type === 'export') as unknown as { id: number; table: string; format: string };
    assert.deepEqual([req.table, req.format], ['pairs', 'latex']);
    await p.post({ type: 'exported', id: req.id, path: '/tmp/pairs.tex' });
    await p.page.waitForSelector('text=saved /tmp/pairs.tex');

    // a grouping param chip sends the new state
    await p.page.locator('button.chip[data-param="seed"]').click();
    const set = (await p.sent()).filter((m) => m.type === 'setState').pop() as unknown as { state: { by: string[] } };
    assert.deepEqual(set.state.by, ['learning_rate', 'seed']);
  } finally {
    await p.close();
  }
});

test('Selection tab: the English-best model is not best on every language, with its regret; chart and table', { skip: CHROMIUM_SKIP, timeout: 120_000 }, async () => {
  const p = await opened();
  try {
    await p.post(...messages());
    await p.page.locator('button[data-tab="selection"]').click();
    await p.page.waitForSelector('table.selection');
    const summary = await p.page.locator('p.summary').textContent();
    assert.match(summary!, /is not the best on f1_de \(rank \d+ of \d+, regret [\d.]+\)/);
    const rows = await p.page.locator('table.selection tbody tr').count();
    assert.equal(rows, selection.targets.length + 1); // + the mean row
    const first = await p.page.locator('table.selection tbody tr').first().locator('td').allTextContents();
    assert.equal(first[0], 'f1_de');
    assert.equal(first[1], selection.targets[0].selected.runName);
    assert.equal(await p.page.locator('svg rect.bar-0').count(), 4);
    assert.equal(await p.page.locator('svg rect.bar-1').count(), 4);
    await p.screenshot('compare-selection.png');
    const rendered = JSON.parse((await p.page.evaluate('document.body.dataset.rendered')) as string);
    assert.deepEqual(rendered, { tab: 'selection', groups: 5, pairs: 10, targets: 4 });
  } finally {
    await p.close();
  }
});

test('warning when the groups differ in more params; hostile names stay text; the tab survives a reload', { skip: CHROMIUM_SKIP, timeout: 120_000 }, async () => {
  const p = await opened({ state: { ...state, tab: 'compare' } });
  try {
    const hostile = '<img src=x onerror="window.__pwned=1">';
    const bad: CompareJson = { ...compare, alsoDiffer: ['model_name'], groups: compare.groups.map((g) => ({ ...g, key: { learning_rate: `${g.key.learning_rate}${hostile}` }, runs: g.runs.map(() => hostile) })) };
    await p.post({ type: 'state', state, options }, { type: 'compare', result: bad });
    await p.page.waitForSelector('.warning');
    assert.match((await p.page.locator('.warning').textContent())!, /also differ in model_name/);
    assert.equal(await p.page.locator('img').count(), 0);
    assert.equal(await p.page.evaluate('window.__pwned'), undefined);
    await p.screenshot('compare-warning.png');
  } finally {
    await p.close();
  }
  const q = await opened({ state: { ...state, tab: 'selection' } });
  try {
    await q.post(...messages());
    await q.page.waitForSelector('table.selection');
  } finally {
    await q.close();
  }
});
