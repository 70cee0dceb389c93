// A SQLite database in WAL mode keeps recent commits in `<file>-wal` until a checkpoint copies
// them into the main file; a reader of the main file alone misses every run written since
// (a live MLflow or Optuna process checkpoints only every ~1,000 pages). sql.js cannot read a
// WAL, so the committed frames are applied to an in-memory copy of the main file here, exactly
// as SQLite's own recovery would: frames are valid while their salts match the WAL header and
// their cumulative checksums hold, and only frames up to the last valid commit frame count.
// The files are only read.

const WAL_HEADER = 32;
const FRAME_HEADER = 24;

export interface WalApplied {
  bytes: Uint8Array;
  /** Committed frames applied (0: the WAL held nothing beyond the main file). */
  frames: number;
}

/** `db` with the committed frames of `wal` applied; `db` itself when the WAL is empty or invalid. */
export function applyWal(db: Uint8Array, wal: Uint8Array): WalApplied {
  if (wal.length < WAL_HEADER) return { bytes: db, frames: 0 };
  const view = new DataView(wal.buffer, wal.byteOffset, wal.byteLength);
  const magic = view.getUint32(0);
  if (magic !== 0x377f0682 && magic !== 0x377f0683) return { bytes: db, frames: 0 };
  const bigEndian = (magic & 1) === 1;
  const pageSize = view.getUint32(8);
  if (pageSize < 512 || pageSize > 65536 || (pageSize & (pageSize - 1)) !== 0) return { bytes: db, frames: 0 };
  let sum = checksum(view, 0, 24, bigEndian, [0, 0]);
  if (sum[0] !== view.getUint32(24) || sum[1] !== view.getUint32(28)) return { bytes: db, frames: 0 };
  const salt1 = view.getUint32(16);
  const salt2 = view.getUint32(20);

  // First pass: find the frames up to the last valid commit (later frames are an open transaction).
  const frameSize = FRAME_HEADER + pageSize;
  let committedEnd = WAL_HEADER;
  let committedPages = 0;
  for (let at = WAL_HEADER; at + frameSize <= wal.length; at += frameSize) {
    if (view.getUint32(at + 8) !== salt1 || view.getUint32(at + 12) !== salt2) break;
    sum = checksum(view, at, 8, bigEndian, sum);
    sum = checksum(view, at + FRAME_HEADER, pageSize, bigEndian, sum);
    if (sum[0] !== view.getUint32(at + 16) || sum[1] !== view.getUint32(at + 20)) break;
    const dbPages = view.getUint32(at + 4);
    if (dbPages !== 0) {
      committedEnd = at + frameSize;
      committedPages = dbPages;
    }
  }
  if (committedEnd === WAL_HEADER) return { bytes: db, frames: 0 };

  // Second pass: copy the pages in order (a later frame of a page replaces an earlier one).
  const out = new Uint8Array(committedPages * pageSize);
  out.set(db.subarray(0, Math.min(db.length, out.length)));
  let frames = 0;
  for (let at = WAL_HEADER; at < committedEnd; at += frameSize) {
    const pgno = view.getUint32(at);
    if (pgno >= 1 && pgno <= committedPages) out.set(wal.subarray(at + FRAME_HEADER, at + frameSize), (pgno - 1) * pageSize);
    frames++;
  }
  return { bytes: out, frames };
}

/** SQLite's WAL checksum over `length` bytes (a multiple of 8), continuing from `seed`. */
function checksum(view: DataView, offset: number, length: number, bigEndian: boolean, seed: [number, number]): [number, number] {
  let s0 = seed[0];
  let s1 = seed[1];
  for (let i = offset; i < offset + length; i += 8) {
    s0 = (s0 + view.getUint32(i, !bigEndian) + s1) >>> 0;
    s1 = (s1 + view.getUint32(i + 4, !bigEndian) + s0) >>> 0;
  }
  return [s0, s1];
}
