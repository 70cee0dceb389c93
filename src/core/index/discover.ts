// Walks folders and asks each reader whether a directory holds its kind of logs.
// Read-only: only readdir/stat. Bounded by depth; skips folders that never hold logs.
import * as path from 'node:path';
import { promises as fsp } from 'node:fs';
import type { DirListing, SourceReader, SourceRoot } from '../model';
import { listDir } from '../util/fs';

/** Folders that never hold experiment logs and can be huge. */
const ALWAYS_SKIPPED = new Set([
  'node_modules',
  '.git',
  '.hg',
  '.svn',
  '__pycache__',
  '.ipynb_checkpoints',
  '.venv',
  'venv',
  '.tox',
  '.mypy_cache',
  '.pytest_cache',
  'site-packages',
  '.runlens',
]);

/** Hidden folders are skipped except those that are log stores themselves. */
const HIDDEN_ALLOWED = new Set(['.aim']);

export interface DiscoverOptions {
  readers: SourceReader[];
  maxDepth?: number;
  /** Extra exclusion (e.g. VS Code's files.exclude), given the absolute path. */
  isExcluded?: (absPath: string) => boolean;
  signal?: AbortSignal;
}

export async function discoverRoots(starts: string[], options: DiscoverOptions): Promise<SourceRoot[]> {
  const maxDepth = options.maxDepth ?? 8;
  const found = new Map<string, SourceRoot>();
  const visited = new Set<string>();
  const queue: Array<{ listing: () => Promise<DirListing>; dir: string; depth: number }> = [];

  for (const start of starts) {
    const abs = path.resolve(start);
    let isDir = false;
    try {
      isDir = (await fsp.stat(abs)).isDirectory();
    } catch {
      continue;
    }
    if (isDir) queue.push({ dir: abs, depth: 0, listing: () => listDir(abs) });
    else {
      // A single file given explicitly (e.g. an mlflow.db): offer it as the only file of its folder.
      const parent = path.dirname(abs);
      queue.push({ dir: `${abs}#file`, depth: maxDepth, listing: async () => ({ path: parent, dirs: [], files: [path.basename(abs)] }) });
    }
  }

  while (queue.length) {
    if (options.signal?.aborted) break;
    const { dir, depth, listing } = queue.shift()!;
    if (visited.has(dir)) continue;
    visited.add(dir);
    const entry = await listing();
    const skip = new Set<string>();
    let stop = false;
    for (const reader of options.readers) {
      let result;
      try {
        result = await reader.detect(entry);
      } catch {
        continue; // a reader's detect failing must not stop discovery
      }
      for (const root of result.roots) found.set(`${root.format}|${root.path}`, root);
      for (const s of result.skip ?? []) skip.add(s);
      if (result.stop) {
        stop = true;
        break;
      }
    }
    if (stop || depth >= maxDepth) continue;
    for (const name of entry.dirs) {
      if (skip.has(name) || ALWAYS_SKIPPED.has(name)) continue;
      if (name.startsWith('.') && !HIDDEN_ALLOWED.has(name)) continue;
      const child = path.join(entry.path, name);
      if (options.isExcluded?.(child)) continue;
      queue.push({ dir: child, depth: depth + 1, listing: () => listDir(child) });
    }
  }
  return [...found.values()].sort((a, b) => (a.path === b.path ? a.format.localeCompare(b.format) : a.path.localeCompare(b.path)));
}
