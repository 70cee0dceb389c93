// Loads sql.js once. The wasm file ships next to the bundle (dist/sql-wasm.wasm);
// under tests it is taken from node_modules.
import * as fs from 'node:fs';
import * as path from 'node:path';
import initSqlJs from 'sql.js';
import type { Database, SqlJsStatic } from 'sql.js';
import { applyWal } from './sqlite-wal';
import { readRegularFile } from './fs';
import { wasmStartFailure } from './address-space';

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
    // print/printErr: emscripten's own console output ("failed to asynchronously prepare wasm", "Aborted(…)")
    // would repeat the error below in several lines; the rejection carries it.
    const quiet = () => undefined;
    loading = initSqlJs({ wasmBinary: wasmBinary as unknown as ArrayBuffer, print: quiet, printErr: quiet } as Parameters<typeof initSqlJs>[0]).catch((err: unknown) => {
      const line = wasmStartFailure(err);
      throw line ? new SqlJsStartError(line) : err;
    });
  }
  return loading;
}

/** sql.js could not start in this process (address space); `message` is one line for the user, no stack needed. */
export class SqlJsStartError extends Error {
  readonly oneLine = true;
}

const SQLITE_MAGIC = 'SQLite format 3\0';

export function isSqliteHeader(head: Uint8Array): boolean {
  if (head.length < 16) return false;
  return new TextDecoder('latin1').decode(head.subarray(0, 16)) === SQLITE_MAGIC;
}

/**
 * The bytes of a SQLite database as a reader should see them: the main file with the committed
 * frames of its `-wal` sibling applied (commits a live writer has not checkpointed yet).
 */
export async function readSqliteBytes(file: string): Promise<Uint8Array> {
  const main = await readRegularFile(file);
  const bytes = new Uint8Array(main.buffer, main.byteOffset, main.byteLength);
  let wal: Buffer;
  try {
    wal = await readRegularFile(`${file}-wal`);
  } catch {
    return bytes; // no WAL (or not a readable one): the main file is the whole database
  }
  return applyWal(bytes, new Uint8Array(wal.buffer, wal.byteOffset, wal.byteLength)).bytes;
}

/**
 * What changes when the database does: size and mtime of the main file and of its WAL (a live
 * writer appends to the WAL only). Caches of snapshots compare this.
 */
export async function sqliteStamp(file: string): Promise<string> {
  const st = await fs.promises.stat(file);
  const wal = await fs.promises.stat(`${file}-wal`).catch(() => undefined);
  return `${st.size}:${st.mtimeMs}` + (wal ? `|${wal.size}:${wal.mtimeMs}` : '');
}

/** Opens a SQLite file read-only as an in-memory snapshot (sql.js never touches the file). */
export async function openSqliteSnapshot(file: string): Promise<Database> {
  const SQL = await loadSqlJs();
  return new SQL.Database(await readSqliteBytes(file));
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

/** integrity_check (also compares every index with its table) up to this size, the cheaper quick_check up to MAX_QUICK_CHECK_BYTES. */
const MAX_INTEGRITY_CHECK_BYTES = 64 * 2 ** 20;
const MAX_QUICK_CHECK_BYTES = 512 * 2 ** 20;
const damageOf = new WeakMap<Database, string | null>();

/**
 * Why a SQLite snapshot is damaged, or undefined when its checks pass. SQLite keeps no checksums: a damaged
 * page reads as fewer or other rows without any error, so a store is checked once per snapshot (memoised)
 * and the readers say that its rows may be missing. Very large stores are not checked (the check reads
 * every page); their readers report only what SQLite itself throws.
 */
export function sqliteDamage(db: Database): string | undefined {
  const known = damageOf.get(db);
  if (known !== undefined) return known ?? undefined;
  let damage: string | null = null;
  try {
    const pages = Number(db.exec('PRAGMA page_count')[0]?.values[0]?.[0] ?? 0);
    const pageSize = Number(db.exec('PRAGMA page_size')[0]?.values[0]?.[0] ?? 4096);
    const bytes = pages * pageSize;
    const check = bytes <= MAX_INTEGRITY_CHECK_BYTES ? 'integrity_check(3)' : bytes <= MAX_QUICK_CHECK_BYTES ? 'quick_check(3)' : undefined;
    if (check) {
      const found = (db.exec(`PRAGMA ${check}`)[0]?.values ?? []).map((r) => String(r[0]).replace('*** in database main ***\n', '').replace(/\n/g, '; '));
      if (found.length && !(found.length === 1 && found[0] === 'ok')) damage = found.join('; ').slice(0, 300);
    }
  } catch (err) {
    damage = err instanceof Error ? err.message : String(err);
  }
  damageOf.set(db, damage);
  return damage ?? undefined;
}
