// Optuna RDB storage (SQLite): a study is an experiment, a trial is a run, the values reported
// with trial.report() are one series over step. Read through sql.js snapshots, so the file is
// never locked or written; a half-written or corrupt file gives an error value, never a throw.
import type {
  DetectResult,
  DirListing,
  ListOptions,
  ListResult,
  ReadSeriesOptions,
  RunInfo,
  SeriesResult,
  SourceReader,
  SourceRoot,
} from '../../model';
import { errorMessage, isLfsPointer, lfsPointerMessage, readHead } from '../../util/fs';
import * as path from 'node:path';
import { isSqliteHeader, sqliteDamage } from '../../util/sqljs';
import { detectOptunaFiles } from './detect';
import { readIntermediateValues } from './intermediate';
import { SnapshotCache, type Snapshot } from './snapshot-cache';
import { readStudies } from './studies';
import { listTrials, readTrialRows, trialRunId } from './trials';

export interface OptunaReaderOptions {
  cache?: SnapshotCache;
}

export function createOptunaReader(options: OptunaReaderOptions = {}): SourceReader & { readonly cache: SnapshotCache } {
  const cache = options.cache ?? new SnapshotCache();

  async function whyUnreadable(file: string, err: unknown): Promise<string> {
    const head = await readHead(file, 64);
    if (head.length === 0) return `cannot read ${file}: ${errorMessage(err)}`;
    if (isLfsPointer(head)) return lfsPointerMessage('the database');
    if (!isSqliteHeader(head)) return 'not a SQLite database';
    return `cannot read the Optuna storage: ${errorMessage(err)}`;
  }

  return {
    format: 'optuna',
    cache,
    // Studies and trials come from the storage file and its -wal sibling (both in the tree fingerprint of a
    // file); the snapshot cache is keyed by their sizes and mtimes, so it never lists what the files no longer say.
    readsOnlyBelowRoot: true,

    async detect(dir: DirListing): Promise<DetectResult> {
      const files = await detectOptunaFiles(dir.path, dir.files);
      return { roots: files.map((p) => ({ format: 'optuna' as const, path: p })) };
    },

    async listRuns(root: SourceRoot, opts?: ListOptions): Promise<ListResult> {
      if (opts?.signal?.aborted) return { runs: [], errors: [{ path: root.path, message: 'cancelled' }] };
      try {
        const res = await cache.use(root.path, (snap) => {
          const listed = listTrials(snap.db, snap.schema, root.path);
          const damage = sqliteDamage(snap.db);
          if (damage) {
            const message = `${path.basename(root.path)} is damaged (SQLite check: ${damage}); trials, params and values may be missing or wrong`;
            listed.errors.push({ path: root.path, message });
            for (const run of listed.runs) (run.warnings ??= []).push(message);
          }
          return listed;
        });
        if ('notOptuna' in res) return { runs: [], errors: [{ path: root.path, message: res.notOptuna }] };
        return res;
      } catch (err) {
        return { runs: [], errors: [{ path: root.path, message: await whyUnreadable(root.path, err) }] };
      }
    },

    async readSeries(run: RunInfo, opts?: ReadSeriesOptions): Promise<SeriesResult> {
      const key = typeof run.extra?.intermediateKey === 'string' ? run.extra.intermediateKey : 'intermediate_value';
      if (opts?.only && !opts.only.some((r) => r.key === key && Object.keys(r.context).length === 0)) {
        return { series: [], errors: [] };
      }
      try {
        const res = await cache.use(run.root, (snap) => {
          const trialId = trialIdOf(snap, run.id);
          return trialId === undefined ? undefined : readIntermediateValues(snap.db, snap.schema, trialId);
        });
        if (res === undefined) {
          return { series: [], errors: [{ path: run.root, runId: run.id, message: `trial ${run.id} is no longer in the storage` }] };
        }
        if ('notOptuna' in res) return { series: [], errors: [{ path: run.root, runId: run.id, message: res.notOptuna }] };
        if (res.steps.length === 0) return { series: [], errors: [] };
        return { series: [{ key, context: {}, points: res }], errors: [] };
      } catch (err) {
        return { series: [], errors: [{ path: run.root, runId: run.id, message: await whyUnreadable(run.root, err) }] };
      }
    },
  };
}

/**
 * The trial_id behind a run id (`<study>#<number>`). Resolved from the storage rather than from
 * run.extra, because runs rebuilt from the index carry only their id.
 */
function trialIdOf(snap: Snapshot, runId: string): number | undefined {
  if (!snap.trialIds) {
    const studies = readStudies(snap.db, snap.schema);
    const ids = new Map<string, number>();
    for (const t of readTrialRows(snap.db, snap.schema).values()) {
      const study = studies.get(t.studyId);
      if (study) ids.set(trialRunId(study.name, t.number), t.trialId);
    }
    snap.trialIds = ids;
  }
  return snap.trialIds.get(runId);
}

export const optunaReader = createOptunaReader();
