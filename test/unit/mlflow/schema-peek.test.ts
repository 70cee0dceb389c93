import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { mlflowDbReader } from '../../../src/core/sources/mlflow-db';
import { closeAllDbSnapshots } from '../../../src/core/sources/mlflow-db/snapshot';
import { peekSqliteTables } from '../../../src/core/sources/mlflow-db/sqlite-schema-peek';
import { loadSqlJs, tableNames } from '../../../src/core/util/sqljs';
import { writeMlflowDb } from '../../../src/demo/writers/mlflow-db';
import { corpusFolder } from '../../helpers/corpus';
import { tempDir } from '../../helpers/tmp';
import { sampleRuns } from './sample-runs';

const dir = tempDir('runlens-mlflow-peek-');
after(() => closeAllDbSnapshots());

async function tablesBySqlJs(file: string): Promise<string[]> {
  const SQL = await loadSqlJs();
  const db = new SQL.Database(fs.readFileSync(file));
  const names = [...tableNames(db)].sort();
  db.close();
  return names;
}

async function makeDb(name: string, sql: string, pageSize = 4096): Promise<string> {
  const SQL = await loadSqlJs();
  const db = new SQL.Database();
  db.exec(`PRAGMA page_size = ${pageSize}; VACUUM;`);
  db.exec(sql);
  const file = path.join(dir, name);
  fs.writeFileSync(file, db.export());
  db.close();
  return file;
}

test('table names read page by page equal what SQLite reports', async () => {
  const mlflow = path.join(dir, 'mlflow.db');
  await writeMlflowDb(mlflow, sampleRuns());
  // Hundreds of tables with long names and SQL: sqlite_master spans interior and leaf pages,
  // and some CREATE statements overflow their page.
  let many = '';
  for (let i = 0; i < 400; i++) many += `CREATE TABLE "table_${i}_${'n'.repeat(i % 50)}" (a, b, c DEFAULT '${'x'.repeat(i * 20)}');\n`;
  const files = [
    mlflow,
    await makeDb('many.db', many),
    await makeDb('small-pages.db', many, 512),
    await makeDb('one.db', 'CREATE TABLE only_one (x); CREATE INDEX ix ON only_one (x); CREATE VIEW v AS SELECT 1;'),
  ];
  for (const c of ['17-doha__GANS/mlruns.db', 'AyushDocs__pneumonia_classifier/notebooks/mlflow.db']) {
    const [folder, ...rest] = c.split('/');
    const f = corpusFolder(folder);
    if (f) files.push(path.join(f, ...rest));
  }
  for (const file of files) {
    const peeked = await peekSqliteTables(file);
    assert.ok(peeked, `${file} peeked`);
    assert.deepEqual([...peeked].sort(), await tablesBySqlJs(file), file);
  }
  assert.deepEqual([...(await peekSqliteTables(files[3]))!], ['only_one'], 'indexes and views are not tables');
});

test('truncated, bit-flipped and random files never throw or hang', async () => {
  const good = fs.readFileSync(path.join(dir, 'mlflow.db'));
  let seed = 12345;
  const rand = (n: number) => {
    seed = (seed * 1103515245 + 12345) & 0x7fffffff;
    return seed % n;
  };
  const fuzzDir = fs.mkdtempSync(path.join(dir, 'fuzz-'));
  for (let i = 0; i < 60; i++) {
    let bytes: Buffer;
    if (i % 3 === 0) bytes = good.subarray(0, rand(good.length));
    else if (i % 3 === 1) {
      bytes = Buffer.from(good);
      for (let k = 0; k < 8; k++) bytes[rand(8192)] ^= 1 << rand(8);
    } else {
      bytes = Buffer.alloc(rand(20000));
      for (let k = 0; k < bytes.length; k++) bytes[k] = rand(256);
      Buffer.from('SQLite format 3\0').copy(bytes);
    }
    const file = path.join(fuzzDir, `f${i}.db`);
    fs.writeFileSync(file, bytes);
    const peeked = await peekSqliteTables(file);
    assert.ok(peeked === undefined || peeked instanceof Set);
    const detected = await mlflowDbReader.detect({ path: fuzzDir, dirs: [], files: [`f${i}.db`] });
    assert.ok(Array.isArray(detected.roots));
    if (detected.roots.length) {
      const listed = await mlflowDbReader.listRuns(detected.roots[0]);
      assert.ok(listed.runs.length > 0 || listed.errors.length > 0, `f${i}: either runs or a reason`);
      for (const run of listed.runs) {
        const read = await mlflowDbReader.readSeries(run);
        assert.ok(Array.isArray(read.series) && Array.isArray(read.errors));
      }
    }
  }
});
