import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { completeMapping, guessTableMapping } from '../../../src/core/sources/table/guess-mapping';
import { isMetricName, nameTokens, prefixRole } from '../../../src/core/sources/table/column-names';

describe('table column names', () => {
  it('splits names into words and recognises metric-ish names', () => {
    assert.deepEqual(nameTokens('validation:accuracy - Avg'), ['validation', 'accuracy', 'avg']);
    assert.deepEqual(nameTokens('trainLoss'), ['train', 'loss']);
    for (const n of ['loss', 'val_acc', 'eval/f1', 'train:mse', 'score', 'top5', 'mAP50', 'throughput - Max', 'value', 'values_1']) {
      assert.ok(isMetricName(n), n);
    }
    for (const n of ['learning_rate', 'train_batch_size', 'num_train_epochs', 'optimizer', 'max_depth', 'seed', 'warmup_ratio']) {
      assert.ok(!isMetricName(n), n);
    }
  });

  it('reads role prefixes of exported dataframes', () => {
    assert.deepEqual(prefixRole('params.lr'), { role: 'param', key: 'lr' });
    assert.deepEqual(prefixRole('params_lr'), { role: 'param', key: 'lr' });
    assert.deepEqual(prefixRole('metrics.val/acc'), { role: 'metric', key: 'val/acc' });
    assert.deepEqual(prefixRole('tags.mlflow.source.name'), { role: 'tag', key: 'mlflow.source.name' });
    assert.deepEqual(prefixRole('user_attrs_note'), { role: 'tag', key: 'note' });
    assert.equal(prefixRole('parameters'), undefined);
    assert.equal(prefixRole('params.'), undefined);
  });
});

describe('guessTableMapping', () => {
  it('reads a SageMaker ExperimentAnalytics dataframe', () => {
    const header = [
      '',
      'TrialComponentName',
      'DisplayName',
      'SourceArn',
      'SageMaker.ImageUri',
      'SageMaker.InstanceType',
      'batch-size',
      'learning_rate',
      'optimizer',
      'train:loss - Min',
      'train:loss - Last',
      'validation:accuracy - Max',
      'validation:accuracy - Count',
      'train - MediaType',
      'train - Value',
      'Trials',
      'Experiments',
    ];
    const row = (i: number, lr: string, opt: string) => [
      String(i),
      `job-${i}-aws-training-job`,
      'Training',
      `arn:aws:sagemaker:us-east-1:1:training-job/job-${i}`,
      '7631.dkr.ecr.us-east-1.amazonaws.com/pytorch:2.0',
      'ml.p3.2xlarge',
      '64',
      lr,
      opt,
      '0.1',
      '0.2',
      '0.9',
      '10',
      'text/csv',
      `s3://bucket/run-${i}/train`,
      `['trial-${i}']`,
      "['cifar']",
    ];
    const m = guessTableMapping(header, [row(0, '0.001', 'adam'), row(1, '0.01', 'sgd'), row(2, '0.1', 'adam')]);
    assert.equal(m.idColumn, 'TrialComponentName');
    assert.equal(m.nameColumn, 'DisplayName');
    assert.equal(m.experimentColumn, 'Experiments');
    assert.deepEqual(m.paramColumns, ['learning_rate', 'optimizer']);
    assert.deepEqual(m.metricColumns, ['train:loss - Min', 'train:loss - Last', 'validation:accuracy - Max', 'validation:accuracy - Count']);
    assert.deepEqual(m.tagColumns, ['SourceArn', 'train - Value', 'Trials']);
    // constant in every row: nothing to compare on
    assert.deepEqual(m.ignored.sort(), ['', 'SageMaker.ImageUri', 'SageMaker.InstanceType', 'batch-size', 'train - MediaType'].sort());
  });

  it('reads an MLflow search_runs dataframe', () => {
    const header = ['run_id', 'experiment_id', 'status', 'artifact_uri', 'start_time', 'end_time', 'metrics.acc', 'params.lr', 'tags.mlflow.runName'];
    const rows = [
      ['a1', '0', 'FINISHED', 'file:///m/0/a1/artifacts', '2024-01-01 10:00:00+00:00', '2024-01-01 10:10:00+00:00', '0.9', '0.1', 'brave-fox'],
      ['b2', '0', 'FAILED', 'file:///m/0/b2/artifacts', '2024-01-02 10:00:00+00:00', '', '', '0.01', 'calm-owl'],
    ];
    const m = guessTableMapping(header, rows);
    assert.equal(m.idColumn, 'run_id');
    assert.equal(m.statusColumn, 'status');
    assert.equal(m.startTimeColumn, 'start_time');
    assert.equal(m.endTimeColumn, 'end_time');
    assert.equal(m.nameColumn, undefined); // tags.mlflow.runName is a prefixed tag column
    assert.deepEqual(m.metricColumns, ['metrics.acc']);
    assert.deepEqual(m.paramColumns, ['params.lr']);
    assert.deepEqual(m.tagColumns, ['artifact_uri', 'tags.mlflow.runName']);
    assert.deepEqual(m.ignored, ['experiment_id']);
  });

  it('reads an Optuna trials_dataframe', () => {
    const header = ['number', 'value', 'datetime_start', 'datetime_complete', 'duration', 'params_x', 'user_attrs_note', 'state'];
    const rows = [
      ['0', '1.5', '2024-01-01 10:00:00.1', '2024-01-01 10:00:01.1', '0 days 00:00:01', '0.3', 'a', 'COMPLETE'],
      ['1', 'nan', '2024-01-01 10:00:02.1', '', '', '0.7', 'b', 'PRUNED'],
    ];
    const m = guessTableMapping(header, rows);
    assert.equal(m.idColumn, 'number');
    assert.equal(m.statusColumn, 'state');
    assert.equal(m.startTimeColumn, 'datetime_start');
    assert.equal(m.endTimeColumn, 'datetime_complete');
    assert.deepEqual(m.metricColumns, ['value']);
    assert.deepEqual(m.paramColumns, ['params_x']);
    assert.deepEqual(m.tagColumns, ['duration', 'user_attrs_note']);
  });

  it('keeps constant metrics, ignores constant and empty params, and treats text named like a metric as a param', () => {
    const m = guessTableMapping(
      ['seed', 'loss_fn', 'acc', 'empty', 'lr'],
      [
        ['1', 'mse', '0.5', '', '0.1'],
        ['1', 'huber', '0.5', '', '0.2'],
      ],
    );
    assert.deepEqual(m.metricColumns, ['acc']);
    assert.deepEqual(m.paramColumns, ['loss_fn', 'lr']);
    assert.deepEqual(m.ignored.sort(), ['empty', 'seed']);
    assert.equal(m.idColumn, undefined);
  });

  it('takes an id only when its sampled values are present and distinct', () => {
    assert.equal(guessTableMapping(['id', 'x'], [['a', '1'], ['a', '2']]).idColumn, undefined);
    assert.equal(guessTableMapping(['id', 'x'], [['a', '1'], ['', '2']]).idColumn, undefined);
    assert.equal(guessTableMapping(['run', 'id'], [['r1', '1'], ['r2', '2']]).idColumn, 'id');
  });
});

describe('completeMapping', () => {
  const guessed = guessTableMapping(['run_id', 'lr', 'acc', 'new_param'], [['a', '0.1', '0.5', 'x'], ['b', '0.2', '0.6', 'y']]);

  it('lets the user decide the columns it names and guesses the rest', () => {
    const m = completeMapping({ idColumn: 'lr', metricColumns: ['acc'], ignored: [] }, guessed);
    assert.equal(m.idColumn, 'lr');
    assert.deepEqual(m.metricColumns, ['acc']);
    assert.deepEqual(m.paramColumns, ['new_param']);
    assert.deepEqual(m.tagColumns, ['run_id']); // the guessed id the user replaced stays visible
  });

  it('moves a column the user lists elsewhere out of the guess', () => {
    const m = completeMapping({ paramColumns: ['acc'], ignored: ['new_param'] }, guessed);
    assert.equal(m.idColumn, 'run_id');
    assert.deepEqual(m.paramColumns, ['acc', 'lr']);
    assert.deepEqual(m.metricColumns, []);
    assert.deepEqual(m.ignored, ['new_param']);
  });
});
