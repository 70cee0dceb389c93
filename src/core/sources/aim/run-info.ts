// Builds the RunInfo of one Aim run from its sqlite row, its meta chunk and the status signals.
import * as path from 'node:path';
import type { RunInfo } from '../../model';
import type { RunMeta, TraceInfo } from './meta-chunk';
import type { AimRunRow } from './run-metadata';
import type { StatusDecision } from './run-status';
import { flattenParams, toPlain, type PlainValue } from './tree';

/** Written by Aim's log_system_params: packages and environment, too big and too private for params. */
const SYSTEM_PARAMS = '__system_params';

export interface RunParts {
  aimDir: string;
  hash: string;
  row?: AimRunRow;
  meta?: RunMeta;
  status: StatusDecision;
}

export function buildRunInfo(p: RunParts): RunInfo {
  const { row, meta } = p;
  const run: RunInfo = {
    format: 'aim',
    id: p.hash,
    experiment: row?.experiment ?? 'default',
    name: row?.name ?? p.hash,
    status: p.status.status,
    // The seqs chunk, not the whole repo: the indexer fingerprints `path` to decide whether to
    // re-read points, and one live run must not make every run of the repo look changed.
    path: path.join(p.aimDir, 'seqs', 'chunks', p.hash),
    root: p.aimDir,
    params: meta ? flattenParams(meta.attrs, new Set([SYSTEM_PARAMS])) : {},
    tags: {},
    checkpoints: [],
  };
  if (row?.createdAt !== undefined) run.startTime = row.createdAt * 1000;
  if (p.status.endTime !== undefined) run.endTime = p.status.endTime * 1000;
  // Aim tags are labels without values.
  for (const t of row?.tags ?? []) run.tags[t] = '';
  const extra: Record<string, unknown> = {};
  if (row?.archived) extra.archived = true;
  if (row?.description) extra.description = row.description;
  if (meta) {
    const system = meta.attrs.children.get(SYSTEM_PARAMS);
    if (system) applySystemParams(run, extra, toPlain(system));
    extra.sequences = meta.traces.map(traceSummary);
  }
  if (Object.keys(extra).length) run.extra = extra;
  return run;
}

function traceSummary(t: TraceInfo): Record<string, unknown> {
  const s: Record<string, unknown> = { name: t.name, context: t.context, dtype: t.dtype ?? null, metric: t.isMetric };
  for (const k of ['firstStep', 'lastStep', 'first', 'last', 'min', 'max'] as const) if (t[k] !== undefined) s[k] = t[k];
  return s;
}

/** entryPoint from argv[0], gitCommit from git_info.commit.hash (aim/ext/system_info/utils.py). */
function applySystemParams(run: RunInfo, extra: Record<string, unknown>, sys: PlainValue): void {
  if (!isDict(sys)) return;
  const args = sys.arguments;
  if (Array.isArray(args) && typeof args[0] === 'string' && args[0] !== '') run.entryPoint = args[0];
  if (Array.isArray(args)) extra.arguments = args.filter((a) => typeof a === 'string');
  const git = sys.git_info;
  if (isDict(git)) {
    const commit = git.commit;
    if (isDict(commit) && typeof commit.hash === 'string' && commit.hash) run.gitCommit = commit.hash;
    if (typeof git.branch === 'string') extra.gitBranch = git.branch;
    if (typeof git.remote_origin_url === 'string') extra.gitRemote = git.remote_origin_url;
  }
  if (typeof sys.executable === 'string') extra.executable = sys.executable;
}

function isDict(v: PlainValue | undefined): v is { [k: string]: PlainValue } {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
