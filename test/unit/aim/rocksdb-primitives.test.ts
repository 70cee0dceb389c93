import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ByteCursor, RocksFormatError, commonPrefix, compareBytes } from '../../../src/core/sources/aim/rocksdb/bytes';
import { crc32c, maskCrc, unmaskCrc } from '../../../src/core/util/crc32c';
import { crc32cOf, maskedCrc, ByteWriter } from '../../writers/aim/byte-writer';

const ascii = (s: string) => new TextEncoder().encode(s);

test('crc32c matches the standard check value and the writer', () => {
  assert.equal(crc32c(ascii('123456789')), 0xe3069283);
  assert.equal(crc32c(new Uint8Array(32)), 0x8a9136aa); // RFC 3720 B.4: 32 zero bytes
  const data = new Uint8Array(1000).map((_, i) => (i * 31 + 7) & 0xff);
  for (const [a, b] of [[0, 1000], [3, 17], [5, 5], [1, 999]]) assert.equal(crc32c(data, a, b), crc32cOf(data.subarray(a, b)));
});

test('crc mask is RocksDB rotate+offset and unmask inverts it', () => {
  const c = crc32c(ascii('rocks'));
  assert.equal(maskCrc(c), maskedCrc(ascii('rocks')));
  for (const x of [0, 1, 0xffffffff, 0x12345678, c]) assert.equal(unmaskCrc(maskCrc(x)), x >>> 0);
});

test('varints, fixed ints and slices decode; overruns throw RocksFormatError', () => {
  const w = new ByteWriter().varint(0).varint(127).varint(128).varint(300).varint(2 ** 40).fixed32(0xdeadbeef).fixed64(2 ** 50 + 3).slice(ascii('abc'));
  const c = new ByteCursor(w.done());
  assert.equal(c.varint32(), 0);
  assert.equal(c.varint32(), 127);
  assert.equal(c.varint32(), 128);
  assert.equal(c.varint32(), 300);
  assert.equal(c.varint64(), 2 ** 40);
  assert.equal(c.fixed32(), 0xdeadbeef);
  assert.equal(c.fixed64(), 2 ** 50 + 3);
  assert.deepEqual([...c.slice()], [...ascii('abc')]);
  assert.ok(c.atEnd());
  assert.throws(() => c.u8(), RocksFormatError);
  assert.throws(() => new ByteCursor(new Uint8Array([0x80, 0x80])).varint32(), RocksFormatError);
  assert.throws(() => new ByteCursor(new Uint8Array([0xff, 0xff, 0xff, 0xff, 0xff, 0x01])).varint32(), RocksFormatError);
  assert.throws(() => new ByteCursor(new Uint8Array([5, 1, 2])).slice(), RocksFormatError);
});

test('bytewise comparison is unsigned and shorter-prefix-first', () => {
  const a = new Uint8Array([1, 0xfe]);
  const b = new Uint8Array([1, 0x02]);
  assert.ok(compareBytes(a, 2, b, 2) > 0);
  assert.ok(compareBytes(b, 1, b, 2) < 0);
  assert.equal(compareBytes(a, 1, b, 1), 0);
  assert.equal(commonPrefix(a, 2, b, 2), 1);
});
