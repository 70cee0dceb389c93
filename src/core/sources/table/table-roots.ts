// Tables are never discovered by scanning (any CSV could be anything); the host adds them.
// The SourceRoot of a table is just {format: 'table', path: <file>}, so it survives the index
// (which keeps only format + path); the user's column mapping is looked up by that path in a
// TableMappingStore that the host fills from the `runlens.tables` setting.
//
// Host flow for "Add Results Table…":
//   1. pick a file; `previewTable(file)` → header, first rows and the guessed mapping to show;
//   2. the user confirms or edits the mapping;
//   3. append {file, mapping} to the `runlens.tables` setting;
//   4. on start and whenever the setting changes: `applyTableSetting(value, workspaceDir)` (fills
//      the default store) and index the returned roots like any other source root.
import * as path from 'node:path';
import type { SourceRoot } from '../../model';
import type { TableMapping, TableRootOptions } from './types';

export class TableMappingStore {
  private readonly mappings = new Map<string, Partial<TableMapping>>();

  set(file: string, mapping: Partial<TableMapping> | undefined): void {
    if (mapping) this.mappings.set(path.resolve(file), mapping);
    else this.mappings.delete(path.resolve(file));
  }

  get(file: string): Partial<TableMapping> | undefined {
    return this.mappings.get(path.resolve(file));
  }

  delete(file: string): void {
    this.mappings.delete(path.resolve(file));
  }

  clear(): void {
    this.mappings.clear();
  }
}

/** The store the registered 'table' reader consults. */
export const tableMappings = new TableMappingStore();

export function setTableMapping(file: string, mapping: Partial<TableMapping> | undefined): void {
  tableMappings.set(file, mapping);
}

/** The source root of a table file; remembers its mapping in the default store. */
export function tableSource(file: string, mapping?: Partial<TableMapping>): SourceRoot {
  const abs = path.resolve(file);
  if (mapping) tableMappings.set(abs, mapping);
  return { format: 'table', path: abs };
}

const MAPPING_KEYS: Record<string, 'string' | 'list'> = {
  idColumn: 'string',
  nameColumn: 'string',
  experimentColumn: 'string',
  statusColumn: 'string',
  startTimeColumn: 'string',
  endTimeColumn: 'string',
  paramColumns: 'list',
  metricColumns: 'list',
  tagColumns: 'list',
  ignored: 'list',
};

/**
 * Validates the `runlens.tables` setting (an array of {file, mapping?}); relative paths are taken
 * from `baseDir` (the workspace folder). Bad entries are reported, never thrown.
 */
export function parseTableSetting(value: unknown, baseDir?: string): { tables: TableRootOptions[]; errors: string[] } {
  const tables: TableRootOptions[] = [];
  const errors: string[] = [];
  if (value === undefined || value === null) return { tables, errors };
  if (!Array.isArray(value)) return { tables, errors: ['runlens.tables must be an array of {file, mapping?}'] };
  value.forEach((entry, i) => {
    const where = `runlens.tables[${i}]`;
    const e = typeof entry === 'string' ? { file: entry } : entry;
    if (typeof e !== 'object' || e === null || typeof e.file !== 'string' || e.file.trim() === '') {
      errors.push(`${where}: needs a "file"`);
      return;
    }
    const file = path.isAbsolute(e.file) || !baseDir ? path.resolve(e.file) : path.resolve(baseDir, e.file);
    const mapping: Partial<TableMapping> = {};
    if (e.mapping !== undefined && (typeof e.mapping !== 'object' || e.mapping === null || Array.isArray(e.mapping))) {
      errors.push(`${where}.mapping must be an object`);
    } else {
      for (const [k, v] of Object.entries((e.mapping ?? {}) as Record<string, unknown>)) {
        const kind = MAPPING_KEYS[k];
        if (!kind) errors.push(`${where}.mapping.${k} is not a mapping field`);
        else if (kind === 'string' && typeof v === 'string') (mapping as Record<string, unknown>)[k] = v;
        else if (kind === 'list' && Array.isArray(v) && v.every((x) => typeof x === 'string')) (mapping as Record<string, unknown>)[k] = v;
        else errors.push(`${where}.mapping.${k} must be ${kind === 'string' ? 'a column name' : 'an array of column names'}`);
      }
    }
    tables.push(Object.keys(mapping).length ? { file, mapping } : { file });
  });
  return { tables, errors };
}

/** Applies the setting to `store` (replacing what was there) and returns the roots to index. */
export function applyTableSetting(value: unknown, baseDir?: string, store: TableMappingStore = tableMappings): { roots: SourceRoot[]; errors: string[] } {
  const { tables, errors } = parseTableSetting(value, baseDir);
  store.clear();
  for (const t of tables) store.set(t.file, t.mapping);
  return { roots: tables.map((t) => ({ format: 'table' as const, path: t.file })), errors };
}
