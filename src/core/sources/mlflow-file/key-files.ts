// params/, tags/ and metrics/ hold one file per key. Keys may contain '/', which MLflow
// stores as nested folders; the key is the relative path joined with '/' (file_store.py
// _get_resource_files walks the folder recursively).
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { ReadError } from '../../model';
import { errorMessage, folderKey, openRegularFileSync } from '../../util/fs';

export interface KeyFile {
  key: string;
  file: string;
}

/** Deep enough for any real key; guards against symlink loops. */
const MAX_DEPTH = 32;

/**
 * Keys that exist but cannot be read: a folder that cannot be listed (EACCES, EIO…), or a FIFO,
 * socket or device where a value file should be. Their values are missing, and that is said.
 */
export interface UnreadKey {
  path: string;
  message: string;
}

/**
 * Every file below `dir` with its '/'-joined relative key, sorted by key. Missing dir: none.
 * What exists but cannot be read is added to `unread` (a run's params must not silently come
 * out empty because params/ is unreadable).
 */
export async function listKeyFiles(dir: string, unread: UnreadKey[] = []): Promise<KeyFile[]> {
  const out: KeyFile[] = [];
  walk(dir, '', 0, out, unread, new Set());
  out.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  return out;
}

/** Synchronous for the reason readSmallText is: one folder listing costs less than its thread-pool round trip. */
function walk(dir: string, prefix: string, depth: number, out: KeyFile[], unread: UnreadKey[], entered: Set<string>): void {
  if (depth > MAX_DEPTH) return;
  let entries: fs.Dirent[];
  try {
    entries = fs.readdirSync(dir, { withFileTypes: true });
  } catch (err) {
    // absent (no params logged) or gone mid-scan: nothing to say; anything else hides keys
    const code = (err as NodeJS.ErrnoException).code;
    if (code !== 'ENOENT' && code !== 'ENOTDIR') unread.push({ path: dir, message: `cannot list ${path.basename(dir)}/: ${errorMessage(err)}; its keys are missing` });
    return;
  }
  for (const e of entries) {
    const full = path.join(dir, e.name);
    const key = prefix ? `${prefix}/${e.name}` : e.name;
    if (e.isDirectory()) walk(full, key, depth + 1, out, unread, entered);
    else if (e.isFile()) out.push({ key, file: full });
    else if (!e.isSymbolicLink()) unread.push({ path: full, message: `'${key}' is not a regular file (FIFO, socket or device); not read` });
    else {
      let st: fs.Stats | undefined;
      try {
        st = fs.statSync(full);
      } catch {
        st = undefined;
      }
      // a linked folder is entered once: `params/a -> .` twice would otherwise fan out 2^32 ways
      if (st?.isDirectory() && !entered.has(folderKey(st))) {
        entered.add(folderKey(st));
        walk(full, key, depth + 1, out, unread, entered);
      } else if (st?.isFile()) out.push({ key, file: full });
      else if (st && !st.isDirectory()) unread.push({ path: full, message: `'${key}' links to something that is not a regular file; not read` });
    }
  }
}

/**
 * MLflow caps values at 8000 chars (≤ 32 KB of UTF-8). One read of this size tells a value from
 * a file that is not one, in three file operations instead of stat + readFile's five or six:
 * listing 1,000 runs reads ~15,000 of these files.
 */
const VALUE_READ_BYTES = 64 * 1024;

/** Most values are a few bytes; the first read uses a small buffer, larger values read on. */
const FIRST_READ_BYTES = 4096;

/**
 * The whole file as UTF-8, or undefined when it is larger than `VALUE_READ_BYTES`. Synchronous: listing runs
 * happens off the UI thread (index worker, CLI), and each of the four file operations of a value took a round
 * trip through libuv's thread pool that cost more CPU than the operation (34 % of the MLflow reader's time).
 */
function readSmallText(file: string): string | undefined {
  const fd = openRegularFileSync(file, { listedAsFile: true });
  try {
    let buf = Buffer.allocUnsafe(FIRST_READ_BYTES);
    let length = 0;
    for (;;) {
      const bytesRead = fs.readSync(fd, buf, length, buf.length - length, length);
      length += bytesRead;
      // A short read of a regular file is its end; only a full buffer needs another read.
      if (length < buf.length) break;
      if (buf.length === VALUE_READ_BYTES) return undefined;
      const bigger = Buffer.allocUnsafe(VALUE_READ_BYTES);
      buf.copy(bigger, 0, 0, length);
      buf = bigger;
    }
    return buf.toString('utf8', 0, length);
  } finally {
    fs.closeSync(fd);
  }
}

/**
 * Reads a params/ or tags/ folder into key → value. The value is the whole file content
 * as written (MLflow adds no trailing newline, and values may end in whitespace: no trim).
 */
export async function readKeyValues(
  dir: string,
  errors: ReadError[],
  runId: string,
): Promise<Record<string, string>> {
  const values: Record<string, string> = {};
  const unread: UnreadKey[] = [];
  const files = await listKeyFiles(dir, unread);
  for (const u of unread) errors.push({ path: u.path, runId, message: u.message });
  for (const { key, file } of files) {
    try {
      const text = readSmallText(file);
      if (text === undefined) {
        errors.push({ path: file, runId, message: `value of '${key}' is over ${VALUE_READ_BYTES / 1024} KB; skipped (MLflow allows 8000 chars)` });
        continue;
      }
      values[key] = text;
    } catch (err) {
      errors.push({ path: file, runId, message: `cannot read '${key}': ${errorMessage(err)}` });
    }
  }
  return values;
}
