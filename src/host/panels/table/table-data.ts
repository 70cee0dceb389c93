// The Runs Table's data set as protocol messages: the columns, the run records (what the run filter reads)
// and each column's values, computed by core/runs readRows; split so no message exceeds the size limit.
// No 'vscode' import: the bench and the tests build the same messages the panel sends.
import type { IndexedRun } from '../../../core/index/types';
import { queryRunOf } from '../../../core/query';
import type { RunRow } from '../../../core/runs/column-values';
import type { Column } from '../../../core/runs/columns';
import { summaryText } from '../../../core/runs/table-json';
import { chunkBySize, MAX_MESSAGE_BYTES } from '../../../protocol/packing';
import type { HostToTable, TableColumnMeta, TableColumnValues, TableRunRecord } from '../../../protocol/table';

export function columnMeta(c: Column): TableColumnMeta {
  return c.kind === 'metric' ? { id: c.id, kind: c.kind, key: c.key, summary: summaryText(c.summary) } : { id: c.id, kind: c.kind, key: c.key };
}

export function runRecord(run: IndexedRun): TableRunRecord {
  const q = queryRunOf(run);
  return {
    key: run.key,
    id: run.id,
    name: run.name || run.id,
    experiment: run.experiment,
    format: run.format,
    status: q.status,
    params: run.params,
    tags: run.tags,
    ...(run.summary ? { summary: run.summary } : {}),
    ...(q.metrics ? { metrics: q.metrics } : {}),
  };
}

/** One column's values over the rows, index-aligned. */
export function columnValues(c: Column, rows: readonly RunRow[]): TableColumnValues {
  if (c.kind !== 'metric') return { id: c.id, texts: rows.map((r) => { const v = r.values[c.id]; return v === null || v === undefined ? null : String(v); }) };
  const numbers = new Float64Array(rows.length);
  const present = new Uint8Array(rows.length);
  const steps = new Float64Array(rows.length).fill(NaN);
  const approx: Array<[number, number, number]> = [];
  rows.forEach((r, i) => {
    const v = r.values[c.id];
    if (typeof v === 'number') {
      numbers[i] = v;
      present[i] = 1;
    }
    if (r.steps[c.id] !== undefined) steps[i] = r.steps[c.id];
    const a = r.approximate[c.id];
    if (a) approx.push([i, a.step, a.requestedStep]);
  });
  return { id: c.id, numbers, present, steps, ...(approx.length ? { approx } : {}) };
}

export function tableMessages(dataId: number, columns: readonly Column[], rows: readonly RunRow[], errors: readonly string[], millis: number, totalRuns = rows.length): HostToTable[] {
  const out: HostToTable[] = [{ type: 'tableStart', dataId, columns: columns.map(columnMeta), runs: rows.length, totalRuns }];
  for (const runs of chunkBySize(rows.map((r) => runRecord(r.run)), MAX_MESSAGE_BYTES / 2)) if (runs.length) out.push({ type: 'tableRuns', dataId, runs });
  for (const cols of chunkBySize(columns.map((c) => columnValues(c, rows)), MAX_MESSAGE_BYTES / 2)) if (cols.length) out.push({ type: 'tableColumns', dataId, columns: cols });
  out.push({ type: 'tableEnd', dataId, errors: [...errors], millis });
  return out;
}
