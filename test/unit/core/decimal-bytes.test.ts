import { test } from 'node:test';
import assert from 'node:assert/strict';
import { decimalEnd, parseDecimalBytes, parseDecimalPrefix, parseIntegerBytes } from '../../../src/core/util/decimal-bytes';
import { pythonFloatRepr } from '../../../src/demo/writers/python-float';

const enc = new TextEncoder();
let seed = 7;
const rand = () => {
  seed = (seed * 16807) % 2147483647;
  return seed / 2147483647;
};
const bits = new Float64Array(1);
const words = new Uint32Array(bits.buffer);
/** A double with random bits (any exponent), finite. */
function randomDouble(): number {
  for (;;) {
    words[0] = Math.floor(rand() * 2 ** 32);
    words[1] = Math.floor(rand() * 2 ** 32);
    if (Number.isFinite(bits[0])) return bits[0];
  }
}

function parse(text: string, json = false): number {
  const b = enc.encode(text);
  return parseDecimalBytes(b, 0, b.length, json);
}

test('decimal bytes: bitwise Number() or a decline, over random doubles in every spelling', () => {
  let fast = 0;
  let total = 0;
  const samples: number[] = [0, -0, 1, -1, 0.1, 1e-5, 123456789012345, 9007199254740993, 1e22, 1e23, 5e-324, 1.7976931348623157e308, 2.2250738585072014e-308];
  for (let i = 0; i < 15_000; i++) samples.push((rand() - 0.5) * 10 ** Math.floor(rand() * 60 - 30), Math.fround(rand()), Math.sin(i), randomDouble());
  for (const x of samples) {
    for (const text of [pythonFloatRepr(x), String(x), x.toPrecision(17), x.toPrecision(16), x.toExponential(16), x.toFixed(3)]) {
      total++;
      const got = parse(text);
      if (Number.isNaN(got)) continue;
      fast++;
      assert.ok(Object.is(got, Number(text)), `${text}: ${got} != ${Number(text)}`);
    }
  }
  assert.ok(fast > total * 0.9, `most values take the fast path (${fast} of ${total})`);
});

test('decimal bytes: 17-digit values (Python repr of doubles, float32 printed as double) are parsed, not declined', () => {
  for (let i = 0; i < 20_000; i++) {
    for (const x of [Math.sin(i * 0.01), Math.fround(rand() * 2 - 1), rand() * 1e-3]) {
      const text = x.toPrecision(17);
      assert.ok(Object.is(parse(text), Number(text)), text);
    }
  }
});

test('decimal bytes: random digit strings up to 19 significant digits with any exponent', () => {
  for (let i = 0; i < 30_000; i++) {
    let digits = '';
    const len = 1 + Math.floor(rand() * 19);
    for (let j = 0; j < len; j++) digits += Math.floor(rand() * 10);
    const e = Math.floor(rand() * 100 - 50);
    for (const text of [`${digits}e${e}`, `0.${digits}`, `-${digits.slice(0, 2)}.${digits.slice(2)}E+${Math.abs(e)}`]) {
      const got = parse(text);
      if (!Number.isNaN(got)) assert.ok(Object.is(got, Number(text)), `${text}: ${got}`);
    }
  }
});

test('decimal bytes: exact midpoints between doubles and range ends are declined or right', () => {
  // 2^53 + 1, 2^54 + 2, 2^56 + 8 lie exactly halfway between two doubles; 2^54 + 3 just above one
  for (const text of ['9007199254740993', '18014398509481986', '18014398509481987', '72057594037927944', '72057594037927945', '1e23', '8.98846567431158e307', '2.4703282292062327e-324', '1e-300', '1e300']) {
    const got = parse(text);
    if (!Number.isNaN(got)) assert.ok(Object.is(got, Number(text)), text);
  }
});

test('decimal bytes: Number() spellings in the default mode, only JSON numbers in json mode', () => {
  const cases: Array<[string, number | undefined, number | undefined]> = [
    ['+1.5', 1.5, undefined],
    ['.5', 0.5, undefined],
    ['5.', 5, undefined],
    ['-.5e3', -500, undefined],
    ['00012', 12, undefined],
    ['0.5', 0.5, 0.5],
    ['-0', -0, -0],
    ['-0.0e10', -0, -0],
    ['1E+05', 1e5, 1e5],
    ['1e-05', 1e-5, 1e-5],
    ['0', 0, 0],
  ];
  for (const [text, num, json] of cases) {
    const a = parse(text);
    const b = parse(text, true);
    assert.ok(Object.is(a, num ?? NaN), `${text}: ${a}`);
    assert.ok(Object.is(b, json ?? NaN), `${text} (json): ${b}`);
    if (json !== undefined) assert.ok(Object.is(b, JSON.parse(text)));
  }
  for (const text of ['nan', 'NaN', 'inf', '-inf', 'Infinity', '-', '.', '1e', '1x', '', '--1', '1e+', ' 1', '1 ', '12345678901234567890', '0x10']) {
    assert.ok(Number.isNaN(parse(text)), text);
    assert.ok(Number.isNaN(parse(text, true)), `${text} (json)`);
  }
});

test('decimal prefix: parsing stops at the first byte that cannot continue the number', () => {
  const b = enc.encode('1691409747769 0.8819000124931335 12\n');
  assert.equal(parseDecimalPrefix(b, 14, b.length), 0.8819000124931335);
  assert.equal(decimalEnd.at, 32);
  assert.equal(parseDecimalPrefix(b, 33, b.length), 12);
  assert.equal(decimalEnd.at, 35);
  const c = enc.encode('2.5,3');
  assert.equal(parseDecimalPrefix(c, 0, c.length), 2.5);
  assert.equal(decimalEnd.at, 3);
});

test('integer bytes', () => {
  const b = enc.encode('-42 17 x');
  assert.equal(parseIntegerBytes(b, 0, 3), -42);
  assert.equal(parseIntegerBytes(b, 4, 6), 17);
  assert.ok(Number.isNaN(parseIntegerBytes(b, 7, 8)));
  assert.ok(Number.isNaN(parseIntegerBytes(b, 0, 1)));
  // past 2^53 the digits are rounded once, as Number() rounds them (an exact midpoint included)
  for (const text of ['99999999999999999', '12345678901234567', '-9007199254740993', '123456789012345678901']) {
    const t = enc.encode(text);
    assert.ok(Object.is(parseIntegerBytes(t, 0, t.length), Number(text)), text);
  }
});
