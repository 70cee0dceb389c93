import { test } from 'node:test';
import assert from 'node:assert/strict';
import { decodePath, decodeValue, AimKeyError } from '../../../src/core/sources/aim/encoding';
import { TreeBuilder, flattenParams, pyFloat, toPlain } from '../../../src/core/sources/aim/tree';
import { encodeKey, encodeValue, unfold } from '../../writers/aim/aim-encoding';

const hex = (h: string) => Uint8Array.from(h.match(/../g)!.map((x) => parseInt(x, 16)));

test('paths decode string and integer segments; integer bytes may contain 0xFE', () => {
  // spec §4.2 example: … / "traces" / -4504863053055089774 / "numbers" / "last"
  const key = hex('747261636573fefec17b82ebc8dea392fe6e756d62657273fe6c617374fe');
  assert.deepEqual(decodePath(key), ['traces', -4504863053055089774n, 'numbers', 'last']);
  const tricky = encodeKey(['a', 0x00fe00fefefefefen, 'ü']);
  assert.deepEqual(decodePath(tricky), ['a', 0x00fe00fefefefefen, 'ü']);
  assert.throws(() => decodePath(hex('6162')), AimKeyError);
  assert.throws(() => decodePath(hex('fe0102')), AimKeyError);
});

test('values decode every Aim type; unknown types are flagged, never thrown', () => {
  // spec example: 03 fca9f1d24d62503f = 0.001
  const lr = hex('03fca9f1d24d62503f');
  assert.deepEqual(decodeValue(lr, 0, lr.length), { t: 'float', v: 0.001 });
  const i = encodeValue(-5n);
  assert.deepEqual(decodeValue(i, 0, i.length), { t: 'int', v: -5, big: -5n });
  assert.deepEqual(decodeValue(encodeValue(null), 0, 1), { t: 'none' });
  assert.deepEqual(decodeValue(encodeValue(true), 0, 2), { t: 'bool', v: true });
  const s = encodeValue('héllo');
  assert.deepEqual(decodeValue(s, 0, s.length), { t: 'str', v: 'héllo' });
  assert.deepEqual(decodeValue(encodeValue({ $flag: 'array' }), 0, 1), { t: 'array' });
  assert.deepEqual(decodeValue(encodeValue({ $flag: 'object' }), 0, 1), { t: 'object' });
  const c = encodeValue({ $custom: 'aim.image' });
  assert.deepEqual(decodeValue(c, 0, c.length), { t: 'custom', typeName: 'aim.image' });
  assert.deepEqual(decodeValue(new Uint8Array(0), 0, 0), { t: 'blob' });
  assert.deepEqual(decodeValue(new Uint8Array([0x42, 1]), 0, 2), { t: 'unknown', typeByte: 0x42 });
  assert.deepEqual(decodeValue(new Uint8Array([0x03, 1, 2]), 0, 3), { t: 'unknown', typeByte: 3 });
  const nan = encodeValue(NaN);
  assert.ok(Number.isNaN((decodeValue(nan, 0, nan.length) as { v: number }).v));
});

function treeOf(value: unknown) {
  const b = new TreeBuilder();
  for (const [k, v] of unfold([], value)) b.add(decodePath(k), decodeValue(v, 0, v.length));
  return b;
}

test('trees fold back: dicts, lists with gaps, nested values, custom objects', () => {
  const b = treeOf({ hparams: { lr: 0.001, layers: [64, 32], name: 'x', flags: { a: true } }, empty: {}, none: null });
  assert.deepEqual(toPlain(b.root), { hparams: { lr: 0.001, layers: [64, 32], name: 'x', flags: { a: true } }, empty: {}, none: null });
  const gaps = new TreeBuilder();
  gaps.add(['l'], { t: 'array' });
  gaps.add(['l', 2n], { t: 'int', v: 7, big: 7n });
  assert.deepEqual(toPlain(gaps.root), { l: [null, null, 7] });
  const custom = new TreeBuilder();
  custom.add(['img'], { t: 'custom', typeName: 'aim.image' });
  custom.add(['img', 'width'], { t: 'int', v: 3, big: 3n });
  assert.deepEqual(toPlain(custom.root), { img: { $type: 'aim.image', width: 3 } });
});

test('params flatten to dotted keys with Python str() text', () => {
  const b = treeOf({ hparams: { lr: 0.001, tiny: 1e-5, epochs: 3, one: 1.5, kernel: [3, 3], opt: 'adam', ok: false, none: null, sub: { x: 1 }, names: ['a', "b'c"] }, __system_params: { arguments: ['train.py'] }, empty: {} });
  const p = flattenParams(b.root, new Set(['__system_params']));
  assert.deepEqual(p, {
    'hparams.lr': '0.001',
    'hparams.tiny': '1e-05',
    'hparams.epochs': '3',
    'hparams.one': '1.5',
    'hparams.kernel': '[3, 3]',
    'hparams.opt': 'adam',
    'hparams.ok': 'False',
    'hparams.none': 'None',
    'hparams.sub.x': '1',
    'hparams.names': "['a', 'b\\'c']",
    empty: '{}',
  });
});

test('unknown value types in a tree become None with a warning', () => {
  const b = new TreeBuilder();
  b.add(['x'], { t: 'unknown', typeByte: 0x42 });
  assert.deepEqual(toPlain(b.root), { x: null });
  assert.match(b.warnings[0], /unknown type byte 0x42/);
});

test('Python float repr', () => {
  assert.equal(pyFloat(0.001), '0.001');
  assert.equal(pyFloat(1e-5), '1e-05');
  assert.equal(pyFloat(1e-7), '1e-07');
  assert.equal(pyFloat(2), '2.0');
  assert.equal(pyFloat(1e16), '1e+16');
  assert.equal(pyFloat(123456789.125), '123456789.125');
  assert.equal(pyFloat(0.0001), '0.0001');
  assert.equal(pyFloat(NaN), 'nan');
  assert.equal(pyFloat(-Infinity), '-inf');
});
