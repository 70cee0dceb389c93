import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyse, code, md, of } from './nb';

test('imports-not-at-top: imports after the Setup zone fire; Setup heading cells, leading setup cells and guarded imports do not', () => {
  const r = analyse([
    md('# Setup'),
    code('import os\nSEED = 42', { count: 1 }),
    code('%matplotlib inline\nimport numpy as np', { count: 2 }),
    md('# Data Setup'),
    code('import pandas as pd\ndf = pd.DataFrame()', { count: 3 }),
    code('try:\n    import optional_dep\nexcept ImportError:\n    optional_dep = None', { count: 4 }),
    code('def f():\n    import json\n    return json', { count: 5 }),
  ]);
  assert.deepEqual(of(r, 'imports-not-at-top').map((f) => f.cell), [4]);
  assert.match(of(r, 'imports-not-at-top')[0].message, /`pandas`/);
});

test('unused-import: never-referenced bindings fire; uses in f-strings, magics, attribute roots and __all__ count; allowlisted packages do not', () => {
  const r = analyse([
    code('import numpy as np\nimport torch.nn.functional as F\nfrom sklearn.feature_extraction.text import TfidfVectorizer\nimport os, kaleido\nfrom m import helper, shown, timed', { count: 1 }),
    code('x = np.zeros(3)\nprint(f"{os.sep}")\n__all__ = ["helper"]\n%timeit timed()', { count: 2 }),
  ]);
  assert.deepEqual(of(r, 'unused-import').map((f) => f.message.split('`')[1]).sort(), ['F', 'TfidfVectorizer', 'shown']);
});

test('duplicate-code: identical cells and redefined functions fire; short repeats do not', () => {
  const body = 'for batch in loader:\n    out = model(batch)\n    loss = crit(out)\n    loss.backward()';
  const r = analyse([code(body, { count: 1 }), code(`# again\n${body}`, { count: 2 }), code('def f():\n    return 1', { count: 3 }), code('def f():\n    return 2', { count: 4 }), code('x = 1', { count: 5 }), code('x = 1', { count: 6 })]);
  const found = of(r, 'duplicate-code');
  assert.ok(found.some((f) => f.cell === 1 && /repeats cell 0/.test(f.message)));
  assert.ok(found.some((f) => f.cell === 3 && /`f` is defined again/.test(f.message)));
  assert.ok(!found.some((f) => f.cell === 5), 'one short line is not duplication');
});

test('debug-leftover: if False blocks, breakpoint, module-level exit; a conditional expression and exit inside a function do not', () => {
  const r = analyse([code('if False:\n    run_everything()', { count: 1 }), code('breakpoint()', { count: 2 }), code('import sys\nsys.exit(0)', { count: 3 })]);
  assert.deepEqual(of(r, 'debug-leftover').map((f) => [f.cell, f.severity]), [[0, 'warning'], [1, 'warning'], [2, 'warning']]);
  const fine = analyse([code('y = a if False else b\ndef stop():\n    sys.exit(1)', { count: 1 })]);
  assert.equal(of(fine, 'debug-leftover').length, 0);
  const commented = analyse([code('x = 1\n# print(x)\n# print(y)\n# model.fit(x)', { count: 1 })]);
  assert.equal(of(commented, 'debug-leftover')[0].severity, 'info');
  const prose = analyse([code('# This cell loads the data from disk\n# and then cleans the columns we need\n# before training starts\nx = 1', { count: 1 })]);
  assert.equal(of(prose, 'debug-leftover').length, 0, 'prose comments are not code');
});

test('cell-too-long: more than 50 lines, or definitions + training + evaluation mixed', () => {
  const long = Array.from({ length: 55 }, (_, i) => `x${i} = ${i}`).join('\n');
  assert.equal(of(analyse([code(long, { count: 1 })]), 'cell-too-long')[0].severity, 'info');
  const mixed = analyse([code('def build():\n    return Net()\nmodel.fit(X, y)\nplt.plot(history)', { count: 1 })]);
  assert.match(of(mixed, 'cell-too-long')[0].message, /definitions, training, evaluation/);
  assert.equal(of(analyse([code('x = 1\ny = 2', { count: 1 })]), 'cell-too-long').length, 0);
});

test('no-tests: fires without asserts or tests; an assert, a test function or a Tests heading passes', () => {
  assert.equal(of(analyse([code('x = 1', { count: 1 })]), 'no-tests').length, 1);
  assert.equal(of(analyse([code('assert out.shape == (2, 3)', { count: 1 })]), 'no-tests').length, 0);
  assert.equal(of(analyse([code('def test_tokenizer():\n    pass', { count: 1 })]), 'no-tests').length, 0);
  assert.equal(of(analyse([md('## Sanity checks'), code('x = 1', { count: 1 })]), 'no-tests').length, 0);
  assert.equal(of(analyse([md('## Test Dataset Creation'), code('x = 1', { count: 1 })]), 'no-tests').length, 1, 'a test *set* is not a test');
});

test('reinvented-library-function: a def named like a library function while the library is imported (info only)', () => {
  const r = analyse([code('from sklearn.metrics import f1_score\ndef accuracy(p, y):\n    return (p == y).mean()', { count: 1 })]);
  assert.equal(of(r, 'reinvented-library-function')[0].severity, 'info');
  assert.equal(of(analyse([code('def accuracy(p, y):\n    return (p == y).mean()', { count: 1 })]), 'reinvented-library-function').length, 0, 'library not imported');
});

test('empty-cell: whitespace-only cells of any type', () => {
  const r = analyse([md('# T'), code('  \n', { count: null }), md(''), code('x = 1', { count: 1 })]);
  assert.deepEqual(of(r, 'empty-cell').map((f) => f.cell), [1, 2]);
  assert.equal(of(analyse([md('# T'), code('x = 1', { count: 1 })]), 'empty-cell').length, 0);
});
