import assert from 'node:assert/strict';
import { test } from 'node:test';
import { findTrackingCalls, hyperparamAt } from '../../../src/host/codelens/python-calls';

const SRC = `import mlflow
import wandb
from torch.utils.tensorboard import SummaryWriter
import lightning.pytorch as pl

def train(learning_rate=1e-3, batch_size=32, use_amp=True, tag=None):
    # Trainer( in a comment is not a call
    note = "wandb.init( in a string is not a call either"
    with mlflow.start_run(run_name="x"):
        mlflow.log_metric("loss", 0.5, step=1)
    run = wandb.init(project="p", config={"lr": 3e-4, 'wd': -0.01})
    writer = SummaryWriter(log_dir="runs/a")
    trainer = pl.Trainer(max_epochs=-1)
    args = TrainingArguments(output_dir="out", learning_rate=2e-5)
    t = transformers.Trainer(model=m, args=args)
    lr = 5e-4
    lr += 1
    Run(repo=".")
`;

test('finds tracking calls and nothing in comments or strings', () => {
  const calls = findTrackingCalls(SRC);
  assert.deepEqual(calls.map((c) => c.callee), ['mlflow.start_run', 'mlflow.log_metric', 'wandb.init', 'SummaryWriter', 'pl.Trainer', 'TrainingArguments', 'transformers.Trainer']);
  assert.deepEqual(calls.map((c) => c.tracker), ['mlflow', 'mlflow', 'wandb', 'tensorboard', 'lightning', 'transformers', 'transformers']);
});

test('a bare Run( counts only when the file imports aim', () => {
  assert.ok(!findTrackingCalls(SRC).some((c) => c.callee === 'Run'));
  const withAim = 'from aim import Run\nrun = Run(experiment="e")\nother.Run()\n';
  assert.deepEqual(findTrackingCalls(withAim).map((c) => c.callee), ['Run']);
  assert.deepEqual(findTrackingCalls('import aim\nr = aim.Run()\n').map((c) => c.callee), ['aim.Run']);
});

test('call offsets cover the call expression', () => {
  const [call] = findTrackingCalls('x = 1\nrun = wandb.init(project="p")\n');
  assert.equal('x = 1\nrun = wandb.init(project="p")\n'.slice(call.from, call.to), 'wandb.init(project="p")');
});

function at(needle: string, delta = 0) {
  const i = SRC.indexOf(needle);
  assert.ok(i >= 0, needle);
  return hyperparamAt(SRC, i + delta);
}

test('hover target: keyword argument literal, on the literal or on the name', () => {
  assert.deepEqual(at('learning_rate=2e-5', 15), { name: 'learning_rate', literal: '2e-5', from: SRC.indexOf('learning_rate=2e-5'), to: SRC.indexOf('learning_rate=2e-5') + 18 });
  assert.equal(at('learning_rate=2e-5', 2)?.literal, '2e-5');
});

test('hover target: defaults, negative numbers, booleans, None, dict keys, plain assignments', () => {
  assert.equal(at('learning_rate=1e-3', 15)?.literal, '1e-3');
  assert.equal(at('use_amp=True', 9)?.literal, 'True');
  assert.equal(at('tag=None', 5)?.literal, 'None');
  assert.deepEqual(
    [at('max_epochs=-1', 12)?.name, at('max_epochs=-1', 12)?.literal],
    ['max_epochs', '-1'],
  );
  assert.deepEqual([at('"lr": 3e-4', 7)?.name, at('"lr": 3e-4', 7)?.literal], ['lr', '3e-4']);
  assert.deepEqual([at("'wd': -0.01", 8)?.name, at("'wd': -0.01", 8)?.literal], ['wd', '-0.01']);
  assert.deepEqual([at('lr = 5e-4', 6)?.name, at('lr = 5e-4', 6)?.literal], ['lr', '5e-4']);
});

test('hover targets only literals bound to a name: not variables, augmented assignments, positional args or strings in calls', () => {
  assert.equal(at('step=1)', 5)?.name, 'step', 'a keyword with a literal is a target');
  assert.equal(at('model=m', 6), undefined, 'a keyword bound to a variable is not');
  assert.equal(at('lr += 1', 6), undefined);
  assert.equal(at('"loss", 0.5', 8), undefined);
  assert.equal(at('# Trainer(', 3), undefined);
  assert.equal(hyperparamAt('f(x=y)\n', 4), undefined);
});
