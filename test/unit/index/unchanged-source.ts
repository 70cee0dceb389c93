// Shared by the per-format "unchanged source" tests (unchanged-*.test.ts): a reader whose listRuns calls are
// counted, one indexer over it, and the file-time helper. Not a test file itself.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Indexer } from '../../../src/core/index/indexer';
import { IndexStore } from '../../../src/core/index/store';
import type { SourceReader } from '../../../src/core/model';
import { loadSqlJs } from '../../../src/core/util/sqljs';

export interface CountedIndex {
  store: IndexStore;
  indexer: Indexer;
  counter: { listed: number };
  /** Runs as stored, by name. */
  run(name: string): ReturnType<IndexStore['runs']>[number] | undefined;
}

/** An index over `reader`, with every listRuns call counted. */
export async function countedIndex(reader: SourceReader): Promise<CountedIndex> {
  const counter = { listed: 0 };
  const counted: SourceReader = {
    ...reader,
    listRuns: (root, options) => {
      counter.listed++;
      return reader.listRuns(root, options);
    },
  };
  const store = await IndexStore.open();
  const indexer = new Indexer({ store, readers: [counted] });
  return { store, indexer, counter, run: (name) => store.runs().find((r) => r.name === name) };
}

/**
 * A full pass with nothing changed since the last one: no listRuns call, all `runs` reused and none read, the
 * stored runs as they were, nothing written.
 */
export async function assertUnchangedPass(index: CountedIndex, pass: () => ReturnType<Indexer['indexFolders']>, runs = 3): Promise<void> {
  const { store, counter } = index;
  const before = store.runs();
  const listed = counter.listed;
  store.takeChanges();
  const again = await pass();
  assert.equal(counter.listed, listed, 'not listed again');
  assert.deepEqual([again.runs, again.reused, again.reread], [runs, runs, 0]);
  assert.deepEqual(store.runs(), before);
  assert.deepEqual(store.takeChanges(), { changed: [], removed: [] }, 'nothing written');
}

/** Moves a file's mtime on, as a later write would (a same-size rewrite within one clock tick would not show). */
export function touchLater(file: string): void {
  const later = new Date(fs.statSync(file).mtimeMs + 10_000);
  fs.utimesSync(file, later, later);
}

/** Runs `sql` on a SQLite file in place, through sql.js (the whole file rewritten, as a checkpoint would). */
export async function editSqlite(file: string, sql: string): Promise<void> {
  const SQL = await loadSqlJs();
  const db = new SQL.Database(fs.readFileSync(file));
  try {
    db.exec(sql);
    fs.writeFileSync(file, db.export());
  } finally {
    db.close();
  }
}

const python = spawnSync('python3', ['-c', 'import sqlite3'], { timeout: 10_000 });
/** For node:test's `skip`: the WAL helper needs Python's sqlite3 (the real SQLite writes the WAL). */
export const noPythonSqlite = python.status === 0 ? false : 'python3 with sqlite3 is not available';

/**
 * Turns `file` into a live WAL database, as a writer with the file still open leaves it: returns the -wal
 * bytes after each of `commits` (the main file is written once, before them, and not again).
 */
export function walCommits(file: string, commits: string[]): Buffer[] {
  const scratch = `${file}.scratch`;
  fs.copyFileSync(file, scratch);
  const script = `
import shutil, sqlite3, sys
src = sys.argv[1]
con = sqlite3.connect(src, isolation_level=None)
con.execute('PRAGMA journal_mode=WAL')
con.execute('PRAGMA wal_autocheckpoint=0')
shutil.copyfile(src, src + '.main')
for i, sql in enumerate(sys.argv[2:]):
    con.executescript(sql)
    shutil.copyfile(src + '-wal', src + '-wal.' + str(i))
con.close()
`;
  const res = spawnSync('python3', ['-c', script, scratch, ...commits], { encoding: 'utf8', timeout: 30_000 });
  if (res.status !== 0) throw new Error(res.stderr);
  fs.copyFileSync(`${scratch}.main`, file);
  const wals = commits.map((_, i) => fs.readFileSync(`${scratch}-wal.${i}`));
  for (const f of fs.readdirSync(path.dirname(file))) if (f.startsWith(path.basename(scratch))) fs.rmSync(path.join(path.dirname(file), f));
  return wals;
}
