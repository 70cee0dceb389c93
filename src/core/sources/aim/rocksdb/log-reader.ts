// RocksDB log files, WAL (*.log) and MANIFEST alike (rocksdb db/log_format.h, db/log_reader.cc):
// the LevelDB chunk framing (util/leveldb-log) with masked CRC-32C checksums and recyclable chunk
// types. A logical record is one FULL chunk or FIRST, MIDDLE…, LAST. Reading stops at the first
// damaged or truncated chunk and keeps everything before it, like RocksDB's point-in-time
// recovery: a torn tail is normal while a writer is mid-append.
import { concatBytes } from '../../../util/bytes';
import { crc32c, maskCrc } from '../../../util/crc32c';
import { FIRST_TYPE, FULL_TYPE, LAST_TYPE, MIDDLE_TYPE, readChunk, type ChunkFormat } from '../../../util/leveldb-log';

const ROCKSDB_CHUNKS: ChunkFormat = {
  checksum: (buf, from, to) => maskCrc(crc32c(buf, from, to)),
  recyclable: true,
};

export interface LogReadResult {
  records: Uint8Array[];
  /** Why reading stopped early (damage or truncation); undefined when the file ended cleanly. */
  stopped?: string;
}

export function readLogRecords(data: Uint8Array): LogReadResult {
  const records: Uint8Array[] = [];
  let pending: Uint8Array[] | undefined; // fragments of a FIRST..LAST chain
  let pos = 0;
  const n = data.length;
  const stop = (why: string): LogReadResult => ({ records, stopped: `${why} at byte ${pos}` });

  while (pos < n) {
    const chunk = readChunk(data, pos, n, 0, ROCKSDB_CHUNKS);
    switch (chunk.kind) {
      case 'padding':
        pos = chunk.blockEnd;
        continue;
      case 'zero':
        // Preallocated/zeroed space: nothing more was written in this block.
        if (!isZeroTail(data, pos, Math.min(n, chunk.blockEnd))) return stop('zero record followed by data');
        pos = chunk.blockEnd;
        continue;
      case 'truncated-header':
        return stop('truncated record header');
      case 'bad-type':
        return stop(`unknown record type ${chunk.type}`);
      case 'crosses-block':
        return stop('record crosses a block boundary');
      case 'truncated':
        return stop('truncated record');
      case 'checksum-mismatch':
        return stop('checksum mismatch');
    }
    const { type } = chunk;
    const payload = data.subarray(chunk.dataStart, chunk.dataEnd);
    pos = chunk.dataEnd;
    if (type === FULL_TYPE) {
      if (pending) return stop('FULL record inside a fragmented record');
      records.push(payload);
    } else if (type === FIRST_TYPE) {
      if (pending) return stop('FIRST record inside a fragmented record');
      pending = [payload];
    } else {
      if (!pending) return stop(`${type === MIDDLE_TYPE ? 'MIDDLE' : 'LAST'} record without a FIRST`);
      pending.push(payload);
      if (type === LAST_TYPE) {
        records.push(concatBytes(pending));
        pending = undefined;
      }
    }
  }
  return pending ? { records, stopped: `incomplete fragmented record at end of file (byte ${n})` } : { records };
}

function isZeroTail(data: Uint8Array, from: number, to: number): boolean {
  for (let i = from; i < to; i++) if (data[i] !== 0) return false;
  return true;
}
