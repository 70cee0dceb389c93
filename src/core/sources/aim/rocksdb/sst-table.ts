// A block-based SST file (rocksdb table/format.cc, table/block_based/): footer -> metaindex
// (properties, range deletions) and index (one handle per data block). Opening reads only the
// footer, the metaindex, the properties and the index; data blocks are read by iterators on demand.
import { ByteCursor, RocksFormatError } from './bytes';
import {
  CHECKSUM_CRC32C,
  CHECKSUM_NONE,
  decodeBlockEntries,
  decodeIndexBlock,
  entriesEnd,
  readBlock,
  readHandle,
  SlabAllocator,
  type BlockHandle,
  type IndexEntry,
} from './block';
import { trailerSeq, type RangeTombstone } from './entry-stream';
import type { RandomAccess } from './file-access';
import { SstIterator } from './sst-iterator';

const FOOTER_SIZE = 53; // 1 checksum byte + 40 handle bytes + 4 format_version + 8 magic
const MAGIC_LO = 0x85f4cff7;
const MAGIC_HI = 0x88e241b7;
const LEGACY_MAGIC_LO = 0x8b80fb57;
const LEGACY_MAGIC_HI = 0xdb477524;
const RANGE_DELETION_TYPE = 0x0f;

export interface Footer {
  checksumType: number;
  metaindex: BlockHandle;
  index: BlockHandle;
  formatVersion: number;
}

export function decodeFooter(file: RandomAccess): Footer {
  if (file.size < FOOTER_SIZE) throw new RocksFormatError(`file of ${file.size} bytes is too short for an SST footer`);
  const f = file.read(file.size - FOOTER_SIZE, FOOTER_SIZE);
  const c = new ByteCursor(f, 45);
  const magicLo = c.fixed32();
  const magicHi = c.fixed32();
  if (magicLo === LEGACY_MAGIC_LO && magicHi === LEGACY_MAGIC_HI) {
    throw new RocksFormatError('legacy (format_version 0) SST footer is not supported');
  }
  if (magicLo !== MAGIC_LO || magicHi !== MAGIC_HI) throw new RocksFormatError('not a block-based SST (bad footer magic)');
  const formatVersion = new ByteCursor(f, 41).fixed32();
  if (formatVersion < 1 || formatVersion >= 6) {
    throw new RocksFormatError(`SST format_version ${formatVersion} is not supported (expected 1-5)`);
  }
  const h = new ByteCursor(f, 1, 41);
  const metaindex = readHandle(h);
  const index = readHandle(h);
  return { checksumType: f[0], metaindex, index, formatVersion };
}

export class SstTable {
  readonly warnings: string[] = [];
  properties = new Map<string, Uint8Array>();
  index: IndexEntry[] = [];
  rangeTombstones: RangeTombstone[] = [];
  indexKeyIsUserKey = false;
  footer!: Footer;

  private constructor(
    readonly file: RandomAccess,
    readonly name: string,
  ) {}

  /** Opens the table's metadata; throws RocksFormatError when the file is not a readable SST. */
  static open(file: RandomAccess, name: string): SstTable {
    const t = new SstTable(file, name);
    t.footer = decodeFooter(file);
    if (t.footer.checksumType !== CHECKSUM_CRC32C && t.footer.checksumType !== CHECKSUM_NONE) {
      t.warn(`checksum type ${t.footer.checksumType} is not verified`);
    }
    const meta = decodeBlockEntries(t.block(t.footer.metaindex));
    const text = new TextDecoder();
    let rangeDel: BlockHandle | undefined;
    for (const e of meta) {
      const name = text.decode(e.key);
      const handle = readHandle(new ByteCursor(e.value));
      if (name === 'rocksdb.properties') {
        for (const p of decodeBlockEntries(t.block(handle))) t.properties.set(text.decode(p.key), p.value);
      } else if (name === 'rocksdb.range_del') {
        rangeDel = handle;
      }
    }
    t.indexKeyIsUserKey = t.numberProperty('rocksdb.index.key.is.user.key') === 1;
    const deltaEncoded = t.numberProperty('rocksdb.index.value.is.delta.encoded') === 1;
    // This one property is a fixed32, not a varint (BlockBasedTablePropertiesCollector).
    const rawIndexType = t.properties.get('rocksdb.block.based.table.index.type');
    const indexType = rawIndexType && rawIndexType.length === 4 ? new ByteCursor(rawIndexType).fixed32() : undefined;
    if (indexType !== undefined && indexType !== 0) {
      // 2 = two-level (partitioned) index; never written with Aim's options.
      throw new RocksFormatError(`index type ${indexType} is not supported (only binary search)`);
    }
    t.index = decodeIndexBlock(t.block(t.footer.index), deltaEncoded);
    for (const e of t.index) {
      if (e.handle.offset + e.handle.size > file.size) throw new RocksFormatError('index points past the end of the file');
    }
    if (rangeDel) t.rangeTombstones = t.decodeRangeDeletions(rangeDel);
    return t;
  }

  /** A numeric table property (stored as a varint64), when present and well formed. */
  numberProperty(name: string): number | undefined {
    const v = this.properties.get(name);
    if (!v) return undefined;
    try {
      return new ByteCursor(v).varint64();
    } catch {
      return undefined;
    }
  }

  private readonly slab = new SlabAllocator();

  block(handle: BlockHandle): Uint8Array {
    return readBlock(this.file, handle, this.footer.checksumType, this.slab);
  }

  iterator(): SstIterator {
    return new SstIterator(this);
  }

  warn(message: string): void {
    const m = `${this.name}: ${message}`;
    if (!this.warnings.includes(m) && this.warnings.length < 50) this.warnings.push(m);
  }

  private decodeRangeDeletions(handle: BlockHandle): RangeTombstone[] {
    const out: RangeTombstone[] = [];
    // Aim writes thousands of these into L0 files; decode without per-entry intermediate objects.
    const block = this.block(handle);
    const c = new ByteCursor(block, 0, entriesEnd(block));
    let prev: Uint8Array = new Uint8Array(0);
    while (!c.atEnd()) {
      const shared = c.varint32();
      const nonShared = c.varint32();
      const valueLen = c.varint32();
      if (shared > prev.length) throw new RocksFormatError('range deletion shares more bytes than the previous key has');
      const key = new Uint8Array(shared + nonShared);
      key.set(prev.subarray(0, shared));
      key.set(c.bytes(nonShared), shared);
      const end = c.bytes(valueLen);
      prev = key;
      if (key.length < 8) throw new RocksFormatError('range deletion key shorter than its trailer');
      const trailer = key.length - 8;
      if (key[trailer] !== RANGE_DELETION_TYPE) {
        this.warn(`unexpected entry type ${key[trailer]} in the range deletion block`);
        continue;
      }
      out.push({ start: key.subarray(0, trailer), end, seq: trailerSeq(key, trailer) });
    }
    return out;
  }
}
