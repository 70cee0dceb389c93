// Which rows the grid shows, in which order: the run filter (core/query, the same language as the Runs view and
// Curves), the shared selection when the table follows it, the sort (core/runs/cell-order), and configuration
// groups (core/runs/groups) that expand to their runs.
import { filterRuns, parseQuery, readsSeriesSummaries, type QueryRun } from '../../src/core/query';
import { sortedIndexes } from '../../src/core/runs/cell-order';
import type { CellValue } from '../../src/core/runs/column-values';
import { groupRows, type GroupRow, type Stats } from '../../src/core/runs/groups';
import type { Statistic } from '../../src/core/runs/pivot';
import type { TableColumnMeta } from '../../src/protocol/table';
import { cellOf, cellsOf, type TableData } from './data';

/** A run as grouping sees it: its params and cells (the core's GroupableRow). */
export interface PanelRow {
  index: number;
  run: { params: Record<string, string> };
  values: Record<string, CellValue>;
}

export type DisplayRow =
  | { kind: 'run'; index: number; member?: boolean }
  | { kind: 'group'; id: string; group: GroupRow<PanelRow>; expanded: boolean };

export interface RowOptions {
  query: string;
  /** The host's answer to a query with metric terms (core readsSeriesSummaries): the keys it keeps. */
  hostFiltered?: { query: string; keys: ReadonlySet<string> };
  /** Only these run keys (the table follows the shared selection); undefined = every run. */
  onlyKeys?: ReadonlySet<string>;
  sort: { column: string; desc: boolean } | null;
  /** Group params; undefined = rows are runs. */
  groupBy?: readonly string[];
  statistic: Statistic;
  expanded: ReadonlySet<string>;
  columns: readonly TableColumnMeta[];
}

export type RowsResult = {
  rows: DisplayRow[];
  matched: number;
  error?: { message: string; start: number; end: number };
  /** The query has metric terms and the host has not answered it yet: ask it (RowOptions.hostFiltered). */
  needsHost?: string;
};

/** Run indexes that pass the filter and the selection. */
export function filteredIndexes(
  data: TableData,
  query: string,
  onlyKeys?: ReadonlySet<string>,
  hostFiltered?: RowOptions['hostFiltered'],
): { indexes: number[]; error?: RowsResult['error']; needsHost?: string } {
  let indexes = data.runs.map((_, i) => i);
  if (onlyKeys) indexes = indexes.filter((i) => onlyKeys.has(data.runs[i].key));
  if (!query.trim()) return { indexes };
  // metric terms read the index's series summaries, which the run records here do not carry (a few hundred
  // per run): the host, which holds the indexed runs, evaluates such a query; until it answers, no rows
  const parsed = parseQuery(query);
  if (parsed.ok && readsSeriesSummaries(parsed.node)) {
    if (hostFiltered?.query !== query) return { indexes: [], needsHost: query };
    return { indexes: indexes.filter((i) => hostFiltered.keys.has(data.runs[i].key)) };
  }
  // the protocol's run records carry every field the run filter reads (core/query QueryRun)
  const recs: QueryRun[] = data.runs;
  const pos = new Map(recs.map((r, i) => [r, i]));
  const res = filterRuns(query, indexes.map((i) => recs[i]));
  if (!res.ok) return { indexes, error: { message: res.message, start: res.start, end: res.end } };
  return { indexes: res.runs.map((r) => pos.get(r)!) };
}

export const groupId = (g: Record<string, string>) => JSON.stringify(Object.entries(g));

/** The statistic a group row sorts by. */
const statOf = (v: Stats | CellValue | undefined, statistic: Statistic): CellValue => (typeof v === 'object' && v !== null ? (v.n ? v[statistic] : null) : (v ?? null));

export function displayRows(data: TableData, o: RowOptions): RowsResult {
  const { indexes, error, needsHost } = filteredIndexes(data, o.query, o.onlyKeys, o.hostFiltered);
  const sortCells = o.sort ? cellsOf(data.values.get(o.sort.column), data.runs.length) : undefined;
  const ordered = sortCells && o.sort ? sortedIndexes(sortCells, o.sort.desc, indexes) : indexes;
  if (!o.groupBy) return { rows: ordered.map((index) => ({ kind: 'run', index })), matched: indexes.length, error, needsHost };
  const panelRows: PanelRow[] = ordered.map((index) => {
    const values: Record<string, CellValue> = {};
    for (const c of o.columns) values[c.id] = cellOf(data.values.get(c.id), index);
    return { index, run: { params: data.runs[index].params }, values };
  });
  let groups = groupRows(panelRows, o.columns, o.groupBy);
  if (o.sort) {
    const col = o.sort.column;
    const order = sortedIndexes(groups.map((g) => statOf(g.values[col], o.statistic)), o.sort.desc);
    groups = order.map((i) => groups[i]);
  }
  const rows: DisplayRow[] = [];
  for (const group of groups) {
    const id = groupId(group.group);
    const expanded = o.expanded.has(id);
    rows.push({ kind: 'group', id, group, expanded });
    if (expanded) for (const m of group.rows) rows.push({ kind: 'run', index: m.index, member: true });
  }
  return { rows, matched: indexes.length, error, needsHost };
}
