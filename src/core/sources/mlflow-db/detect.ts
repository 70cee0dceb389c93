// Discovery of MLflow SQLite stores: any *.db / *.sqlite file with the SQLite header whose
// schema has alembic_version, experiments and runs (formats-spec §2 "Discovery"). Optuna
// also uses alembic, but has no experiments/runs tables.
import { promises as fsp } from 'node:fs';
import * as path from 'node:path';
import type { DetectResult, DirListing, SourceRoot } from '../../model';
import { readHead } from '../../util/fs';
import { isMlflowDbName } from '../../util/sqlite-store-names';
import { isSqliteHeader, openSqliteSnapshot, tableNames } from '../../util/sqljs';
import { peekSqliteTables } from './sqlite-schema-peek';

const DB_FILE = /\.(db|sqlite|sqlite3)$/i;
export const REQUIRED_TABLES = ['alembic_version', 'experiments', 'runs'];

export function hasMlflowTables(tables: Set<string>): boolean {
  return REQUIRED_TABLES.every((t) => tables.has(t));
}

export async function detectDbStores(dir: DirListing): Promise<DetectResult> {
  const roots: SourceRoot[] = [];
  for (const name of dir.files) {
    if (!DB_FILE.test(name)) continue;
    const file = path.join(dir.path, name);
    if (await isMlflowDb(file, isMlflowDbName(name))) roots.push({ format: 'mlflow-db', path: file });
  }
  return { roots };
}

async function isMlflowDb(file: string, mlflowName: boolean): Promise<boolean> {
  const head = await readHead(file, 100);
  // An empty file is what sqlite3.connect() leaves before the first write. Under MLflow's own
  // name it is claimed so that listing says so; any other empty *.db is not ours to guess about.
  if (head.length === 0) return mlflowName;
  // Not SQLite (an LFS pointer, garbage): only an MLflow-named file is ours, to report it.
  if (!isSqliteHeader(head)) return mlflowName;
  const tables = (await peekSqliteTables(file)) ?? (await tablesViaSqlJs(file));
  if (tables === undefined) return mlflowName;
  return hasMlflowTables(tables);
}

/** The page walker declines odd files (UTF-16 schema…); small ones can afford a full open. */
const FULL_OPEN_LIMIT = 16 * 1024 * 1024;

async function tablesViaSqlJs(file: string): Promise<Set<string> | undefined> {
  const size = await fsp.stat(file).then((s) => s.size).catch(() => Infinity);
  if (size > FULL_OPEN_LIMIT) return undefined;
  let db: import('sql.js').Database | undefined;
  try {
    db = await openSqliteSnapshot(file);
    return tableNames(db);
  } catch {
    return undefined;
  } finally {
    db?.close();
  }
}
