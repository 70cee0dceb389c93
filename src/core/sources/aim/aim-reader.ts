// The Aim source: a `.aim` repository read natively (no Python, no native module).
// Runs = folders of meta/chunks (spec §1), joined with run_metadata.sqlite by hash; params and
// sequence summaries from each run's meta chunk; points from its seqs chunk on demand.
import { promises as fsp } from 'node:fs';
import * as path from 'node:path';
import {
  contextKey,
  type DetectResult,
  type DirListing,
  type ListOptions,
  type ListResult,
  type ReadError,
  type ReadSeriesOptions,
  type RunInfo,
  type Series,
  type SeriesResult,
  type SourceReader,
  type SourceRoot,
} from '../../model';
import { errorMessage } from '../../util/fs';
import { readRunMeta, type RunMeta } from './meta-chunk';
import { RocksDb } from './rocksdb/db';
import { buildRunInfo } from './run-info';
import { readRunMetadata } from './run-metadata';
import { decideStatus, mtimeMs, readCheckIns } from './run-status';
import { readSequences, traceKey } from './seqs-chunk';

const RUN_HASH = /^[0-9a-f]{8,64}$/i;
/** Below this many requested series, seek to each one instead of scanning the whole chunk. */
const SEEK_LIMIT = 8;

export function isAimRepo(dir: DirListing): boolean {
  return path.basename(dir.path) === '.aim' && dir.files.includes('run_metadata.sqlite');
}

/** Opens a chunk DB, runs `fn`, always closes; warnings and errors are collected, never thrown. */
export function withChunk<T>(dir: string, fn: (db: RocksDb) => T): { value?: T; warnings: string[]; error?: string } {
  let db: RocksDb | undefined;
  try {
    db = RocksDb.open(dir);
    if (db.error) return { warnings: db.warnings, error: db.error };
    const value = fn(db);
    return { value, warnings: db.allWarnings() };
  } catch (err) {
    return { warnings: db?.allWarnings() ?? [], error: errorMessage(err) };
  } finally {
    db?.close();
  }
}

async function listRunHashes(aimDir: string): Promise<string[]> {
  const entries = await fsp.readdir(path.join(aimDir, 'meta', 'chunks'), { withFileTypes: true });
  return entries.filter((e) => e.isDirectory() && RUN_HASH.test(e.name)).map((e) => e.name).sort();
}

export const aimReader: SourceReader = {
  format: 'aim',
  // Chunks, check-ins, progress and lock files and run_metadata.sqlite are all below the .aim folder (CURRENT
  // must name a MANIFEST listed there). Only "running" comes from the clock as well (decideStatus): such a
  // listing says so (changesWithTime).
  readsOnlyBelowRoot: true,

  detect(dir: DirListing): DetectResult {
    if (!isAimRepo(dir)) return { roots: [] };
    return { roots: [{ format: 'aim', path: dir.path }], stop: true };
  },

  async listRuns(root: SourceRoot, options: ListOptions = {}): Promise<ListResult> {
    const aimDir = root.path;
    const errors: ReadError[] = [];
    const runs: RunInfo[] = [];
    let hashes: string[];
    try {
      hashes = await listRunHashes(aimDir);
    } catch (err) {
      errors.push({ path: path.join(aimDir, 'meta', 'chunks'), message: `cannot list Aim runs: ${errorMessage(err)}` });
      return { runs, errors };
    }
    const [metadata, checkIns] = await Promise.all([readRunMetadata(path.join(aimDir, 'run_metadata.sqlite')), readCheckIns(aimDir)]);
    for (const w of metadata.warnings) errors.push({ path: path.join(aimDir, 'run_metadata.sqlite'), message: w });
    const nowMs = Date.now();
    for (const hash of hashes) {
      if (options.signal?.aborted) break;
      const chunkDir = path.join(aimDir, 'meta', 'chunks', hash);
      try {
        const read = withChunk(chunkDir, (db) => readRunMeta(db, hash));
        const meta: RunMeta | undefined = read.value;
        const row = metadata.runs.get(hash);
        const needsHints = !(typeof meta?.endTime === 'number' && meta.endTime > 0);
        const status = decideStatus({
          endTime: meta?.endTime,
          finalizedAt: row?.finalizedAt,
          checkIn: checkIns.get(hash),
          progressMtimeMs: needsHints ? await mtimeMs(path.join(aimDir, 'meta', 'progress', hash)) : undefined,
          softlockMtimeMs: needsHints ? await mtimeMs(path.join(aimDir, 'locks', `${hash}.softlock`)) : undefined,
          nowMs,
        });
        const run = buildRunInfo({ aimDir, hash, row, meta, status });
        const warnings = [...read.warnings, ...(meta?.warnings ?? [])];
        if (!row && metadata.runs.size > 0) warnings.push('run is not in run_metadata.sqlite (name and experiment unknown)');
        if (status.note) warnings.push(status.note);
        if (meta && meta.keys === 0 && !read.error) warnings.push('meta chunk holds no keys for this run');
        if (read.error) run.error = `meta chunk unreadable: ${read.error}`;
        if (warnings.length) run.warnings = warnings;
        for (const m of [...(read.error ? [run.error!] : []), ...read.warnings, ...(meta?.warnings ?? [])]) {
          errors.push({ path: chunkDir, message: m, runId: hash });
        }
        runs.push(run);
      } catch (err) {
        errors.push({ path: chunkDir, message: `run skipped: ${errorMessage(err)}`, runId: hash });
      }
    }
    // A run is running only while its heartbeat is due or its progress file fresh: later the same files say
    // unknown, so such a listing is not kept unlisted.
    return { runs, errors, ...(runs.some((r) => r.status === 'running') && { changesWithTime: true }) };
  },

  async readSeries(run: RunInfo, options: ReadSeriesOptions = {}): Promise<SeriesResult> {
    const errors: ReadError[] = [];
    const series: Series[] = [];
    const hash = run.id;
    const metaDir = path.join(run.root, 'meta', 'chunks', hash);
    const seqsDir = path.join(run.root, 'seqs', 'chunks', hash);
    const meta = withChunk(metaDir, (db) => readRunMeta(db, hash));
    for (const w of meta.warnings) errors.push({ path: metaDir, message: w, runId: hash });
    if (!meta.value) {
      errors.push({ path: metaDir, message: `meta chunk unreadable: ${meta.error ?? 'unknown error'}`, runId: hash });
      return { series, errors };
    }
    let traces = meta.value.traces.filter((t) => t.isMetric);
    if (options.only) {
      const wanted = new Set(options.only.map((r) => `${r.key}\u0000${contextKey(r.context)}`));
      traces = traces.filter((t) => wanted.has(`${t.name}\u0000${contextKey(t.context)}`));
    }
    if (traces.length === 0 || options.signal?.aborted) return { series, errors };
    const read = withChunk(seqsDir, (db) => readSequences(db, hash, traces, options.only !== undefined && traces.length <= SEEK_LIMIT));
    for (const w of [...read.warnings, ...(read.value?.warnings ?? [])]) errors.push({ path: seqsDir, message: w, runId: hash });
    if (!read.value) {
      errors.push({ path: seqsDir, message: `seqs chunk unreadable: ${read.error ?? 'unknown error'}`, runId: hash });
      return { series, errors };
    }
    for (const t of traces) {
      const points = read.value.points.get(traceKey(t));
      if (points) series.push({ key: t.name, context: t.context, points });
    }
    return { series, errors };
  },
};
