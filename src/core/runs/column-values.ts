// The values of table columns for runs: reads only the series the columns need, at full resolution, from each
// run's reader (readSeries({ only })), and computes each column's summary. Pure apart from the reader passed in.
// A summary the index answers exactly (last/first/min/max/best: indexed-summaries) is taken from the index and
// its series is not read at all — the same value summarize() gives from the points (indexed-summaries.test) —
// so a table or Params view of `:best` columns over 1,000 runs reads nothing; `at(f1_en:best)` reads f1_de only.
import type { IndexedRun } from '../index/types';
import type { ReadError, ReadSeriesOf, SeriesContext, SeriesPoints, SeriesRef, SourceReader, SourceFormat } from '../model';
import { contextKey } from '../model';
import { contextMatches, type Column, type MetricColumn } from './columns';
import { indexAnswers, indexedSeries, indexedValue } from './indexed-summaries';
import type { Goal } from './declared-objective';
import { metricGoal } from './objective';
import { summarize, summarizeScalar, type SummaryValue } from './summaries';

export type CellValue = number | string | null;

export interface RunRow {
  run: IndexedRun;
  values: Record<string, CellValue>;
  /** Step of each metric column's value. */
  steps: Record<string, number>;
  /** Metric columns whose value is at an earlier step than asked (the selector's step was not logged). */
  approximate: Record<string, { step: number; requestedStep: number }>;
}

export interface ColumnOptions {
  /** Per-metric direction of `best` (a setting), beating the run's declaration and the name. */
  goals?: Record<string, Goal>;
}

/** A column's value known without reading its points (from the index), or undefined. */
export type KnownValue = (c: MetricColumn) => SummaryValue | undefined;

/** The column's value from the index summaries when they answer it exactly (not when an infinity hides it). */
export function indexedKnown(run: IndexedRun, options: ColumnOptions = {}): KnownValue {
  return (c) => {
    if (!indexAnswers(c.summary)) return undefined;
    // a run object without the index's summaries (a hand-made one) is read, not guessed
    const s = indexedSeries(run, c);
    if (s && typeof s.count !== 'number') return undefined;
    const v = indexedValue(run, c, options.goals);
    return v.unknown ? undefined : { value: v.value, ...(v.step !== undefined ? { step: v.step } : {}) };
  };
}

/** The series a column must read: none when known, the target of an at() whose selector is known. */
function seriesToRead(c: MetricColumn, known?: KnownValue): Array<{ key: string; context: SeriesContext }> {
  if (known?.(c)) return [];
  const own = { key: c.key, context: c.context };
  return c.summary.kind === 'at' ? [own, ...seriesToRead(c.summary.of, known)] : [own];
}

/** The series a run logged that these columns read (as the run names them, for readSeries({ only })). */
export function seriesRefsFor(run: Pick<IndexedRun, 'series'>, columns: readonly Column[], known?: KnownValue): SeriesRef[] {
  const wanted = columns.flatMap((c) => (c.kind === 'metric' ? seriesToRead(c, known) : []));
  const refs = new Map<string, SeriesRef>();
  for (const s of run.series) {
    if (wanted.some((w) => w.key === s.key && contextMatches(w.context, s.context))) refs.set(`${s.key} ${contextKey(s.context)}`, { key: s.key, context: s.context });
  }
  return [...refs.values()];
}

export type PointsOf = (key: string, context: SeriesContext) => SeriesPoints | undefined;

function goalFor(run: IndexedRun, key: string, options: ColumnOptions): Goal {
  return options.goals?.[key] ?? metricGoal(run, key);
}

export function metricValue(run: IndexedRun, c: MetricColumn, pointsOf: PointsOf, options: ColumnOptions = {}, known?: KnownValue): SummaryValue {
  const fromIndex = known?.(c);
  if (fromIndex) return fromIndex;
  const points = pointsOf(c.key, c.context);
  const goal = goalFor(run, c.key, options);
  if (!points) {
    const scalar = Object.keys(c.context).length === 0 ? run.summary?.[c.key] : undefined;
    return scalar === undefined ? { value: null } : summarizeScalar(c.summary, scalar);
  }
  const selector = c.summary.kind === 'at' ? metricValue(run, c.summary.of, pointsOf, options, known) : undefined;
  return summarize(c.summary, { points, goal, selector });
}

export function fieldValue(run: IndexedRun, key: string): CellValue {
  const v = (run as unknown as Record<string, unknown>)[key];
  return typeof v === 'string' || typeof v === 'number' ? v : null;
}

export function rowOf(run: IndexedRun, columns: readonly Column[], pointsOf: PointsOf, options: ColumnOptions = {}, known?: KnownValue): RunRow {
  const row: RunRow = { run, values: {}, steps: {}, approximate: {} };
  for (const c of columns) {
    if (c.kind !== 'metric') {
      row.values[c.id] = c.kind === 'param' ? run.params[c.key] ?? null : c.kind === 'tag' ? run.tags[c.key] ?? null : fieldValue(run, c.key);
    } else {
      const v = metricValue(run, c, pointsOf, options, known);
      row.values[c.id] = v.value;
      if (v.step !== undefined) row.steps[c.id] = v.step;
      if (v.requestedStep !== undefined && v.step !== undefined) row.approximate[c.id] = { step: v.step, requestedStep: v.requestedStep };
    }
  }
  return row;
}

export interface ReadRowsResult {
  rows: RunRow[];
  errors: ReadError[];
}

/** Reads what the columns need from each run's source and computes its row; a run that fails to read keeps empty metric cells. */
export async function readRows(
  runs: readonly IndexedRun[],
  columns: readonly Column[],
  read: ReadSeriesOf,
  options: ColumnOptions = {},
): Promise<ReadRowsResult> {
  const rows: RunRow[] = [];
  const errors: ReadError[] = [];
  for (const run of runs) {
    const known = indexedKnown(run, options);
    const refs = seriesRefsFor(run, columns, known);
    const points = new Map<string, SeriesPoints>();
    if (refs.length) {
      try {
        const res = await read(run, refs);
        errors.push(...res.errors);
        for (const s of res.series) points.set(`${s.key} ${contextKey(s.context)}`, s.points);
      } catch (err) {
        errors.push({ path: run.path, message: `${run.name || run.id}: ${err instanceof Error ? err.message : String(err)}` });
      }
    }
    const pointsOf: PointsOf = (key, context) => {
      const s = run.series.find((x) => x.key === key && contextMatches(context, x.context));
      return s && points.get(`${s.key} ${contextKey(s.context)}`);
    };
    rows.push(rowOf(run, columns, pointsOf, options, known));
  }
  return { rows, errors };
}

/** ReadSeriesOf over the source readers themselves (the CLI, tests): one readSeries({ only }) per run, no cache. */
export function readerSeries(readerFor: (format: SourceFormat) => SourceReader | undefined): ReadSeriesOf {
  return async (run, only, signal) => {
    const reader = readerFor(run.format);
    if (!reader) return { series: [], errors: [{ path: run.path, message: `${run.name || run.id}: no reader for ${run.format}` }] };
    return reader.readSeries(run, { only, signal });
  };
}
