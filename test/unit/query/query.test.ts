import { test } from 'node:test';
import assert from 'node:assert/strict';
import { filterRuns, parseQuery, tokenize, type QueryRun } from '../../../src/core/query';

function run(name: string, params: Record<string, string>, extra: Partial<QueryRun> = {}): QueryRun {
  return { name, id: name.replace(/\W/g, '') + 'abcdef', status: 'finished', experiment: 'xner sweep', format: 'mlflow-file', params, tags: {}, ...extra };
}

const RUNS: QueryRun[] = [
  run('xlmr-lr1e-5-seed1', { lr: '1e-05', seed: '1' }),
  run('xlmr-lr3e-5-seed1', { lr: '3e-05', seed: '1' }),
  run('xlmr-lr3e-5-seed2', { lr: '3e-05', seed: '2' }, { tags: { 'mlflow.user': 'bot' } }),
  run('xlmr-lr1e-4-seed3', { lr: '0.0001', seed: '3' }, { status: 'failed', metrics: { f1_en: NaN } }),
  run('mbert-lr3e-5-seed4', { lr: '3e-05', seed: '4', use_fp16: 'True' }, { experiment: 'xner-sweep-mbert', summary: { train_runtime: 812.5 }, metrics: { f1_en: 0.81 } }),
];

function names(query: string): string[] {
  const r = filterRuns(query, RUNS);
  assert.ok(r.ok, r.ok ? '' : r.message);
  return r.runs.map((x) => x.name);
}

test('the example from the issue: numeric params, built-ins, contains and a quoted experiment', () => {
  assert.deepEqual(names('lr=3e-5 seed>1 status=finished name~xlmr experiment="xner sweep"'), ['xlmr-lr3e-5-seed2']);
});

test('numbers compare as numbers whatever their spelling; text ignores case', () => {
  assert.deepEqual(names('lr=0.0001'), ['xlmr-lr1e-4-seed3']);
  assert.deepEqual(names('lr=1e-4'), ['xlmr-lr1e-4-seed3']);
  assert.deepEqual(names('lr<3e-5'), ['xlmr-lr1e-5-seed1']);
  assert.deepEqual(names('lr>=3e-5 seed<=2'), ['xlmr-lr3e-5-seed1', 'xlmr-lr3e-5-seed2']);
  assert.deepEqual(names('status=FAILED'), ['xlmr-lr1e-4-seed3']);
  assert.deepEqual(names('use_fp16=true'), ['mbert-lr3e-5-seed4']);
});

test('and / or / not, symbols and keywords, parentheses and precedence (and binds tighter)', () => {
  assert.deepEqual(names('seed=1 or seed=4 and lr=3e-5'), ['xlmr-lr1e-5-seed1', 'xlmr-lr3e-5-seed1', 'mbert-lr3e-5-seed4']);
  assert.deepEqual(names('(seed=1 or seed=4) and lr=3e-5'), ['xlmr-lr3e-5-seed1', 'mbert-lr3e-5-seed4']);
  assert.deepEqual(names('(seed=1 || seed=4) && !(lr=3e-5)'), ['xlmr-lr1e-5-seed1']);
  assert.deepEqual(names('not name~xlmr'), ['mbert-lr3e-5-seed4']);
  assert.deepEqual(names('NOT not seed=2'), ['xlmr-lr3e-5-seed2']);
});

test('scoped fields: params., tags., summary., metrics.; missing fields only satisfy != and !~', () => {
  assert.deepEqual(names('tags.mlflow.user=bot'), ['xlmr-lr3e-5-seed2']);
  assert.deepEqual(names('mlflow.user!=bot').length, 4);
  assert.deepEqual(names('summary.train_runtime>800'), ['mbert-lr3e-5-seed4']);
  assert.deepEqual(names('train_runtime>800'), ['mbert-lr3e-5-seed4']);
  assert.deepEqual(names('metrics.f1_en>=0.8'), ['mbert-lr3e-5-seed4']);
  assert.deepEqual(names('f1_en=nan'), ['xlmr-lr1e-4-seed3'], 'a NaN metric is findable');
  assert.deepEqual(names('p.seed=4'), ['mbert-lr3e-5-seed4']);
  assert.deepEqual(names('params.status=finished'), [], 'params.status is a param, not the run status');
  assert.deepEqual(names('use_fp16=*'), ['mbert-lr3e-5-seed4']);
  assert.deepEqual(names('use_fp16!=*').length, 4);
});

test('in lists, regular expressions and bare words', () => {
  assert.deepEqual(names('seed in (2, 3)'), ['xlmr-lr3e-5-seed2', 'xlmr-lr1e-4-seed3']);
  assert.deepEqual(names('name~/seed[12]$/'), ['xlmr-lr1e-5-seed1', 'xlmr-lr3e-5-seed1', 'xlmr-lr3e-5-seed2']);
  assert.deepEqual(names('name!~/^XLMR/i'), ['mbert-lr3e-5-seed4']);
  assert.deepEqual(names('mbert'), ['mbert-lr3e-5-seed4']);
  assert.deepEqual(names('"sweep-mbert"'), ['mbert-lr3e-5-seed4'], 'bare text also matches the experiment');
  assert.equal(names('').length, 5);
  assert.equal(names('   ').length, 5);
});

test('errors say what is wrong and where (0-based span, 1-based position in the text)', () => {
  const cases: Array<[string, RegExp, number]> = [
    ['lr=', /expected a value after '=' at 3/, 3],
    ['(seed=1 or lr=2', /missing '\)' for the '\(' at 1/, 0],
    ['seed=1)', /unexpected '\)' at 7/, 6],
    ['name="xlmr', /unclosed double quote starting at 6/, 5],
    ['seed=1 & lr=2', /'&' at 8: write '&&' or 'and'/, 7],
    ['name~/seed[/', /invalid regular expression at 6/, 5],
    ['seed in 1', /expected '\(' after 'in'/, 8],
    ['seed in (1 2)', /expected ',' or '\)'/, 11],
    ['()', /empty parentheses at 1/, 0],
    ['= 3', /expected a field or a word, found '=' at 1/, 0],
    ['seed=1 or', /found the end of the query/, 9],
  ];
  for (const [q, message, start] of cases) {
    const r = parseQuery(q);
    assert.equal(r.ok, false, q);
    if (r.ok) continue;
    assert.match(r.error.message, message, q);
    assert.equal(r.error.start, start, `${q}: start`);
    assert.ok(r.error.end >= r.error.start, `${q}: end`);
  }
  const f = filterRuns('lr>', RUNS);
  assert.equal(f.ok, false);
});

test('the tokenizer keeps spans and resolves escapes in strings', () => {
  const t = tokenize(`experiment = "a \\"b\\"" && x!=1`);
  assert.deepEqual(
    t.map((x) => [x.kind, x.text, x.start]),
    [
      ['word', 'experiment', 0],
      ['op', '=', 11],
      ['string', 'a "b"', 13],
      ['and', '&&', 23],
      ['word', 'x', 26],
      ['op', '!=', 27],
      ['word', '1', 29],
      ['end', '', 30],
    ],
  );
});
