// Reads Runlens settings; the one place that knows their names.
import * as path from 'node:path';
import * as vscode from 'vscode';

export interface RunlensSettings {
  roots: string[];
  includeDeleted: boolean;
  maxDepth: number;
  excludedNames: string[];
  /** `runlens.tables` as written; the worker validates it. */
  tables: unknown;
  baseDir: string;
}

export function readSettings(): RunlensSettings {
  const cfg = vscode.workspace.getConfiguration('runlens');
  const folders = vscode.workspace.workspaceFolders ?? [];
  const base = folders[0]?.uri.fsPath ?? process.cwd();
  const roots = (cfg.get<string[]>('roots') ?? []).map((r) => (path.isAbsolute(r) ? r : path.join(base, r)));
  return {
    roots,
    includeDeleted: cfg.get<boolean>('showDeletedRuns') ?? false,
    maxDepth: cfg.get<number>('maxScanDepth') ?? 8,
    excludedNames: excludedFolderNames(),
    tables: cfg.get<unknown>('tables') ?? [],
    baseDir: base,
  };
}

/** files.exclude patterns of the form `**\/name` (the common ones) become folder names to skip. */
function excludedFolderNames(): string[] {
  const exclude = vscode.workspace.getConfiguration('files').get<Record<string, boolean>>('exclude') ?? {};
  return Object.entries(exclude)
    .filter(([pattern, on]) => on && /^\*\*\/[^*?/{}[\]]+$/.test(pattern))
    .map(([pattern]) => pattern.slice(3));
}

export function workspaceScanFolders(settings: RunlensSettings): string[] {
  const folders = (vscode.workspace.workspaceFolders ?? []).map((f) => f.uri.fsPath);
  return [...new Set([...folders, ...settings.roots])];
}
