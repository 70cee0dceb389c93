// Python-compatible number text (params, writers) and the python-style JSON of the HF writer.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { pythonFloatRepr, numberText } from '../../../src/core/util/python-text';
import { flattenParams, paramText } from '../../../src/core/util/flatten-params';
import { pythonJson } from '../../../src/demo/writers/hf-trainer-json';
import { parseTolerantJson } from '../../../src/core/util/tolerant-json';

test('repr(float) like CPython', () => {
  const cases: Array<[number, string]> = [
    [1e-5, '1e-05'],
    [0.0001, '0.0001'],
    [0.00012, '0.00012'],
    [3, '3.0'],
    [-2.5, '-2.5'],
    [1e16, '1e+16'],
    [9999999999999998, '9999999999999998.0'],
    [5.27162132754432e20, '5.27162132754432e+20'],
    [1.5e-7, '1.5e-07'],
    [123456.789, '123456.789'],
    [0.1 + 0.2, '0.30000000000000004'],
    [NaN, 'nan'],
    [-Infinity, '-inf'],
    [-0, '-0.0'],
  ];
  for (const [n, text] of cases) assert.equal(pythonFloatRepr(n), text, String(n));
  assert.equal(numberText(3), '3');
  assert.equal(numberText(1e-5), '1e-05');
  assert.equal(numberText(2e20), '2e+20');
});

test('params flatten to dotted keys with text values', () => {
  const flat = flattenParams({ a: { b: { c: 1 }, empty: {} }, list: [1, 'x', NaN], t: true, n: null, s: 'text ' });
  assert.deepEqual(flat, { 'a.b.c': '1', 'a.empty': '{}', list: '[1,"x","nan"]', t: 'true', n: 'null', s: 'text ' });
  const long = paramText('x'.repeat(7000));
  assert.ok(long.startsWith('x'.repeat(6000)) && long.endsWith('…[truncated, 7000 chars]'));
  const cyclic: Record<string, unknown> = { a: 1 };
  cyclic.self = cyclic;
  assert.doesNotThrow(() => flattenParams(cyclic));
});

test('python-style JSON: sorted keys, indent 2, bare NaN/Infinity, int and float keys, ASCII escapes', () => {
  const text = pythonJson(
    { step: 5, loss: 2, lr: 1e-5, list: [], obj: {}, nan: NaN, inf: -Infinity, name: 'Zürich' },
    { isFloatKey: (k) => k !== 'step' },
  );
  assert.equal(
    text,
    '{\n  "inf": -Infinity,\n  "list": [],\n  "loss": 2.0,\n  "lr": 1e-05,\n  "name": "Z\\u00fcrich",\n  "nan": NaN,\n  "obj": {},\n  "step": 5\n}',
  );
  const back = parseTolerantJson(text) as Record<string, number>;
  assert.ok(Number.isNaN(back.nan));
  assert.equal(back.lr, 1e-5);
  assert.equal(pythonJson({ a: [1, 2.5] }), '{\n  "a": [\n    1,\n    2.5\n  ]\n}');
});
