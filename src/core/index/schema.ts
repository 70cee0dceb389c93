// The index schema (DESIGN.md §3): summaries, not raw series.
// Numbers: SQLite turns NaN into NULL, so in the REAL summary columns NULL means NaN.
// A bumped SCHEMA_VERSION makes an older persisted index be rebuilt, not migrated: it is a cache.
export const SCHEMA_VERSION = 6;

export const SCHEMA_SQL = `
CREATE TABLE IF NOT EXISTS sources(
  id INTEGER PRIMARY KEY, kind TEXT NOT NULL, root TEXT NOT NULL,
  -- treeFingerprint of the root when its runs were last written in full (NULL: unknown, list it again).
  -- Any write to the source's runs or errors clears it; the indexer sets it at the end of a full pass.
  fingerprint TEXT,
  UNIQUE(kind, root));
CREATE TABLE IF NOT EXISTS experiments(
  id INTEGER PRIMARY KEY, source_id INTEGER NOT NULL, name TEXT NOT NULL, UNIQUE(source_id, name));
CREATE TABLE IF NOT EXISTS runs(
  id INTEGER PRIMARY KEY,
  key TEXT NOT NULL UNIQUE,
  source_id INTEGER NOT NULL,
  experiment_id INTEGER NOT NULL,
  native_id TEXT NOT NULL,
  name TEXT NOT NULL,
  status TEXT NOT NULL,
  start_time REAL, end_time REAL,
  path TEXT NOT NULL,
  git_commit TEXT, entry_point TEXT, parent_id TEXT,
  deleted INTEGER NOT NULL DEFAULT 0,
  stale_flag INTEGER NOT NULL DEFAULT 0,
  error TEXT,
  warnings_json TEXT,
  extra_json TEXT,
  fingerprint TEXT,
  -- Hash of everything putRun wrote for the run (row, params, tags, summaries, checkpoints): an unchanged
  -- re-listed run is not rewritten, so the pass's delta to the host holds only runs that really changed.
  sig TEXT);
CREATE TABLE IF NOT EXISTS params(run_id INTEGER NOT NULL, key TEXT NOT NULL, text TEXT NOT NULL, num REAL);
CREATE INDEX IF NOT EXISTS params_run ON params(run_id);
CREATE INDEX IF NOT EXISTS params_key ON params(key);
CREATE TABLE IF NOT EXISTS tags(run_id INTEGER NOT NULL, key TEXT NOT NULL, value TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS tags_run ON tags(run_id);
CREATE TABLE IF NOT EXISTS summaries(run_id INTEGER NOT NULL, key TEXT NOT NULL, value REAL);
CREATE INDEX IF NOT EXISTS summaries_run ON summaries(run_id);
CREATE TABLE IF NOT EXISTS series(
  id INTEGER PRIMARY KEY,
  run_id INTEGER NOT NULL,
  name TEXT NOT NULL,
  context_json TEXT NOT NULL,
  count INTEGER NOT NULL,
  first_step REAL, last_step REAL,
  first REAL, last REAL, min REAL, max REAL,
  argmin_step REAL, argmax_step REAL,
  last_time REAL,
  nan_count INTEGER NOT NULL DEFAULT 0,
  preview BLOB);
CREATE INDEX IF NOT EXISTS series_run ON series(run_id);
CREATE INDEX IF NOT EXISTS series_name ON series(name);
CREATE TABLE IF NOT EXISTS checkpoints(
  run_id INTEGER NOT NULL, step REAL, epoch REAL, path TEXT NOT NULL, bytes INTEGER NOT NULL, kind TEXT);
CREATE INDEX IF NOT EXISTS checkpoints_run ON checkpoints(run_id);
CREATE TABLE IF NOT EXISTS errors(source_kind TEXT NOT NULL, source_root TEXT NOT NULL, path TEXT NOT NULL, message TEXT NOT NULL, run_id TEXT);
-- 'written': a token new with each write of the index file, also put in the runs file written with it, so a warm
-- start knows without comparing every run whether the runs file is this database's.
CREATE TABLE IF NOT EXISTS meta(key TEXT PRIMARY KEY, value TEXT NOT NULL);
`;
