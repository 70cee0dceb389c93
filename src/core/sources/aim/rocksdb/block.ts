// One block of a block-based table: fetch + verify trailer + decompress, then walk its entries.
// Layout (rocksdb table/block_based/block_builder.cc): entries, uint32 restart offsets,
// uint32 num_restarts. Entry = varint32 shared, varint32 non_shared, varint32 value_len,
// key delta, value. Index blocks of format_version >= 4 drop value_len and delta-encode handles.
import { readSnappyLength, snappyDecompress } from './snappy';
import { ByteCursor, RocksFormatError } from './bytes';
import { crc32c, unmaskCrc } from '../../../util/crc32c';
import { readUint32LE } from '../../../util/bytes';
import type { RandomAccess } from './file-access';

export interface BlockHandle {
  offset: number;
  size: number;
}

export const BLOCK_TRAILER_SIZE = 5;
export const CHECKSUM_NONE = 0;
export const CHECKSUM_CRC32C = 1;
const COMPRESSION_NONE = 0;
const COMPRESSION_SNAPPY = 1;
const COMPRESSION_NAMES: Record<number, string> = {
  2: 'zlib',
  3: 'bzip2',
  4: 'lz4',
  5: 'lz4hc',
  6: 'xpress',
  7: 'zstd',
};
// No real block is anywhere near this; a corrupt length must not make us allocate gigabytes.
const MAX_BLOCK_BYTES = 256 << 20;

export function readHandle(c: ByteCursor): BlockHandle {
  return { offset: c.varint64(), size: c.varint64() };
}

/**
 * Reads a block and its 5-byte trailer, verifies the checksum (crc32c over block + type byte),
 * and returns the uncompressed contents. Throws RocksFormatError on any problem.
 */
/**
 * Hands out block-sized views of larger ArrayBuffers. V8 gives every typed array above a few
 * dozen bytes its own off-heap backing store, which is slow to create and to collect; thousands
 * of 4 KiB blocks per table make that the main allocation cost. Views keep their slab alive.
 */
export class SlabAllocator {
  private slab = new ArrayBuffer(0);
  private used = 0;
  constructor(private readonly slabSize = 1 << 20) {}

  /** `n` bytes for the caller to fill completely: they are not zeroed (every caller writes all of them). */
  alloc(n: number): Uint8Array {
    if (n > this.slabSize >>> 2) return new Uint8Array(n);
    if (this.used + n > this.slab.byteLength) {
      this.slab = newSlab(this.slabSize);
      this.used = 0;
    }
    const view = new Uint8Array(this.slab, this.used, n);
    this.used += n;
    return view;
  }
}

/** Zeroing a fresh 1 MiB slab was a tenth of reading it full of blocks; Node's unpooled unsafe allocation skips it. */
function newSlab(n: number): ArrayBuffer {
  const B = (globalThis as { Buffer?: { allocUnsafeSlow(n: number): Uint8Array } }).Buffer;
  return B ? (B.allocUnsafeSlow(n).buffer as ArrayBuffer) : new ArrayBuffer(n);
}

export function readBlock(file: RandomAccess, handle: BlockHandle, checksumType: number, slab?: SlabAllocator): Uint8Array {
  if (handle.size > MAX_BLOCK_BYTES) throw new RocksFormatError(`block of ${handle.size} bytes is implausibly large`);
  const raw = file.read(handle.offset, handle.size + BLOCK_TRAILER_SIZE);
  const type = raw[handle.size];
  if (checksumType === CHECKSUM_CRC32C) {
    const p = handle.size + 1;
    const stored = readUint32LE(raw, p);
    const actual = crc32c(raw, 0, handle.size + 1);
    if (unmaskCrc(stored) !== actual) {
      throw new RocksFormatError(`block checksum mismatch at offset ${handle.offset}`);
    }
  }
  // Other checksum types (xxHash variants) are not written by the RocksDB builds Aim ships;
  // the SST layer warns once and reads the blocks unverified.
  const body = raw.subarray(0, handle.size);
  if (type === COMPRESSION_NONE) return body;
  if (type === COMPRESSION_SNAPPY) return decompressSnappy(body, handle.offset, slab);
  const name = COMPRESSION_NAMES[type] ?? `type ${type}`;
  throw new RocksFormatError(`block at offset ${handle.offset} uses unsupported compression (${name})`);
}

function decompressSnappy(body: Uint8Array, offset: number, slab?: SlabAllocator): Uint8Array {
  const header = readSnappyLength(body);
  // Snappy cannot expand more than ~32x; the bound keeps a corrupt length header from allocating wildly.
  if (!header || header.length > Math.min(MAX_BLOCK_BYTES, body.length * 32 + 64)) {
    throw new RocksFormatError(`snappy block at offset ${offset} has a bad length header`);
  }
  const out = slab ? slab.alloc(header.length) : new Uint8Array(header.length);
  if (!snappyDecompress(body, header.start, body.length, out)) throw new RocksFormatError(`snappy decompression failed for block at offset ${offset}`);
  return out;
}

/** Where the entries of a block end (start of the restart array). */
export function entriesEnd(block: Uint8Array): number {
  if (block.length < 4) throw new RocksFormatError('block too short for a restart count');
  const n = block.length;
  const word = readUint32LE(block, n - 4);
  // Top bit flags a data-block hash index (kDataBlockBinaryAndHash); its map sits before the count.
  if (word & 0x80000000) throw new RocksFormatError('data block hash index is not supported');
  const restarts = word;
  const end = n - 4 - 4 * restarts;
  if (restarts === 0 || end < 0) throw new RocksFormatError(`bad restart count ${restarts} in block of ${n} bytes`);
  return end;
}

export interface BlockEntry {
  key: Uint8Array;
  value: Uint8Array;
}

/** All entries of an ordinary (non-index) block with keys materialised. For small blocks only. */
export function decodeBlockEntries(block: Uint8Array): BlockEntry[] {
  const end = entriesEnd(block);
  const c = new ByteCursor(block, 0, end);
  const out: BlockEntry[] = [];
  let prev = new Uint8Array(0);
  while (!c.atEnd()) {
    const shared = c.varint32();
    const nonShared = c.varint32();
    const valueLen = c.varint32();
    if (shared > prev.length) throw new RocksFormatError('entry shares more bytes than the previous key has');
    const delta = c.bytes(nonShared);
    const key = new Uint8Array(shared + nonShared);
    key.set(prev.subarray(0, shared), 0);
    key.set(delta, shared);
    out.push({ key, value: c.bytes(valueLen) });
    prev = key;
  }
  return out;
}

export interface IndexEntry {
  /** Separator key: >= every key of the block (internal key unless the table says user keys). */
  key: Uint8Array;
  handle: BlockHandle;
}

/**
 * Entries of an index block. With value delta encoding (format_version >= 4) a restart entry
 * holds a full handle and the others a zig-zag size delta with offset = prev end + trailer.
 */
export function decodeIndexBlock(block: Uint8Array, deltaEncoded: boolean): IndexEntry[] {
  if (!deltaEncoded) {
    return decodeBlockEntries(block).map((e) => ({ key: e.key, handle: readHandle(new ByteCursor(e.value)) }));
  }
  const end = entriesEnd(block);
  const c = new ByteCursor(block, 0, end);
  const out: IndexEntry[] = [];
  const slab = new SlabAllocator(64 << 10);
  let prev: Uint8Array = new Uint8Array(0);
  let prevHandle: BlockHandle | undefined;
  while (!c.atEnd()) {
    const shared = c.varint32();
    const nonShared = c.varint32();
    if (shared > prev.length) throw new RocksFormatError('index entry shares more bytes than the previous key has');
    const delta = c.bytes(nonShared);
    let key: Uint8Array;
    if (shared === 0) {
      key = delta; // a restart entry's key is contiguous in the block: no copy
    } else {
      key = slab.alloc(shared + nonShared);
      key.set(prev.subarray(0, shared), 0);
      key.set(delta, shared);
    }
    let handle: BlockHandle;
    if (shared === 0 || !prevHandle) {
      handle = readHandle(c);
    } else {
      const zz = c.varint64();
      const sizeDelta = zz % 2 === 0 ? zz / 2 : -(zz + 1) / 2;
      handle = { offset: prevHandle.offset + prevHandle.size + BLOCK_TRAILER_SIZE, size: prevHandle.size + sizeDelta };
      if (handle.size < 0) throw new RocksFormatError('negative block size in index');
    }
    out.push({ key, handle });
    prev = key;
    prevHandle = handle;
  }
  return out;
}
