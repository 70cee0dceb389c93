// The Runs Table's webview tests and bench feed the real bundle what the host sends: a 240-run MLflow store like
// the demo's sweep (2 models × 5 learning rates × 4 seeds × 6 settings, F1 per language as f1_<lang>), indexed
// and read with the project's own readers, turned into messages by the host's own code (table-data,
// table-requests), so the fake host answers the pivot and export requests exactly as the panel does.
import * as os from 'node:os';
import * as path from 'node:path';
import type { IndexedRun } from '../../src/core/index/types';
import { readerSeries, readRows, type RunRow } from '../../src/core/runs/column-values';
import { parseColumn } from '../../src/core/runs/columns';
import { groupParams } from '../../src/core/runs/groups';
import { columnCatalog } from '../../src/core/runs/table-columns';
import { readerFor } from '../../src/core/sources/registry';
import { columnMeta, tableMessages } from '../../src/host/panels/table/table-data';
import { filteredKeys, computePivot, exportText, pivotMessage, type BuiltPivot } from '../../src/host/panels/table/table-requests';
import { indexPaths } from '../../src/cli/index-paths';
import type { HostToTable, TableToHost } from '../../src/protocol/table';
import { writeScaleWorkspace } from '../vscode/workspace/scale-workspace';

export const STORY_COLUMNS = ['params.learning_rate', 'params.model_name', 'params.seed', 'f1_en:best', 'f1_de:at(f1_en:best)', 'eval_loss:min', 'train_loss:last'];

export interface TableFixture {
  runs: IndexedRun[];
  rows: RunRow[];
  /** catalog + table messages for these columns. */
  messages(columns?: string[], goals?: Record<string, 'min' | 'max'>): Promise<HostToTable[]>;
  /** The fake host's answer to a webview request (pivot, export), as the panel computes it. */
  answer(msg: TableToHost): Promise<HostToTable | undefined>;
  /** The newest export text (what the host would put on the clipboard). */
  lastExport(): string | undefined;
}

export async function tableFixture(): Promise<TableFixture> {
  const dir = path.join(os.tmpdir(), 'runlens-table-fixture');
  await writeScaleWorkspace(dir, 240);
  const { runs } = await indexPaths([path.join(dir, 'mlruns')]);
  const read = readerSeries(readerFor);
  let rows: RunRow[] = [];
  let pivot: BuiltPivot | undefined;
  let exported: string | undefined;
  const messages = async (columns = STORY_COLUMNS, goals?: Record<string, 'min' | 'max'>): Promise<HostToTable[]> => {
    const cols = columns.map((c) => parseColumn(c));
    // goals: runlens.metricGoals as the panel passes it (TablePanel.compute)
    rows = (await readRows(runs, cols, read, { goals })).rows;
    const catalog = columnCatalog(runs);
    return [
      { type: 'catalog', columns: catalog.columns.map(columnMeta), params: catalog.params, contextKeys: catalog.contextKeys, groupParams: groupParams(runs) },
      ...tableMessages(1, cols, rows, [], 1),
    ];
  };
  const answer = async (msg: TableToHost): Promise<HostToTable | undefined> => {
    if (msg.type === 'pivot') {
      pivot = await computePivot(runs, msg.spec, read);
      return { type: 'pivotResult', id: msg.id, pivot: pivotMessage(pivot) };
    }
    if (msg.type === 'filter') return { type: 'filtered', id: msg.id, keys: filteredKeys(runs, msg.query) };
    if (msg.type === 'export') {
      exported = exportText(msg, new Map(rows.map((r) => [r.run.key, r])), pivot);
      return { type: 'exported', id: msg.id, copied: true };
    }
    return undefined;
  };
  return { runs, get rows() { return rows; }, messages, answer, lastExport: () => exported };
}
