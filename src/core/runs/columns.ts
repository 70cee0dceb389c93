// Columns of the Runs table, written as text so that the table, the tree sort, the query, the CLI and the
// panels all name them the same way:
//   params.lr  p.lr  tags.mlflow.user  run.name  name           a param, a tag, a run field
//   f1_en  f1_en:best  f1[lang=de]:last  eval_loss:mean_last:3     a metric (key + context) and its summary
//   f1[lang=de]:at_step:400  f1[lang=de]:at(f1[lang=en]:best)       the value at a step / where another column peaks
// A bare word with no summary and no context is a metric unless resolveColumns finds it only among params.
import type { SeriesContext } from '../model';

export type Summary =
  | { kind: 'last' | 'first' | 'min' | 'max' | 'best' }
  | { kind: 'mean_last'; k: number }
  | { kind: 'at_step'; step: number }
  | { kind: 'at'; of: MetricColumn };

export interface MetricColumn {
  /** The column as written (the key of its values in every output). */
  id: string;
  kind: 'metric';
  key: string;
  context: SeriesContext;
  summary: Summary;
}

export interface ValueColumn {
  id: string;
  kind: 'param' | 'tag' | 'field';
  key: string;
}

export type Column = MetricColumn | ValueColumn;

export const RUN_FIELDS = ['name', 'id', 'experiment', 'format', 'status', 'path', 'startTime', 'endTime', 'gitCommit'] as const;

export class ColumnError extends Error {}

const PREFIXES: Array<[RegExp, ValueColumn['kind']]> = [
  [/^(params|param|p)\./, 'param'],
  [/^(tags|tag)\./, 'tag'],
  [/^run\./, 'field'],
];

/** Parses one column id; throws ColumnError with what is wrong. */
export function parseColumn(text: string): Column {
  const id = text.trim();
  if (!id) throw new ColumnError('empty column');
  for (const [re, kind] of PREFIXES) {
    const m = re.exec(id);
    if (m) {
      const key = id.slice(m[0].length);
      if (!key) throw new ColumnError(`${id}: no name after the prefix`);
      if (kind === 'field' && !(RUN_FIELDS as readonly string[]).includes(key)) throw new ColumnError(`${id}: run fields are ${RUN_FIELDS.join(', ')}`);
      return { id, kind, key };
    }
  }
  if ((RUN_FIELDS as readonly string[]).includes(id)) return { id, kind: 'field', key: id };
  return parseMetric(id);
}

function parseMetric(id: string): MetricColumn {
  // the key runs to the first '[' or ':' (MLflow keys allow neither); then an optional [context], then :summary
  const m = /^([^[\]:]+)(\[([^\]]*)\])?(?::(.*))?$/s.exec(id);
  if (!m) throw new ColumnError(`${id}: expected key[context]:summary`);
  const key = m[1].trim();
  const context: SeriesContext = {};
  if (m[3] !== undefined && m[3].trim()) {
    for (const part of m[3].split(',')) {
      const eq = part.indexOf('=');
      if (eq <= 0) throw new ColumnError(`${id}: context entries are name=value`);
      context[part.slice(0, eq).trim()] = part.slice(eq + 1).trim();
    }
  }
  return { id, kind: 'metric', key, context, summary: m[4] === undefined ? { kind: 'last' } : parseSummary(m[4], id) };
}

function parseSummary(text: string, id: string): Summary {
  const s = text.trim();
  if (s === 'last' || s === 'first' || s === 'min' || s === 'max' || s === 'best') return { kind: s };
  let m = /^mean_last:(\d+)$/.exec(s);
  if (m && Number(m[1]) > 0) return { kind: 'mean_last', k: Number(m[1]) };
  m = /^at_step:(-?\d+(\.\d+)?)$/.exec(s);
  if (m) return { kind: 'at_step', step: Number(m[1]) };
  m = /^at\((.*)\)$/s.exec(s);
  if (m) {
    const of = parseColumn(m[1]);
    if (of.kind !== 'metric') throw new ColumnError(`${id}: at(…) takes a metric column, not ${of.kind} ${of.key}`);
    return { kind: 'at', of };
  }
  throw new ColumnError(`${id}: unknown summary '${s}' (last, first, min, max, best, mean_last:k, at_step:S, at(<column>))`);
}

/** Splits a comma-separated column list, keeping commas inside [...] and (...). */
export function splitColumnList(text: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let cur = '';
  for (const c of text) {
    if (c === '[' || c === '(') depth++;
    if (c === ']' || c === ')') depth--;
    if (c === ',' && depth === 0) {
      if (cur.trim()) out.push(cur.trim());
      cur = '';
    } else cur += c;
  }
  if (cur.trim()) out.push(cur.trim());
  return out;
}

interface KeyedRun {
  params: Record<string, string>;
  series: ReadonlyArray<{ key: string }>;
  summary?: Record<string, number>;
}

/** A bare word (`learning_rate`) that no run logged as a metric but some run has as a param is that param. */
export function resolveColumns(columns: readonly Column[], runs: readonly KeyedRun[]): Column[] {
  return columns.map((c) => {
    if (c.kind !== 'metric' || c.id !== c.key) return c;
    const metric = runs.some((r) => r.series.some((s) => s.key === c.key) || r.summary?.[c.key] !== undefined);
    const param = runs.some((r) => Object.prototype.hasOwnProperty.call(r.params, c.key));
    return !metric && param ? { id: c.id, kind: 'param' as const, key: c.key } : c;
  });
}

/** Whether a series' context is the one a column names (values compared as text: `lang=de`, `fold=3`). */
export function contextMatches(want: SeriesContext, have: SeriesContext): boolean {
  const wk = Object.keys(want);
  if (wk.length !== Object.keys(have).length) return false;
  return wk.every((k) => Object.prototype.hasOwnProperty.call(have, k) && String(have[k]) === String(want[k]));
}

/** The metric series (key + context) a column reads, including those its at(…) selector reads. */
export function seriesOfColumn(c: MetricColumn): Array<{ key: string; context: SeriesContext }> {
  const own = { key: c.key, context: c.context };
  return c.summary.kind === 'at' ? [own, ...seriesOfColumn(c.summary.of)] : [own];
}
