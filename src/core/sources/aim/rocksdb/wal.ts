// Unflushed writes: the WAL files (*.log) of a database turned into in-memory entries and range
// tombstones. A damaged or torn record ends that WAL (everything before it is kept).
import { KIND_DELETE, KIND_PUT, type RangeTombstone } from './entry-stream';
import { readLogRecords } from './log-reader';
import type { MemEntry } from './memory-stream';
import { decodeWriteBatch } from './write-batch';

export interface WalContents {
  entries: MemEntry[];
  tombstones: RangeTombstone[];
  batches: number;
  warnings: string[];
}

export function decodeWal(data: Uint8Array, name: string, into?: WalContents): WalContents {
  const out: WalContents = into ?? { entries: [], tombstones: [], batches: 0, warnings: [] };
  const { records, stopped } = readLogRecords(data);
  if (stopped) out.warnings.push(`${name}: read stopped (${stopped}); later writes ignored`);
  for (const rec of records) {
    const batch = decodeWriteBatch(rec);
    out.batches++;
    for (const w of batch.warnings) if (out.warnings.length < 50) out.warnings.push(`${name}: ${w}`);
    for (const op of batch.ops) {
      if (op.op === 'put') out.entries.push({ key: op.key, seq: op.seq, kind: KIND_PUT, value: op.value });
      else if (op.op === 'delete') out.entries.push({ key: op.key, seq: op.seq, kind: KIND_DELETE, value: new Uint8Array(0) });
      else out.tombstones.push({ start: op.key, end: op.end, seq: op.seq });
    }
  }
  return out;
}
