import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { MetricLineParser, readMetricFile } from '../../../src/core/sources/mlflow-file/metric-file';
import { pythonFloatRepr } from '../../../src/demo/writers/python-float';
import { tempDir } from '../../helpers/tmp';

const enc = new TextEncoder();

function parse(text: string, chunkSize = Infinity) {
  const parser = new MetricLineParser('m');
  const bytes = enc.encode(text);
  for (let i = 0; i < bytes.length; i += Math.min(chunkSize, bytes.length)) parser.push(bytes.subarray(i, i + chunkSize));
  return parser.finish();
}

test('python float tokens, CRLF and blank lines', () => {
  const r = parse('1 nan 0\r\n2 inf 1\n\n3 -inf 2\n4 -Infinity 3\n5 NaN 4\n6 1e-05 5\n7 -0.0 6\n');
  assert.deepEqual(r.problems, []);
  assert.deepEqual([...r.steps], [0, 1, 2, 3, 4, 5, 6]);
  const v = [...r.values];
  assert.ok(Number.isNaN(v[0]) && Number.isNaN(v[4]));
  assert.deepEqual(v.slice(1, 4), [Infinity, -Infinity, -Infinity]);
  assert.equal(v[5], 1e-5);
  assert.ok(Object.is(v[6], -0));
  assert.deepEqual([...r.times], [1, 2, 3, 4, 5, 6, 7]);
});

test('chunk boundaries anywhere give the same result as one chunk', () => {
  let text = '';
  for (let i = 0; i < 300; i++) text += `${1_700_000_000_000 + i} ${pythonFloatRepr(Math.sin(i) * 10 ** ((i % 9) - 6))} ${i}\n`;
  text += '1 bad line here x\n1700000000999 0.5';
  const whole = parse(text);
  for (const size of [1, 2, 7, 64, 4096]) {
    const chunked = parse(text, size);
    assert.deepEqual([...chunked.values], [...whole.values], `chunk ${size}`);
    assert.deepEqual([...chunked.steps], [...whole.steps]);
    assert.deepEqual(chunked.problems, whole.problems);
  }
  assert.equal(whole.values.length, 300);
  assert.equal(whole.values[7], Math.sin(7) * 10 ** 1);
  assert.equal(whole.problems.length, 2);
});

test('one-pass line parse: CRLF, two-field lines, negative steps, long integers and a cut last line agree with Number()', () => {
  const lines = [
    '1700000000000 0.8414709848078965 0',
    '1700000000001 -0.30000000000000004 -3',
    '1700000000002 1e-05',
    '12345678901234567 0.5 1', // timestamp past 2^53: the field path
    '1700000000003 +1.5 2',
    '1700000000004 3.4028234663852886e+38 99999999999999999',
    '1700000000005 0.10000000149011612 5',
  ];
  for (const eol of ['\n', '\r\n']) {
    const r = parse(lines.join(eol) + eol + '1700000000006 0.25 6');
    assert.deepEqual([...r.values], [0.8414709848078965, -0.30000000000000004, 1e-5, 0.5, 1.5, 3.4028234663852886e38, 0.10000000149011612]);
    assert.deepEqual([...r.steps], [0, -3, 0, 1, 2, 99999999999999999, 5]);
    assert.deepEqual([...r.times], [1700000000000, 1700000000001, 1700000000002, 12345678901234567, 1700000000003, 1700000000004, 1700000000005]);
    assert.deepEqual(r.problems, ['m: line 8 has no newline (partly written?); ignored'], JSON.stringify(eol));
  }
  // a stray CR before the line end is not part of a number, and junk after a number is not ignored
  const odd = parse('1 1.5\r\r\n2 2.5x 1\n3 3.5 1x\n4 4.5 2\n');
  assert.deepEqual([...odd.values], [1.5, 4.5]);
  assert.equal(odd.problems.length, 2);
});

test('only the first messages are kept, the rest counted', () => {
  const r = parse('x\n'.repeat(12) + '5 1 1\n');
  assert.equal(r.values.length, 1);
  assert.equal(r.problems.length, 6);
  assert.equal(r.problems[5], 'm: 7 more malformed lines');
});

test('odd but numeric timestamps and steps are accepted; empty fields are not', () => {
  const r = parse('1.7e12 0.5 3.0\n10  0.5 1\n10 0.5 \n-5 1 -2\n');
  assert.deepEqual([...r.times], [1.7e12, -5]);
  assert.deepEqual([...r.steps], [3, -2]);
  assert.equal(r.problems.length, 2);
});

test('readMetricFile reads files larger than one chunk', async () => {
  const file = path.join(tempDir('runlens-mlflow-metric-'), 'loss');
  const n = 250_000; // ~8 MB: spans several 4 MB reads
  const parts: string[] = [];
  for (let i = 0; i < n; i++) parts.push(`${1_700_000_000_000 + i} ${pythonFloatRepr(1 / (i + 1))} ${i}\n`);
  fs.writeFileSync(file, parts.join(''));
  const r = await readMetricFile(file, 'metrics/loss');
  assert.deepEqual(r.problems, []);
  assert.equal(r.values.length, n);
  assert.equal(r.values[n - 1], 1 / n);
  assert.equal(r.steps[123_456], 123_456);
  const small = path.join(path.dirname(file), 'acc');
  fs.writeFileSync(small, '1 0.5 0\n2 nan 1\n3 0.75'); // read synchronously: one read, a cut last line
  const s = await readMetricFile(small, 'metrics/acc');
  assert.deepEqual([...s.steps], [0, 1]);
  assert.deepEqual(s.problems, ['metrics/acc: line 3 has no newline (partly written?); ignored']);
  const missing = await readMetricFile(file + '-nope', 'metrics/nope');
  assert.equal(missing.values.length, 0);
  assert.match(missing.problems[0], /cannot read/);
});

test('pythonFloatRepr matches CPython repr', () => {
  const cases: Array<[number, string]> = [
    [0.5, '0.5'], [1, '1.0'], [1e-5, '1e-05'], [1.5e-7, '1.5e-07'], [1e16, '1e+16'],
    [9999999999999998, '9999999999999998.0'], [-0.0001, '-0.0001'], [1e300, '1e+300'],
    [0.1 + 0.2, '0.30000000000000004'], [NaN, 'nan'], [Infinity, 'inf'], [-Infinity, '-inf'], [-0, '-0.0'],
  ];
  for (const [x, expected] of cases) assert.equal(pythonFloatRepr(x), expected, String(x));
});

test('a metric file too large to load is refused with a message', async () => {
  const file = path.join(tempDir('runlens-mlflow-huge-'), 'huge');
  fs.writeFileSync(file, '');
  fs.truncateSync(file, 2 ** 31 + 1); // sparse: no disk space used
  const r = await readMetricFile(file, 'metrics/huge');
  assert.equal(r.values.length, 0);
  assert.deepEqual(r.problems, ['metrics/huge: file is 2.0 GB, over the 2 GB this reader loads at once; skipped']);
});
