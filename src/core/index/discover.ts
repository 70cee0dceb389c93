// Walks folders and asks each reader whether a directory holds its kind of logs.
// Read-only: only readdir/stat/realpath. Bounded by depth; skips folders that never hold logs.
// Folders are identified by their real path: a symlink loop or two links to one folder are
// walked once, and a link that leads out of the given folders (`data -> /proc`) is not
// followed unless `followLinksOutside` says so.
import * as path from 'node:path';
import { promises as fsp } from 'node:fs';
import type { DirListing, ReadError, SourceReader, SourceRoot } from '../model';
import { errorMessage, listDir } from '../util/fs';

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
  /** Follow symlinked folders whose target lies outside every start folder (off by default). */
  followLinksOutside?: boolean;
  /** Told about what discovery saw but cannot read: non-UTF-8 names, links out of the roots. */
  onProblem?: (problem: ReadError) => void;
}

export async function discoverRoots(starts: string[], options: DiscoverOptions): Promise<SourceRoot[]> {
  const maxDepth = options.maxDepth ?? 8;
  const found = new Map<string, SourceRoot>();
  const visited = new Set<string>();
  /** Real paths of the start folders: walking never leaves them (unless allowed). */
  const realStarts: string[] = [];
  // `key` is the folder's real path, what `visited` dedupes; listings keep the path as reached.
  const queue: Array<{ listing: () => Promise<DirListing>; key: string; depth: number }> = [];

  for (const start of starts) {
    const abs = path.resolve(start);
    let isDir = false;
    let real = abs;
    try {
      isDir = (await fsp.stat(abs)).isDirectory();
      real = await fsp.realpath(abs);
    } catch (err) {
      options.onProblem?.({ path: abs, message: `cannot be scanned: ${errorMessage(err)}` });
      continue;
    }
    if (isDir) {
      realStarts.push(real);
      queue.push({ key: real, depth: 0, listing: () => listDir(abs) });
    } else {
      // A single file given explicitly (e.g. an mlflow.db): offer it as the only file of its folder.
      const parent = path.dirname(abs);
      queue.push({ key: `${real}#file`, depth: maxDepth, listing: async () => ({ path: parent, dirs: [], files: [path.basename(abs)] }) });
    }
  }

  while (queue.length) {
    if (options.signal?.aborted) break;
    const { key, depth, listing } = queue.shift()!;
    if (visited.has(key)) continue;
    visited.add(key);
    const entry = await listing();
    const linked = new Set(entry.linkedDirs ?? []);
    if (entry.unreadable) options.onProblem?.({ path: entry.path, message: `cannot list this folder: ${entry.unreadable}` });
    for (const { name, kind } of entry.special ?? []) {
      options.onProblem?.({ path: path.join(entry.path, name), message: `${kind}, not a regular file; not opened` });
    }
    for (const name of entry.undecodable ?? []) {
      options.onProblem?.({
        path: path.join(entry.path, name),
        message: 'the name is not valid UTF-8 (shown with \\x escapes); it cannot be opened by name, so it is not read — rename it to valid UTF-8',
      });
    }
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
      // A plain folder's real path follows from its parent's; only links need resolving
      // (realpath costs one lstat per path component).
      let real = path.join(key, name);
      if (linked.has(name)) {
        try {
          real = await fsp.realpath(child);
        } catch {
          continue; // vanished since the listing
        }
      }
      if (visited.has(real)) continue; // a loop, or a second link to a folder already walked
      if (!options.followLinksOutside && !realStarts.some((r) => isInside(real, r))) {
        options.onProblem?.({ path: child, message: `symlink leads outside the scanned folders (to ${real}); not followed` });
        continue;
      }
      queue.push({ key: real, depth: depth + 1, listing: () => listDir(child) });
    }
  }
  return [...found.values()].sort((a, b) => (a.path === b.path ? a.format.localeCompare(b.format) : a.path.localeCompare(b.path)));
}

/** True when `p` is `dir` or lies below it (both real paths). */
function isInside(p: string, dir: string): boolean {
  return p === dir || p.startsWith(dir.endsWith(path.sep) ? dir : dir + path.sep);
}
