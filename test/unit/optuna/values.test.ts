import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { bestTrialNumbers } from '../../../src/core/sources/optuna/best';
import { attributeText, decodeStoredValue, paramText, parseOptunaDatetime, trialStatus } from '../../../src/core/sources/optuna/values';

describe('optuna value decoding', () => {
  it('maps value types (v3+) and clipped float32 max / NULL (older) to ±inf / NaN', () => {
    assert.equal(decodeStoredValue(null, 'INF_POS'), Infinity);
    assert.equal(decodeStoredValue(null, 'INF_NEG'), -Infinity);
    assert.ok(Number.isNaN(decodeStoredValue(null, 'NAN')));
    assert.equal(decodeStoredValue(0.25, 'FINITE'), 0.25);
    assert.equal(decodeStoredValue(3.4028234663852886e38), Infinity);
    assert.equal(decodeStoredValue(-3.4028234663852886e38), -Infinity);
    assert.equal(decodeStoredValue(3.4028e38), Infinity); // within numpy.isclose of float32 max
    assert.equal(decodeStoredValue(1e30), 1e30);
    assert.equal(decodeStoredValue(1.7976931348623157e308), 1.7976931348623157e308);
    assert.ok(Number.isNaN(decodeStoredValue(null)));
    // a value_type column says FINITE: a huge finite value stays as it is
    assert.equal(decodeStoredValue(3.4028234663852886e38, 'FINITE'), 3.4028234663852886e38);
  });

  it('prints params from their internal representation', () => {
    const cat = { name: 'CategoricalDistribution', attributes: { choices: ['a', 1, 2.5, true, false, null] } };
    assert.deepEqual([0, 1, 2, 3, 4, 5].map((i) => paramText(i, cat).text), ['a', '1', '2.5', 'True', 'False', 'None']);
    assert.match(paramText(6, cat).problem!, /outside/);
    assert.equal(paramText(7.0, { name: 'IntDistribution', attributes: {} }).text, '7');
    assert.equal(paramText(7.0, { name: 'IntLogUniformDistribution', attributes: {} }).text, '7');
    assert.equal(paramText(1e-5, { name: 'FloatDistribution', attributes: {} }).text, '0.00001');
    assert.equal(paramText(0.1, undefined).text, '0.1');
    assert.equal(paramText(null, undefined).text, 'nan');
  });

  it('unwraps JSON string attributes and keeps other JSON as text', () => {
    assert.equal(attributeText('"hello"'), 'hello');
    assert.equal(attributeText('[1, 2]'), '[1, 2]');
    assert.equal(attributeText('NaN'), 'NaN');
    assert.equal(attributeText('{broken'), '{broken');
    assert.equal(attributeText(null), '');
  });

  it('parses naive datetimes as local time, with microseconds', () => {
    assert.equal(parseOptunaDatetime('2024-01-02 03:04:05.123456'), new Date(2024, 0, 2, 3, 4, 5).getTime() + 123.456);
    assert.equal(parseOptunaDatetime('2024-01-02 03:04:05'), new Date(2024, 0, 2, 3, 4, 5).getTime());
    assert.equal(parseOptunaDatetime('2024-01-02T03:04:05Z'), Date.UTC(2024, 0, 2, 3, 4, 5));
    assert.equal(parseOptunaDatetime('2024-01-02 03:04:05+0200'), Date.UTC(2024, 0, 2, 1, 4, 5));
    assert.equal(parseOptunaDatetime(null), undefined);
    assert.equal(parseOptunaDatetime('yesterday'), undefined);
  });

  it('maps trial states to run statuses', () => {
    assert.deepEqual(
      ['COMPLETE', 'PRUNED', 'FAIL', 'RUNNING', 'WAITING', 'SOMETHING'].map(trialStatus),
      ['finished', 'pruned', 'failed', 'running', 'scheduled', 'unknown'],
    );
  });
});

describe('optuna best trials', () => {
  const t = (number: number, values: number[], complete = true) => ({ number, values, complete });
  it('picks the first best complete trial for one objective, by direction', () => {
    const trials = [t(0, [3]), t(1, [1]), t(2, [1]), t(3, [0], false), t(4, [5])];
    assert.deepEqual([...bestTrialNumbers(trials, ['minimize'])], [1]);
    assert.deepEqual([...bestTrialNumbers(trials, ['maximize'])], [4]);
    assert.deepEqual([...bestTrialNumbers([t(0, [1]), t(1, [Infinity])], ['maximize'])], [1]);
    assert.deepEqual([...bestTrialNumbers([t(0, [NaN])], ['minimize'])], []);
    assert.deepEqual([...bestTrialNumbers([], ['minimize'])], []);
  });

  it('returns the Pareto front for several objectives', () => {
    const trials = [t(0, [1, 1]), t(1, [2, 3]), t(2, [2, 2]), t(3, [0, 0]), t(4, [1, 1])];
    // minimise first, maximise second: 1 (2,3) and 4/0 (1,1) and 3 (0,0) are not dominated; 2 is by 1
    assert.deepEqual([...bestTrialNumbers(trials, ['minimize', 'maximize'])].sort(), [0, 1, 3, 4]);
    assert.deepEqual([...bestTrialNumbers(trials, ['minimize', 'minimize'])].sort(), [3]);
  });
});
