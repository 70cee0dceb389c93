// Full-resolution series of one run of an MLflow SQLite store. The metrics table has no
// ordering column; rowid is insertion order, which is the append order the model wants.
// NaN is stored as value 0 with is_nan 1, ±Inf as ±DBL_MAX ("Sql can not represent Infs",
// sqlalchemy_store.py); old schemas have no step (use 0) and no is_nan (take the value).
import type { Database, SqlValue } from 'sql.js';
import type { ReadError, ReadSeriesOptions, RunInfo, Series, SeriesResult } from '../../model';
import { contextFreeKeys } from '../../util/context-free-series';
import { errorMessage } from '../../util/fs';
import { col, inspectSchema, type MlflowSchema } from './schema';
import { withDbSnapshot } from './snapshot';

/** Below this many rows a full scan per run is cheap; above it, an index pays for itself. */
const INDEX_ROWS_THRESHOLD = 50_000;
const TEMP_INDEX = 'runlens_snapshot_metrics_run_uuid';

class Column {
  data = new Float64Array(64);
  length = 0;
  push(v: number): void {
    if (this.length === this.data.length) {
      const next = new Float64Array(this.data.length * 2);
      next.set(this.data);
      this.data = next;
    }
    this.data[this.length++] = v;
  }
  toArray(): Float64Array {
    return this.data.slice(0, this.length);
  }
}

interface Builder {
  steps: Column;
  values: Column;
  times: Column;
}

export async function readDbSeries(run: RunInfo, options: ReadSeriesOptions = {}): Promise<SeriesResult> {
  const errors: ReadError[] = [];
  try {
    const series = await withDbSnapshot(run.path, (db) => {
      const schema = inspectSchema(db);
      if (typeof schema === 'string') {
        errors.push({ path: run.path, runId: run.id, message: schema });
        return [];
      }
      if (!schema.tables.has('metrics')) return []; // a schema without metrics has no series
      return readRunMetrics(db, schema, run, options);
    });
    return { series, errors };
  } catch (err) {
    errors.push({ path: run.path, runId: run.id, message: `cannot read metrics: ${errorMessage(err)}` });
    return { series: [], errors };
  }
}

function readRunMetrics(db: Database, schema: MlflowSchema, run: RunInfo, options: ReadSeriesOptions): Series[] {
  const m = schema.metrics;
  ensureRunIndex(db, schema);
  const wanted = contextFreeKeys(options.only);
  const sql = `SELECT "key", value, ${col(m, 'timestamp')}, ${col(m, 'step')}, ${col(m, 'is_nan')}
    FROM metrics WHERE run_uuid = ? ORDER BY rowid`;
  const builders = new Map<string, Builder>();
  const stmt = db.prepare(sql, [run.id]);
  try {
    while (stmt.step()) {
      const [key, value, timestamp, step, isNan] = stmt.get() as [SqlValue, SqlValue, SqlValue, SqlValue, SqlValue];
      const k = String(key);
      if (wanted && !wanted.has(k)) continue;
      let b = builders.get(k);
      if (!b) builders.set(k, (b = { steps: new Column(), values: new Column(), times: new Column() }));
      b.values.push(decodeValue(value, isNan));
      b.steps.push(typeof step === 'number' ? step : 0);
      b.times.push(typeof timestamp === 'number' ? timestamp : NaN);
    }
  } finally {
    stmt.free();
  }
  return [...builders.keys()].sort().map((key) => {
    const b = builders.get(key)!;
    return { key, context: {}, points: { steps: b.steps.toArray(), values: b.values.toArray(), times: b.times.toArray() } };
  });
}

export function decodeValue(value: SqlValue, isNan: SqlValue): number {
  if (isNan === 1 || isNan === '1' || isNan === 'true') return NaN;
  if (typeof value !== 'number') {
    // A NULL value predates is_nan (alembic 181f10493468 "allow nulls"): it meant "no number".
    if (value === null) return NaN;
    const n = Number(value);
    return Number.isNaN(n) ? NaN : n;
  }
  if (value >= Number.MAX_VALUE) return Infinity;
  if (value <= -Number.MAX_VALUE) return -Infinity;
  return value;
}

/**
 * Current MLflow has index_metrics_run_uuid; older databases do not, and reading each of many
 * runs would scan the whole table. The index is built in the in-memory snapshot only.
 */
function ensureRunIndex(db: Database, schema: MlflowSchema): void {
  try {
    const indexes = db.exec(`SELECT name FROM pragma_index_list('metrics')`)[0]?.values ?? [];
    for (const [name] of indexes) {
      const first = db.exec(`SELECT name FROM pragma_index_info(?) WHERE seqno = 0`, [String(name)])[0]?.values[0]?.[0];
      if (first === 'run_uuid') return;
    }
    const count = Number(db.exec('SELECT COUNT(*) FROM metrics')[0]?.values[0]?.[0] ?? 0);
    if (count < INDEX_ROWS_THRESHOLD || !schema.metrics.has('run_uuid')) return;
    db.exec(`CREATE INDEX IF NOT EXISTS ${TEMP_INDEX} ON metrics(run_uuid)`);
  } catch {
    /* without the index queries are slower, not wrong */
  }
}
