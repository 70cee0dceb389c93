import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseJsonWithPositions, positionAt } from '../../../src/core/notebook/json-positions';
import { readNotebook } from '../../../src/core/notebook/read-notebook';
import { analyseNotebookText } from '../../../src/core/notebook/analyse';
import { code, md, notebookText, of, PY_META } from './nb';

test('json parser keeps values, offsets and reports duplicate keys', () => {
  const text = '{"a": [1, {"b": "x\\"y"}], "a": 2, "n": -1.5e3}';
  const r = parseJsonWithPositions(text);
  assert.equal(r.error, undefined);
  assert.deepEqual(r.value, { a: 2, n: -1500 });
  assert.deepEqual(r.duplicateKeys.map((d) => d.key), ['a']);
  const again = parseJsonWithPositions('[{"k": 1}, {"k": "\\u00e9"}]');
  const arr = again.value as object[];
  assert.equal(again.offsets.get(arr[1]), 11);
  assert.deepEqual(arr[1], { k: 'é' });
});

test('json syntax errors carry a 1-based line and column', () => {
  const r = parseJsonWithPositions('{\n  "a": 1,\n  "b" 2\n}');
  assert.ok(r.error);
  assert.equal(r.error.line, 3);
  assert.equal(r.error.column, 7);
  assert.deepEqual(positionAt('ab\ncd', 4), { offset: 4, line: 2, column: 2 });
});

test('a truncated notebook still yields the complete cells and a clear format error', () => {
  const full = notebookText([md('# Title'), code('x = 1', { count: 1 }), code('print(x)', { count: 2 })]);
  const cut = full.slice(0, full.lastIndexOf('print'));
  const { notebook, problems } = readNotebook(cut, 'cut.ipynb');
  assert.ok(notebook.cells.length >= 2, 'cells before the cut survive');
  assert.equal(notebook.cells[1].source, 'x = 1');
  assert.match(problems[0].message, /truncated/);
  assert.ok(problems[0].line! > 1);
  const report = analyseNotebookText(cut, 'cut.ipynb');
  assert.equal(report.verdict, 'not-ready');
  assert.match(of(report, 'nb-invalid-format')[0].message, /line \d+, column \d+/);
});

test('empty, non-object and garbage files give an error finding, never a throw', () => {
  for (const text of ['', '[]', 'null', '{"cells": 3}', '\u0000\u0001garbage', '{'.repeat(5000)]) {
    const report = analyseNotebookText(text, 'bad.ipynb');
    assert.ok(of(report, 'nb-invalid-format').some((f) => f.severity === 'error'), JSON.stringify(text.slice(0, 20)));
  }
});

test('list-or-string sources are joined with nothing (nbformat rule)', () => {
  const { notebook } = readNotebook(notebookText([code(['import os\n', 'print(os.sep)'], { count: 1 })]), 'x.ipynb');
  assert.equal(notebook.cells[0].source, 'import os\nprint(os.sep)');
});

test('v3 notebooks are upgraded in memory and reported as legacy (warning)', () => {
  const v3 = {
    nbformat: 3,
    nbformat_minor: 0,
    metadata: { name: 'old' },
    worksheets: [
      {
        cells: [
          { cell_type: 'heading', level: 1, source: ['Old title'], metadata: {} },
          { cell_type: 'code', input: ['1 + 1'], prompt_number: 1, language: 'python', metadata: {}, outputs: [{ output_type: 'pyout', prompt_number: 1, text: ['2'] }] },
          { cell_type: 'code', input: 'raise ValueError()', prompt_number: 2, metadata: {}, outputs: [{ output_type: 'pyerr', ename: 'ValueError', evalue: '', traceback: [] }] },
        ],
      },
    ],
  };
  const { notebook, problems } = readNotebook(JSON.stringify(v3), 'old.ipynb');
  assert.equal(notebook.upgradedFrom, 3);
  assert.equal(notebook.cells[0].type, 'markdown');
  assert.equal(notebook.cells[0].source, '# Old title');
  assert.equal(notebook.cells[1].executionCount, 1);
  assert.deepEqual(notebook.cells[1].outputs[0].data, { 'text/plain': '2' });
  assert.equal(notebook.cells[2].outputs[0].type, 'error');
  assert.equal(problems[0].severity, 'warning');
  const report = analyseNotebookText(JSON.stringify(v3), 'old.ipynb');
  assert.match(of(report, 'nb-invalid-format')[0].message, /Legacy notebook format v3/);
  assert.equal(of(report, 'error-output').length, 1, 'the upgraded outputs are checked');
});

test('a bogus nbformat version is an error but the notebook is still analysed', () => {
  const text = JSON.stringify({ nbformat: 5, nbformat_minor: 9, metadata: PY_META, cells: [code('import os', { count: 2 })] });
  const report = analyseNotebookText(text, 'v5.ipynb');
  assert.match(of(report, 'nb-invalid-format')[0].message, /unsupported nbformat version 5\.9/);
  assert.equal(of(report, 'execution-count-gaps').length, 1, 'other checks ran');
});

test('4.5 cell ids: missing, malformed and duplicate ids are format errors; 4.4 needs none', () => {
  const cells = [
    { id: 'same', ...code('a = 1', { count: 1 }) },
    { id: 'same', ...code('b = 2', { count: 2 }) },
    { id: 'bad id!', ...md('# x') },
    code('c = 3', { count: 3 }),
  ];
  const text = JSON.stringify({ nbformat: 4, nbformat_minor: 5, metadata: PY_META, cells: cells.map((c, i) => (i === 3 ? c : c)) });
  const messages = of(analyseNotebookText(text, 'ids.ipynb'), 'nb-invalid-format').map((f) => f.message);
  assert.ok(messages.some((m) => /duplicate id "same"/.test(m)));
  assert.ok(messages.some((m) => /malformed id/.test(m)));
  assert.ok(messages.some((m) => /missing "id"/.test(m)));
  const old = JSON.stringify({ nbformat: 4, nbformat_minor: 4, metadata: PY_META, cells: [code('a = 1', { count: 1 })] });
  assert.equal(of(analyseNotebookText(old, 'old.ipynb'), 'nb-invalid-format').length, 0);
});

test('schema problems: missing outputs, bad execution_count, bad source, unknown output type, NaN', () => {
  const cells = [
    { cell_type: 'code', metadata: {}, source: 'x', execution_count: 1 },
    { cell_type: 'code', metadata: {}, source: 'y', execution_count: -3, outputs: [] },
    { cell_type: 'markdown', metadata: {}, source: 42 },
    { cell_type: 'code', metadata: {}, source: 'z', execution_count: 2, outputs: [{ output_type: 'pyout2' }] },
  ];
  const text = JSON.stringify({ nbformat: 4, nbformat_minor: 4, metadata: PY_META, cells }).replace('"execution_count":2', '"execution_count":2,"x":NaN');
  const messages = of(analyseNotebookText(text, 's.ipynb'), 'nb-invalid-format').map((f) => f.message);
  for (const re of [/without an "outputs" list/, /non-negative integer/, /"source" is not a string/, /unknown output_type "pyout2"/, /non-JSON number NaN/])
    assert.ok(messages.some((m) => re.test(m)), String(re));
});

test('orig_nbformat in metadata and unknown metadata keys are not format errors', () => {
  const text = notebookText([code('x = 1', { count: 1 })], { ...PY_META, orig_nbformat: 4, some_tool: { a: 1 } });
  assert.equal(of(analyseNotebookText(text, 'm.ipynb'), 'nb-invalid-format').length, 0);
});
