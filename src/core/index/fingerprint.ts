// A cheap change detector: sizes and mtimes of every file below a path (stat only, no reads).
// The walk uses synchronous stats: it runs on the indexing thread (never the UI's), a cached stat is a
// few microseconds, and the promise version spent most of a cold index's indexing-thread time
// (1.4 s of 7 s at 1,000 runs) going to and from libuv's thread pool, which the readers keep busy.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { createHash } from 'node:crypto';
import { folderKey } from '../util/fs';

const MAX_FILES = 20000;

export async function fingerprint(p: string): Promise<string> {
  return fingerprintSync(p);
}

/** The same string as ever (`path:size:mtimeMs;` per file, names sorted), so persisted indexes stay valid. */
export function fingerprintSync(p: string): string {
  const hash = createHash('sha1');
  let files = 0;
  // Folders entered so far (device and inode): a symlink loop or a second link is walked once.
  const entered = new Set<string>();
  const visit = (q: string): void => {
    if (files > MAX_FILES) return;
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
      return;
    }
    for (const name of names) {
      if (name === '.ipynb_checkpoints' || name === '__pycache__') continue;
      visit(path.join(q, name));
    }
  };
  visit(p);
  // A SQLite store (mlflow.db, an Optuna storage) written in WAL mode changes in its -wal sibling
  // only; its runs are read with the WAL applied, so the WAL's changes must count as changes.
  const wal = fs.statSync(`${p}-wal`, { throwIfNoEntry: false });
  if (wal?.isFile()) hash.update(`${p}-wal:${wal.size}:${wal.mtimeMs};`);
  return hash.digest('hex');
}
