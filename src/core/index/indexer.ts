// Indexer: discovery -> listRuns -> (only for changed runs) readSeries -> summaries + previews -> IndexStore.
// Pure core: used by the CLI, the index worker and tests alike.
import * as path from 'node:path';
import type { ReadError, RunInfo, SourceReader, SourceRoot } from '../model';
import { runKey } from '../model';
import { errorMessage } from '../util/fs';
import { mapLimit } from '../util/map-limit';
import { discoverRoots } from './discover';
import { appendSeries } from './append-summaries';
import { fingerprint, treeFingerprint } from './fingerprint';
import { readRunSummaries, RunReadAbandoned, type RunReadPool, type RunSummaries } from './run-summaries';
import type { IndexStore } from './store';

/** Runs read at once per source. */
const RUN_CONCURRENCY = 8;
/** Read progress is reported at most this often (a pass over 1,000 runs would otherwise send 1,000 messages). */
const PROGRESS_INTERVAL_MS = 200;

export interface IndexProgress {
  phase: 'discover' | 'list' | 'read';
  done: number;
  total: number;
  message?: string;
}

export interface PassOptions {
  signal?: AbortSignal;
  onProgress?: (p: IndexProgress) => void;
  /** Runs were written before the end of the pass (a page of a tracking server's runs): show them now. */
  onListed?: () => void;
}

export interface IndexerOptions {
  store: IndexStore;
  readers: SourceReader[];
  includeDeleted?: boolean;
  maxDepth?: number;
  isExcluded?: (absPath: string) => boolean;
  /** Follow symlinked folders that lead outside the indexed folders (off: they are reported, not walked). */
  followLinksOutside?: boolean;
  /** Reader threads for the runs of the formats it handles; without it (or when it fails) runs are read here. */
  pool?: RunReadPool;
}

export interface IndexPassResult {
  roots: SourceRoot[];
  runs: number;
  reread: number;
  reused: number;
  errors: ReadError[];
  cancelled: boolean;
}

export class Indexer {
  constructor(private readonly options: IndexerOptions) {}

  /** The listing options a store's tree fingerprint is taken under: other options list other runs. */
  private listingSalt(): string {
    return `includeDeleted=${this.options.includeDeleted === true}`;
  }

  /** Finds the sources below `folders` and indexes them; unchanged runs keep their stored series. */
  async indexFolders(
    folders: string[],
    opts: PassOptions & { extraRoots?: SourceRoot[]; keepRoots?: SourceRoot[] } = {},
  ): Promise<IndexPassResult> {
    opts.onProgress?.({ phase: 'discover', done: 0, total: folders.length });
    const problems: ReadError[] = [];
    const discovered = await discoverRoots(folders, {
      readers: this.options.readers,
      maxDepth: this.options.maxDepth,
      isExcluded: this.options.isExcluded,
      followLinksOutside: this.options.followLinksOutside,
      signal: opts.signal,
      onProblem: (p) => problems.push(p),
    });
    const roots = [...discovered, ...(opts.extraRoots ?? [])];
    const result = await this.indexRoots(roots, opts);
    if (!result.cancelled) {
      // keepRoots: sources not asked this pass (a tracking server before its refresh interval) keep their runs.
      this.options.store.retainSources(new Set([...roots, ...(opts.keepRoots ?? [])].map((r) => `${r.format}|${r.path}`)));
      this.options.store.setDiscoveryErrors(problems);
      result.errors.push(...problems);
    }
    return result;
  }

  /**
   * Re-indexes only the roots that contain one of `changed` paths (watcher events);
   * a change outside every known root may be a new source, so that falls back to a full pass.
   */
  async reindexChanged(
    folders: string[],
    knownRoots: SourceRoot[],
    changed: string[],
    opts: PassOptions & { extraRoots?: SourceRoot[]; keepRoots?: SourceRoot[] } = {},
  ): Promise<IndexPassResult> {
    const affected = knownRoots.filter((r) => changed.some((c) => isInside(c, r.path) || isInside(r.path, c)));
    const uncovered = changed.some((c) => !knownRoots.some((r) => isInside(c, r.path)));
    if (uncovered || !affected.length) return this.indexFolders(folders, opts);
    const result = await this.indexRoots(affected, { ...opts, changedPaths: changed });
    return { ...result, roots: knownRoots };
  }

  /**
   * Indexes the given roots. With `changedPaths` (watcher events), a run whose folder holds none of
   * them keeps its stored fingerprint without a stat walk: one appended run stays cheap in a big store.
   */
  async indexRoots(
    roots: SourceRoot[],
    opts: PassOptions & { changedPaths?: string[] } = {},
  ): Promise<IndexPassResult> {
    const { store } = this.options;
    const result: IndexPassResult = { roots, runs: 0, reread: 0, reused: 0, errors: [], cancelled: false };
    let done = 0;
    // Read progress counts runs: one big store is one root, and its pass is most of the time.
    let runsDone = 0;
    let runsListed = 0;
    let lastReport = 0;
    const reportRead = (message: string, force = false) => {
      const now = performance.now();
      if (!force && now - lastReport < PROGRESS_INTERVAL_MS) return;
      lastReport = now;
      opts.onProgress?.({ phase: 'read', done: runsDone, total: runsListed, message });
    };
    for (const root of roots) {
      if (opts.signal?.aborted) {
        result.cancelled = true;
        break;
      }
      opts.onProgress?.({ phase: 'list', done, total: roots.length, message: root.path });
      const reader = this.options.readers.find((r) => r.format === root.format);
      if (!reader) continue;
      // A full pass over a store whose files all look as they did after its last full pass keeps its runs
      // as stored, unlisted. Taken before the listing: a file changed while the pass runs shows up next time.
      // A watcher's pass (changedPaths) knows something changed and leaves the store to be checked again.
      let tree = reader.readsOnlyBelowRoot && !opts.changedPaths ? treeFingerprint(root.path, this.listingSalt()) : undefined;
      if (tree !== undefined && store.sourceFingerprint(root.format, root.path) === tree) {
        const kept = store.sourceState(root.format, root.path);
        result.runs += kept.runs;
        result.reused += kept.runs;
        result.errors.push(...kept.errors);
        runsListed += kept.runs;
        runsDone += kept.runs;
        done++;
        reportRead(root.path, true);
        continue;
      }
      const rootErrors: ReadError[] = [];
      let runs: RunInfo[] = [];
      let unreachable = false;
      try {
        // Runs listed page by page (a tracking server) are shown before their series are read: each page's
        // new runs are written at once, without series or fingerprint, and the caller is told.
        const known = store.fingerprints(root.format, root.path);
        const onPage = opts.onListed
          ? (page: RunInfo[]) => {
              const fresh = page.filter((r) => !known.has(runKey(r)));
              if (!fresh.length) return;
              store.transaction(() => fresh.forEach((r) => store.putRun(r, null, undefined)));
              opts.onListed?.();
            }
          : undefined;
        const listed = await reader.listRuns(root, { includeDeleted: this.options.includeDeleted, signal: opts.signal, onPage });
        runs = listed.runs;
        unreachable = listed.unreachable === true;
        // A listing the clock can change (a live run's status) is not kept unlisted: the next pass lists again.
        if (listed.changesWithTime) tree = undefined;
        rootErrors.push(...listed.errors);
      } catch (err) {
        rootErrors.push({ path: root.path, message: `could not list runs: ${errorMessage(err)}` });
        // A listing that failed is tried again next pass, changed files or not.
        tree = undefined;
      }
      if (unreachable && !opts.signal?.aborted) {
        // Offline: the runs indexed before stay as they are (not pruned); the source carries the reason.
        store.transaction(() => store.setSourceErrors(root.format, root.path, rootErrors));
        result.errors.push(...rootErrors);
        done++;
        continue;
      }
      runsListed += runs.length;
      const pool = this.options.pool?.handles(root.format) ? this.options.pool : undefined;
      const known = store.fingerprints(root.format, root.path);
      const fpCache = new Map<string, Promise<string>>();
      const keep = new Set<string>();
      // Runs are read a few at a time: readers are I/O-bound on many small files, and the
      // summaries (not the points) are all that is kept, so memory stays bounded.
      const writes = await mapLimit(runs, RUN_CONCURRENCY, async (run): Promise<() => void> => {
        const key = runKey(run);
        keep.add(key);
        if (opts.signal?.aborted) return () => undefined;
        const untouched = opts.changedPaths && !opts.changedPaths.some((c) => isInside(c, run.path) || isInside(run.path, c));
        if (untouched && known.has(key)) {
          result.reused++;
          runsDone++;
          const fp = known.get(key)!;
          return () => store.putRun(run, null, fp);
        }
        if (!fpCache.has(run.path)) fpCache.set(run.path, reader.fingerprint ? Promise.resolve(reader.fingerprint(run)) : fingerprint(run.path));
        const fp = await fpCache.get(run.path)!;
        if (known.get(key) === fp) {
          result.reused++;
          runsDone++;
          return () => store.putRun(run, null, fp);
        }
        // A run read before that only grew (a live server run): its new points, folded into what is stored.
        const grown = known.has(key) ? await appendedRun(reader, store, run, opts.signal) : undefined;
        const read = grown ?? (await readRun(reader, pool, run, opts.signal));
        rootErrors.push(...read.errors);
        result.reread++;
        runsDone++;
        reportRead(root.path);
        return () => store.putRun(run, read.summaries, fp);
      });
      if (opts.signal?.aborted) {
        result.cancelled = true;
        break;
      }
      store.transaction(() => {
        for (const w of writes) w();
        store.pruneSource(root.format, root.path, keep);
        store.setSourceErrors(root.format, root.path, rootErrors);
        // Last: the writes above clear it.
        store.setSourceFingerprint(root.format, root.path, tree);
      });
      result.runs += runs.length;
      result.errors.push(...rootErrors);
      done++;
      reportRead(root.path, true);
    }
    return result;
  }
}

/**
 * The run's stored series with the points logged since appended, when the reader can read only those
 * (SourceReader.readNewPoints); undefined otherwise. In-process: the reader knows what its listing saw.
 */
async function appendedRun(reader: SourceReader, store: IndexStore, run: RunInfo, signal?: AbortSignal): Promise<RunSummaries | undefined> {
  if (!reader.readNewPoints) return undefined;
  const stored = store.previews([runKey(run)]).get(runKey(run)) ?? [];
  if (!stored.length) return undefined;
  const added = await reader.readNewPoints(run, stored.map((s) => s.summary), { signal });
  return added && { summaries: appendSeries(stored, added.series), errors: added.errors };
}

/** In a reader thread when the pool takes the format; in-process otherwise, or when the pool cannot read it. */
async function readRun(reader: SourceReader, pool: RunReadPool | undefined, run: RunInfo, signal?: AbortSignal): Promise<RunSummaries> {
  if (pool) {
    try {
      return await pool.read(run, signal);
    } catch (err) {
      if (err instanceof RunReadAbandoned) return { summaries: [], errors: [{ path: run.path, runId: run.id, message: err.message }] };
      /* no thread could read it: read it here */
    }
  }
  return readRunSummaries(reader, run, signal);
}

/** True when `p` is `dir` or lies below it. */
function isInside(p: string, dir: string): boolean {
  return p === dir || p.startsWith(dir + path.sep);
}
