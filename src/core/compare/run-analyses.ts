// The two analyses of issue 14 from column text to JSON, as `runlens compare` / `runlens select` and the
// Compare panel run them: parse the columns, read through ReadSeriesOf, compute, shape. One path for both.
import type { IndexedRun } from '../index/types';
import type { ReadError, ReadSeriesOf } from '../model';
import { readRows } from '../runs/column-values';
import { ColumnError, parseColumn, type MetricColumn } from '../runs/columns';
import type { Goal } from '../runs/declared-objective';
import { selectionJson, type SelectionJson } from '../selection/selection-json';
import { selectModels } from '../selection/select-runs';
import type { Unit } from '../selection/pick';
import { compareGroups, compareJson, comparisonParams, type CompareJson } from './compare-groups';

export type Outcome<T> = { ok: true; json: T; errors: ReadError[] } | { ok: false; message: string; errors: ReadError[] };

/** A metric column from its text; throws ColumnError for anything else. */
export function metricColumn(text: string, what = 'a metric'): MetricColumn {
  const c = parseColumn(text);
  if (c.kind !== 'metric') throw new ColumnError(`${text}: ${what} is needed, not ${c.kind} ${c.key}`);
  return c;
}

function columnProblem<T>(err: unknown): Outcome<T> {
  if (err instanceof ColumnError) return { ok: false, message: err.message, errors: [] };
  throw err;
}

export async function compareRuns(
  runs: readonly IndexedRun[],
  metricText: string,
  by: readonly string[],
  read: ReadSeriesOf,
  options: { goals?: Record<string, Goal> } = {},
): Promise<Outcome<CompareJson>> {
  let metric: MetricColumn;
  try {
    metric = metricColumn(metricText);
  } catch (err) {
    return columnProblem(err);
  }
  const { rows, errors } = await readRows(runs, [metric], read, { goals: options.goals });
  // the default grouping from the runs that have a value: runs without one do not take part in the comparison
  const valued = rows.filter((r) => typeof r.values[metric.id] === 'number' && Number.isFinite(r.values[metric.id]));
  const params = comparisonParams(valued.map((r) => r.run), by);
  const json = compareJson(compareGroups(rows, metric.id, params));
  if (!json.groups.length) return { ok: false, message: `no run has a value for ${metric.id}`, errors };
  return { ok: true, json, errors };
}

export async function selectRuns(
  runs: readonly IndexedRun[],
  byText: string,
  targetTexts: readonly string[],
  read: ReadSeriesOf,
  options: { unit?: Unit; goals?: Record<string, Goal>; configParams?: string[] } = {},
): Promise<Outcome<SelectionJson>> {
  let by: MetricColumn;
  let targets: MetricColumn[];
  try {
    by = metricColumn(byText);
    targets = targetTexts.map((t) => metricColumn(t));
  } catch (err) {
    return columnProblem(err);
  }
  if (!targets.length) return { ok: false, message: 'give at least one target metric', errors: [] };
  const report = await selectModels(runs, by, targets, read, options);
  const json = selectionJson(report);
  if (!json.targets.length) return { ok: false, message: `no (run, step) has both ${by.id} and ${targets.map((t) => t.id).join(', ')} logged`, errors: report.errors };
  return { ok: true, json, errors: report.errors };
}
