// Our Snappy decoder against snappyjs (the decoder it replaced, and the compressor the test writers use):
// round trips of random and structured data, every raw block of the real Aim SSTs in the corpus, and
// damaged streams, where ours must never accept what snappyjs rejects and must refuse bad lengths.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { compress } from 'snappyjs';
import { SnappyDecompressor } from 'snappyjs/snappy_decompressor';
import { readSnappyLength, snappyDecompress } from '../../../src/core/sources/aim/rocksdb/snappy';
import { SstTable } from '../../../src/core/sources/aim/rocksdb/sst-table';
import { MemoryFile } from '../../../src/core/sources/aim/rocksdb/file-access';
import { prng } from '../../../src/core/util/prng';
import { corpusDir } from '../../helpers/corpus';

function ours(compressed: Uint8Array): Uint8Array | undefined {
  const h = readSnappyLength(compressed);
  if (!h || h.length > compressed.length * 32 + 64) return undefined;
  const out = new Uint8Array(h.length);
  return snappyDecompress(compressed, h.start, compressed.length, out) ? out : undefined;
}

function theirs(compressed: Uint8Array): Uint8Array | undefined {
  const d = new SnappyDecompressor(compressed);
  const n = d.readUncompressedLength();
  if (n < 0 || n > compressed.length * 32 + 64) return undefined;
  const out = new Uint8Array(n);
  return d.uncompressToBuffer(out) ? out : undefined;
}

/** Data with the runs, repeats and overlapping matches Snappy makes copies of, plus noise. */
function sample(rand: () => number, n: number): Uint8Array {
  const out = new Uint8Array(n);
  let i = 0;
  while (i < n) {
    const kind = rand();
    const len = 1 + Math.floor(rand() * (rand() < 0.1 ? 300 : 40));
    if (kind < 0.3 || i === 0) for (let k = 0; k < len && i < n; k++) out[i++] = Math.floor(rand() * 256);
    else if (kind < 0.5) {
      out.fill(out[i - 1], i, Math.min(n, i + len));
      i = Math.min(n, i + len);
    } else {
      // repeat from up to 70 000 bytes back (1-, 2- and 4-byte offsets), overlapping when close
      const back = 1 + Math.floor(rand() * Math.min(i, rand() < 0.9 ? 2048 : 70_000));
      for (let k = 0; k < len && i < n; k++, i++) out[i] = out[i - back];
    }
  }
  return out;
}

test('snappy: round trips of random and structured data decode exactly as snappyjs does', () => {
  const rand = prng(7);
  for (let k = 0; k < 300; k++) {
    const n = k < 20 ? k : Math.floor(rand() * (k % 10 === 0 ? 200_000 : 5000));
    const data = k % 3 === 0 ? Uint8Array.from({ length: n }, () => Math.floor(rand() * 256)) : sample(rand, n);
    const c = compress(data);
    const mine = ours(c);
    assert.ok(mine, `sample ${k} (${n} bytes) decodes`);
    assert.deepEqual(mine, data);
    assert.deepEqual(mine, theirs(c));
  }
});

test('snappy: every compressed block of the corpus Aim SSTs decodes as snappyjs decodes it', { skip: !corpusDir() && 'corpus absent' }, () => {
  const ssts: string[] = [];
  const walk = (d: string) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      if (e.isDirectory()) walk(path.join(d, e.name));
      else if (e.name.endsWith('.sst')) ssts.push(path.join(d, e.name));
    }
  };
  walk(corpusDir()!);
  let blocks = 0;
  for (const file of ssts) {
    const bytes = new Uint8Array(fs.readFileSync(file));
    const table = SstTable.open(new MemoryFile(bytes), path.basename(file));
    for (const { handle } of table.index) {
      if (bytes[handle.offset + handle.size] !== 1) continue; // not snappy
      const body = bytes.subarray(handle.offset, handle.offset + handle.size);
      assert.deepEqual(ours(body), theirs(body), `${file} @${handle.offset}`);
      blocks++;
    }
  }
  assert.ok(blocks > 0, 'the corpus has snappy blocks');
});

test('snappy: damaged streams are refused whenever snappyjs refuses them, and on any length mismatch', () => {
  const rand = prng(11);
  let refused = 0;
  for (let k = 0; k < 2000; k++) {
    const c = compress(sample(rand, 50 + Math.floor(rand() * 3000)));
    const bad = c.slice(0, k % 5 === 0 ? Math.floor(rand() * c.length) : c.length);
    for (let m = 0; m < 1 + (k % 3); m++) bad[Math.floor(rand() * bad.length)] = Math.floor(rand() * 256);
    const mine = ours(bad);
    const ref = theirs(bad);
    if (mine) assert.deepEqual(mine, ref, `mutation ${k}: accepted, so it must decode as snappyjs decodes it`);
    else refused++;
  }
  assert.ok(refused > 0);
  // the header says 10 bytes, the elements make 3 (snappyjs accepts this and leaves zeros)
  assert.equal(ours(Uint8Array.of(10, 0x08, 1, 2, 3)), undefined);
  // a copy reaching before the start of the output
  assert.equal(ours(Uint8Array.of(8, 0x00, 9, 0x01 | (0 << 2), 2)), undefined);
  // a copy past the end of the output
  assert.equal(ours(Uint8Array.of(3, 0x00, 9, 0x01 | (7 << 2), 1)), undefined);
  // a literal running past the input, and a truncated copy element
  assert.equal(ours(Uint8Array.of(5, 0x10, 1, 2)), undefined);
  assert.equal(ours(Uint8Array.of(2, 0x00, 9, 0x02)), undefined);
  // an overlapping copy (offset 1, length 6) repeats the last byte
  assert.deepEqual(ours(Uint8Array.of(7, 0x00, 9, 0x01 | (2 << 2), 1)), Uint8Array.of(9, 9, 9, 9, 9, 9, 9));
});
