// IndexStore: the sql.js database that holds run summaries. Open from persisted bytes or empty,
// write runs, query runs and previews, export bytes to persist. Synchronous once created.
// It also remembers which runs were written or removed since the last takeChanges(), so the index
// worker can send the host only what a pass changed.
import { createHash } from 'node:crypto';
import type { Database, SqlValue } from 'sql.js';
import type { Checkpoint, ReadError, RunInfo, RunStatus, SourceFormat } from '../model';
import { contextKey, runKey } from '../model';
import { loadSqlJs } from '../util/sqljs';
import { SCHEMA_SQL, SCHEMA_VERSION } from './schema';
import type { IndexedRun, SeriesSummary, SeriesSummaryWithPreview } from './types';

/** NULL in a REAL summary column means NaN (SQLite cannot store NaN). */
const num = (v: SqlValue): number => (v === null || v === undefined ? NaN : Number(v));
const opt = (v: SqlValue): number | undefined => (v === null || v === undefined ? undefined : Number(v));
const str = (v: SqlValue): string | undefined => (v === null || v === undefined ? undefined : String(v));
const real = (n: number | undefined): number | null => (n === undefined || Number.isNaN(n) ? null : n);

/** Runs a pass wrote (added or changed) and removed, by run key. */
export interface StoreChanges {
  changed: string[];
  removed: string[];
}

export class IndexStore {
  private changedKeys = new Set<string>();
  private removedKeys = new Set<string>();

  private constructor(private readonly db: Database) {}

  /** Opens persisted bytes when they hold the current schema; otherwise starts empty. */
  static async open(bytes?: Uint8Array): Promise<IndexStore> {
    const SQL = await loadSqlJs();
    if (bytes && bytes.length) {
      try {
        const db = new SQL.Database(bytes);
        const version = db.exec('PRAGMA user_version')[0]?.values[0]?.[0];
        if (version === SCHEMA_VERSION) return new IndexStore(db);
        db.close();
      } catch {
        /* a damaged cache is rebuilt */
      }
    }
    const db = new SQL.Database();
    db.run(SCHEMA_SQL);
    db.run(`PRAGMA user_version = ${SCHEMA_VERSION}`);
    return new IndexStore(db);
  }

  export(): Uint8Array {
    return this.db.export();
  }

  close(): void {
    this.db.close();
  }

  transaction<T>(fn: () => T): T {
    const changedBefore = new Set(this.changedKeys);
    const removedBefore = new Set(this.removedKeys);
    this.db.run('BEGIN');
    try {
      const result = fn();
      this.db.run('COMMIT');
      return result;
    } catch (err) {
      this.db.run('ROLLBACK');
      // What the rolled-back writes recorded did not happen.
      this.changedKeys = changedBefore;
      this.removedKeys = removedBefore;
      throw err;
    }
  }

  /** Keys of the runs written or removed since the previous call (a run removed and re-added counts as changed). */
  takeChanges(): StoreChanges {
    const out = { changed: [...this.changedKeys], removed: [...this.removedKeys] };
    this.changedKeys = new Set();
    this.removedKeys = new Set();
    return out;
  }

  private sourceId(kind: SourceFormat, root: string): number {
    this.db.run('INSERT OR IGNORE INTO sources(kind, root) VALUES (?, ?)', [kind, root]);
    return Number(this.scalar('SELECT id FROM sources WHERE kind = ? AND root = ?', [kind, root]));
  }

  private experimentId(sourceId: number, name: string): number {
    this.db.run('INSERT OR IGNORE INTO experiments(source_id, name) VALUES (?, ?)', [sourceId, name]);
    return Number(this.scalar('SELECT id FROM experiments WHERE source_id = ? AND name = ?', [sourceId, name]));
  }

  private scalar(sql: string, params: SqlValue[] = []): SqlValue {
    return this.row(sql, params)?.[0] ?? null;
  }

  private row(sql: string, params: SqlValue[] = []): SqlValue[] | undefined {
    const stmt = this.db.prepare(sql);
    try {
      stmt.bind(params);
      return stmt.step() ? stmt.get() : undefined;
    } finally {
      stmt.free();
    }
  }

  /** The token of the write this database was persisted with (setWriteToken), if any. */
  writeToken(): string | undefined {
    return str(this.scalar("SELECT value FROM meta WHERE key = 'written'"));
  }

  /** Set just before export: the runs file written with these bytes carries the same token. */
  setWriteToken(token: string): void {
    this.db.run("INSERT OR REPLACE INTO meta(key, value) VALUES ('written', ?)", [token]);
  }

  /** The source's tree fingerprint as of its last full pass; undefined when unknown or written since. */
  sourceFingerprint(kind: SourceFormat, root: string): string | undefined {
    return str(this.scalar('SELECT fingerprint FROM sources WHERE kind = ? AND root = ?', [kind, root]));
  }

  /** Set at the end of a full pass over the source, in its transaction, after its runs and errors were written. */
  setSourceFingerprint(kind: SourceFormat, root: string, fingerprint: string | undefined): void {
    this.db.run('UPDATE sources SET fingerprint = ? WHERE id = ?', [fingerprint ?? null, this.sourceId(kind, root)]);
  }

  /** The stored runs and errors of one source stand as they are: how many runs, and the errors its pass reported. */
  sourceState(kind: SourceFormat, root: string): { runs: number; errors: ReadError[] } {
    const runs = Number(this.scalar('SELECT count(*) FROM runs r JOIN sources s ON s.id = r.source_id WHERE s.kind = ? AND s.root = ?', [kind, root]));
    const res = this.db.exec('SELECT path, message, run_id FROM errors WHERE source_kind = ? AND source_root = ? ORDER BY rowid', [kind, root]);
    return { runs, errors: (res[0]?.values ?? []).map(toError) };
  }

  /** Fingerprints of the runs of one source, by run key, to decide what to re-read. */
  fingerprints(kind: SourceFormat, root: string): Map<string, string> {
    const out = new Map<string, string>();
    const stmt = this.db.prepare(
      'SELECT r.key, r.fingerprint FROM runs r JOIN sources s ON s.id = r.source_id WHERE s.kind = ? AND s.root = ?',
    );
    stmt.bind([kind, root]);
    while (stmt.step()) {
      const [key, fp] = stmt.get();
      if (fp !== null) out.set(String(key), String(fp));
    }
    stmt.free();
    return out;
  }

  /**
   * Writes one run. `series` null keeps the run's stored series (its data files did not change);
   * otherwise they are replaced. A run listed again exactly as stored, with its series kept, is left as it is.
   */
  putRun(run: RunInfo, series: SeriesSummaryWithPreview[] | null, fingerprint: string | undefined): void {
    const sourceId = this.sourceId(run.format, run.root);
    const experimentId = this.experimentId(sourceId, run.experiment);
    const key = runKey(run);
    const stored = this.row('SELECT id, sig FROM runs WHERE key = ?', [key]);
    const existing = stored ? stored[0] : null;
    const values: SqlValue[] = [
      sourceId,
      experimentId,
      run.id,
      run.name,
      run.status,
      real(run.startTime),
      real(run.endTime),
      run.path,
      run.gitCommit ?? null,
      run.entryPoint ?? null,
      run.parentId ?? null,
      run.deleted ? 1 : 0,
      run.error ?? null,
      run.warnings?.length ? JSON.stringify(run.warnings) : null,
      JSON.stringify({ extra: run.extra ?? {} }),
      fingerprint ?? null,
    ];
    const sig = createHash('sha1')
      .update(JSON.stringify([values, run.params, run.tags, run.summary ?? {}, run.checkpoints]))
      .digest('base64');
    if (stored && series === null && stored[1] === sig) return;
    this.db.run('UPDATE sources SET fingerprint = NULL WHERE id = ?', [sourceId]);
    this.changedKeys.add(key);
    this.removedKeys.delete(key);
    let id: number;
    if (existing === null) {
      this.db.run(
        `INSERT INTO runs(source_id, experiment_id, native_id, name, status, start_time, end_time, path, git_commit,
          entry_point, parent_id, deleted, error, warnings_json, extra_json, fingerprint, sig, key)
         VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)`,
        [...values, sig, key],
      );
      id = Number(this.scalar('SELECT last_insert_rowid()'));
    } else {
      id = Number(existing);
      this.db.run(
        `UPDATE runs SET source_id=?, experiment_id=?, native_id=?, name=?, status=?, start_time=?, end_time=?, path=?,
          git_commit=?, entry_point=?, parent_id=?, deleted=?, error=?, warnings_json=?, extra_json=?, fingerprint=?, sig=?
         WHERE id = ?`,
        [...values, sig, id],
      );
      for (const table of ['params', 'tags', 'summaries', 'checkpoints']) this.db.run(`DELETE FROM ${table} WHERE run_id = ?`, [id]);
      if (series) this.db.run('DELETE FROM series WHERE run_id = ?', [id]);
    }
    this.insertChildren(id, run);
    if (series) this.insertSeries(id, series);
  }

  private insertChildren(id: number, run: RunInfo): void {
    const p = this.db.prepare('INSERT INTO params(run_id, key, text, num) VALUES (?,?,?,?)');
    for (const [k, v] of Object.entries(run.params)) {
      const n = v.trim() === '' ? NaN : Number(v);
      p.run([id, k, v, Number.isFinite(n) ? n : null]);
    }
    p.free();
    const t = this.db.prepare('INSERT INTO tags(run_id, key, value) VALUES (?,?,?)');
    for (const [k, v] of Object.entries(run.tags)) t.run([id, k, v]);
    t.free();
    const s = this.db.prepare('INSERT INTO summaries(run_id, key, value) VALUES (?,?,?)');
    for (const [k, v] of Object.entries(run.summary ?? {})) s.run([id, k, real(v)]);
    s.free();
    const c = this.db.prepare('INSERT INTO checkpoints(run_id, step, epoch, path, bytes, kind) VALUES (?,?,?,?,?,?)');
    for (const ck of run.checkpoints) c.run([id, ck.step ?? null, ck.epoch ?? null, ck.path, ck.bytes, ck.kind ?? null]);
    c.free();
  }

  private insertSeries(id: number, series: SeriesSummaryWithPreview[]): void {
    const stmt = this.db.prepare(
      `INSERT INTO series(run_id, name, context_json, count, first_step, last_step, first, last, min, max,
        argmin_step, argmax_step, last_time, nan_count, preview) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)`,
    );
    for (const s of series) {
      stmt.run([
        id,
        s.key,
        contextKey(s.context),
        s.count,
        real(s.firstStep),
        real(s.lastStep),
        real(s.first),
        real(s.last),
        real(s.min),
        real(s.max),
        real(s.argminStep),
        real(s.argmaxStep),
        real(s.lastTime),
        s.nanCount,
        s.preview ?? null,
      ]);
    }
    stmt.free();
  }

  /** Removes runs of a source that the latest listing no longer has. */
  pruneSource(kind: SourceFormat, root: string, keep: Set<string>): number {
    let removed = 0;
    for (const key of this.fingerprintsAll(kind, root)) {
      if (keep.has(key)) continue;
      this.deleteRun(key);
      removed++;
    }
    return removed;
  }

  private fingerprintsAll(kind: SourceFormat, root: string): string[] {
    const res = this.db.exec(
      'SELECT r.key FROM runs r JOIN sources s ON s.id = r.source_id WHERE s.kind = ? AND s.root = ?',
      [kind, root],
    );
    return (res[0]?.values ?? []).map((r) => String(r[0]));
  }

  deleteRun(key: string): void {
    const id = this.scalar('SELECT id FROM runs WHERE key = ?', [key]);
    if (id === null) return;
    this.changedKeys.delete(key);
    this.removedKeys.add(key);
    this.db.run('UPDATE sources SET fingerprint = NULL WHERE id = (SELECT source_id FROM runs WHERE id = ?)', [id]);
    for (const table of ['params', 'tags', 'summaries', 'checkpoints', 'series']) this.db.run(`DELETE FROM ${table} WHERE run_id = ?`, [id]);
    this.db.run('DELETE FROM runs WHERE id = ?', [id]);
  }

  /** Drops every source whose root is not in `keep` (a folder was removed from the workspace). */
  retainSources(keep: Set<string>): void {
    const res = this.db.exec('SELECT kind, root FROM sources');
    for (const [kind, root] of res[0]?.values ?? []) {
      if (keep.has(`${kind}|${root}`)) continue;
      this.pruneSource(kind as SourceFormat, String(root), new Set());
      this.db.run('DELETE FROM errors WHERE source_kind = ? AND source_root = ?', [kind, root]);
      this.db.run('DELETE FROM experiments WHERE source_id IN (SELECT id FROM sources WHERE kind = ? AND root = ?)', [kind, root]);
      this.db.run('DELETE FROM sources WHERE kind = ? AND root = ?', [kind, root]);
    }
  }

  setSourceErrors(kind: SourceFormat, root: string, errors: ReadError[]): void {
    this.db.run('UPDATE sources SET fingerprint = NULL WHERE kind = ? AND root = ?', [kind, root]);
    this.db.run('DELETE FROM errors WHERE source_kind = ? AND source_root = ?', [kind, root]);
    const stmt = this.db.prepare('INSERT INTO errors(source_kind, source_root, path, message, run_id) VALUES (?,?,?,?,?)');
    for (const e of errors) stmt.run([kind, root, e.path, e.message, e.runId ?? null]);
    stmt.free();
  }

  /** What the last full discovery pass saw but could not read (not tied to one source). */
  setDiscoveryErrors(errors: ReadError[]): void {
    this.db.run("DELETE FROM errors WHERE source_kind = 'discovery'");
    const stmt = this.db.prepare("INSERT INTO errors(source_kind, source_root, path, message, run_id) VALUES ('discovery','',?,?,NULL)");
    for (const e of errors) stmt.run([e.path, e.message]);
    stmt.free();
  }

  errors(): ReadError[] {
    const res = this.db.exec('SELECT path, message, run_id FROM errors ORDER BY rowid');
    return (res[0]?.values ?? []).map(toError);
  }

  runCount(): number {
    return Number(this.scalar('SELECT count(*) FROM runs'));
  }

  /** Every run with params, tags, summaries, checkpoints and series summaries. */
  runs(filter?: { keys?: string[] }): IndexedRun[] {
    const where = filter?.keys ? `WHERE r.key IN (${filter.keys.map(() => '?').join(',') || "''"})` : '';
    const res = this.db.exec(
      `SELECT r.id, r.key, s.kind, s.root, e.name, r.native_id, r.name, r.status, r.start_time, r.end_time, r.path,
              r.git_commit, r.entry_point, r.parent_id, r.deleted, r.error, r.warnings_json, r.extra_json
       FROM runs r JOIN sources s ON s.id = r.source_id JOIN experiments e ON e.id = r.experiment_id ${where}
       ORDER BY s.root, e.name, r.start_time, r.name`,
      filter?.keys ?? [],
    );
    const byId = new Map<number, IndexedRun>();
    const out: IndexedRun[] = [];
    for (const row of res[0]?.values ?? []) {
      const [id, key, kind, root, experiment, nativeId, name, status, start, end, path, commit, entry, parent, deleted, error, warnings, extra] = row;
      const run: IndexedRun = {
        key: String(key),
        format: kind as SourceFormat,
        root: String(root),
        experiment: String(experiment),
        id: String(nativeId),
        name: String(name),
        status: String(status) as RunStatus,
        path: String(path),
        startTime: opt(start),
        endTime: opt(end),
        gitCommit: str(commit),
        entryPoint: str(entry),
        parentId: str(parent),
        deleted: deleted === 1 ? true : undefined,
        error: str(error),
        warnings: warnings ? (JSON.parse(String(warnings)) as string[]) : undefined,
        extra: extra ? ((JSON.parse(String(extra)) as { extra: Record<string, unknown> }).extra) : undefined,
        params: {},
        tags: {},
        summary: {},
        checkpoints: [],
        series: [],
      };
      byId.set(Number(id), run);
      out.push(run);
    }
    if (!out.length) return out;
    const ids = [...byId.keys()];
    const inList = filter?.keys ? `WHERE run_id IN (${ids.join(',')})` : '';
    this.each(`SELECT run_id, key, text FROM params ${inList} ORDER BY rowid`, ([id, k, v]) => {
      byId.get(Number(id))!.params[String(k)] = String(v);
    });
    this.each(`SELECT run_id, key, value FROM tags ${inList} ORDER BY rowid`, ([id, k, v]) => {
      byId.get(Number(id))!.tags[String(k)] = String(v);
    });
    this.each(`SELECT run_id, key, value FROM summaries ${inList} ORDER BY rowid`, ([id, k, v]) => {
      byId.get(Number(id))!.summary![String(k)] = num(v);
    });
    this.each(`SELECT run_id, step, epoch, path, bytes, kind FROM checkpoints ${inList} ORDER BY step, rowid`, ([id, step, epoch, path, bytes, kind]) => {
      const ck: Checkpoint = { step: opt(step) ?? null, path: String(path), bytes: Number(bytes) };
      if (epoch !== null) ck.epoch = Number(epoch);
      if (kind !== null) ck.kind = String(kind);
      byId.get(Number(id))!.checkpoints.push(ck);
    });
    this.each(
      `SELECT run_id, name, context_json, count, first_step, last_step, first, last, min, max, argmin_step, argmax_step,
              last_time, nan_count FROM series ${inList} ORDER BY id`,
      (r) => byId.get(Number(r[0]))!.series.push(rowToSummary(r)),
    );
    return out;
  }

  /** Bytes of the encoded previews of the given runs' series (what previews() returns for them). */
  previewBytes(runKeys: string[]): number {
    let total = 0;
    const stmt = this.db.prepare('SELECT coalesce(sum(length(s.preview)), 0) FROM series s JOIN runs r ON r.id = s.run_id WHERE r.key = ?');
    for (const key of runKeys) {
      stmt.bind([key]);
      if (stmt.step()) total += Number(stmt.get()[0]);
      stmt.reset();
    }
    stmt.free();
    return total;
  }

  /** Encoded previews of the given runs' series, keyed by run key then `name contextJson`. */
  previews(runKeys: string[]): Map<string, Array<{ summary: SeriesSummary; preview: Uint8Array | undefined }>> {
    const out = new Map<string, Array<{ summary: SeriesSummary; preview: Uint8Array | undefined }>>();
    if (!runKeys.length) return out;
    const stmt = this.db.prepare(
      `SELECT r.key, s.run_id, s.name, s.context_json, s.count, s.first_step, s.last_step, s.first, s.last, s.min, s.max,
              s.argmin_step, s.argmax_step, s.last_time, s.nan_count, s.preview
       FROM series s JOIN runs r ON r.id = s.run_id WHERE r.key = ? ORDER BY s.id`,
    );
    for (const key of runKeys) {
      stmt.bind([key]);
      const list: Array<{ summary: SeriesSummary; preview: Uint8Array | undefined }> = [];
      while (stmt.step()) {
        const row = stmt.get();
        list.push({ summary: rowToSummary(row.slice(1, 15)), preview: (row[15] as Uint8Array | null) ?? undefined });
      }
      stmt.reset();
      out.set(key, list);
    }
    stmt.free();
    return out;
  }

  private each(sql: string, fn: (row: SqlValue[]) => void): void {
    const stmt = this.db.prepare(sql);
    while (stmt.step()) fn(stmt.get());
    stmt.free();
  }
}

function toError([path, message, runId]: SqlValue[]): ReadError {
  return { path: String(path), message: String(message), ...(runId === null ? {} : { runId: String(runId) }) };
}

function rowToSummary(r: SqlValue[]): SeriesSummary {
  const [, name, ctx, count, firstStep, lastStep, first, last, min, max, argmin, argmax, lastTime, nanCount] = r;
  return {
    key: String(name),
    context: JSON.parse(String(ctx)),
    count: Number(count),
    firstStep: num(firstStep),
    lastStep: num(lastStep),
    first: num(first),
    last: num(last),
    min: num(min),
    max: num(max),
    argminStep: num(argmin),
    argmaxStep: num(argmax),
    lastTime: num(lastTime),
    nanCount: Number(nanCount),
  };
}
