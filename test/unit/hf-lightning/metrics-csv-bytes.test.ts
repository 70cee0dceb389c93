// metrics.csv read from its bytes (numbers parsed straight from them) must give exactly what the text path gives:
// the same series (bitwise values), rows, header and warnings, for well-formed and damaged files alike.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseMetricsCsv } from '../../../src/core/sources/lightning-csv/metrics-csv';

let seed = 4242;
const rand = () => ((seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff);
const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)];

function same(text: string, wanted?: (key: string) => boolean): void {
  const fromText = parseMetricsCsv(text, wanted);
  const fromBytes = parseMetricsCsv(Buffer.from(text, 'utf8'), wanted);
  assert.deepStrictEqual(fromBytes, fromText, JSON.stringify(text.slice(0, 400)));
}

// what Python writes (repr floats, nan/inf), what other tools and damage leave
const CELLS = [
  '', '', '0', '1', '17', '0.0', '-0.0', '1.5', '0.8414709848078965', '-0.30000000000000004', '1e-05', '2.5e+20', '1E3',
  '3.4028234663852886e+38', 'nan', 'NaN', 'inf', '-inf', '+inf', 'Infinity', '-Infinity', ' 1', '1 ', ' ', 'abc', '5.', '.5',
  '+1', '0x10', '12345678901234567890', '9007199254740993', '1e400', '-', '.', '1e', 'é', '\0', '1,5',
];

function row(cells: number): string {
  return Array.from({ length: cells }, () => pick(CELLS)).join(',');
}

test('bytes and text agree on generated metrics.csv files: sparse rows, nan/inf, CRLF/LF/CR, bad cells, a cut last line', () => {
  for (let f = 0; f < 400; f++) {
    const header = ['epoch', 'step', 'loss', 'val_acc', 'lr'].filter(() => rand() < 0.85);
    const eol = pick(['\r\n', '\r\n', '\n', '\r']);
    const lines = [header.join(',')];
    const rows = Math.floor(rand() * 30);
    for (let r = 0; r < rows; r++) {
      const k = rand();
      if (k < 0.05) lines.push('');
      else if (k < 0.08) lines.push(header.join(',')); // a header written again mid-file
      else if (k < 0.1) lines.push('epoch,step,loss,val_acc,lr,extra');
      else lines.push(row(Math.max(1, header.length + Math.floor(rand() * 3) - 1)));
    }
    let text = (rand() < 0.05 ? '\ufeff' : '') + lines.join(eol) + (rand() < 0.7 ? eol : '');
    if (rand() < 0.2) text = text.slice(0, Math.floor(rand() * text.length)); // cut anywhere
    same(text);
    same(text, (k) => k === 'loss');
  }
});

test('bytes and text agree on random text, blank and BOM-only files, and quoted names', () => {
  const alphabet = 'epoch,step,loss\r\n0123456789.-+eE naif,,,\t"\0é';
  for (let i = 0; i < 600; i++) {
    let s = '';
    const n = Math.floor(rand() * 120);
    for (let j = 0; j < n; j++) s += alphabet[Math.floor(rand() * alphabet.length)];
    same(s);
    same(`step,loss\r\n${s}`);
  }
  for (const text of ['', ' ', '\r\n', '\ufeff', '\ufeff\r\n', '\u00a0', 'step,"a,b"\r\n0,1\r\n', 'step,loss\r\n0,1\r\n1,"2"\r\n', 'step,loss\r\n0,\u00e9\r\n']) same(text);
});

test('bytes: CRLF rows, nan/inf spellings and a cut last line give the points Python wrote', () => {
  const bytes = Buffer.from('epoch,loss,step,val_loss\r\n0,0.8414709848078965,0,\r\n0,nan,1,inf\r\n0,-inf,2,\r\n1,,3,1e-05\r\n1,0.5,4');
  const parsed = parseMetricsCsv(bytes);
  const loss = parsed.series.get('loss')!;
  assert.deepEqual(loss.steps, [0, 1, 2]);
  assert.deepEqual(loss.values, [0.8414709848078965, NaN, -Infinity]);
  assert.deepEqual(loss.epochs, [0, 0, 0]);
  assert.deepEqual(parsed.series.get('val_loss')!.values, [Infinity, 1e-5]);
  assert.deepEqual(parsed.warnings, ['the last line is incomplete (file still being written?); ignored']);
  assert.equal(parsed.rows, 4);
});

test('bytes and text agree on bytes that are not UTF-8 (a damaged copy): same rows, same warnings', () => {
  const pieces = [0x30, 0x31, 0x2e, 0x2c, 0x0d, 0x0a, 0x65, 0x2d, 0x00, 0xff, 0xc3, 0xa9, 0xef, 0xbf, 0xbd, 0xed, 0xa0, 0x80, 0xe2, 0x80];
  for (let i = 0; i < 500; i++) {
    const body = Array.from({ length: Math.floor(rand() * 80) }, () => pick(pieces));
    const bytes = Buffer.concat([Buffer.from('epoch,step,loss\r\n0,0,1.5\r\n'), Buffer.from(body)]);
    assert.deepStrictEqual(parseMetricsCsv(bytes), parseMetricsCsv(bytes.toString('utf8')), bytes.toString('hex'));
  }
});
