// Which files of a folder are Optuna storages. Optuna users name them freely (`optuna.db`,
// `example.db`, `db.sqlite3`, anything after `sqlite:///`), and MLflow or Aim also keep SQLite
// files, so the extension only short-lists a file: it is claimed only when it has Optuna's tables.
import { promises as fsp } from 'node:fs';
import * as path from 'node:path';
import { readHead } from '../../util/fs';
import { isSqliteHeader, openSqliteSnapshot, tableNames } from '../../util/sqljs';
import { isOptunaTableSet, OPTUNA_MARKER_TABLES } from './schema';

const SQLITE_NAME = /\.(db|sqlite|sqlite3|db3)$/i;

/**
 * How many bytes are scanned for the CREATE TABLE statements. The schema lives in sqlite_master,
 * whose pages Optuna's first `create_study` writes at the start of the file.
 */
const SCHEMA_SCAN_BYTES = 1 << 20;
/** Files whose schema was not found in the head are opened completely only up to this size. */
const FULL_OPEN_LIMIT = 64 << 20;

export function isSqliteCandidateName(name: string): boolean {
  return SQLITE_NAME.test(name);
}

/** True when `file` is a SQLite database with Optuna's tables. Never throws, never writes. */
export async function isOptunaStorage(file: string): Promise<boolean> {
  const head = await readHead(file, SCHEMA_SCAN_BYTES);
  if (!isSqliteHeader(head)) return false;
  if (headDeclaresOptunaTables(head)) return true;
  try {
    const st = await fsp.stat(file);
    if (st.size > FULL_OPEN_LIMIT) return false;
    const db = await openSqliteSnapshot(file);
    try {
      return isOptunaTableSet(tableNames(db));
    } finally {
      db.close();
    }
  } catch {
    return false; // unreadable or corrupt: not claimed here; another reader may report it
  }
}

/** Looks for `CREATE TABLE studies` etc. in the raw bytes (SQLAlchemy's DDL text, stored verbatim). */
function headDeclaresOptunaTables(head: Uint8Array): boolean {
  const text = new TextDecoder('latin1').decode(head);
  return OPTUNA_MARKER_TABLES.every((t) => new RegExp(`CREATE TABLE "?${t}"? \\(`).test(text));
}

export async function detectOptunaFiles(dir: string, files: string[]): Promise<string[]> {
  const found: string[] = [];
  for (const name of files) {
    if (!isSqliteCandidateName(name)) continue;
    const file = path.join(dir, name);
    if (await isOptunaStorage(file)) found.push(file);
  }
  return found;
}
