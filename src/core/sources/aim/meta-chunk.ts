// A run's meta chunk (meta/chunks/<hash>, spec §5.1): params (`attrs`), context dicts, per-sequence
// info and summaries (`traces`), and `end_time`. Small: decoded generically, key by key.
import type { SeriesContext } from '../../model';
import { AimKeyError, decodePath, decodeValue, encodePath, numericValue, type AimValue } from './encoding';
import type { RocksDb } from './rocksdb/db';
import { toPlain, TreeBuilder, type TreeNode } from './tree';

/** Sequence dtypes Aim treats as metrics (aim/sdk/base_run.py check_metrics_version). */
const METRIC_DTYPES = new Set(['float', 'float64', 'int']);

export interface TraceInfo {
  /** Signed int64 context id as decimal text (the key segment Aim uses). */
  contextId: string;
  context: SeriesContext;
  name: string;
  dtype?: string;
  /** 2 = metric columns under seqs/v2 (hashed step keys); 1 = seqs/chunks (step keys). */
  version: number;
  isMetric: boolean;
  first?: number;
  last?: number;
  firstStep?: number;
  lastStep?: number;
  min?: number;
  max?: number;
}

export interface RunMeta {
  attrs: TreeNode;
  contexts: Map<string, SeriesContext>;
  traces: TraceInfo[];
  /** Unix seconds; null when written as None (run opened, not closed); undefined when absent. */
  endTime: number | null | undefined;
  keys: number;
  warnings: string[];
}

const SUMMARY_FIELDS = ['first', 'last', 'first_step', 'last_step', 'min', 'max'] as const;

export function runPrefix(area: 'meta' | 'seqs', hash: string, v2 = false): Uint8Array {
  return encodePath(v2 ? [area, 'v2', 'chunks', hash] : [area, 'chunks', hash]);
}

export function readRunMeta(db: RocksDb, hash: string): RunMeta {
  const prefix = runPrefix('meta', hash);
  const attrs = new TreeBuilder();
  const contextTrees = new Map<string, TreeBuilder>();
  const traceFields = new Map<string, Map<string, AimValue>>();
  const meta: RunMeta = { attrs: attrs.root, contexts: new Map(), traces: [], endTime: undefined, keys: 0, warnings: [] };
  let badKeys = 0;
  db.scan(prefix, (s) => {
    meta.keys++;
    let path;
    try {
      path = decodePath(s.key, prefix.length, s.keyLen);
    } catch (err) {
      if (err instanceof AimKeyError) {
        badKeys++;
        return;
      }
      throw err;
    }
    const value = decodeValue(s.value, s.valueOff, s.valueLen);
    const head = path[0];
    if (head === 'attrs') {
      attrs.add(path.slice(1), value);
    } else if (head === 'contexts' && typeof path[1] === 'bigint') {
      const id = path[1].toString();
      let b = contextTrees.get(id);
      if (!b) contextTrees.set(id, (b = new TreeBuilder()));
      b.add(path.slice(2), value);
    } else if (head === 'traces' && path.length === 4 && typeof path[1] === 'bigint' && typeof path[2] === 'string') {
      const id = `${path[1]}\u0000${path[2]}`;
      let f = traceFields.get(id);
      if (!f) traceFields.set(id, (f = new Map()));
      f.set(String(path[3]), value);
    } else if (head === 'end_time' && path.length === 1) {
      meta.endTime = value.t === 'none' ? null : numericValue(value);
    }
  });
  if (badKeys) meta.warnings.push(`${badKeys} meta keys could not be decoded and were skipped`);
  for (const w of attrs.warnings) meta.warnings.push(`params: ${w}`);
  for (const [id, b] of contextTrees) {
    meta.warnings.push(...b.warnings);
    meta.contexts.set(id, toContext(toPlain(b.root)));
  }
  for (const [id, fields] of traceFields) {
    const [contextId, name] = id.split('\u0000');
    const dtypeValue = fields.get('dtype');
    const dtype = dtypeValue?.t === 'str' ? dtypeValue.v : undefined;
    const versionValue = fields.get('version');
    const t: TraceInfo = {
      contextId,
      context: meta.contexts.get(contextId) ?? {},
      name,
      dtype,
      // Missing version means 1, as Aim's tracker assumes (_load_sequence_info).
      version: versionValue ? numericValue(versionValue) ?? 1 : 1,
      isMetric: dtype !== undefined && METRIC_DTYPES.has(dtype),
    };
    if (!meta.contexts.has(contextId)) meta.warnings.push(`sequence ${name}: context ${contextId} has no dict; shown without context`);
    for (const f of SUMMARY_FIELDS) {
      const v = fields.get(f);
      const n = v && numericValue(v);
      if (n === undefined) continue;
      if (f === 'first_step') t.firstStep = n;
      else if (f === 'last_step') t.lastStep = n;
      else t[f] = n;
    }
    meta.traces.push(t);
  }
  // Key order is by context hash; name order reads better and is stable across repos.
  meta.traces.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : a.contextId < b.contextId ? -1 : a.contextId > b.contextId ? 1 : 0));
  return meta;
}

/** Aim context dicts may nest; a series context holds scalars, so deeper values become JSON text. */
function toContext(plain: ReturnType<typeof toPlain>): SeriesContext {
  const ctx: SeriesContext = {};
  if (plain === null || typeof plain !== 'object' || Array.isArray(plain)) return ctx;
  for (const [k, v] of Object.entries(plain)) {
    ctx[k] = v === null || typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean' ? v : JSON.stringify(v);
  }
  return ctx;
}
