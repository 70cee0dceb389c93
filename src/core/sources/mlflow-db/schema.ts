// Which MLflow tables and columns this database has. The schema changed over many alembic
// revisions (formats-spec §2 "Schema history"); instead of switching on the revision id,
// queries are built from the columns that exist (PRAGMA table_info).
import type { Database } from 'sql.js';
import { tableColumns, tableNames } from '../../util/sqljs';
import { REQUIRED_TABLES } from './detect';

export interface MlflowSchema {
  tables: Set<string>;
  experiments: Set<string>;
  runs: Set<string>;
  metrics: Set<string>;
  params: Set<string>;
  tags: Set<string>;
  revision?: string;
}

/** The schema, or a message saying why this is not an MLflow tracking database. */
export function inspectSchema(db: Database): MlflowSchema | string {
  const tables = tableNames(db);
  const missing = REQUIRED_TABLES.filter((t) => !tables.has(t));
  if (missing.length) return `not an MLflow database (no table ${missing.join(', ')})`;
  const schema: MlflowSchema = {
    tables,
    experiments: tableColumns(db, 'experiments'),
    runs: tableColumns(db, 'runs'),
    metrics: tableColumns(db, 'metrics'),
    params: tableColumns(db, 'params'),
    tags: tableColumns(db, 'tags'),
  };
  if (!schema.runs.has('run_uuid')) return 'runs table has no run_uuid column';
  try {
    const rev = db.exec('SELECT version_num FROM alembic_version LIMIT 1');
    const v = rev[0]?.values[0]?.[0];
    if (v !== undefined && v !== null) schema.revision = String(v);
  } catch {
    /* the revision is informational only */
  }
  return schema;
}

/** `name` when the column exists, else `NULL AS name`, so row shapes stay fixed. */
export function col(columns: Set<string>, name: string, expr = `"${name}"`): string {
  return columns.has(name) ? `${expr} AS "${name}"` : `NULL AS "${name}"`;
}
