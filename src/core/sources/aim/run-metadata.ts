// run_metadata.sqlite (spec §6.1): run names, experiments, tags, descriptions, archived flags and
// creation times. Read through sql.js from an in-memory copy, so the file is never opened for writing.
import type { Database } from 'sql.js';
import { errorMessage } from '../../util/fs';
import { openSqliteSnapshot, tableColumns, tableNames } from '../../util/sqljs';

export interface AimRunRow {
  hash: string;
  name?: string;
  description?: string;
  archived: boolean;
  /** Unix seconds (UTC), microseconds kept. */
  createdAt?: number;
  finalizedAt?: number;
  experiment?: string;
  tags: string[];
}

export interface RunMetadata {
  runs: Map<string, AimRunRow>;
  warnings: string[];
}

/** Aim stores naive UTC datetimes as text (`2024-08-28 12:18:44.757774`); parse them as UTC. */
export function parseUtcDatetime(text: unknown): number | undefined {
  if (typeof text !== 'string') return undefined;
  const m = /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,6}))?/.exec(text);
  if (!m) return undefined;
  const whole = Date.UTC(+m[1], +m[2] - 1, +m[3], +m[4], +m[5], +m[6]) / 1000;
  const frac = m[7] ? Number(m[7].padEnd(6, '0')) / 1e6 : 0;
  return whole + frac;
}

export async function readRunMetadata(file: string): Promise<RunMetadata> {
  const out: RunMetadata = { runs: new Map(), warnings: [] };
  let db: Database;
  try {
    db = await openSqliteSnapshot(file);
  } catch (err) {
    out.warnings.push(`run_metadata.sqlite unreadable (${errorMessage(err)}); runs shown by hash only`);
    return out;
  }
  try {
    const tables = tableNames(db);
    if (!tables.has('run')) {
      out.warnings.push('run_metadata.sqlite has no run table; runs shown by hash only');
      return out;
    }
    const cols = tableColumns(db, 'run');
    const pick = (c: string) => (cols.has(c) ? `r.${c}` : 'NULL');
    const hasExperiment = tables.has('experiment') && cols.has('experiment_id');
    const sql =
      `SELECT r.id, r.hash, ${pick('name')}, ${pick('description')}, ${pick('is_archived')}, ${pick('created_at')}, ` +
      `${pick('finalized_at')}, ${hasExperiment ? 'e.name' : 'NULL'} FROM run r` +
      (hasExperiment ? ' LEFT JOIN experiment e ON e.id = r.experiment_id' : '');
    const byId = new Map<unknown, AimRunRow>();
    for (const row of db.exec(sql)[0]?.values ?? []) {
      const [id, hash, name, description, archived, created, finalized, experiment] = row;
      if (typeof hash !== 'string') continue;
      const r: AimRunRow = {
        hash,
        name: typeof name === 'string' ? name : undefined,
        description: typeof description === 'string' && description !== '' ? description : undefined,
        archived: archived === 1 || archived === '1' || archived === 'true',
        createdAt: parseUtcDatetime(created),
        finalizedAt: parseUtcDatetime(finalized),
        experiment: typeof experiment === 'string' ? experiment : undefined,
        tags: [],
      };
      out.runs.set(hash, r);
      byId.set(id, r);
    }
    if (tables.has('run_tag') && tables.has('tag')) {
      const tagRows = db.exec('SELECT rt.run_id, t.name FROM run_tag rt JOIN tag t ON t.id = rt.tag_id ORDER BY t.name')[0]?.values ?? [];
      for (const [runId, tag] of tagRows) {
        const r = byId.get(runId);
        if (r && typeof tag === 'string') r.tags.push(tag);
      }
    }
  } catch (err) {
    out.warnings.push(`run_metadata.sqlite query failed (${errorMessage(err)})`);
  } finally {
    db.close();
  }
  return out;
}
