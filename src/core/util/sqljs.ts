// Loads sql.js once. The wasm file ships next to the bundle (dist/sql-wasm.wasm);
// under tests it is taken from node_modules.
import * as fs from 'node:fs';
import * as path from 'node:path';
import initSqlJs from 'sql.js';
import type { Database, SqlJsStatic } from 'sql.js';
import { readRegularFile } from './fs';

let wasmPathOverride: string | undefined;
let loading: Promise<SqlJsStatic> | undefined;

/** The host sets this to the extension's own copy before first use. */
export function setSqlWasmPath(p: string): void {
  wasmPathOverride = p;
}

function locateWasm(): string {
  const candidates = [
    wasmPathOverride,
    path.join(__dirname, 'sql-wasm.wasm'),
    path.join(__dirname, '..', 'dist', 'sql-wasm.wasm'),
  ];
  for (const c of candidates) if (c && fs.existsSync(c)) return c;
  return require.resolve('sql.js/dist/sql-wasm.wasm');
}

export function loadSqlJs(): Promise<SqlJsStatic> {
  if (!loading) {
    const wasmBinary = fs.readFileSync(locateWasm());
    loading = initSqlJs({ wasmBinary: wasmBinary as unknown as ArrayBuffer });
  }
  return loading;
}

const SQLITE_MAGIC = 'SQLite format 3\0';

export function isSqliteHeader(head: Uint8Array): boolean {
  if (head.length < 16) return false;
  return new TextDecoder('latin1').decode(head.subarray(0, 16)) === SQLITE_MAGIC;
}

/** Opens a SQLite file read-only as an in-memory snapshot (sql.js never touches the file). */
export async function openSqliteSnapshot(file: string): Promise<Database> {
  const SQL = await loadSqlJs();
  const bytes = await readRegularFile(file);
  return new SQL.Database(new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength));
}

/** Names of the tables of a database. */
export function tableNames(db: Database): Set<string> {
  const res = db.exec("SELECT name FROM sqlite_master WHERE type='table'");
  return new Set((res[0]?.values ?? []).map((r) => String(r[0])));
}

/** Column names of a table (empty when the table is missing). */
export function tableColumns(db: Database, table: string): Set<string> {
  const res = db.exec(`PRAGMA table_info("${table.replace(/"/g, '""')}")`);
  return new Set((res[0]?.values ?? []).map((r) => String(r[1])));
}
