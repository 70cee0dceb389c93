// Detection claims only Optuna storages; broken files give error values, never throws or hangs.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { after, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createOptunaReader } from '../../../src/core/sources/optuna/reader';
import { loadSqlJs } from '../../../src/core/util/sqljs';
import { tempDir } from '../../helpers/tmp';
import { dist, optunaDbBytes, type FixtureStudy } from './optuna-db-writer';

const reader = createOptunaReader();
after(() => reader.cache.clear());

const study: FixtureStudy[] = [
  {
    name: 's',
    directions: ['MINIMIZE'],
    trials: Array.from({ length: 40 }, (_, i) => ({
      number: i,
      state: 'COMPLETE' as const,
      values: [i / 10],
      params: [{ name: 'x', internal: i, distribution: dist.int(0, 100) }],
      intermediate: Array.from({ length: 20 }, (_, s) => [s, i + s / 100] as [number, number]),
      userAttrs: { note: 'n'.repeat(50) },
    })),
  },
];

async function sqliteWith(ddl: string): Promise<Uint8Array> {
  const SQL = await loadSqlJs();
  const db = new SQL.Database();
  db.exec(ddl);
  const bytes = db.export();
  db.close();
  return bytes;
}

describe('optuna detect', () => {
  it('claims SQLite files with Optuna tables, whatever their name, and nothing else', async () => {
    const dir = tempDir();
    const optuna = await optunaDbBytes(study);
    fs.writeFileSync(path.join(dir, 'optuna.db'), optuna);
    fs.writeFileSync(path.join(dir, 'db.sqlite3'), optuna);
    fs.writeFileSync(path.join(dir, 'study.sqlite'), optuna);
    fs.writeFileSync(path.join(dir, 'copy.bin'), optuna); // not a database name
    fs.writeFileSync(
      path.join(dir, 'mlflow.db'),
      await sqliteWith('CREATE TABLE experiments (experiment_id INTEGER PRIMARY KEY, name TEXT); CREATE TABLE runs (run_uuid TEXT); CREATE TABLE alembic_version (version_num TEXT); CREATE TABLE metrics (key TEXT)'),
    );
    fs.writeFileSync(path.join(dir, 'run_metadata.sqlite'), await sqliteWith('CREATE TABLE run (id INTEGER, hash TEXT)'));
    fs.writeFileSync(path.join(dir, 'notes.db'), 'just text, not SQLite');
    fs.writeFileSync(path.join(dir, 'lfs.db'), 'version https://git-lfs.github.com/spec/v1\noid sha256:abc\nsize 123\n');
    fs.writeFileSync(path.join(dir, 'empty.db'), '');
    const files = fs.readdirSync(dir).sort();
    const res = await reader.detect({ path: dir, dirs: [], files });
    assert.deepEqual(
      res.roots.map((r) => path.basename(r.path)).sort(),
      ['db.sqlite3', 'optuna.db', 'study.sqlite'],
    );
    assert.ok(res.roots.every((r) => r.format === 'optuna'));
  });

  it('finds the tables by opening the file when the schema text is not in the head', async () => {
    // quoted identifiers defeat the quick `CREATE TABLE studies (` scan, so this goes the slow way
    const dir = tempDir();
    const bytes = await sqliteWith(
      'CREATE TABLE "studies"(study_id INTEGER, study_name TEXT); CREATE TABLE "trials"(trial_id INTEGER, study_id INTEGER, state TEXT); CREATE TABLE "trial_params"(trial_id INTEGER, param_name TEXT, param_value FLOAT)',
    );
    fs.writeFileSync(path.join(dir, 'quoted.db'), bytes);
    const res = await reader.detect({ path: dir, dirs: [], files: ['quoted.db'] });
    assert.equal(res.roots.length, 1);
    const listed = await reader.listRuns(res.roots[0]);
    assert.deepEqual(listed, { runs: [], errors: [] });
  });
});

describe('optuna bad files', () => {
  it('gives a clear error for a missing file, an LFS pointer, text, and a non-Optuna database', async () => {
    const dir = tempDir();
    const cases: [string, string | Uint8Array, RegExp][] = [
      ['lfs.db', 'version https://git-lfs.github.com/spec/v1\noid sha256:abc\nsize 1\n', /LFS/],
      ['text.db', 'hello', /not a SQLite database/],
      ['other.db', await sqliteWith('CREATE TABLE t (a INTEGER)'), /not an Optuna storage/],
    ];
    for (const [name, content, pattern] of cases) {
      fs.writeFileSync(path.join(dir, name), content);
      const res = await reader.listRuns({ format: 'optuna', path: path.join(dir, name) });
      assert.equal(res.runs.length, 0);
      assert.match(res.errors[0].message, pattern, name);
    }
    const missing = await reader.listRuns({ format: 'optuna', path: path.join(dir, 'nope.db') });
    assert.match(missing.errors[0].message, /cannot read/);
  });

  it('survives truncation at any point: errors, never throws', async () => {
    const bytes = await optunaDbBytes(study);
    const dir = tempDir();
    for (const cut of [0, 10, 100, 4096, 8192, Math.floor(bytes.length / 2), bytes.length - 4096, bytes.length - 1]) {
      const file = path.join(dir, `cut-${cut}.db`);
      fs.writeFileSync(file, bytes.subarray(0, cut));
      const res = await reader.listRuns({ format: 'optuna', path: file });
      assert.ok(res.runs.length > 0 || res.errors.length > 0, `cut ${cut}: neither runs nor errors`);
      for (const run of res.runs) await reader.readSeries(run);
    }
  });

  it('survives bit flips and random bytes behind a SQLite header', async () => {
    const bytes = await optunaDbBytes(study);
    const dir = tempDir();
    let seed = 12345;
    const rand = () => ((seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff);
    for (let i = 0; i < 60; i++) {
      const copy = Uint8Array.from(bytes);
      const flips = 1 + Math.floor(rand() * 40);
      for (let f = 0; f < flips; f++) copy[Math.floor(rand() * copy.length)] ^= 1 << Math.floor(rand() * 8);
      const file = path.join(dir, `flip-${i}.db`);
      fs.writeFileSync(file, copy);
      const res = await reader.listRuns({ format: 'optuna', path: file });
      assert.ok(Array.isArray(res.runs) && Array.isArray(res.errors));
      for (const run of res.runs.slice(0, 5)) {
        const s = await reader.readSeries(run);
        assert.ok(Array.isArray(s.series) && Array.isArray(s.errors));
      }
    }
    const random = new Uint8Array(20000);
    for (let i = 0; i < random.length; i++) random[i] = Math.floor(rand() * 256);
    random.set(new TextEncoder().encode('SQLite format 3\0'), 0);
    fs.writeFileSync(path.join(dir, 'random.db'), random);
    const res = await reader.listRuns({ format: 'optuna', path: path.join(dir, 'random.db') });
    assert.equal(res.runs.length, 0);
    assert.ok(res.errors.length > 0);
  });

  it('reports an unreadable distribution or categorical index on the run and still loads it', async () => {
    const dir = tempDir();
    const file = path.join(dir, 'odd.db');
    fs.writeFileSync(
      file,
      await optunaDbBytes([
        {
          name: 'odd',
          directions: ['MINIMIZE'],
          trials: [
            {
              number: 0,
              state: 'COMPLETE',
              values: [1],
              params: [
                { name: 'c', internal: 5, distribution: dist.categorical(['a', 'b']) },
                { name: 'weird', internal: 2.5, distribution: { name: 'FutureDistribution', attributes: {} } },
              ],
            },
          ],
        },
      ]),
    );
    const SQL = await loadSqlJs();
    const db = new SQL.Database(fs.readFileSync(file));
    db.run("INSERT INTO trial_params (trial_id, param_name, param_value, distribution_json) VALUES (1, 'broken', 1, '{not json')");
    fs.writeFileSync(file, db.export());
    db.close();
    const res = await reader.listRuns({ format: 'optuna', path: file });
    const run = res.runs[0];
    assert.deepEqual(run.params, { c: '5', weird: '2.5', broken: '1' });
    assert.equal(run.warnings!.length, 2);
    assert.match(run.warnings!.join('\n'), /outside its 2 choices/);
    assert.match(run.warnings!.join('\n'), /unreadable distribution/);
  });
});
