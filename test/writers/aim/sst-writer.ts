// Writes block-based SST files (format_version 5) the way the spec describes them (§3.2): data
// blocks with prefix-compressed keys and restart points, an optional range-deletion block,
// properties, metaindex, a value-delta-encoded index, block trailers with masked crc32c, footer.
import { compress } from 'snappyjs';
import { ByteWriter, compareKeys, concatBytes, internalKey, maskedCrc, utf8 } from './byte-writer';

export const TYPE_DELETE = 0;
export const TYPE_PUT = 1;
export const TYPE_MERGE = 2;
export const TYPE_SINGLE_DELETE = 7;

export interface SstEntry {
  key: Uint8Array;
  seq: number;
  type?: number;
  value?: Uint8Array;
}

export interface RangeDeletion {
  start: Uint8Array;
  end: Uint8Array;
  seq: number;
}

export interface SstOptions {
  compression?: 'snappy' | 'none';
  blockSize?: number;
  restartInterval?: number;
  indexRestartInterval?: number;
  /** Index separators as user keys (property index.key.is.user.key = 1) when keys allow it. */
  userKeyIndex?: boolean;
  rangeDeletions?: RangeDeletion[];
  checksum?: 'crc32c' | 'none';
}

interface Handle {
  offset: number;
  size: number;
}

function handleBytes(h: Handle): Uint8Array {
  return new ByteWriter().varint(h.offset).varint(h.size).done();
}

/** Block body: entries with shared-prefix keys, then restart offsets and their count. */
export function buildBlock(entries: { key: Uint8Array; value: Uint8Array }[], restartInterval: number): Uint8Array {
  const w = new ByteWriter();
  const restarts: number[] = [];
  let prev: Uint8Array = new Uint8Array(0);
  entries.forEach((e, i) => {
    let shared = 0;
    if (i % restartInterval === 0) restarts.push(w.length);
    else while (shared < prev.length && shared < e.key.length && prev[shared] === e.key[shared]) shared++;
    w.varint(shared).varint(e.key.length - shared).varint(e.value.length);
    w.bytes(e.key.subarray(shared)).bytes(e.value);
    prev = e.key;
  });
  if (restarts.length === 0) restarts.push(0);
  for (const r of restarts) w.fixed32(r);
  w.fixed32(restarts.length);
  return w.done();
}

/** Index block with value delta encoding: restart entries hold full handles, others a size delta. */
function buildIndexBlock(entries: { key: Uint8Array; handle: Handle }[], restartInterval: number): Uint8Array {
  const w = new ByteWriter();
  const restarts: number[] = [];
  let prev: Uint8Array = new Uint8Array(0);
  let prevHandle: Handle | undefined;
  entries.forEach((e, i) => {
    let shared = 0;
    if (i % restartInterval === 0) restarts.push(w.length);
    else while (shared < prev.length && shared < e.key.length && prev[shared] === e.key[shared]) shared++;
    w.varint(shared).varint(e.key.length - shared).bytes(e.key.subarray(shared));
    if (shared === 0 || !prevHandle) w.bytes(handleBytes(e.handle));
    else {
      const delta = e.handle.size - prevHandle.size;
      w.varint(delta >= 0 ? delta * 2 : -delta * 2 - 1); // zig-zag
    }
    prev = e.key;
    prevHandle = e.handle;
  });
  if (restarts.length === 0) restarts.push(0);
  for (const r of restarts) w.fixed32(r);
  w.fixed32(restarts.length);
  return w.done();
}

export function writeSst(input: SstEntry[], options: SstOptions = {}): Uint8Array {
  const blockSize = options.blockSize ?? 4096;
  const restartInterval = options.restartInterval ?? 16;
  const checksum = options.checksum ?? 'crc32c';
  const entries = input
    .map((e) => ({ user: e.key, seq: e.seq, type: e.type ?? TYPE_PUT, value: e.value ?? new Uint8Array(0) }))
    .sort((a, b) => compareKeys(a.user, b.user) || b.seq - a.seq);
  const out: Uint8Array[] = [];
  let offset = 0;
  const writeBlock = (body: Uint8Array, allowCompression: boolean): Handle => {
    let stored = body;
    let type = 0;
    if (allowCompression && options.compression !== 'none') {
      const c = compress(body);
      // RocksDB keeps a compressed block only when it saves at least 1/8.
      if (c.length < body.length - body.length / 8) {
        stored = c;
        type = 1;
      }
    }
    const typeByte = new Uint8Array([type]);
    const trailer = new ByteWriter().u8(type).fixed32(checksum === 'crc32c' ? maskedCrc(stored, typeByte) : 0).done();
    const h = { offset, size: stored.length };
    out.push(stored, trailer);
    offset += stored.length + trailer.length;
    return h;
  };

  // Data blocks. A user key whose versions straddle a block boundary forces internal-key
  // separators in the index (a user-key separator could not tell the two blocks apart).
  let userKeys = options.userKeyIndex ?? true;
  const index: { lastUser: Uint8Array; lastInternal: Uint8Array; handle: Handle }[] = [];
  let pending: { key: Uint8Array; value: Uint8Array }[] = [];
  let pendingBytes = 0;
  const flush = () => {
    if (pending.length === 0) return;
    const last = pending[pending.length - 1].key;
    const handle = writeBlock(buildBlock(pending, restartInterval), true);
    index.push({ lastUser: last.subarray(0, last.length - 8), lastInternal: last, handle });
    pending = [];
    pendingBytes = 0;
  };
  entries.forEach((e, i) => {
    const ikey = internalKey(e.user, e.seq, e.type);
    pending.push({ key: ikey, value: e.value });
    pendingBytes += ikey.length + e.value.length + 3;
    if (pendingBytes >= blockSize) {
      if (i + 1 < entries.length && compareKeys(entries[i + 1].user, e.user) === 0) userKeys = false;
      flush();
    }
  });
  flush();

  const metaBlocks: { name: string; handle: Handle }[] = [];
  const rangeDels = (options.rangeDeletions ?? [])
    .map((r) => ({ key: internalKey(r.start, r.seq, 0x0f), value: r.end }))
    .sort((a, b) => compareKeys(a.key, b.key));
  if (rangeDels.length) metaBlocks.push({ name: 'rocksdb.range_del', handle: writeBlock(buildBlock(rangeDels, 1), false) });

  const props: [string, Uint8Array][] = [
    ['rocksdb.block.based.table.index.type', new ByteWriter().fixed32(0).done()],
    ['rocksdb.comparator', utf8('leveldb.BytewiseComparator')],
    ['rocksdb.index.key.is.user.key', new ByteWriter().varint(userKeys ? 1 : 0).done()],
    ['rocksdb.index.value.is.delta.encoded', new ByteWriter().varint(1).done()],
    ['rocksdb.num.data.blocks', new ByteWriter().varint(index.length).done()],
    ['rocksdb.num.entries', new ByteWriter().varint(entries.length + rangeDels.length).done()],
    ['rocksdb.num.range-deletions', new ByteWriter().varint(rangeDels.length).done()],
    // RocksDB sums these over a level's files (VersionStorageInfo) and asserts they are not zero
    ['rocksdb.raw.key.size', new ByteWriter().varint(entries.reduce((n, e) => n + e.user.length + 8, 0)).done()],
    ['rocksdb.raw.value.size', new ByteWriter().varint(entries.reduce((n, e) => n + e.value.length, 0)).done()],
    ['rocksdb.data.size', new ByteWriter().varint(index.reduce((n, b) => n + b.handle.size + 5, 0)).done()],
    ['rocksdb.compression', utf8(options.compression === 'none' ? 'NoCompression' : 'Snappy')],
  ];
  props.sort((a, b) => compareKeys(utf8(a[0]), utf8(b[0])));
  // RocksDB writes (and reads) meta blocks uncompressed: a Snappy-compressed properties block is corrupt to it
  metaBlocks.push({ name: 'rocksdb.properties', handle: writeBlock(buildBlock(props.map(([k, v]) => ({ key: utf8(k), value: v })), 1), false) });
  metaBlocks.sort((a, b) => compareKeys(utf8(a.name), utf8(b.name)));
  const metaindex = writeBlock(buildBlock(metaBlocks.map((m) => ({ key: utf8(m.name), value: handleBytes(m.handle) })), 1), false);

  const indexEntries = index.map((b) => ({ key: userKeys ? b.lastUser : b.lastInternal, handle: b.handle }));
  const indexHandle = writeBlock(buildIndexBlock(indexEntries, options.indexRestartInterval ?? 1), false);

  const footer = new Uint8Array(53);
  footer[0] = checksum === 'crc32c' ? 1 : 0;
  footer.set(concatBytes([handleBytes(metaindex), handleBytes(indexHandle)]), 1);
  new DataView(footer.buffer).setUint32(41, 5, true);
  footer.set([0xf7, 0xcf, 0xf4, 0x85, 0xb7, 0x41, 0xe2, 0x88], 45);
  out.push(footer);
  return concatBytes(out);
}
