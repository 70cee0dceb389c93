// What the Params panel draws, computed from the shown runs and the view: the columns the view needs (axes,
// colour, best-by, scatter x/y, importance objective) read through readRows, the default axes when the view
// has none yet, configuration group labels, the columns the axis picker offers, and parameter importance.
// Pure apart from the `read` passed in (the extension's series service; a source reader in tests and the CLI).
import type { IndexedRun } from '../index/types';
import type { ReadSeriesOf } from '../model';
import { readRows, type CellValue, type ColumnOptions } from '../runs/column-values';
import { ColumnError, parseColumn, resolveColumns, type Column } from '../runs/columns';
import { groupParams, groupRuns } from '../runs/groups';
import { chooseObjective, metricGoal, type Goal } from '../runs/objective';
import { isNumericColumn, numericCells } from './cells';
import { defaultAxes, varyingParams } from './default-axes';
import { paramImportance, type ImportanceResult } from './importance';

export interface ParamsViewInput {
  axes: readonly string[];
  colorBy: string;
  bestBy: string;
  scatterX: string;
  scatterY: string;
  objective: string;
  /** Fill empty axes with the defaults (a first open); false once the user removed every axis by hand. */
  fillDefaultAxes?: boolean;
}

export interface ViewColumn {
  id: string;
  label: string;
  kind: Column['kind'];
  goal?: Goal;
  numbers?: Float64Array;
  missing?: Uint8Array;
  text?: Array<string | null>;
}

export interface ParamsViewData {
  axes: string[];
  columns: ViewColumn[];
  runs: Array<{ key: string; name: string; experiment: string; group: string }>;
  available: string[];
  importance?: ImportanceResult;
  errors: string[];
}

/** How an axis is labelled: a param or tag by its name, a metric column as written. */
export function columnLabel(c: Column): string {
  return c.kind === 'metric' ? c.id : c.key;
}

/** The columns the axis picker offers: every param, then each metric series' best and last. */
export function availableColumns(runs: readonly IndexedRun[]): string[] {
  const params = new Set<string>();
  const metrics = new Set<string>();
  for (const r of runs) {
    for (const k of Object.keys(r.params)) params.add(`params.${k}`);
    for (const s of r.series) {
      const ctx = Object.entries(s.context);
      const base = ctx.length ? `${s.key}[${ctx.map(([k, v]) => `${k}=${String(v)}`).join(',')}]` : s.key;
      metrics.add(base);
    }
  }
  const collator = new Intl.Collator(undefined, { numeric: true });
  return [...[...params].sort(collator.compare), ...[...metrics].sort(collator.compare).flatMap((m) => [`${m}:best`, `${m}:last`])];
}

/** Each run's configuration group (every varying param but seeds and other replicate-like ones). */
export function groupLabels(runs: readonly IndexedRun[]): string[] {
  const params = groupParams(runs);
  const labels = new Array<string>(runs.length).fill('');
  const index = new Map(runs.map((r, i) => [r, i]));
  for (const g of groupRuns(runs, params)) {
    const label = Object.entries(g.key).map(([k, v]) => `${k}=${v}`).join(' ') || 'all runs';
    for (const r of g.members) labels[index.get(r)!] = label;
  }
  return labels;
}

function columnGoal(c: Column, runs: readonly IndexedRun[], options: ColumnOptions): Goal | undefined {
  if (c.kind !== 'metric') return undefined;
  if (options.goals?.[c.key]) return options.goals[c.key];
  const run = runs.find((r) => r.series.some((s) => s.key === c.key)) ?? runs[0];
  return run ? metricGoal(run, c.key) : undefined;
}

function payload(c: Column, values: CellValue[], runs: readonly IndexedRun[], options: ColumnOptions): ViewColumn {
  const base = { id: c.id, label: columnLabel(c), kind: c.kind, goal: columnGoal(c, runs, options) };
  if (isNumericColumn(values)) return { ...base, ...numericCells(values) };
  return { ...base, text: values.map((v) => (v === null ? null : String(v))) };
}

/** The objective column of the importance list: the view's choice, else the last metric axis, else the runs' objective. */
export function objectiveColumn(input: Pick<ParamsViewInput, 'objective'>, axes: readonly Column[], runs: readonly IndexedRun[]): string | undefined {
  if (input.objective) return input.objective;
  const lastMetric = [...axes].reverse().find((c) => c.kind === 'metric');
  if (lastMetric) return lastMetric.id;
  const o = chooseObjective(runs);
  return o ? `${o.key}:best` : undefined;
}

function parseAll(ids: readonly string[], runs: readonly IndexedRun[], errors: string[]): Column[] {
  const out: Column[] = [];
  for (const id of ids) {
    try {
      out.push(parseColumn(id));
    } catch (err) {
      errors.push(err instanceof ColumnError ? err.message : String(err));
    }
  }
  return resolveColumns(out, runs);
}

export async function paramsViewData(runs: readonly IndexedRun[], input: ParamsViewInput, read: ReadSeriesOf, options: ColumnOptions = {}): Promise<ParamsViewData> {
  const errors: string[] = [];
  const varying = varyingParams(runs);
  let axisIds = [...input.axes];
  let importance: ImportanceResult | undefined;
  const objectiveId = objectiveColumn(input, parseAll(axisIds, runs, []), runs);
  const objective = objectiveId ? parseAll([objectiveId], runs, errors)[0] : undefined;
  // importance needs the objective of every run; the params come from the index without a read
  if (objective && varying.length) {
    const { rows, errors: readErrors } = await readRows(runs, [objective], read, options);
    errors.push(...readErrors.map((e) => e.message));
    const params = Object.fromEntries(varying.map((p) => [p, runs.map((r) => r.params[p] ?? null)]));
    importance = paramImportance(params, objective.id, rows.map((r) => r.values[objective.id]), columnGoal(objective, runs, options) ?? 'max');
  }
  if (!axisIds.length && input.fillDefaultAxes !== false) axisIds = defaultAxes(varying, objective?.id, importance);
  const wanted = [...new Set([...axisIds, input.colorBy, input.bestBy, input.scatterX, input.scatterY].filter((id) => id && id !== 'group'))];
  const columns = parseAll(wanted, runs, errors);
  const { rows, errors: readErrors } = await readRows(runs, columns, read, options);
  errors.push(...readErrors.map((e) => e.message));
  const groups = groupLabels(runs);
  return {
    axes: axisIds,
    columns: columns.map((c) => payload(c, rows.map((r) => r.values[c.id]), runs, options)),
    runs: runs.map((r, i) => ({ key: r.key, name: r.name || r.id, experiment: r.experiment ?? '', group: groups[i] })),
    available: availableColumns(runs),
    importance,
    errors: [...new Set(errors)].slice(0, 20),
  };
}
