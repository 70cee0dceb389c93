// Indexes folders and files in memory (or into --db) for a CLI command: the runs found under them and the
// problems met. Shared by `index` and `table`.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Indexer } from '../core/index/indexer';
import { IndexStore } from '../core/index/store';
import type { IndexedRun } from '../core/index/types';
import type { ReadError, SourceRoot } from '../core/model';
import { readers } from '../core/sources/registry';
import { ReadPool } from '../worker/read-pool';

export interface IndexPathsOptions {
  dbFile?: string;
  includeDeleted?: boolean;
  followLinks?: boolean;
  extraRoots?: SourceRoot[];
}

export interface IndexedPaths {
  runs: IndexedRun[];
  errors: ReadError[];
  roots: number;
  reread: number;
  reused: number;
}

export async function indexPaths(paths: readonly string[], options: IndexPathsOptions = {}): Promise<IndexedPaths> {
  const { dbFile } = options;
  const store = await IndexStore.open(dbFile && fs.existsSync(dbFile) ? fs.readFileSync(dbFile) : undefined);
  // Reader threads parse on every core; without them (no thread can start) runs are read here.
  const pool = ReadPool.create();
  // followLinks: also walk symlinked folders that lead outside the given folders
  const indexer = new Indexer({ store, readers, includeDeleted: options.includeDeleted ?? false, followLinksOutside: options.followLinks ?? false, pool });
  const pass = await indexer.indexFolders(paths.map((p) => path.resolve(p)), { extraRoots: options.extraRoots ?? [] }).finally(() => pool?.close());
  const roots = new Set(pass.roots.map((r) => r.path));
  const runs = store.runs().filter((r) => roots.has(r.root));
  if (dbFile) fs.writeFileSync(dbFile, store.export());
  return { runs, errors: store.errors(), roots: pass.roots.length, reread: pass.reread, reused: pass.reused };
}
