// What curves can be grouped by: a run attribute (param, tag, experiment, status, the run itself),
// the metric, or a context key of the series. Aim logs `f1` with context {lang: 'de'}; MLflow and
// TensorBoard users write the same thing into the key (`f1_de`, `f1/de`). The "metric family"
// split turns the latter into the former: when at least two keys share the text before their last
// `_` or `/`, that text is the metric and the rest becomes the pseudo context key `suffix`
// (`f1_de` → f1 × suffix=de), so "chart = language" works on both kinds of logs. The varying part
// may also sit inside the key (`eval_g0_accuracy` → eval_accuracy × suffix=g0) when more keys
// agree on that (see metricFamilies).
import type { ContextValue, SeriesContext } from '../model';

/** The pseudo context key that holds a split key's suffix. */
export const SUFFIX_KEY = 'suffix';

/** Marks a run or series that has no value for a dimension (a param it did not log). */
export const MISSING = '\u2205';

export interface CurveRun {
  key: string;
  name: string;
  experiment: string;
  format: string;
  status?: string;
  params: Record<string, string>;
  tags?: Record<string, string>;
}

export interface CurveSeriesRef {
  runKey: string;
  key: string;
  context: SeriesContext;
}

/** A series as the charts see it: metric name (a family when split) and context (with `suffix`). */
export interface SeriesView {
  metric: string;
  context: SeriesContext;
}

export interface KeySplit {
  family: string;
  suffix: string;
}

/** Splits at the last `_` or `/`; undefined when either side would be empty. */
export function splitMetricKey(key: string): KeySplit | undefined {
  const at = Math.max(key.lastIndexOf('_'), key.lastIndexOf('/'));
  if (at <= 0 || at >= key.length - 1) return undefined;
  return { family: key.slice(0, at), suffix: key.slice(at + 1) };
}

/** Aim's system metrics (`__system__cpu`, …): not split, and hidden until picked. */
export function isSystemMetric(key: string): boolean {
  return key.startsWith('__system__');
}

/**
 * Every way of taking one segment (not the first) out of a key: `eval_g0_accuracy` gives
 * family `eval_g0` × `accuracy` and family `eval_accuracy` × `g0`. `fromEnd` tells them apart
 * (0 = the last segment, the plain split at the last `_` or `/`).
 */
function keySplits(key: string): Array<KeySplit & { fromEnd: number }> {
  const tokens = key.split(/([_/])/);
  const segments = (tokens.length + 1) / 2;
  const out: Array<KeySplit & { fromEnd: number }> = [];
  for (let p = 1; p < segments; p++) {
    const suffix = tokens[2 * p];
    const family = [...tokens.slice(0, 2 * p - 1), ...tokens.slice(2 * p + 1)].join('');
    // An empty piece on either side (`_x`, `x_`, `a__b`) is no split.
    if (!suffix || !family || /^[_/]|[_/]$/.test(family) || !tokens[2 * p - 2]) continue;
    out.push({ family, suffix, fromEnd: segments - 1 - p });
  }
  return out;
}

/**
 * The keys that split, and where. A split is taken when at least two keys share its family:
 * `train_loss` alone stays `train_loss`; `f1_de`, `f1_en` become family `f1`. When a key could
 * split in several places the one most keys agree on wins (ties: the later segment), so HF's
 * per-dataset eval keys `eval_g0_accuracy` … `eval_g5_accuracy` group as `eval_accuracy` × g0…g5
 * rather than as six `eval_g<i>` families, while `f1_de` still splits at its last `_`.
 */
export function metricFamilies(keys: Iterable<string>): Map<string, KeySplit> {
  const candidates = new Map<string, { family: string; fromEnd: number; members: Array<[string, string]> }>();
  for (const key of new Set(keys)) {
    if (isSystemMetric(key)) continue;
    for (const split of keySplits(key)) {
      const id = `${split.fromEnd}\u0000${split.family}`;
      let c = candidates.get(id);
      if (!c) candidates.set(id, (c = { family: split.family, fromEnd: split.fromEnd, members: [] }));
      c.members.push([key, split.suffix]);
    }
  }
  const ranked = [...candidates.values()].filter((c) => c.members.length >= 2);
  ranked.sort((a, b) => b.members.length - a.members.length || a.fromEnd - b.fromEnd || a.family.localeCompare(b.family));
  const out = new Map<string, KeySplit>();
  for (const c of ranked) {
    // Keys already taken by a better-supported split leave; the rest must still be two or more.
    const free = c.members.filter(([key]) => !out.has(key));
    if (free.length < 2) continue;
    for (const [key, suffix] of free) out.set(key, { family: c.family, suffix });
  }
  return out;
}

export function viewOf(ref: Pick<CurveSeriesRef, 'key' | 'context'>, splits: Map<string, KeySplit> | undefined): SeriesView {
  const split = splits?.get(ref.key);
  // A true context key named `suffix` wins over the pseudo one; the split then only renames the metric.
  if (split) return { metric: split.family, context: { [SUFFIX_KEY]: split.suffix, ...ref.context } };
  return { metric: ref.key, context: ref.context };
}

/**
 * Dimension ids: 'none' (everything in one group), 'run', 'metric', 'experiment', 'status',
 * 'param:<name>', 'tag:<name>', 'ctx:<context key>' (including 'ctx:suffix' when split).
 */
export type Dimension = string;

export function dimensionLabel(dim: Dimension): string {
  if (dim.startsWith('param:')) return dim.slice(6);
  if (dim.startsWith('tag:')) return `tag ${dim.slice(4)}`;
  if (dim.startsWith('ctx:')) return dim.slice(4) === SUFFIX_KEY ? 'key suffix' : dim.slice(4);
  return dim;
}

function contextText(v: ContextValue | undefined): string | undefined {
  return v === undefined ? undefined : v === null ? 'null' : String(v);
}

/** The value of `dim` for one series of one run, as text; MISSING when the run/series has none. */
export function dimensionValue(dim: Dimension, run: CurveRun | undefined, view: SeriesView, runKey: string): string {
  if (dim === 'none') return '';
  if (dim === 'run') return runKey;
  if (dim === 'metric') return view.metric;
  if (dim === 'experiment') return run?.experiment ?? MISSING;
  if (dim === 'status') return run?.status ?? MISSING;
  if (dim.startsWith('param:')) return run?.params[dim.slice(6)] ?? MISSING;
  if (dim.startsWith('tag:')) return run?.tags?.[dim.slice(4)] ?? MISSING;
  if (dim.startsWith('ctx:')) return contextText(view.context[dim.slice(4)]) ?? MISSING;
  return MISSING;
}

/** Orders group values as people expect: numbers by value (1e-05 < 2e-05 < 0.0001), else text. */
export function compareValues(a: string, b: string): number {
  if (a === MISSING || b === MISSING) return a === b ? 0 : a === MISSING ? 1 : -1;
  const na = Number(a);
  const nb = Number(b);
  if (a.trim() !== '' && b.trim() !== '' && !Number.isNaN(na) && !Number.isNaN(nb)) return na - nb || a.localeCompare(b);
  return a.localeCompare(b, undefined, { numeric: true });
}

export interface DimensionChoice {
  id: Dimension;
  label: string;
  /** Distinct values among the given runs/series. */
  values: number;
}

/**
 * Dimensions worth offering for grouping: params and tags whose value differs between runs
 * (a constant one would make one group), every context key, plus run / metric / experiment / status.
 */
export function groupingDimensions(runs: readonly CurveRun[], views: readonly SeriesView[]): DimensionChoice[] {
  const distinct = (values: Iterable<string>) => new Set(values).size;
  const out: DimensionChoice[] = [];
  const paramKeys = new Set(runs.flatMap((r) => Object.keys(r.params)));
  for (const k of [...paramKeys].sort()) {
    const n = distinct(runs.map((r) => r.params[k] ?? MISSING));
    if (n >= 2) out.push({ id: `param:${k}`, label: k, values: n });
  }
  const ctxKeys = new Set(views.flatMap((v) => Object.keys(v.context)));
  for (const k of [...ctxKeys].sort()) {
    out.push({ id: `ctx:${k}`, label: dimensionLabel(`ctx:${k}`), values: distinct(views.map((v) => contextText(v.context[k]) ?? MISSING)) });
  }
  const tagKeys = new Set(runs.flatMap((r) => Object.keys(r.tags ?? {})));
  for (const k of [...tagKeys].sort()) {
    const n = distinct(runs.map((r) => r.tags?.[k] ?? MISSING));
    if (n >= 2 && n < runs.length) out.push({ id: `tag:${k}`, label: `tag ${k}`, values: n });
  }
  for (const [id, values] of [
    ['experiment', distinct(runs.map((r) => r.experiment))],
    ['status', distinct(runs.map((r) => r.status ?? MISSING))],
  ] as const)
    if (values >= 2) out.push({ id, label: id, values });
  return out;
}
