import { test } from 'node:test';
import assert from 'node:assert/strict';
import { MemoryFile } from '../../../src/core/sources/aim/rocksdb/file-access';
import { SstTable } from '../../../src/core/sources/aim/rocksdb/sst-table';
import { RocksFormatError, commonPrefix } from '../../../src/core/sources/aim/rocksdb/bytes';
import { KIND_DELETE, KIND_PUT, KIND_UNSUPPORTED } from '../../../src/core/sources/aim/rocksdb/entry-stream';
import { writeSst, TYPE_DELETE, TYPE_MERGE, TYPE_SINGLE_DELETE, type SstEntry, type SstOptions } from '../../writers/aim/sst-writer';

const enc = (s: string) => new TextEncoder().encode(s);
const dec = (b: Uint8Array) => new TextDecoder().decode(b);

function sampleEntries(n: number): SstEntry[] {
  const out: SstEntry[] = [];
  for (let i = 0; i < n; i++) {
    const key = enc(`seqs\u00fechunk/${String(i).padStart(6, '0')}/${i % 3 === 0 ? 'val' : 'time'}`);
    out.push({ key, seq: 1000 + i, value: enc(`value-${i}-${'x'.repeat(i % 23)}`) });
  }
  return out;
}

function readAll(bytes: Uint8Array) {
  const table = SstTable.open(new MemoryFile(bytes), 't.sst');
  const it = table.iterator();
  const got: { key: string; seq: number; kind: number; value: string; shared: number; raw: Uint8Array }[] = [];
  for (let ok = it.seek(new Uint8Array(0)); ok; ok = it.next()) {
    const raw = it.key.slice(0, it.keyLen);
    got.push({ key: dec(raw), seq: it.seq, kind: it.kind, value: dec(it.value.subarray(it.valueOff, it.valueOff + it.valueLen)), shared: it.shared, raw });
  }
  return { table, got };
}

const variants: [string, SstOptions][] = [
  ['snappy, defaults', {}],
  ['uncompressed, tiny blocks', { compression: 'none', blockSize: 64 }],
  ['restart every entry', { restartInterval: 1, blockSize: 256 }],
  ['delta-encoded index handles', { indexRestartInterval: 4, blockSize: 128 }],
  ['internal-key index', { userKeyIndex: false, blockSize: 200 }],
  ['no checksums', { checksum: 'none', blockSize: 300 }],
];

for (const [name, opts] of variants) {
  test(`SST round trip: ${name}`, () => {
    const entries = sampleEntries(500);
    const { table, got } = readAll(writeSst(entries, opts));
    assert.equal(got.length, 500);
    assert.deepEqual(table.warnings, []);
    for (let i = 0; i < entries.length; i++) {
      assert.equal(got[i].key, dec(entries[i].key));
      assert.equal(got[i].seq, 1000 + i);
      assert.equal(got[i].kind, KIND_PUT);
      assert.equal(got[i].value, dec(entries[i].value!));
      // shared must be the exact common prefix with the previous entry, also across blocks
      const expected = i === 0 ? 0 : commonPrefix(got[i - 1].raw, got[i - 1].raw.length, got[i].raw, got[i].raw.length);
      assert.equal(got[i].shared, expected, `shared at ${i}`);
    }
    assert.equal(table.numberProperty('rocksdb.num.entries'), 500);
  });
}

test('SST keeps every version in internal-key order and reports types', () => {
  const k = (s: string) => enc(s);
  const entries: SstEntry[] = [
    { key: k('a'), seq: 5, value: k('a5') },
    { key: k('a'), seq: 9, type: TYPE_DELETE },
    { key: k('b'), seq: 3, type: TYPE_SINGLE_DELETE },
    { key: k('c'), seq: 4, type: TYPE_MERGE, value: k('operand') },
    { key: k('d'), seq: 2 ** 40, value: k('big seq') },
  ];
  const { table, got } = readAll(writeSst(entries, { blockSize: 1 }));
  assert.deepEqual(
    got.map((g) => [g.key, g.seq, g.kind]),
    [
      ['a', 9, KIND_DELETE],
      ['a', 5, KIND_PUT],
      ['b', 3, KIND_DELETE],
      ['c', 4, KIND_UNSUPPORTED],
      ['d', 2 ** 40, KIND_PUT],
    ],
  );
  // same user key at a block boundary: shared must show it is the same key
  assert.equal(got[1].shared, 1);
  assert.ok(table.warnings.some((w) => /type 2/.test(w)));
});

test('SST range deletions are read from the range_del meta block', () => {
  const bytes = writeSst(sampleEntries(10), { rangeDeletions: [{ start: enc('a'), end: enc('m'), seq: 77 }, { start: enc('x'), end: enc('z'), seq: 3 }] });
  const table = SstTable.open(new MemoryFile(bytes), 't.sst');
  assert.deepEqual(
    table.rangeTombstones.map((t) => [dec(t.start), dec(t.end), t.seq]),
    [
      ['a', 'm', 77],
      ['x', 'z', 3],
    ],
  );
});

test('SST seek lands on the first key >= target without reading earlier blocks', () => {
  const entries = sampleEntries(2000);
  const bytes = writeSst(entries, { blockSize: 512 });
  let reads = 0;
  const file = new MemoryFile(bytes);
  const counting = { size: file.size, read: (o: number, l: number) => (reads++, file.read(o, l)), close() {} };
  const table = SstTable.open(counting, 't.sst');
  const openReads = reads;
  const it = table.iterator();
  assert.ok(it.seek(enc('seqs\u00fechunk/001500')));
  assert.equal(dec(it.key.subarray(0, it.keyLen)), dec(entries[1500].key));
  assert.equal(reads - openReads, 1, 'one data block read for the seek');
  assert.ok(it.next());
  assert.equal(dec(it.key.subarray(0, it.keyLen)), dec(entries[1501].key));
  assert.equal(it.seek(enc('zzz')), false);
  assert.ok(it.seek(new Uint8Array(0)));
  assert.equal(dec(it.key.subarray(0, it.keyLen)), dec(entries[0].key));
});

test('a corrupt data block is skipped with a warning; the other blocks still read', () => {
  const entries = sampleEntries(400);
  const bytes = writeSst(entries, { blockSize: 256, compression: 'none' });
  const table0 = SstTable.open(new MemoryFile(bytes), 't.sst');
  const victim = table0.index[3].handle;
  const damaged = bytes.slice();
  damaged[victim.offset + 10] ^= 0x40;
  const { table, got } = readAll(damaged);
  assert.ok(got.length > 300 && got.length < 400, `got ${got.length}`);
  assert.ok(table.warnings.some((w) => /checksum mismatch/.test(w)));
});

test('bad footers, truncation and unsupported formats are RocksFormatErrors', () => {
  const bytes = writeSst(sampleEntries(20));
  assert.throws(() => SstTable.open(new MemoryFile(bytes.subarray(0, 40)), 'x'), RocksFormatError);
  assert.throws(() => SstTable.open(new MemoryFile(bytes.subarray(0, bytes.length - 1)), 'x'), RocksFormatError);
  const legacy = bytes.slice();
  legacy.set([0x57, 0xfb, 0x80, 0x8b, 0x24, 0x75, 0x47, 0xdb], legacy.length - 8);
  assert.throws(() => SstTable.open(new MemoryFile(legacy), 'x'), /legacy/);
  const v6 = bytes.slice();
  new DataView(v6.buffer).setUint32(v6.length - 12, 6, true);
  assert.throws(() => SstTable.open(new MemoryFile(v6), 'x'), /format_version 6/);
  const badIndex = bytes.slice();
  badIndex[badIndex.length - 53 + 2] ^= 0x01; // metaindex handle points elsewhere
  assert.throws(() => SstTable.open(new MemoryFile(badIndex), 'x'), RocksFormatError);
});

test('SST round trip of keys longer than the key buffer, sharing long prefixes (word-wise key rebuild)', () => {
  // 300- to 700-byte keys outgrow the iterator's 256-byte key buffer; lengths vary by one byte so the
  // 4-byte copy meets every tail length, and each key shares a long, varying prefix with the last
  const entries: SstEntry[] = [];
  for (let i = 0; i < 400; i++) {
    const key = enc(`${'p'.repeat(300 + (i % 7) * 60)}/${String(i).padStart(5, '0')}/${'t'.repeat(i % 9)}`);
    entries.push({ key, seq: 1 + i, value: enc(`v${i}`) });
  }
  entries.sort((a, b) => (dec(a.key) < dec(b.key) ? -1 : 1));
  for (const opts of [{}, { restartInterval: 1 }, { restartInterval: 5, blockSize: 900 }] as SstOptions[]) {
    const { got } = readAll(writeSst(entries, opts));
    assert.deepEqual(got.map((g) => g.key), entries.map((e) => dec(e.key)));
    for (let i = 1; i < got.length; i++) assert.equal(got[i].shared, commonPrefix(got[i - 1].raw, got[i - 1].raw.length, got[i].raw, got[i].raw.length));
  }
});
