// readTable on CSV / JSON / JSONL files: one run per row, metrics in summary, bad rows reported.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { RunInfo } from '../../../src/core/model';
import { previewTable, readTable } from '../../../src/core/sources/table/read-table';
import { tempDir } from '../../helpers/tmp';

const dir = tempDir();
let written = 0;
function write(name: string, text: string): string {
  const file = path.join(dir, String(++written), name);
  fs.mkdirSync(path.dirname(file));
  fs.writeFileSync(file, text);
  return file;
}

const byId = (runs: RunInfo[]) => new Map(runs.map((r) => [r.id, r]));

// SageMaker `ExperimentAnalytics(...).dataframe().to_csv()` with the problems real exports have.
const SAGEMAKER_CSV = [
  ',TrialComponentName,DisplayName,SourceArn,SageMaker.InstanceType,learning_rate,optimizer,train:loss - Min,train:loss - Max,train:loss - Last,train:loss - Count,validation:accuracy - Avg,validation:accuracy - Last,Trials,Experiments',
  "0,job-a-aws-training-job,Training,arn:aws:sagemaker:us-east-1:1:training-job/job-a,ml.p3.2xlarge,0.001,adam,0.10,2.5,0.12,100.0,0.80,0.91,['trial-a'],['cifar']",
  `1,job-b-aws-training-job,Training,arn:aws:sagemaker:us-east-1:1:training-job/job-b,ml.p3.2xlarge,0.01,"adam, amsgrad",0.20,NaN,inf,100.0,0.70,,['trial-b'],['cifar']`,
  "2,job-c-aws-training-job,Training,arn:aws:sagemaker:us-east-1:1:training-job/job-c,ml.p3.2xlarge,0.1,sgd,0.3,2.0,0.35,100.0,0.60,0.62,['trial-c'],['cifar'],EXTRA",
  '3,job-d-aws-training-job,Training,arn:aws:sagemaker:us-east-1:1:training-job/job-d,ml.p3.2xlarge,0.5,"sgd"x,0.3,2.0,0.35,100.0,0.60,0.62,[],[]',
  "4,job-e-aws-training-job,Eval,arn:aws:sagemaker:us-east-1:1:training-job/job-e,ml.p3.2xlarge,1.0,sgd,0.4,3.0,-inf,100.0,n/a,0.5,['trial-e'],['cifar-2']",
  '',
].join('\n');

describe('readTable: SageMaker CSV export', () => {
  it('makes one run per good row and reports the bad ones by line', async () => {
    const file = write('sagemaker.csv', SAGEMAKER_CSV);
    const { runs, errors } = await readTable(file);
    assert.deepEqual(runs.map((r) => r.id), ['job-a-aws-training-job', 'job-b-aws-training-job', 'job-e-aws-training-job']);
    const messages = errors.map((e) => e.message);
    assert.equal(errors.length, 2, messages.join('\n'));
    assert.match(messages.find((m) => m.startsWith('line 4:'))!, /16 fields where the header has 15/);
    assert.match(messages.find((m) => m.startsWith('line 5:'))!, /malformed CSV record/);
    assert.ok(errors.every((e) => e.path === file));
  });

  it('keeps params as written, metrics with NaN/inf, and collapses metric families', async () => {
    const runs = byId((await readTable(write('sagemaker.csv', SAGEMAKER_CSV))).runs);
    const a = runs.get('job-a-aws-training-job')!;
    assert.equal(a.format, 'table');
    assert.equal(a.name, 'Training');
    assert.equal(a.experiment, 'cifar');
    assert.equal(a.status, 'unknown');
    assert.deepEqual(a.params, { learning_rate: '0.001', optimizer: 'adam' });
    assert.equal(a.tags.SourceArn, 'arn:aws:sagemaker:us-east-1:1:training-job/job-a');
    assert.equal(a.summary!['train:loss - Min'], 0.1);
    assert.equal(a.summary!['train:loss'], 0.12); // Last stands for the family
    assert.equal(a.summary!['validation:accuracy'], 0.91);
    assert.deepEqual((a.extra!.metricFamilies as Record<string, Record<string, string>>)['train:loss'], {
      min: 'train:loss - Min',
      max: 'train:loss - Max',
      last: 'train:loss - Last',
      count: 'train:loss - Count',
    });

    const b = runs.get('job-b-aws-training-job')!;
    assert.equal(b.params.optimizer, 'adam, amsgrad');
    assert.ok(Number.isNaN(b.summary!['train:loss - Max']));
    assert.equal(b.summary!['train:loss - Last'], Infinity);
    assert.ok(!('validation:accuracy - Last' in b.summary!));
    assert.equal(b.summary!['validation:accuracy'], 0.7); // no Last: Avg stands in

    const e = runs.get('job-e-aws-training-job')!;
    assert.equal(e.summary!['train:loss - Last'], -Infinity);
    assert.equal(e.experiment, 'cifar-2');
    assert.deepEqual(e.warnings, ['validation:accuracy - Avg: "n/a" is not a number']);
  });

  it('follows a user mapping, guesses the columns it does not mention, and reports unknown columns', async () => {
    const file = write('sagemaker.csv', SAGEMAKER_CSV);
    const { runs, errors } = await readTable(file, {
      idColumn: 'SourceArn',
      nameColumn: 'TrialComponentName',
      paramColumns: ['SageMaker.InstanceType'],
      ignored: ['optimizer', 'no-such-column'],
    });
    const a = runs[0];
    assert.equal(a.id, 'arn:aws:sagemaker:us-east-1:1:training-job/job-a');
    assert.equal(a.name, 'job-a-aws-training-job');
    assert.deepEqual(a.params, { 'SageMaker.InstanceType': 'ml.p3.2xlarge', learning_rate: '0.001' });
    assert.ok(errors.some((e) => /no-such-column/.test(e.message)));
  });
});

describe('readTable: CSV details', () => {
  it('uses the row number as id, the file name as experiment, and reads ; separated files', async () => {
    const file = write('results.csv', 'lr;acc;status\n0,1;0,9;done\n0.2;0.8;failed\n');
    const { runs } = await readTable(file);
    assert.deepEqual(runs.map((r) => [r.id, r.experiment, r.status]), [
      ['row 2', 'results', 'finished'],
      ['row 3', 'results', 'failed'],
    ]);
    assert.equal(runs[1].summary!.acc, 0.8);
    assert.deepEqual(runs[0].warnings, ['acc: "0,9" is not a number']);
  });

  it('numbers duplicate ids apart and keeps quoted newlines and a BOM out of the way', async () => {
    const file = write('dups.csv', '\ufeffid,note,loss\nr1,"two\nlines",1\nr1,x,2\n');
    const { runs, errors } = await readTable(file, { idColumn: 'id' }); // the guess avoids a non-unique id
    assert.deepEqual(errors, []);
    assert.deepEqual(runs.map((r) => r.id), ['r1', 'r1 (line 4)']);
    assert.equal(runs[0].tags.note, 'two\nlines'); // a note describes, so it is a tag
    assert.match(runs[1].warnings![0], /repeats line 2/);
  });

  it('loses only the half-written last line of a file being written', async () => {
    const file = write('live.csv', 'run_id,loss\na,1\nb,2\nc,"3');
    const { runs, errors } = await readTable(file);
    assert.deepEqual(runs.map((r) => r.summary!.loss), [1, 2]);
    assert.match(errors[0].message, /^line 4: malformed CSV record/);
  });

  it('reads times and status from a pandas export', async () => {
    const file = write('t.csv', 'run_id,status,start_time,end_time,acc\nx,FINISHED,2024-01-01 10:00:00+00:00,1704103800,0.5\n');
    const [run] = (await readTable(file)).runs;
    assert.equal(run.status, 'finished');
    assert.equal(run.startTime, Date.UTC(2024, 0, 1, 10, 0, 0));
    assert.equal(run.endTime, 1704103800 * 1000);
  });
});

describe('readTable: JSON layouts', () => {
  const expectTwoRuns = (runs: RunInfo[]) => {
    assert.deepEqual(runs.map((r) => r.id), ['a', 'b']);
    assert.deepEqual(runs.map((r) => r.params.lr), ['0.1', '0.2']);
    assert.equal(runs[0].summary!.acc, 0.9);
    assert.ok(Number.isNaN(runs[1].summary!.acc));
  };
  const layouts: Record<string, string> = {
    records: '[{"run_id": "a", "lr": 0.1, "acc": 0.9}, {"run_id": "b", "lr": 0.2, "acc": NaN}]',
    split: '{"columns": ["run_id", "lr", "acc"], "index": [0, 1], "data": [["a", 0.1, 0.9], ["b", 0.2, NaN]]}',
    columns: '{"run_id": {"0": "a", "1": "b"}, "lr": {"0": 0.1, "1": 0.2}, "acc": {"0": 0.9, "1": NaN}}',
    index: '{"0": {"run_id": "a", "lr": 0.1, "acc": 0.9}, "1": {"run_id": "b", "lr": 0.2, "acc": NaN}}',
    table: '{"schema": {"fields": []}, "data": [{"run_id": "a", "lr": 0.1, "acc": 0.9}, {"run_id": "b", "lr": 0.2, "acc": NaN}]}',
    lists: '{"run_id": ["a", "b"], "lr": [0.1, 0.2], "acc": [0.9, NaN]}',
    wrapped: '{"runs": [{"run_id": "a", "lr": 0.1, "acc": 0.9}, {"run_id": "b", "lr": 0.2, "acc": NaN}]}',
  };
  for (const [layout, text] of Object.entries(layouts)) {
    it(`reads the ${layout} layout`, async () => {
      const { runs, errors } = await readTable(write(`${layout}.json`, text));
      assert.deepEqual(errors, []);
      expectTwoRuns(runs);
    });
  }

  it('flattens nested objects and strips role prefixes from keys', async () => {
    const text = JSON.stringify([
      { id: 'r1', config: { lr: 0.1, model: { depth: 4 } }, summary: { 'val/acc': 0.8 }, tags: ['x'] },
      { id: 'r2', config: { lr: 0.3, model: { depth: 8 } }, summary: { 'val/acc': 0.7 }, tags: [] },
    ]);
    const [r1] = (await readTable(write('wandb.json', text))).runs;
    assert.deepEqual(r1.params, { lr: '0.1', 'model.depth': '4', tags: '["x"]' });
    assert.deepEqual(r1.summary, { 'val/acc': 0.8 });
  });

  it('reports items that are not rows and a truncated file', async () => {
    const mixed = await readTable(write('mixed.json', '[{"id": "a", "loss": 1}, 3, {"id": "b", "loss": 2}]'));
    assert.deepEqual(mixed.runs.map((r) => r.id), ['a', 'b']);
    assert.match(mixed.errors[0].message, /item 2 is not an object/);
    const cut = await readTable(write('cut.json', '[{"id": "a", "loss": 1}, {"id": "b", "lo'));
    assert.equal(cut.runs.length, 0);
    assert.match(cut.errors[0].message, /invalid JSON/);
    const split = await readTable(write('split.json', '{"columns": ["id", "loss"], "data": [["a", 1], ["b"]]}'));
    assert.deepEqual(split.runs.map((r) => r.id), ['a']);
    assert.match(split.errors[0].message, /row 2 has 1 values for 2 columns/);
  });
});

describe('readTable: JSON Lines', () => {
  it('reads good lines and reports bad, non-object and truncated ones', async () => {
    const text = ['{"id": "a", "loss": 1.5, "lr": 0.1}', '', 'not json', '[1, 2]', '{"id": "b", "loss": Infinity, "lr": 0.2}', '{"id": "c", "lo'].join('\n');
    const { runs, errors } = await readTable(write('runs.jsonl', text));
    assert.deepEqual(runs.map((r) => [r.id, r.summary!.loss]), [
      ['a', 1.5],
      ['b', Infinity],
    ]);
    assert.deepEqual(errors.map((e) => e.message), [
      'line 3: invalid JSON',
      'line 4: line is not a JSON object',
      'line 6: invalid JSON (last line truncated?)',
    ]);
  });
});

describe('previewTable', () => {
  it('returns header, first rows, the guess and problems for the picker', async () => {
    const preview = await previewTable(write('sagemaker.csv', SAGEMAKER_CSV), 2);
    assert.ok(typeof preview !== 'string');
    assert.equal(preview.header[1], 'TrialComponentName');
    assert.equal(preview.sampleRows.length, 2);
    assert.equal(preview.guessed.idColumn, 'TrialComponentName');
    assert.equal(preview.problems.length, 1); // the malformed record; column counts are checked when reading
  });
});

describe('parseCsvText fast path', () => {
  it('splits exactly as csv-parse does on well-formed CSV with quotes, escapes and embedded newlines', async () => {
    const { parse } = await import('csv-parse/sync');
    const { parseCsvText } = await import('../../../src/core/sources/table/parse-csv');
    let seed = 99;
    const rand = () => ((seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff);
    const pieces = ['a', 'b c', ',', '"', '""', '\n', ' ', '1.5', 'NaN', '', 'é', ';'];
    const quote = (v: string) => (/[",\n]/.test(v) || rand() < 0.2 ? `"${v.replace(/"/g, '""')}"` : v);
    for (let t = 0; t < 200; t++) {
      const cols = 1 + Math.floor(rand() * 5);
      const rows: string[][] = [];
      for (let r = 0; r < 1 + Math.floor(rand() * 6); r++) {
        rows.push(Array.from({ length: cols }, () => Array.from({ length: Math.floor(rand() * 4) }, () => pieces[Math.floor(rand() * pieces.length)]).join('')));
      }
      const header = Array.from({ length: cols }, (_, i) => `c${i}`);
      const text = [header, ...rows].map((row) => row.map(quote).join(',')).join('\n') + '\n';
      const expected = (parse(text, { relax_column_count: true, skip_empty_lines: true }) as string[][]).slice(1);
      const ours = parseCsvText(text);
      assert.deepEqual(ours.problems, [], text);
      assert.deepEqual(ours.rows.map((r) => r.cells), expected, text);
    }
  });
});
