// Pivot maths and the exported text (golden Markdown / LaTeX / CSV).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { IndexedRun } from '../../../src/core/index/types';
import type { RunRow } from '../../../src/core/runs/column-values';
import { parseColumn } from '../../../src/core/runs/columns';
import { groupRows } from '../../../src/core/runs/groups';
import { buildPivot, pivotLayout, pivotRanks } from '../../../src/core/runs/pivot';
import { groupsCsv, groupsGrid, pivotCsv, pivotGrid, runsGrid, toLatex, toMarkdown } from '../../../src/core/runs/export';
import { pivotJson } from '../../../src/core/runs/table-json';

const langs = ['de', 'en'];
function fakeRun(lr: string, seed: string): IndexedRun {
  return {
    format: 'mlflow-file', id: `${lr}-${seed}`, name: `lr${lr}_s${seed}`, experiment: 'x', status: 'finished', path: '/p', root: '/', key: seed, tags: {}, checkpoints: [],
    params: { lr, seed },
    series: langs.map((l) => ({ key: `f1_${l}`, context: {} })),
  } as unknown as IndexedRun;
}
function row(lr: string, seed: string, de: number, en: number): RunRow {
  return { run: fakeRun(lr, seed), values: { 'f1_de:best': de, 'f1_en:best': en }, steps: {}, approximate: {} };
}
const rows = [row('1', 'a', 0.6, 0.8), row('1', 'b', 0.7, 0.9), row('2', 'a', 0.5, 0.95), row('2', 'b', 0.5, 0.85), row('3', 'a', 0.1, 0.2)];

test('suffix pivot: columns from f1_<x> keys, cells over the group, average per run first', () => {
  const spec = { metric: 'f1', by: 'suffix', summary: 'best' };
  const layout = pivotLayout(rows.map((r) => r.run), spec);
  assert.equal(layout.mode, 'suffix');
  assert.deepEqual(layout.labels, ['de', 'en']);
  assert.deepEqual(layout.columns.map((c) => c.id), ['f1_de:best', 'f1_en:best']);
  const p = buildPivot(spec, layout, rows, { groupBy: ['lr'], average: true });
  assert.equal(p.goal, 'max');
  assert.deepEqual(p.rows.map((r) => r.group), [{ lr: '1' }, { lr: '2' }, { lr: '3' }]);
  const de = p.rows[0].cells.de;
  assert.equal(de.n, 2);
  assert.ok(Math.abs(de.mean - 0.65) < 1e-12 && Math.abs(de.sd - Math.sqrt(0.005)) < 1e-12);
  // per-run averages 0.7 and 0.8 → mean 0.75
  assert.ok(Math.abs(p.rows[0].average!.mean - 0.75) < 1e-12);
  assert.deepEqual(pivotRanks(p, 'median'), { de: { best: 0, second: 1 }, en: { best: 1, second: 0 }, average: { best: 0, second: 1 } });
  const json = pivotJson(p, 'median') as { pivot: { columns: string[]; rows: Array<{ cells: Record<string, { sd: unknown; n: number }> }> } };
  assert.deepEqual(json.pivot.columns, ['de', 'en']);
  // one run: no sample sd
  assert.equal(json.pivot.rows[2].cells.de.sd, null);
});

test('suffix pivot of a Trainer log: f1 finds eval_f1_de, eval_f1_en', () => {
  const hf = { params: {}, series: [{ key: 'eval_f1_en', context: {} }, { key: 'eval_f1_de', context: {} }, { key: 'eval_loss', context: {} }] };
  const layout = pivotLayout([hf], { metric: 'f1', by: 'suffix', summary: 'at(eval_f1_en:best)' });
  assert.deepEqual(layout.columns.map((c) => c.id), ['eval_f1_de:at(eval_f1_en:best)', 'eval_f1_en:at(eval_f1_en:best)']);
});

test('context pivot and param pivot', () => {
  const ctxRun = { params: {}, series: [{ key: 'f1', context: { lang: 'en', split: 'dev' } }, { key: 'f1', context: { lang: 'de', split: 'dev' } }] };
  const layout = pivotLayout([ctxRun], { metric: 'f1', by: 'lang', summary: 'at(f1[lang=en,split=dev]:best)' });
  assert.equal(layout.mode, 'context');
  assert.deepEqual(layout.columns.map((c) => c.id), ['f1[lang=de,split=dev]:at(f1[lang=en,split=dev]:best)', 'f1[lang=en,split=dev]:at(f1[lang=en,split=dev]:best)']);
  const byParam = pivotLayout(rows.map((r) => r.run), { metric: 'f1_de', by: 'lr', summary: 'best' });
  assert.equal(byParam.mode, 'param');
  assert.deepEqual(byParam.labels, ['1', '2', '3']);
  const p = buildPivot({ metric: 'f1_de', by: 'lr', summary: 'best' }, byParam, rows, { groupBy: ['lr'] });
  // the pivot param is not a row key: one row, one cell per lr, nothing marked best
  assert.equal(p.rows.length, 1);
  assert.deepEqual(pivotRanks(p, 'median'), { '1': {}, '2': {}, '3': {} });
  assert.deepEqual(Object.values(p.rows[0].cells).map((c) => c.n), [2, 2, 1]);
});

const pivot = () => {
  const spec = { metric: 'f1', by: 'suffix', summary: 'best' };
  return buildPivot(spec, pivotLayout(rows.map((r) => r.run), spec), rows, { groupBy: ['lr'] });
};

test('golden Markdown: best bold, second underlined, log text escaped', () => {
  assert.equal(
    toMarkdown(pivotGrid(pivot(), 'median')),
    [
      '| group | de | en |',
      '| --- | ---: | ---: |',
      '| lr=1 | **0.65 [0.6, 0.7]** | <u>0.85 [0.8, 0.9]</u> |',
      '| lr=2 | <u>0.5 [0.5, 0.5]</u> | **0.9 [0.85, 0.95]** |',
      '| lr=3 | 0.1 | 0.2 |',
      '',
    ].join('\n'),
  );
  const columns = [parseColumn('params.lr')];
  const evil = [{ ...row('a|b*_c_', 's', 0, 0), values: { 'params.lr': 'a|b *_c_ <x>' } }];
  assert.match(toMarkdown(groupsGrid(columns, groupRows(evil, columns, []), 'mean')), /a\\\|b \\\*\\_c\\_ \\<x\\>/);
});

test('golden LaTeX: booktabs, $\\pm$, \\textbf, escaped names', () => {
  assert.equal(
    toLatex(pivotGrid(pivot(), 'mean')),
    [
      '\\begin{tabular}{lrr}',
      '\\toprule',
      'group & de & en \\\\',
      '\\midrule',
      'lr=1 & \\textbf{0.65 $\\pm$ 0.07071} & \\underline{0.85 $\\pm$ 0.07071} \\\\',
      'lr=2 & \\underline{0.5 $\\pm$ 0} & \\textbf{0.9 $\\pm$ 0.07071} \\\\',
      'lr=3 & 0.1 & 0.2 \\\\',
      '\\bottomrule',
      '\\end{tabular}',
      '',
    ].join('\n'),
  );
});

test('CSV: value plus _min, _max, _sd, _n at full precision', () => {
  assert.equal(
    pivotCsv(pivot(), ['lr'], 'mean'),
    [
      'lr,de,de_min,de_max,de_sd,de_n,en,en_min,en_max,en_sd,en_n',
      // full double precision, as the float sums give them ((0.6 + 0.7) / 2 is 0.6499999999999999)
      '1,0.6499999999999999,0.6,0.7,0.07071067811865474,2,0.8500000000000001,0.8,0.9,0.07071067811865474,2',
      '2,0.5,0.5,0.5,0,2,0.8999999999999999,0.85,0.95,0.07071067811865474,2',
      '3,0.1,0.1,0.1,,1,0.2,0.2,0.2,,1',
      '',
    ].join('\n'),
  );
  const columns = [parseColumn('params.lr'), parseColumn('f1_de:best')];
  const named = [{ ...row('1', 'a', 0.6, 0), values: { 'params.lr': 'x,"y"', 'f1_de:best': NaN } }];
  assert.equal(groupsCsv(columns, groupRows(named, columns, []), [], 'median'), 'n,params.lr,f1_de:best,f1_de:best_min,f1_de:best_max,f1_de:best_sd,f1_de:best_n\n1,"x,""y""",,,,,0\n');
});


test('an approximate value is shown with ≈ in the run table', () => {
  const columns = [parseColumn('f1_de:at(f1_en:best)')];
  const r: RunRow = { run: fakeRun('1', 'a'), values: { 'f1_de:at(f1_en:best)': 0.5 }, steps: { 'f1_de:at(f1_en:best)': 1 }, approximate: { 'f1_de:at(f1_en:best)': { step: 1, requestedStep: 2 } } };
  const exact: RunRow = { ...r, approximate: {} };
  assert.equal(runsGrid(columns, [r, exact]).rows.map((x) => x[1].text).join(' '), '≈0.5 0.5');
});
