// Row iteration over a sql.js statement without materialising the whole result twice.
import type { Database, SqlValue } from 'sql.js';

/** Calls `each` for every row of `sql`; the statement is always freed. */
export function forEachRow(db: Database, sql: string, params: SqlValue[], each: (row: SqlValue[]) => void): void {
  const stmt = db.prepare(sql);
  try {
    if (params.length) stmt.bind(params);
    while (stmt.step()) each(stmt.get());
  } finally {
    stmt.free();
  }
}

/** Double-quoted SQL identifier (column names come from PRAGMA table_info, never from users). */
export function ident(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}
