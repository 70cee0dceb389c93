// The 'table' SourceReader, its roots and the runlens.tables setting; bad files never throw.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createTableReader, tableReader } from '../../../src/core/sources/table/reader';
import { applyTableSetting, parseTableSetting, tableSource, TableMappingStore } from '../../../src/core/sources/table/table-roots';
import { readTable } from '../../../src/core/sources/table/read-table';
import { tempDir } from '../../helpers/tmp';

const dir = tempDir();

describe('table reader', () => {
  it('never claims files during discovery', async () => {
    fs.writeFileSync(path.join(dir, 'results.csv'), 'id,loss\na,1\n');
    const res = await tableReader.detect({ path: dir, dirs: [], files: ['results.csv'] });
    assert.deepEqual(res.roots, []);
  });

  it('lists a root added with tableSource, using its mapping', async () => {
    const file = path.join(dir, 'mapped.csv');
    fs.writeFileSync(file, 'trial,lr,acc\nt1,0.1,0.5\nt2,0.2,0.6\n');
    const root = tableSource(file, { idColumn: 'trial', paramColumns: ['acc'] });
    assert.deepEqual(root, { format: 'table', path: file });
    const { runs, errors } = await tableReader.listRuns(root);
    assert.deepEqual(errors, []);
    assert.deepEqual(runs.map((r) => r.id), ['t1', 't2']);
    assert.deepEqual(runs[0].params, { acc: '0.5', lr: '0.1' });
    assert.equal(runs[0].root, file);
    assert.deepEqual(await tableReader.readSeries(runs[0]), { series: [], errors: [] });
  });

  it('keeps mappings per reader store, keyed by the resolved path', async () => {
    const store = new TableMappingStore();
    const reader = createTableReader(store);
    const file = path.join(dir, 'store.csv');
    fs.writeFileSync(file, 'name,acc\nx,1\ny,2\n');
    store.set(path.relative(process.cwd(), file), { nameColumn: 'name', metricColumns: [], paramColumns: ['acc'] });
    const [run] = (await reader.listRuns({ format: 'table', path: file })).runs;
    assert.equal(run.name, 'x');
    assert.deepEqual(run.params, { acc: '1' });
    store.delete(file);
    const [plain] = (await reader.listRuns({ format: 'table', path: file })).runs;
    assert.deepEqual(plain.summary, { acc: 1 });
  });
});

describe('runlens.tables setting', () => {
  it('accepts {file, mapping?} entries and plain paths, relative to the workspace', () => {
    const { tables, errors } = parseTableSetting(
      [{ file: 'out/results.csv', mapping: { idColumn: 'run', metricColumns: ['acc'] } }, '/abs/t.jsonl', { file: '/abs/x.json' }],
      '/ws',
    );
    assert.deepEqual(errors, []);
    assert.deepEqual(tables, [
      { file: path.resolve('/ws/out/results.csv'), mapping: { idColumn: 'run', metricColumns: ['acc'] } },
      { file: path.resolve('/abs/t.jsonl') },
      { file: path.resolve('/abs/x.json') },
    ]);
  });

  it('reports malformed entries and keeps the good ones', () => {
    const { tables, errors } = parseTableSetting(
      [{ nofile: 1 }, { file: 'a.csv', mapping: { idColumn: 3, paramColumns: 'lr', bogus: [] } }, 7, { file: 'b.csv', mapping: [] }],
      '/ws',
    );
    assert.equal(tables.length, 2);
    assert.deepEqual(errors, [
      'runlens.tables[0]: needs a "file"',
      'runlens.tables[1].mapping.idColumn must be a column name',
      'runlens.tables[1].mapping.paramColumns must be an array of column names',
      'runlens.tables[1].mapping.bogus is not a mapping field',
      'runlens.tables[2]: needs a "file"',
      'runlens.tables[3].mapping must be an object',
    ]);
    assert.deepEqual(parseTableSetting({ file: 'x' }).errors, ['runlens.tables must be an array of {file, mapping?}']);
    assert.deepEqual(parseTableSetting(undefined), { tables: [], errors: [] });
  });

  it('applies the setting to a store and returns the roots to index', async () => {
    const store = new TableMappingStore();
    const file = path.join(dir, 'setting.csv');
    fs.writeFileSync(file, 'run,lr\nr1,0.1\nr2,0.2\n');
    store.set('/stale.csv', { idColumn: 'x' });
    const { roots, errors } = applyTableSetting([{ file: 'setting.csv', mapping: { idColumn: 'lr' } }], dir, store);
    assert.deepEqual(errors, []);
    assert.deepEqual(roots, [{ format: 'table', path: file }]);
    assert.equal(store.get('/stale.csv'), undefined);
    const [run] = (await createTableReader(store).listRuns(roots[0])).runs;
    assert.equal(run.id, '0.1');
  });
});

describe('table bad files', () => {
  it('gives a clear error for missing, unsupported, LFS, binary and empty files', async () => {
    const cases: [string, string | Buffer, RegExp | null][] = [
      ['lfs.csv', 'version https://git-lfs.github.com/spec/v1\noid sha256:0\nsize 5\n', /LFS/],
      ['bin.csv', Buffer.from([0x50, 0x4b, 0x03, 0x04, 0, 0, 1, 2]), /binary/],
      ['t.parquet', 'PAR1', /unsupported table file type/],
      ['empty.csv', '', null],
      ['header-only.csv', 'id,loss\n', null],
      ['empty.json', '', /invalid JSON/],
      ['scalar.json', '42', /neither an array nor an object/],
      ['weird.json', '{"a": 1, "b": [1]}', /unsupported JSON layout/],
    ];
    for (const [name, content, pattern] of cases) {
      const file = path.join(dir, name);
      fs.writeFileSync(file, content);
      const res = await tableReader.listRuns({ format: 'table', path: file });
      assert.equal(res.runs.length, 0, name);
      if (pattern) assert.match(res.errors[0]?.message ?? '', pattern, name);
      else assert.deepEqual(res.errors, [], name);
    }
    const missing = await tableReader.listRuns({ format: 'table', path: path.join(dir, 'missing.csv') });
    assert.match(missing.errors[0].message, /cannot read/);
  });

  it('reads a UTF-16 export from Excel', async () => {
    const file = path.join(dir, 'excel.csv');
    const text = 'run_id,acc\nr1,0.5\n';
    fs.writeFileSync(file, Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]));
    const { runs } = await readTable(file);
    assert.deepEqual(runs.map((r) => [r.id, r.summary!.acc]), [['r1', 0.5]]);
  });

  it('survives random and mangled input in every format without throwing', async () => {
    let seed = 7;
    const rand = () => ((seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff);
    const base: Record<string, string> = {
      csv: 'run_id,lr,"note, quoted",loss - Min,loss - Last\na,0.1,"x, y",0.5,0.6\nb,0.2,"z",nan,inf\n',
      json: '{"columns": ["run_id", "loss"], "data": [["a", 1.0], ["b", NaN]]}',
      jsonl: '{"run_id": "a", "loss": 1}\n{"run_id": "b", "loss": -Infinity}\n',
    };
    const alphabet = '",\n\r{}[]:;\\ab01.-NaInfy\t';
    for (const [ext, text] of Object.entries(base)) {
      for (let i = 0; i < 150; i++) {
        const chars = text.split('');
        const edits = 1 + Math.floor(rand() * 8);
        for (let e = 0; e < edits; e++) {
          const at = Math.floor(rand() * chars.length);
          const op = rand();
          if (op < 0.4) chars[at] = alphabet[Math.floor(rand() * alphabet.length)];
          else if (op < 0.7) chars.splice(at, 1);
          else chars.splice(at, 0, alphabet[Math.floor(rand() * alphabet.length)]);
        }
        const mangled = rand() < 0.2 ? chars.join('').slice(0, Math.floor(rand() * chars.length)) : chars.join('');
        const file = path.join(dir, `fuzz-${i}.${ext}`);
        fs.writeFileSync(file, mangled);
        const res = await tableReader.listRuns({ format: 'table', path: file });
        assert.ok(Array.isArray(res.runs) && Array.isArray(res.errors), `${ext} #${i}`);
        for (const r of res.runs) assert.equal(typeof r.id, 'string');
        assert.equal(new Set(res.runs.map((r) => r.id)).size, res.runs.length, `${ext} #${i}: ids must be unique`);
      }
    }
  });
});
