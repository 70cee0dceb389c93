import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyse, code, display, error, md, of, PY_META, result, stream } from './nb';

const WIDGET_VIEW = 'application/vnd.jupyter.widget-view+json';
const WIDGET_STATE = 'application/vnd.jupyter.widget-state+json';

test('notebook-metadata: missing language_info version and Colab user data', () => {
  const bare = analyse([code('x = 1', { count: 1 })], { metadata: { kernelspec: PY_META.kernelspec } });
  assert.match(of(bare, 'notebook-metadata')[0].message, /Python version not recorded/);
  assert.equal(of(analyse([code('x = 1', { count: 1 })]), 'notebook-metadata').length, 0);
  const colab = [code('x = 1', { count: 1, metadata: { executionInfo: { status: 'ok', user: { displayName: 'Ann', userId: '1' } } } })];
  assert.equal(of(analyse(colab), 'notebook-metadata')[0].severity, 'info');
  assert.equal(of(analyse(colab, { profile: 'publish' }), 'notebook-metadata')[0].severity, 'warning');
  const r = analyse([code('x <- 1', { count: 1 })], { metadata: { kernelspec: { name: 'ir', display_name: 'R', language: 'R' }, language_info: { name: 'R', version: '4' } } });
  assert.match(of(r, 'notebook-metadata')[0].message, /Python checks are skipped/);
});

test('widget-state-missing: widgets without the state wrapper, with a delete quick fix; a proper state passes', () => {
  const bad = analyse([code('x', { count: 1 })], { metadata: { ...PY_META, widgets: { [WIDGET_STATE]: { abc: { model_name: 'X' } } } } });
  const f = of(bad, 'widget-state-missing')[0];
  assert.match(f.message, /'state' key missing/);
  assert.deepEqual(f.fixes?.[0], { kind: 'delete-notebook-metadata', title: 'Remove metadata.widgets', key: 'widgets' });
  const good = analyse([code('x', { count: 1 })], { metadata: { ...PY_META, widgets: { [WIDGET_STATE]: { state: {}, version_major: 2, version_minor: 0 } } } });
  assert.equal(of(good, 'widget-state-missing').length, 0);
});

test('renderer-specific-output: progress widgets without saved state warn; saved models and real fallbacks do not', () => {
  const bar = display({ [WIDGET_VIEW]: { model_id: 'm1' }, 'text/plain': 'Map:   0%|          | 0/1000 [00:00<?, ? examples/s]' });
  assert.equal(of(analyse([code('x', { count: 1, outputs: [bar] })]), 'renderer-specific-output')[0].severity, 'warning');
  const saved = { ...PY_META, widgets: { [WIDGET_STATE]: { state: { m1: {} }, version_major: 2, version_minor: 0 } } };
  assert.equal(of(analyse([code('x', { count: 1, outputs: [bar] })], { metadata: saved }), 'renderer-specific-output').length, 0);
  const fallback = display({ [WIDGET_VIEW]: { model_id: 'm2' }, 'text/plain': 'A table of 3 rows' });
  assert.equal(of(analyse([code('x', { count: 1, outputs: [fallback] })]), 'renderer-specific-output')[0].severity, 'info');
  const colab = display({ 'application/vnd.colab-display-data+json': { pip_warning: { packages: ['x'] } } });
  assert.equal(of(analyse([code('x', { count: 1, outputs: [colab] })]), 'renderer-specific-output').length, 1);
  const intrinsic = display({ 'application/vnd.google.colaboratory.intrinsic+json': { type: 'string' }, 'text/plain': "'abc'" });
  assert.equal(of(analyse([code('x', { count: 1, outputs: [intrinsic] })]), 'renderer-specific-output').length, 0, 'intrinsic+json with a text fallback is fine');
});

test('outputs-not-saved: a stripped notebook fires, a run notebook does not', () => {
  const stripped = analyse([md('# T'), code('import os'), code('print(os.sep)')]);
  assert.equal(of(stripped, 'outputs-not-saved')[0].severity, 'error');
  assert.equal(of(analyse([md('# T'), code('import os', { count: 1 }), code('print(1)', { count: 2, outputs: [stream('1\n')] })]), 'outputs-not-saved').length, 0);
  assert.equal(of(analyse([md('# Only text')]), 'outputs-not-saved').length, 0, 'no code, nothing to run');
});

test('unexecuted-cells: Julynter c1 — a null count before the last executed cell; trailing ones are info; nbval-skip is honoured', () => {
  const r = analyse([code('a = 1', { count: 1 }), code('b = 2'), code('# only a comment'), code('c = 3', { count: 2 }), code('d = 4')]);
  const found = of(r, 'unexecuted-cells');
  assert.deepEqual(found.map((f) => [f.cell, f.severity]), [[1, 'warning'], [4, 'info']]);
  const skipped = analyse([code('a = 1', { count: 1 }), code('b = 2', { tags: ['nbval-skip'] }), code('c = 3', { count: 2 })]);
  assert.equal(of(skipped, 'unexecuted-cells').length, 0);
});

test('execution-order-nonlinear: inversions and duplicates fire; strictly increasing with gaps does not', () => {
  const r = analyse([code('a', { count: 1 }), code('b', { count: 3 }), code('c', { count: 2 }), code('d', { count: 2 })]);
  assert.deepEqual(of(r, 'execution-order-nonlinear').map((f) => f.cell), [2, 3]);
  assert.match(of(r, 'execution-order-nonlinear')[0].message, /ran as \[2\] after cell 1 that ran as \[3\]/);
  assert.equal(of(analyse([code('a', { count: 1 }), code('b', { count: 5 })]), 'execution-order-nonlinear').length, 0);
});

test('execution-count-gaps: first count not 1 or holes; 1..n passes', () => {
  const r = analyse([code('a', { count: 2 }), code('b', { count: 3 }), code('c', { count: 7 })]);
  assert.match(of(r, 'execution-count-gaps')[0].message, /skip 1, 4–6/);
  assert.equal(of(analyse([code('a', { count: 1 }), code('b', { count: 2 })]), 'execution-count-gaps').length, 0);
});

test('stale-output: outputs without a count, and an execute_result count that differs from the cell', () => {
  const r = analyse([code('a', { count: null, outputs: [stream('x')] }), code('1', { count: 2, outputs: [result('1', 1)] })]);
  assert.deepEqual(of(r, 'stale-output').map((f) => f.cell), [0, 1]);
  assert.equal(of(analyse([code('1', { count: 1, outputs: [result('1', 1)] })]), 'stale-output').length, 0);
});

test('error-output: error outputs fire unless tagged raises-exception / NBVAL_RAISES_EXCEPTION', () => {
  const r = analyse([code('1/0', { count: 1, outputs: [error('ZeroDivisionError', 'division by zero')] })]);
  assert.match(of(r, 'error-output')[0].message, /ZeroDivisionError: division by zero/);
  assert.equal(of(r, 'error-output')[0].severity, 'error');
  assert.equal(of(analyse([code('1/0', { count: 1, tags: ['raises-exception'], outputs: [error('ZeroDivisionError', 'x')] })]), 'error-output').length, 0);
  assert.equal(of(analyse([code('# NBVAL_RAISES_EXCEPTION\n1/0', { count: 1, outputs: [error('ZeroDivisionError', 'x')] })]), 'error-output').length, 0);
  const tb = analyse([code('f()', { count: 1, outputs: [stream('Traceback (most recent call last):\n  ...', 'stderr')] })]);
  assert.equal(of(tb, 'error-output')[0].severity, 'warning');
});

test('huge-output: more than 100 KB or 500 lines in one cell; small outputs pass', () => {
  const big = analyse([code('train()', { count: 1, outputs: [stream('epoch 1 loss 0.5\n'.repeat(600))] })]);
  assert.match(of(big, 'huge-output')[0].message, /600 lines/);
  assert.match(of(big, 'huge-output')[0].message, /Trim logs/);
  const image = analyse([code('plot()', { count: 1, outputs: [display({ 'image/png': 'A'.repeat(150_000) })] })]);
  assert.equal(of(image, 'huge-output').length, 1);
  // The defect: an output of figures was described as "108 KB (0 lines)" with advice about logs.
  const figures = analyse([code('plot()', { count: 1, outputs: [1, 2, 3, 4].map(() => display({ 'image/png': 'A'.repeat(30_000), 'text/plain': '<Figure size 640x480 with 1 Axes>' })) })]);
  const message = of(figures, 'huge-output')[0].message;
  assert.match(message, /^Output of cell 0 is 117 KB \(4 images\)\. Save figures as files/);
  assert.doesNotMatch(message, /lines|Trim logs/);
  const table = analyse([code('df', { count: 1, outputs: [result('x', 1), display({ 'text/html': '<tr><td>1</td></tr>'.repeat(8000), 'text/plain': 'df' })] })]);
  assert.match(of(table, 'huge-output')[0].message, /\(HTML\)\. Show fewer rows/);
  assert.equal(of(analyse([code('print(1)', { count: 1, outputs: [stream('1\n')] })]), 'huge-output').length, 0);
});

test('static-run-blocker: a cell starting indented (syntax) is an error; use before a later definition is a warning', () => {
  const syntax = analyse([code('    x = 1\ny = 2', { count: 1 })]);
  assert.equal(of(syntax, 'static-run-blocker')[0].severity, 'error');
  assert.match(of(syntax, 'static-run-blocker')[0].message, /IndentationError/);
  const order = analyse([code('print(model)', { count: 1 }), code('model = 3', { count: 2 })]);
  assert.match(of(order, 'static-run-blocker')[0].message, /`model` is used in cell 0 but only defined in cell 1/);
  // traps: builtins, IPython globals, names used only inside functions, names defined earlier in the cell
  const fine = analyse([code('def f():\n    return later\nprint(len([1]))\ndisplay(1)\nx = 1\nprint(x)', { count: 1 }), code('later = 2\nx = 5', { count: 2 })]);
  assert.equal(of(fine, 'static-run-blocker').length, 0);
  const star = analyse([code('from pylab import *', { count: 1 }), code('plot(z)', { count: 2 }), code('z = 1', { count: 3 })]);
  assert.equal(of(star, 'static-run-blocker').length, 0, 'a star import turns the def-use rule off');
});
