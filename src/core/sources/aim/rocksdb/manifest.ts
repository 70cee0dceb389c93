// MANIFEST replay: which SST files are live and which WALs still hold unflushed writes.
// Each log record is a VersionEdit, a list of (varint32 tag, payload) fields
// (rocksdb db/version_edit.cc VersionEdit::DecodeFrom; tags in db/version_edit.h).
import { ByteCursor, RocksFormatError } from './bytes';
import { readLogRecords } from './log-reader';

export interface ManifestState {
  /** Live SST file numbers of the default column family. */
  liveFiles: number[];
  /** WALs numbered below this are already flushed into SSTs. */
  logNumber: number;
  prevLogNumber: number;
  lastSequence: number;
  comparator?: string;
  edits: number;
  warnings: string[];
}

const TAG = {
  comparator: 1,
  logNumber: 2,
  nextFileNumber: 3,
  lastSequence: 4,
  compactCursor: 5,
  deletedFile: 6,
  newFile: 7,
  prevLogNumber: 9,
  minLogNumberToKeep: 10,
  newFile2: 100,
  newFile3: 102,
  newFile4: 103,
  columnFamily: 200,
  columnFamilyAdd: 201,
  columnFamilyDrop: 202,
  maxColumnFamily: 203,
  inAtomicGroup: 300,
} as const;
const SAFE_IGNORE_MASK = 1 << 13; // tags with this bit carry a slice a reader may skip
const NEW_FILE4_TERMINATE = 1;

/** `name` (the MANIFEST-NNNNNN file) starts every warning: the user must know which file is damaged. */
export function replayManifest(data: Uint8Array, name = 'MANIFEST'): ManifestState {
  const state: ManifestState = { liveFiles: [], logNumber: 0, prevLogNumber: 0, lastSequence: 0, edits: 0, warnings: [] };
  const { records, stopped } = readLogRecords(data);
  if (stopped) state.warnings.push(`${name} read stopped early: ${stopped}`);
  const live = new Set<number>();
  let otherFamilies = false;
  for (const rec of records) {
    try {
      const edit = decodeEdit(rec);
      if (edit.columnFamily !== 0) {
        otherFamilies = true;
        continue;
      }
      for (const f of edit.deleted) live.delete(f);
      for (const f of edit.added) live.add(f);
      if (edit.logNumber !== undefined) state.logNumber = edit.logNumber;
      if (edit.prevLogNumber !== undefined) state.prevLogNumber = edit.prevLogNumber;
      if (edit.lastSequence !== undefined) state.lastSequence = edit.lastSequence;
      if (edit.comparator !== undefined) state.comparator = edit.comparator;
      state.edits++;
    } catch (err) {
      // Later edits build on this one; applying them without it could resurrect deleted files.
      state.warnings.push(`${name} edit ${state.edits + 1} is damaged (${(err as Error).message}); later edits ignored`);
      break;
    }
  }
  if (records.length === 0) throw new RocksFormatError(stopped ? `MANIFEST unreadable: ${stopped}` : 'MANIFEST is empty');
  if (otherFamilies) state.warnings.push(`${name} has column families other than the default; ignored`);
  if (state.comparator && state.comparator !== 'leveldb.BytewiseComparator') {
    state.warnings.push(`comparator ${state.comparator} is not bytewise; key order may differ`);
  }
  state.liveFiles = [...live].sort((a, b) => a - b);
  return state;
}

interface Edit {
  columnFamily: number;
  added: number[];
  deleted: number[];
  logNumber?: number;
  prevLogNumber?: number;
  lastSequence?: number;
  comparator?: string;
}

function decodeEdit(rec: Uint8Array): Edit {
  const c = new ByteCursor(rec);
  const e: Edit = { columnFamily: 0, added: [], deleted: [] };
  while (!c.atEnd()) {
    const tag = c.varint32();
    switch (tag) {
      case TAG.comparator:
        e.comparator = new TextDecoder().decode(c.slice());
        break;
      case TAG.logNumber:
        e.logNumber = c.varint64();
        break;
      case TAG.prevLogNumber:
        e.prevLogNumber = c.varint64();
        break;
      case TAG.nextFileNumber:
      case TAG.minLogNumberToKeep:
        c.varint64();
        break;
      case TAG.lastSequence:
        e.lastSequence = c.varint64();
        break;
      case TAG.compactCursor:
        c.varint32();
        c.slice();
        break;
      case TAG.deletedFile:
        c.varint32(); // level
        e.deleted.push(c.varint64());
        break;
      case TAG.newFile:
      case TAG.newFile2:
      case TAG.newFile3:
      case TAG.newFile4:
        e.added.push(decodeNewFile(c, tag));
        break;
      case TAG.columnFamily:
        e.columnFamily = c.varint32();
        break;
      case TAG.columnFamilyAdd:
        c.slice();
        break;
      case TAG.columnFamilyDrop:
        break;
      case TAG.maxColumnFamily:
      case TAG.inAtomicGroup:
        c.varint32();
        break;
      default:
        if (tag & SAFE_IGNORE_MASK) c.slice();
        else throw new RocksFormatError(`unknown VersionEdit tag ${tag}`);
    }
  }
  return e;
}

/** Returns the file number; the rest of the record (sizes, key range, seqnos, custom fields) is skipped. */
function decodeNewFile(c: ByteCursor, tag: number): number {
  c.varint32(); // level
  const number = c.varint64();
  if (tag === TAG.newFile3) c.varint32(); // path id
  c.varint64(); // file size
  c.slice(); // smallest internal key
  c.slice(); // largest internal key
  if (tag !== TAG.newFile) {
    c.varint64(); // smallest seqno
    c.varint64(); // largest seqno
  }
  if (tag === TAG.newFile4) {
    for (;;) {
      const field = c.varint32();
      if (field === NEW_FILE4_TERMINATE) break;
      c.slice(); // path id, creation times, checksums… none changes which file is live
    }
  }
  return number;
}
