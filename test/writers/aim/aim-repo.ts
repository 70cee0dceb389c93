// Writes a whole `.aim` repository from a description of runs (spec §1, §5, §6): VERSION,
// run_metadata.sqlite, and per run a meta chunk and a seqs chunk (RocksDB folders), check-ins,
// progress files. Storage modes place the data in a compacted SST, in a WAL only (a live run, with
// Aim's DeleteRange-then-Put pattern), or split between a flushed SST and a newer WAL.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { loadSqlJs } from '../../../src/core/util/sqljs';
import type { WriterRun } from '../../../src/demo/writers/types';
import { compareKeys, concatBytes, utf8 } from './byte-writer';
import { contextId, encodeKey, encodeValue, stepKey, stepKeyParts, unfold, type Record, type Segment } from './aim-encoding';
import type { BatchOp } from './log-writer';
import { writeRocksFolder, type RocksFolderSpec } from './rocksdb-folder';
import type { SstOptions } from './sst-writer';

export interface AimPoint {
  step: number;
  value: number;
  epoch?: number | null;
  /** Epoch milliseconds. */
  time: number;
}

export interface AimSeries {
  name: string;
  context?: { [k: string]: string | number | boolean | null };
  dtype?: 'float' | 'int';
  /** 2 = seqs/v2 hashed-step layout (current Aim); 1 = seqs/chunks step-keyed layout. */
  version?: 1 | 2;
  points: AimPoint[];
}

export type Storage = 'sst' | 'wal' | 'split';

export interface AimRun {
  hash: string;
  name?: string;
  experiment?: string | null;
  description?: string;
  archived?: boolean;
  tags?: string[];
  /** Epoch milliseconds. */
  createdAt: number;
  /** Epoch ms; null = None written (open run); undefined = no end_time key. */
  endTime?: number | null;
  params?: { [k: string]: unknown };
  systemParams?: { [k: string]: unknown };
  series: AimSeries[];
  storage?: Storage;
  /** Older Aim (repo VERSION 1.2) stores only last/last_step, no first/min/max. */
  omitSummary?: boolean;
  /** false = no sqlite row (a chunk Aim's sqlite does not know). */
  inSqlite?: boolean;
  checkIns?: { time: number; expectNextIn: number; flag?: string }[];
  metaProgress?: boolean;
}

export interface RepoOptions {
  sst?: SstOptions;
}

const int = (n: number) => BigInt(Math.trunc(n));

export function metaRecords(run: AimRun): Record[] {
  const p = ['meta', 'chunks', run.hash];
  const out: Record[] = [];
  const params: { [k: string]: unknown } = { ...(run.params ?? {}) };
  if (run.systemParams) params.__system_params = run.systemParams;
  out.push([encodeKey([...p, 'attrs']), encodeValue({ $flag: 'object' })]);
  for (const [k, v] of Object.entries(params)) unfold([...p, 'attrs', k], v, out);
  const contexts = new Map<bigint, { [k: string]: unknown }>();
  for (const s of run.series) contexts.set(contextId(s.context ?? {}), s.context ?? {});
  for (const [id, ctx] of contexts) {
    out.push([encodeKey([...p, 'contexts', id]), encodeValue({ $flag: 'object' })]);
    for (const [k, v] of Object.entries(ctx)) unfold([...p, 'contexts', id, k], v, out);
  }
  for (const s of run.series) {
    const t = [...p, 'traces', contextId(s.context ?? {}), s.name];
    const isInt = s.dtype === 'int';
    const val = (x: number) => encodeValue(isInt ? int(x) : x);
    out.push([encodeKey([...t, 'dtype']), encodeValue(s.dtype ?? 'float')]);
    out.push([encodeKey([...t, 'version']), encodeValue(BigInt(s.version ?? 2))]);
    if (s.points.length) {
      const bySteps = [...s.points].sort((a, b) => a.step - b.step);
      const first = bySteps[0];
      const last = bySteps[bySteps.length - 1];
      out.push([encodeKey([...t, 'last']), val(last.value)], [encodeKey([...t, 'last_step']), encodeValue(int(last.step))]);
      if (!run.omitSummary) {
        const vals = s.points.map((x) => x.value);
        const min = vals.reduce((a, b) => (b < a ? b : a));
        const max = vals.reduce((a, b) => (b > a ? b : a));
        out.push([encodeKey([...t, 'first']), val(first.value)], [encodeKey([...t, 'first_step']), encodeValue(int(first.step))]);
        out.push([encodeKey([...t, 'min']), val(min)], [encodeKey([...t, 'max']), val(max)]);
      }
    }
    out.push([encodeKey(['meta', 'traces_types', s.dtype ?? 'float', contextId(s.context ?? {}), s.name]), encodeValue(1n)]);
  }
  if (run.endTime !== undefined) out.push([encodeKey([...p, 'end_time']), encodeValue(run.endTime === null ? null : run.endTime / 1000)]);
  // Repo-global copies and a BLOBS twin that a run reader must not mistake for run data.
  for (const [k, v] of Object.entries(params)) unfold(['meta', 'attrs', k], v, out);
  out.push([concatBytes([utf8('BLOBS'), new Uint8Array([0xfe]), encodeKey([...p, 'attrs'])]), encodeValue('blob twin')]);
  return out;
}

/**
 * The seqs chunk records. 'key' order is RocksDB's sorted order (what a compacted SST holds);
 * 'time' order is how Aim writes them: point after point, all columns of a point together.
 */
export function seqsRecords(run: AimRun, order: 'key' | 'time' = 'key'): Record[] {
  const out: Record[] = [];
  const series = run.series
    .map((s) => {
      const v2 = (s.version ?? 2) === 2;
      const prefix = encodeKey(v2 ? ['seqs', 'v2', 'chunks', run.hash, contextId(s.context ?? {}), s.name] : ['seqs', 'chunks', run.hash, contextId(s.context ?? {}), s.name]);
      return { s, v2, prefix };
    })
    .sort((a, b) => compareKeys(a.prefix, b.prefix));
  const perPoint: Record[][] = [];
  for (const { s, v2, prefix } of series) {
    const isInt = s.dtype === 'int';
    const col = (name: string, k: bigint) => concatBytes([prefix, encodeKey([name, k])]);
    if (order === 'key') {
      // Straight into sorted order (no big sort): columns epoch < step < time < val, rows by
      // unsigned key bytes. Keys are assembled from a per-column prefix (hot for bench workloads).
      const rows = s.points.map((pt) => {
        if (v2) {
          const [hi, lo] = stepKeyParts(pt.step);
          return { pt, hi, lo };
        }
        const k = BigInt.asUintN(64, int(pt.step));
        return { pt, hi: Number(k >> 32n), lo: Number(k & 0xffffffffn) };
      });
      rows.sort((a, b) => a.hi - b.hi || a.lo - b.lo);
      const column = (name: string, value: (pt: AimPoint) => Uint8Array) => {
        const head = concatBytes([prefix, utf8(name), new Uint8Array([0xfe, 0xfe])]);
        for (const { pt, hi, lo } of rows) {
          const key = new Uint8Array(head.length + 9);
          key.set(head);
          const dv = new DataView(key.buffer);
          dv.setUint32(head.length, hi, false);
          dv.setUint32(head.length + 4, lo, false);
          key[head.length + 8] = 0xfe;
          out.push([key, value(pt)]);
        }
      };
      column('epoch', (pt) => encodeValue(pt.epoch === undefined || pt.epoch === null ? null : int(pt.epoch)));
      if (v2) {
        out.push([concatBytes([prefix, encodeKey(['step'])]), encodeValue({ $flag: 'array' })]);
        column('step', (pt) => encodeValue(int(pt.step)));
      }
      column('time', (pt) => encodeValue(pt.time / 1000));
      column('val', (pt) => encodeValue(isInt ? int(pt.value) : pt.value));
      continue;
    }
    if (v2) out.push([concatBytes([prefix, encodeKey(['step'])]), encodeValue({ $flag: 'array' })]);
    s.points.forEach((pt, i) => {
      const k = v2 ? stepKey(pt.step) : int(pt.step);
      const recs: Record[] = [];
      if (v2) recs.push([col('step', k), encodeValue(int(pt.step))]);
      recs.push([col('val', k), encodeValue(isInt ? int(pt.value) : pt.value)]);
      recs.push([col('epoch', k), encodeValue(pt.epoch === undefined || pt.epoch === null ? null : int(pt.epoch))]);
      recs.push([col('time', k), encodeValue(pt.time / 1000)]);
      (perPoint[i] ??= []).push(...recs);
    });
  }
  for (const recs of perPoint) if (recs) out.push(...recs);
  return out;
}

function sortedByKey(records: Record[]): Record[] {
  for (let i = 1; i < records.length; i++) {
    if (compareKeys(records[i - 1][0], records[i][0]) > 0) return [...records].sort((a, b) => compareKeys(a[0], b[0]));
  }
  return records;
}

/**
 * Lays records out as one RocksDB folder according to the storage mode. In 'split' mode the
 * flushed SST also holds values that only newer WAL writes fix: stale values overwritten later,
 * a key deleted later, a subtree range-deleted later (all under `junkPrefix`, so a reader that
 * ignores WAL deletions shows them), and an old, already-flushed WAL with high-seq junk.
 */
export function chunkSpec(records: Record[], storage: Storage, sst?: SstOptions, junkPrefix?: Segment[]): RocksFolderSpec {
  if (storage === 'sst') {
    const recs = sortedByKey(records);
    return { ssts: [{ number: 9, entries: recs.map(([key, value], i) => ({ key, value, seq: i + 1 })), options: sst, level: 6 }], logNumber: 10, wals: [{ number: 10, batches: [] }], lastSequence: recs.length };
  }
  // Aim's write pattern: every set is DeleteRange(path, path + 0xFF) and then Put(path).
  let seq = 1;
  const setBatch = ([key, value]: Record) => {
    const ops: BatchOp[] = [
      { op: 'deleteRange', key, end: concatBytes([key, new Uint8Array([0xff])]) },
      { op: 'put', key, value },
    ];
    const b = { seq, ops };
    seq += ops.length;
    return b;
  };
  if (storage === 'wal') {
    return { ssts: [], logNumber: 3, wals: [{ number: 3, batches: records.map(setBatch) }] };
  }
  // Records stay in write order: the flushed SST holds the older half, the WAL the newer one.
  const recs = records;
  const half = Math.floor(recs.length / 2);
  const flushed = recs.filter((_, i) => i % 2 === 0 || i < half);
  const live = recs.filter((_, i) => !(i % 2 === 0 || i < half));
  const stale = new Set(flushed.filter((_, i) => i % 7 === 3));
  const junk = junkPrefix ?? ['zz_junk'];
  const deletedKey = encodeKey([...junk, 'zz_deleted']);
  const droppedA = encodeKey([...junk, 'zz_dropped', 'a']);
  const droppedB = encodeKey([...junk, 'zz_dropped', 'b']);
  const sstEntries = flushed.map((r) => ({ key: r[0], value: stale.has(r) ? encodeValue('stale SST value') : r[1], seq: seq++ }));
  for (const key of [deletedKey, droppedA, droppedB]) sstEntries.push({ key, value: encodeValue('should be hidden'), seq: seq++ });
  const lastFlushed = seq - 1;
  const batches = [...live, ...stale].map(setBatch);
  batches.push({ seq, ops: [{ op: 'delete', key: deletedKey }] });
  seq++;
  batches.push({ seq, ops: [{ op: 'deleteRange', key: encodeKey([...junk, 'zz_dropped']), end: concatBytes([encodeKey([...junk, 'zz_dropped']), new Uint8Array([0xff])]) }] });
  seq++;
  return {
    ssts: [{ number: 7, entries: sstEntries, options: sst }],
    logNumber: 8,
    lastSequence: lastFlushed,
    wals: [
      // Older than logNumber: already flushed, so these high-seq writes must be ignored.
      { number: 4, batches: [{ seq: 1_000_000_000, ops: flushed.slice(0, 3).map(([key]) => ({ op: 'put' as const, key, value: encodeValue('flushed WAL junk') })) }] },
      { number: 8, batches },
    ],
  };
}

function sqlDatetime(ms: number): string {
  const d = new Date(ms);
  const pad = (n: number, w = 2) => String(n).padStart(w, '0');
  const micros = Math.round((ms % 1000) * 1000);
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}.${pad(micros, 6)}`;
}

export async function writeRunMetadataSqlite(file: string, runs: AimRun[]): Promise<void> {
  const SQL = await loadSqlJs();
  const db = new SQL.Database();
  db.run(`CREATE TABLE experiment (id INTEGER PRIMARY KEY, uuid TEXT, name TEXT, is_archived BOOLEAN, created_at DATETIME, updated_at DATETIME);
    CREATE TABLE run (id INTEGER PRIMARY KEY, hash TEXT, name TEXT, description TEXT, is_archived BOOLEAN, created_at DATETIME, updated_at DATETIME, experiment_id INTEGER, finalized_at DATETIME);
    CREATE TABLE tag (id INTEGER PRIMARY KEY, uuid TEXT, name TEXT, color TEXT, description TEXT, is_archived BOOLEAN, created_at DATETIME, updated_at DATETIME);
    CREATE TABLE run_tag (run_id INTEGER, tag_id INTEGER);`);
  const experiments = new Map<string, number>();
  const tags = new Map<string, number>();
  let runId = 0;
  for (const r of runs) {
    if (r.inSqlite === false) continue;
    let expId: number | null = null;
    if (r.experiment !== null) {
      const name = r.experiment ?? 'default';
      if (!experiments.has(name)) {
        experiments.set(name, experiments.size + 1);
        db.run('INSERT INTO experiment VALUES (?, ?, ?, 0, ?, ?)', [experiments.size, `uuid-${name}`, name, sqlDatetime(r.createdAt), sqlDatetime(r.createdAt)]);
      }
      expId = experiments.get(name)!;
    }
    runId++;
    db.run('INSERT INTO run VALUES (?, ?, ?, ?, ?, ?, ?, ?, NULL)', [runId, r.hash, r.name ?? `Run: ${r.hash}`, r.description ?? null, r.archived ? 1 : 0, sqlDatetime(r.createdAt), sqlDatetime(r.createdAt), expId]);
    for (const t of r.tags ?? []) {
      if (!tags.has(t)) {
        tags.set(t, tags.size + 1);
        db.run('INSERT INTO tag VALUES (?, ?, ?, NULL, NULL, 0, NULL, NULL)', [tags.size, `uuid-${t}`, t]);
      }
      db.run('INSERT INTO run_tag VALUES (?, ?)', [runId, tags.get(t)!]);
    }
  }
  fs.writeFileSync(file, db.export());
  db.close();
}

/** Writes one run's chunks, check-ins and progress files into an existing repo folder. */
export function writeAimRunChunks(aimDir: string, run: AimRun, options: RepoOptions = {}): void {
  const storage = run.storage ?? 'sst';
  writeRocksFolder(path.join(aimDir, 'meta', 'chunks', run.hash), chunkSpec(metaRecords(run), storage, options.sst, ['meta', 'chunks', run.hash, 'attrs']));
  writeRocksFolder(path.join(aimDir, 'seqs', 'chunks', run.hash), chunkSpec(seqsRecords(run, storage === 'sst' ? 'key' : 'time'), storage, options.sst));
  fs.mkdirSync(path.join(aimDir, 'seqs', 'progress'), { recursive: true });
  fs.writeFileSync(path.join(aimDir, 'seqs', 'progress', run.hash), '');
  if (run.metaProgress) {
    fs.mkdirSync(path.join(aimDir, 'meta', 'progress'), { recursive: true });
    fs.writeFileSync(path.join(aimDir, 'meta', 'progress', run.hash), '');
  }
  (run.checkIns ?? []).forEach((c, i) => {
    const name = `${run.hash}-${String(i + 1).padStart(16, '0')}-${c.flag ?? 'progress'}-${(c.time / 1000).toFixed(2).padStart(11, '0')}-${String(c.expectNextIn).padStart(5, '0')}`;
    fs.writeFileSync(path.join(aimDir, 'check_ins', name), '');
  });
}

/** VERSION, the folder skeleton and run_metadata.sqlite; chunks are written separately. */
export async function writeAimRepoMetadata(aimDir: string, runs: AimRun[]): Promise<void> {
  for (const d of ['meta/chunks', 'seqs/chunks', 'check_ins', 'locks']) fs.mkdirSync(path.join(aimDir, d), { recursive: true });
  fs.writeFileSync(path.join(aimDir, 'VERSION'), '1.3\n');
  await writeRunMetadataSqlite(path.join(aimDir, 'run_metadata.sqlite'), runs);
}

export async function writeAimRepo(aimDir: string, runs: AimRun[], options: RepoOptions = {}): Promise<void> {
  await writeAimRepoMetadata(aimDir, runs);
  for (const run of runs) writeAimRunChunks(aimDir, run, options);
}

/** The shared demo shape as an Aim run: numeric params become numbers, metrics get no context. */
export function fromWriterRun(r: WriterRun, hash: string): AimRun {
  const params: { [k: string]: unknown } = {};
  for (const [k, v] of Object.entries(r.params)) params[k] = v !== '' && Number.isFinite(Number(v)) ? Number(v) : v;
  const running = r.status === 'running';
  return {
    hash,
    name: r.name,
    experiment: r.experiment,
    createdAt: r.startTime,
    endTime: running ? null : r.endTime ?? r.startTime,
    params,
    series: r.metrics.map((m) => ({ name: m.key, points: m.points.map((p) => ({ step: p.step, value: p.value, time: p.time })) })),
    storage: running ? 'split' : 'sst',
    checkIns: running ? [{ time: Date.now(), expectNextIn: 600 }] : undefined,
  };
}
