// The 'table' source: results tables the user added (see table-roots.ts). detect() claims
// nothing, since a CSV found while scanning could be anything; listRuns() takes a root whose path
// is the table file. Rows are summaries only, so there are no series.
import type { DetectResult, ListOptions, ListResult, SeriesResult, SourceReader, SourceRoot } from '../../model';
import { errorMessage } from '../../util/fs';
import { readTable } from './read-table';
import { tableMappings, type TableMappingStore } from './table-roots';

export function createTableReader(store: TableMappingStore = tableMappings): SourceReader {
  return {
    format: 'table',

    detect(): DetectResult {
      return { roots: [] };
    },

    async listRuns(root: SourceRoot, opts?: ListOptions): Promise<ListResult> {
      if (opts?.signal?.aborted) return { runs: [], errors: [{ path: root.path, message: 'cancelled' }] };
      try {
        return await readTable(root.path, store.get(root.path));
      } catch (err) {
        // readTable reports problems as values; this only guards against the unforeseen
        return { runs: [], errors: [{ path: root.path, message: `cannot read the table: ${errorMessage(err)}` }] };
      }
    },

    async readSeries(): Promise<SeriesResult> {
      return { series: [], errors: [] };
    },
  };
}

export const tableReader = createTableReader();

export type { TableMapping, TableRootOptions, TableCell } from './types';
export { guessTableMapping, completeMapping } from './guess-mapping';
export { readTable, previewTable, tableToRuns, type TablePreview } from './read-table';
export { tableSource, setTableMapping, parseTableSetting, applyTableSetting, TableMappingStore, tableMappings } from './table-roots';
