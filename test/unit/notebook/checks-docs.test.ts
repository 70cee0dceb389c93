import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyse, code, md, of, WELL_DOCUMENTED } from './nb';

const SECTIONS = ['Introduction', 'Setup', 'Preprocessing', 'Model', 'Training', 'Evaluation', 'Interpretation', 'Tools used'];

test('markdown-syntax: ##Heading without a space fires with a quick fix; code fences, #! and level jumps', () => {
  const r = analyse([md('# Title\n##1. Load Data\n```\n#comment in code\n```\n#!shebang'), md('#### Deep')]);
  const found = of(r, 'markdown-syntax');
  const bad = found.find((f) => f.severity === 'warning')!;
  assert.match(bad.message, /`##1. Load Data` is not a heading/);
  assert.deepEqual(bad.fixes?.[0], { kind: 'replace', title: 'Add a space: ## 1. Load Data', cell: 0, range: { line: 1, column: 0, endLine: 1, endColumn: 2 }, text: '## ' });
  assert.equal(found.filter((f) => f.severity === 'warning').length, 1, 'fenced code and #! are not headings');
  assert.ok(found.some((f) => f.severity === 'info' && /jumps from level 2 to level 4/.test(f.message)));
  assert.equal(of(analyse([md('# Title\n## Part')]), 'markdown-syntax').length, 0);
  assert.equal(of(analyse([md('# T\n```python\nx = 1\n')]), 'markdown-syntax').length, 1, 'unclosed fence');
});

test('broken-link: missing attachment, anchor to no heading, empty target; reused link text is info', () => {
  const r = analyse([
    md('# Results\n![plot](attachment:plot.png) [see](#nowhere) [ok](#results) [todo]() [A](https://a.org/1) [A](https://a.org/2)'),
  ]);
  const found = of(r, 'broken-link');
  assert.ok(found.some((f) => f.severity === 'error' && /attachment/.test(f.message)));
  assert.ok(found.some((f) => /#nowhere/.test(f.message)));
  assert.ok(!found.some((f) => /#results/.test(f.message)));
  assert.ok(found.some((f) => /no target/.test(f.message)));
  assert.ok(found.some((f) => f.severity === 'info' && /"A" is used for 2 different targets/.test(f.message)));
  const attached = analyse([md('![p](attachment:p.png)', { attachments: { 'p.png': { 'image/png': 'AAAA' } } })]);
  assert.equal(of(attached, 'broken-link').length, 0);
});

test('title-and-name: a first code cell or no H1 warns (with a quick fix); poor file names are info', () => {
  const r = analyse([code('x = 1', { count: 1 })], { fileName: 'Untitled1 copy.ipynb' });
  const found = of(r, 'title-and-name');
  assert.equal(found.find((f) => f.severity === 'warning')?.fixes?.[0].kind, 'insert-cell');
  assert.match(found.find((f) => f.severity === 'info')!.message, /Untitled.*spaces/);
  const good = analyse([md('##### Copyright'), md('text'), md('# Real title')], { fileName: 'text_summaries.ipynb' });
  assert.equal(of(good, 'title-and-name').length, 0, 'an H1 in the first three cells after a copyright cell is fine');
});

test('required-section-missing: one warning per missing section; synonyms, numbering and any order of words count', () => {
  const none = analyse([md('# Title'), code('x = 1', { count: 1 })]);
  assert.equal(of(none, 'required-section-missing').filter((f) => f.severity === 'warning').length, 8);
  const all = analyse([
    md('# Project'),
    md('## 1. Overview'),
    md('## Installation'),
    md('## Load Data'),
    md('## Approach'),
    md('## Fine-tuning'),
    md('## Results'),
    md('## Conclusion'),
    md('### Tools and Resources Used'),
  ]);
  assert.deepEqual(of(all, 'required-section-missing').map((f) => f.message), []);
  const analysis = analyse([md('# P'), md('## Question Length Analysis')]);
  assert.ok(of(analysis, 'required-section-missing').some((f) => /Interpretation/.test(f.message)), '"Analysis" alone is not Interpretation');
  assert.equal(of(none, 'required-section-missing', ).length, SECTIONS.length);
  assert.ok(of(analyse([md('# P'), md('# Introduction'), code('x', { count: 1 })], { profile: 'publish' }), 'required-section-missing').every((f) => f.severity === 'info'), 'publish relaxes sections to info');
});

test('introduction-incomplete: lists what the Introduction does not mention', () => {
  const r = analyse([md('# P'), md('## Introduction\n\nWe classify reviews with a BERT model.')]);
  assert.match(of(r, 'introduction-incomplete')[0].message, /data, experiments, results, tracking link/);
  const complete = analyse([md('# P\n## Introduction\nWe classify reviews from the IMDB dataset with a BERT model; a sweep over learning rates reached accuracy of 91.2%. Runs: https://wandb.ai/team/proj/runs/abc12345')]);
  assert.equal(of(complete, 'introduction-incomplete').length, 0);
});

test('documentation-density: too few markdown cells, or long runs of code', () => {
  const code9 = Array.from({ length: 9 }, (_, i) => code(`x${i} = ${i}`, { count: i + 1 }));
  assert.match(of(analyse(code9), 'documentation-density')[0].message, /Only 0 markdown cells for 9 code cells/);
  const run = analyse([...WELL_DOCUMENTED, md('a'), md('b'), ...code9]);
  assert.match(of(run, 'documentation-density')[0].message, /9 code cells in a row/);
  const fine = analyse([md('# T'), code('x = 1', { count: 1 }), md('next'), code('y = 2', { count: 2 })]);
  assert.equal(of(fine, 'documentation-density').filter((f) => f.severity !== 'info').length, 0);
});

test('acknowledgment-missing: fires without references or AI statement; a References heading or "No AI tools were used" passes', () => {
  assert.equal(of(analyse([md('# T'), code('x', { count: 1 })]), 'acknowledgment-missing').length, 1);
  assert.equal(of(analyse([md('# T\n## References\n- a paper')]), 'acknowledgment-missing').length, 0);
  assert.equal(of(analyse([md('# T\nNo AI tools were used for this project.')]), 'acknowledgment-missing').length, 0);
  assert.equal(of(analyse([md('# T\nParts of the code were written with ChatGPT.')]), 'acknowledgment-missing').length, 0);
});

test('placeholder-text: TODO, lorem ipsum and "Link: TODO" warn; struck-out text is info; lower-case "to do" is not a placeholder', () => {
  const r = analyse([md('W&B Link: TODO'), md('Batch size: ~~64~~ 8'), md('Things to do next week.')]);
  assert.deepEqual(of(r, 'placeholder-text').map((f) => [f.cell, f.severity]), [[0, 'warning'], [1, 'info']]);
  assert.equal(of(analyse([code('x = 1  # TODO tidy', { count: 1 })]), 'placeholder-text')[0].severity, 'info');
});
