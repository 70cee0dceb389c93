// The table-driven CRC-32C (slicing-by-8 on bytes, slicing-by-16 on aligned words) against the
// bit-at-a-time definition, on random buffers, every alignment of the view and of the range, and
// every length around the byte/word switch, so no path of the fast loops goes unchecked.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { crc32c, crc32c8, maskedCrc32c, maskCrc } from '../../../src/core/util/crc32c';
import { prng } from '../../../src/core/util/prng';

/** CRC-32C one bit at a time: the definition, no tables. */
function reference(bytes: Uint8Array, start = 0, end = bytes.length): number {
  let crc = 0xffffffff;
  for (let i = start; i < end; i++) {
    crc ^= bytes[i];
    for (let k = 0; k < 8; k++) crc = crc & 1 ? (crc >>> 1) ^ 0x82f63b78 : crc >>> 1;
  }
  return (crc ^ 0xffffffff) >>> 0;
}

function randomBytes(n: number, seed: number): Uint8Array {
  const rand = prng(seed);
  const out = new Uint8Array(n);
  for (let i = 0; i < n; i++) out[i] = Math.floor(rand() * 256);
  return out;
}

test('crc32c: known check values', () => {
  assert.equal(crc32c(new TextEncoder().encode('123456789')), 0xe3069283);
  assert.equal(crc32c(new Uint8Array(32)), 0x8a9136aa); // RFC 3720 B.4
  assert.equal(crc32c(new Uint8Array(32).fill(0xff)), 0x62a8ab43); // RFC 3720 B.4
  assert.equal(crc32c(new Uint8Array(0)), 0);
});

test('crc32c matches the bitwise definition on every length, range alignment and view offset', () => {
  const backing = randomBytes(4096 + 8, 17);
  for (let viewOffset = 0; viewOffset < 4; viewOffset++) {
    // a view whose byteOffset is not word-aligned exercises the word path's unaligned head
    const view = backing.subarray(viewOffset);
    for (const len of [0, 1, 3, 7, 8, 9, 15, 16, 17, 31, 255, 256, 257, 259, 271, 272, 273, 1000, 4093]) {
      for (let start = 0; start < 5; start++) {
        if (start + len > view.length) continue;
        assert.equal(crc32c(view, start, start + len), reference(view, start, start + len), `offset ${viewOffset}, start ${start}, length ${len}`);
      }
    }
  }
});

test('crc32c matches the bitwise definition on random buffers and ranges', () => {
  const rand = prng(99);
  for (let k = 0; k < 200; k++) {
    const buf = randomBytes(1 + Math.floor(rand() * 3000), k);
    const a = Math.floor(rand() * buf.length);
    const b = a + Math.floor(rand() * (buf.length - a + 1));
    assert.equal(crc32c(buf, a, b), reference(buf, a, b));
    assert.equal(maskedCrc32c(buf, a, b), maskCrc(reference(buf, a, b)));
  }
  // a range ending exactly at the end of a buffer whose length is not a multiple of 4
  const odd = randomBytes(1027, 5);
  assert.equal(crc32c(odd), reference(odd));
  assert.equal(crc32c(odd, 1), reference(odd, 1));
});

test('crc32c8 equals crc32c over the same 8 bytes', () => {
  const buf = randomBytes(200, 3);
  for (let i = 0; i + 8 <= buf.length; i++) assert.equal(crc32c8(buf, i), reference(buf, i, i + 8));
});
