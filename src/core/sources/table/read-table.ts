// A results table as runs: each row is one run, its metric cells become run.summary.
import * as path from 'node:path';
import type { ListResult, ReadError, RunInfo } from '../../model';
import { cellNumber, cellText, cellTime, statusFromText, unwrapListText } from './cells';
import { prefixRole, STAT_SUFFIX } from './column-names';
import { completeMapping, guessTableMapping, mentionedColumns } from './guess-mapping';
import { loadTable } from './load-table';
import type { ParsedTable, TableCell, TableMapping } from './types';

/** Rows the guess looks at: enough to see types and uniqueness, cheap on big tables. */
export const GUESS_SAMPLE_ROWS = 1000;

/** Which statistic of a `X - Stat` family stands for plain `X`, in order of preference. */
const FAMILY_PREFERENCE = ['last', 'avg', 'mean', 'median', 'max', 'min'];

export interface TablePreview {
  header: string[];
  sampleRows: TableCell[][];
  guessed: TableMapping;
  problems: string[];
}

/** Header, first rows and the guessed mapping, for a picker such as "Add Results Table…". */
export async function previewTable(file: string, rows = 20): Promise<TablePreview | string> {
  const table = await loadTable(file);
  if (typeof table === 'string') return table;
  return {
    header: table.header,
    sampleRows: table.rows.slice(0, rows).map((r) => r.cells),
    guessed: guessTableMapping(table.header, table.rows.slice(0, GUESS_SAMPLE_ROWS).map((r) => r.cells)),
    problems: table.problems.map((p) => (p.line ? `line ${p.line}: ${p.message}` : p.message)),
  };
}

export async function readTable(file: string, mapping?: Partial<TableMapping>): Promise<ListResult> {
  const table = await loadTable(file);
  if (typeof table === 'string') return { runs: [], errors: [{ path: file, message: table }] };
  return tableToRuns(file, table, mapping);
}

/** Keys without role prefixes (`params.lr` → `lr`) unless two columns would collide. */
function keysFor(columns: string[]): Map<string, string> {
  const stripped = columns.map((c) => prefixRole(c)?.key ?? c);
  const counts = new Map<string, number>();
  for (const k of stripped) counts.set(k, (counts.get(k) ?? 0) + 1);
  return new Map(columns.map((c, i) => [c, counts.get(stripped[i])! > 1 ? c : stripped[i]]));
}

/** `X - Min`, `X - Last`, … grouped by X. */
function metricFamilies(metricKeys: string[]): Map<string, Map<string, string>> {
  const families = new Map<string, Map<string, string>>();
  for (const key of metricKeys) {
    const m = STAT_SUFFIX.exec(key);
    if (!m) continue;
    const f = families.get(m[1]) ?? new Map<string, string>();
    f.set(m[2].toLowerCase(), key);
    families.set(m[1], f);
  }
  return families;
}

export function tableToRuns(file: string, table: ParsedTable, userMapping?: Partial<TableMapping>): ListResult {
  const errors: ReadError[] = table.problems.map((p) => ({ path: file, message: p.line ? `line ${p.line}: ${p.message}` : p.message }));
  const col = new Map(table.header.map((h, i) => [h, i]));
  for (const c of mentionedColumns(userMapping ?? {})) {
    if (!col.has(c)) errors.push({ path: file, message: `mapping names column "${c}", which the file does not have` });
  }
  const guessed = guessTableMapping(table.header, table.rows.slice(0, GUESS_SAMPLE_ROWS).map((r) => r.cells));
  const mapping = completeMapping(userMapping, guessed);
  const at = (name: string | undefined) => (name === undefined ? undefined : col.get(name));
  // column indexes resolved once, not per cell; columns the file lacks drop out (reported above)
  const indexed = (names: string[], keys: Map<string, string>) =>
    names.filter((c) => col.has(c)).map((c) => ({ name: c, index: col.get(c)!, key: keys.get(c)! }));
  const paramKeys = keysFor(mapping.paramColumns);
  const metricKeys = keysFor(mapping.metricColumns);
  const tagKeys = keysFor(mapping.tagColumns ?? []);
  const paramCols = indexed(mapping.paramColumns, paramKeys);
  const metricCols = indexed(mapping.metricColumns, metricKeys);
  const tagCols = indexed(mapping.tagColumns ?? [], tagKeys);
  const families = metricFamilies([...metricKeys.values()]);
  const familyExtra = Object.fromEntries([...families].map(([base, stats]) => [base, Object.fromEntries(stats)]));
  const defaultExperiment = path.basename(file, path.extname(file));
  const seenIds = new Map<string, number>();
  const runs: RunInfo[] = [];

  for (const row of table.rows) {
    if (row.cells.length !== table.header.length) {
      errors.push({ path: file, message: `line ${row.line}: ${row.cells.length} fields where the header has ${table.header.length}; row skipped` });
      continue;
    }
    const cell = (name: string | undefined) => {
      const i = at(name);
      return i === undefined ? undefined : row.cells[i];
    };
    const warnings: string[] = [];
    let id = cellText(cell(mapping.idColumn)) ?? `row ${row.line}`;
    if (seenIds.has(id)) {
      let unique = `${id} (line ${row.line})`;
      for (let n = 2; seenIds.has(unique); n++) unique = `${id} (line ${row.line}, ${n})`;
      warnings.push(`id "${id}" repeats line ${seenIds.get(id)}; this row is "${unique}"`);
      id = unique;
    }
    seenIds.set(id, row.line);

    const params: Record<string, string> = {};
    for (const c of paramCols) {
      const t = cellText(row.cells[c.index]);
      if (t !== undefined) params[c.key] = t;
    }
    const tags: Record<string, string> = {};
    for (const c of tagCols) {
      const t = cellText(row.cells[c.index]);
      if (t !== undefined) tags[c.key] = t;
    }
    const summary: Record<string, number> = {};
    for (const c of metricCols) {
      const raw = row.cells[c.index];
      const v = cellNumber(raw);
      if (v !== undefined) summary[c.key] = v;
      else if (cellText(raw) !== undefined) warnings.push(`${c.name}: "${cellText(raw)}" is not a number`);
    }
    for (const [base, stats] of families) {
      if (base in summary) continue;
      const pick = FAMILY_PREFERENCE.map((s) => stats.get(s)).find((k) => k !== undefined && k in summary);
      if (pick) summary[base] = summary[pick];
    }

    const run: RunInfo = {
      format: 'table',
      id,
      experiment: unwrapListText(cellText(cell(mapping.experimentColumn)) ?? defaultExperiment),
      name: cellText(cell(mapping.nameColumn)) ?? id,
      status: statusFromText(cellText(cell(mapping.statusColumn))),
      path: file,
      root: file,
      params,
      tags,
      summary,
      checkpoints: [],
      extra: { line: row.line, tableKind: table.kind, ...(families.size ? { metricFamilies: familyExtra } : {}) },
    };
    const start = cellTime(cell(mapping.startTimeColumn));
    const end = cellTime(cell(mapping.endTimeColumn));
    if (start !== undefined) run.startTime = start;
    if (end !== undefined) run.endTime = end;
    if (warnings.length) run.warnings = warnings;
    runs.push(run);
  }
  return { runs, errors };
}
