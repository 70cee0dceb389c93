// A cheap change detector: sizes and mtimes of every file below a path (stat only, no reads).
// The walk uses synchronous stats: it runs on the indexing thread (never the UI's), a cached stat is a
// few microseconds, and the promise version spent most of a cold index's indexing-thread time
// (1.4 s of 7 s at 1,000 runs) going to and from libuv's thread pool, which the readers keep busy.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { createHash, type Hash } from 'node:crypto';
import { folderKey } from '../util/fs';

/** A run's walk stops here (the hash then covers the first files only, as it always did). */
const MAX_FILES = 20000;
/** A whole store's walk gives up past this many files: it then says nothing (undefined) rather than too little. */
const MAX_TREE_FILES = 1_000_000;

export async function fingerprint(p: string): Promise<string> {
  return fingerprintSync(p);
}

/** The same string as ever (`path:size:mtimeMs;` per file, names sorted), so persisted indexes stay valid. */
export function fingerprintSync(p: string): string {
  const hash = createHash('sha1');
  walk(p, hash, MAX_FILES, false);
  return hash.digest('hex');
}

/**
 * Everything below a source's root, for the indexer's "nothing changed" check (IndexStore.sourceFingerprint):
 * every file's size and mtime as for a run, and also every folder (those a run's walk skips too) and every
 * folder that could not be listed, because a listing reports empty or unreadable run folders as well.
 * `salt` holds the listing options. Undefined when the tree has more than MAX_TREE_FILES files.
 */
export function treeFingerprint(p: string, salt: string): string | undefined {
  const hash = createHash('sha1').update(`${salt};`);
  return walk(p, hash, MAX_TREE_FILES, true) ? hash.digest('hex') : undefined;
}

/** Feeds the hash; false when it stopped at `maxFiles`. `folders`: folders and unlistable folders count too. */
function walk(p: string, hash: Hash, maxFiles: number, folders: boolean): boolean {
  let files = 0;
  // Folders entered so far (device and inode): a symlink loop or a second link is walked once.
  const entered = new Set<string>();
  const visit = (q: string): void => {
    if (files > maxFiles) return;
    let st: fs.Stats | undefined;
    try {
      st = fs.statSync(q, { throwIfNoEntry: false });
    } catch {
      st = undefined;
    }
    if (!st) {
      hash.update(`${q}:missing;`);
      return;
    }
    if (!st.isDirectory()) {
      files++;
      hash.update(`${q}:${st.size}:${st.mtimeMs};`);
      return;
    }
    const key = folderKey(st);
    if (entered.has(key)) return;
    entered.add(key);
    let names: string[];
    try {
      names = fs.readdirSync(q).sort();
    } catch {
      if (folders) hash.update(`${q}/:unlistable;`);
      return;
    }
    if (folders) hash.update(`${q}/;`);
    for (const name of names) {
      // Not part of a run's data; a store's listing sees every folder (one named so is reported as not a run).
      if (!folders && (name === '.ipynb_checkpoints' || name === '__pycache__')) continue;
      visit(path.join(q, name));
    }
  };
  visit(p);
  // A SQLite store (mlflow.db, an Optuna storage) written in WAL mode changes in its -wal sibling
  // only; its runs are read with the WAL applied, so the WAL's changes must count as changes.
  const wal = fs.statSync(`${p}-wal`, { throwIfNoEntry: false });
  if (wal?.isFile()) hash.update(`${p}-wal:${wal.size}:${wal.mtimeMs};`);
  return files <= maxFiles;
}
