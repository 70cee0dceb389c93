// params/, tags/ and metrics/ hold one file per key. Keys may contain '/', which MLflow
// stores as nested folders; the key is the relative path joined with '/' (file_store.py
// _get_resource_files walks the folder recursively).
import { promises as fsp } from 'node:fs';
import * as path from 'node:path';
import type { ReadError } from '../../model';
import { errorMessage } from '../../util/fs';

export interface KeyFile {
  key: string;
  file: string;
}

/** Deep enough for any real key; guards against symlink loops. */
const MAX_DEPTH = 32;

/** Every file below `dir` with its '/'-joined relative key, sorted by key. Missing dir: none. */
export async function listKeyFiles(dir: string): Promise<KeyFile[]> {
  const out: KeyFile[] = [];
  await walk(dir, '', 0, out);
  out.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  return out;
}

async function walk(dir: string, prefix: string, depth: number, out: KeyFile[]): Promise<void> {
  if (depth > MAX_DEPTH) return;
  let entries: import('node:fs').Dirent[];
  try {
    entries = await fsp.readdir(dir, { withFileTypes: true });
  } catch {
    return;
  }
  for (const e of entries) {
    const full = path.join(dir, e.name);
    const key = prefix ? `${prefix}/${e.name}` : e.name;
    if (e.isDirectory()) await walk(full, key, depth + 1, out);
    else if (e.isFile()) out.push({ key, file: full });
    else if (e.isSymbolicLink()) {
      const st = await fsp.stat(full).catch(() => undefined);
      if (st?.isDirectory()) await walk(full, key, depth + 1, out);
      else if (st?.isFile()) out.push({ key, file: full });
    }
  }
}

/** A param or tag value longer than any MLflow allows (8000) is almost surely not one. */
const MAX_VALUE_BYTES = 1 << 20;

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
  for (const { key, file } of await listKeyFiles(dir)) {
    try {
      const st = await fsp.stat(file);
      if (st.size > MAX_VALUE_BYTES) {
        errors.push({ path: file, runId, message: `value of '${key}' is ${st.size} bytes; skipped (MLflow allows 8000 chars)` });
        continue;
      }
      values[key] = await fsp.readFile(file, 'utf8');
    } catch (err) {
      errors.push({ path: file, runId, message: `cannot read '${key}': ${errorMessage(err)}` });
    }
  }
  return values;
}
