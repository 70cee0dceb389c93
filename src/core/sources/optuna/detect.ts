// Which files of a folder are Optuna storages. Optuna users name them freely (`optuna.db`,
// `example.db`, `db.sqlite3`, anything after `sqlite:///`), and MLflow or Aim also keep SQLite
// files, so the extension only short-lists a file: it is claimed when it has Optuna's tables, and
// also when it looks like an Optuna storage but cannot be read — a SQLite header over a corrupt
// or truncated body, or any content (empty, garbage) under a name containing "optuna" — so that
// listRuns reports the problem instead of the file vanishing without a word.
import { promises as fsp } from 'node:fs';
import * as path from 'node:path';
import { readHead } from '../../util/fs';
import { isMlflowDbName } from '../../util/sqlite-store-names';
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

/** A name that says Optuna: such a file is claimed even when it is empty or not SQLite, to report it. */
function hasOptunaName(file: string): boolean {
  return /optuna/i.test(path.basename(file));
}

/**
 * True when `file` is a SQLite database with Optuna's tables, or looks like one but cannot be
 * read (then listRuns says why). Never throws, never writes.
 */
export async function isOptunaStorage(file: string): Promise<boolean> {
  // MLflow's own names are claimed (and their problems reported) by the MLflow reader.
  if (isMlflowDbName(path.basename(file))) return false;
  const head = await readHead(file, SCHEMA_SCAN_BYTES);
  if (!isSqliteHeader(head)) return hasOptunaName(file);
  if (headDeclaresOptunaTables(head)) return true;
  try {
    const st = await fsp.stat(file);
    if (st.size > FULL_OPEN_LIMIT) return hasOptunaName(file);
    const db = await openSqliteSnapshot(file);
    try {
      return isOptunaTableSet(tableNames(db)) || hasOptunaName(file);
    } finally {
      db.close();
    }
  } catch {
    // A SQLite header over a body sql.js cannot read: corrupt or truncated. Which tool wrote it
    // is unknowable, and staying silent loses it, so it is claimed and listRuns reports it.
    return true;
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
