// The Runs Table's two requests as plain functions (no 'vscode' import, so the webview tests' fake host and
// the code-server test compute exactly what the panel does): the pivot of the runs the table shows, and the
// export text of the rows and columns it shows, both with core/runs.
import type { IndexedRun } from '../../../core/index/types';
import type { ReadSeriesOf } from '../../../core/model';
import type { Goal } from '../../../core/runs/declared-objective';
import { filterRuns, queryRunOf } from '../../../core/query';
import type { RunRow } from '../../../core/runs/column-values';
import { ColumnError, parseColumn, resolveColumns, type Column } from '../../../core/runs/columns';
import { groupsCsv, groupsGrid, pivotCsv, pivotGrid, runsCsv, runsGrid, toLatex, toMarkdown, type Grid } from '../../../core/runs/export';
import { groupParams, groupRows } from '../../../core/runs/groups';
import { buildPivot, pivotLayout, type Pivot } from '../../../core/runs/pivot';
import type { TablePivot, TablePivotSpec, TableToHost } from '../../../protocol/table';
import { readRowsSliced } from './table-rows';

export interface BuiltPivot {
  pivot: Pivot;
  groupBy: string[];
}

/** Column ids that parse; the others go to `skipped` (a saved state from an older version). */
export function parseColumnIds(ids: readonly string[], runs: readonly IndexedRun[], skipped?: (message: string) => void): Column[] {
  const out: Column[] = [];
  for (const id of ids) {
    try {
      out.push(parseColumn(id));
    } catch (err) {
      if (!(err instanceof ColumnError)) throw err;
      skipped?.(err.message);
    }
  }
  return resolveColumns(out, runs);
}

/** The runs the table shows: the selection it follows, then its filter (the run query language). */
export function tableRuns(runs: readonly IndexedRun[], query: string, keys?: readonly string[], goals?: Record<string, Goal>): IndexedRun[] {
  let out = [...runs];
  if (keys?.length) {
    const wanted = new Set(keys);
    out = out.filter((r) => wanted.has(r.key));
  }
  if (!query.trim()) return out;
  const views = new Map(out.map((r) => [queryRunOf(r), r]));
  const res = filterRuns(query, [...views.keys()], { goals });
  if (!res.ok) throw new Error(`filter: ${res.message} (at character ${res.start + 1})`);
  return res.runs.map((v) => views.get(v)!);
}

/** The keys of the runs a query keeps (a `filter` request: metric terms read the indexed series summaries). */
export function filteredKeys(runs: readonly IndexedRun[], query: string, goals?: Record<string, Goal>): string[] {
  return tableRuns(runs, query, undefined, goals).map((r) => r.key);
}

export async function computePivot(all: readonly IndexedRun[], spec: TablePivotSpec, read: ReadSeriesOf, goals?: Record<string, Goal>): Promise<BuiltPivot> {
  const runs = tableRuns(all, spec.query, spec.keys, goals);
  const pivotSpec = { metric: spec.metric, summary: spec.summary || undefined, by: spec.by };
  let layout: ReturnType<typeof pivotLayout>;
  try {
    layout = pivotLayout(runs, pivotSpec);
  } catch (err) {
    if (err instanceof ColumnError) throw new Error(err.message);
    throw err;
  }
  if (!layout.labels.length) throw new Error(`no ${spec.by} values found for ${spec.metric} (a context key of ${spec.metric}, suffix for ${spec.metric}_<x> keys, or a param)`);
  const res = await readRowsSliced(runs, layout.columns, read, { goals });
  const groupBy = groupParams(runs, spec.groupBy).filter((p) => !(layout.mode === 'param' && p === spec.by));
  return { pivot: buildPivot(pivotSpec, layout, res!.rows, { groupBy, average: spec.average }, goals), groupBy };
}

export function pivotMessage(built: BuiltPivot): TablePivot {
  const p = built.pivot;
  return { metric: p.metric, summary: p.summary, by: p.by, mode: p.mode, goal: p.goal, columns: p.columns, groupBy: built.groupBy, rows: p.rows };
}

/** The export text, from the rows the webview shows (by run key, in its order) with its columns. */
export function exportText(msg: Extract<TableToHost, { type: 'export' }>, rowsByKey: ReadonlyMap<string, RunRow>, lastPivot: BuiltPivot | undefined): string {
  const render = (grid: Grid) => (msg.format === 'latex' ? toLatex(grid) : toMarkdown(grid));
  if (msg.what === 'pivot') {
    if (!lastPivot) throw new Error('build the pivot first');
    const { pivot, groupBy } = lastPivot;
    return msg.format === 'csv' ? pivotCsv(pivot, groupBy, msg.statistic) : render(pivotGrid(pivot, msg.statistic));
  }
  const rows = msg.keys.flatMap((k) => rowsByKey.get(k) ?? []);
  const columns = parseColumnIds(msg.columns, rows.map((r) => r.run));
  if (msg.groupBy.length) {
    const groups = groupRows(rows, columns, msg.groupBy);
    return msg.format === 'csv' ? groupsCsv(columns, groups, msg.groupBy, msg.statistic) : render(groupsGrid(columns, groups, msg.statistic));
  }
  return msg.format === 'csv' ? runsCsv(columns, rows) : render(runsGrid(columns, rows));
}
