import assert from 'node:assert/strict';
import { test } from 'node:test';
import { declaredObjectiveOfRun, declaredObjectivesInScript, hfGoal, objectiveKeyCandidates } from '../../../src/core/runs/declared-objective';

const only = (text: string) => declaredObjectivesInScript(text).map(({ metric, goal }) => `${goal}:${metric}`);

test('Hugging Face: metric_for_best_model with greater_is_better, or the Trainer\'s own default', () => {
  assert.deepEqual(only('args = TrainingArguments("out", metric_for_best_model="f1_en")'), ['max:f1_en']);
  assert.deepEqual(only('args = TrainingArguments("out", metric_for_best_model="eval_loss")'), ['min:eval_loss']);
  assert.deepEqual(only('args = Seq2SeqTrainingArguments(metric_for_best_model="wer", greater_is_better=False)'), ['min:wer']);
  assert.deepEqual(only('METRIC = "bleu"\nHIGHER = True\nargs = transformers.TrainingArguments(metric_for_best_model=METRIC, greater_is_better=HIGHER)'), ['max:bleu']);
  assert.deepEqual(only('def main():\n    args = TrainingArguments(output_dir="o", metric_for_best_model=\'accuracy\')\n'), ['max:accuracy'], 'inside a function too');
  assert.deepEqual(only('config = {"metric_for_best_model": "rouge1", "greater_is_better": True}\nargs = TrainingArguments(**config)'), ['max:rouge1'], 'a settings dict');
  assert.equal(hfGoal('train_loss'), 'min');
  assert.equal(hfGoal('f1'), 'max');
});

test('comments and strings that merely mention the settings declare nothing', () => {
  assert.deepEqual(only('# TrainingArguments(metric_for_best_model="f1")\ndoc = "ModelCheckpoint(monitor=\'val_acc\', mode=\'max\')"\n'), []);
  assert.deepEqual(only('args = TrainingArguments(metric_for_best_model=None)'), []);
});

test('Lightning: ModelCheckpoint / EarlyStopping monitor and mode (mode defaults to min)', () => {
  assert.deepEqual(only('ckpt = ModelCheckpoint(dirpath="ckpts", monitor="val_f1", mode="max")'), ['max:val_f1']);
  assert.deepEqual(only('from lightning.pytorch.callbacks import ModelCheckpoint\ncb = L.pytorch.callbacks.ModelCheckpoint(monitor="val_loss")'), ['min:val_loss']);
  assert.deepEqual(only('stop = EarlyStopping("val_acc", patience=3, mode="max")'), ['max:val_acc']);
  assert.deepEqual(only('ckpt = ModelCheckpoint("ckpts")'), [], 'no monitor: only the last checkpoint is kept, no objective');
});

test('Optuna: create_study direction (default minimize), directions list, StudyDirection, metric names', () => {
  assert.deepEqual(only('study = optuna.create_study(direction="maximize")'), ['max:value']);
  assert.deepEqual(only('study = optuna.create_study(study_name="s")'), ['min:value']);
  assert.deepEqual(only('study = optuna.create_study(directions=["maximize", "minimize"])'), ['max:value']);
  assert.deepEqual(only('study = optuna.create_study(direction=optuna.study.StudyDirection.MAXIMIZE)'), ['max:value']);
  assert.deepEqual(only('study = optuna.create_study(direction="maximize")\nstudy.set_metric_names(["f1"])'), ['max:f1']);
});

test('declarations come in source order', () => {
  const text = 'cb = ModelCheckpoint(monitor="val_loss")\nargs = TrainingArguments(metric_for_best_model="f1")\n';
  assert.deepEqual(declaredObjectivesInScript(text).map((d) => d.via), ['ModelCheckpoint(monitor=…)', 'metric_for_best_model']);
});

test("what a run recorded: Trainer args as params (flat or prefixed), Optuna directions, Lightning monitor/mode", () => {
  assert.deepEqual(declaredObjectiveOfRun({ format: 'wandb', params: { metric_for_best_model: 'f1_en', greater_is_better: 'True' } }), { metric: 'f1_en', goal: 'max', via: 'metric_for_best_model' });
  assert.deepEqual(declaredObjectiveOfRun({ format: 'tensorboard', params: { 'args/metric_for_best_model': 'loss' } })?.goal, 'min');
  assert.deepEqual(declaredObjectiveOfRun({ format: 'mlflow-file', params: { 'args.metric_for_best_model': 'acc', 'args.greater_is_better': 'false' } })?.goal, 'min');
  assert.equal(declaredObjectiveOfRun({ format: 'mlflow-file', params: { metric_for_best_model: 'None' } }), undefined);
  assert.deepEqual(declaredObjectiveOfRun({ format: 'optuna', params: {}, extra: { directions: ['maximize'], objectives: ['accuracy'] } }), { metric: 'accuracy', goal: 'max', via: 'Optuna study direction' });
  assert.deepEqual(declaredObjectiveOfRun({ format: 'lightning-csv', params: { 'trainer.callbacks.0.init_args.monitor': 'val_f1', 'trainer.callbacks.0.init_args.mode': 'max' } })?.metric, 'val_f1');
  assert.equal(declaredObjectiveOfRun({ format: 'lightning-csv', params: { monitor: 'val_f1' } }), undefined, 'a monitor without a mode says nothing about the direction');
});

test('key candidates: as written, with the eval_ prefix and the eval/ namespace', () => {
  assert.deepEqual(objectiveKeyCandidates('f1_en'), ['f1_en', 'eval_f1_en', 'eval/f1_en']);
  assert.deepEqual(objectiveKeyCandidates('eval_loss'), ['eval_loss', 'eval/loss']);
});

test("a Trainer folder's best_metric names the eval metric it belongs to and the direction", () => {
  const s = (key: string, min: number, max: number) => ({ key, context: {}, min, max });
  // The Whisper fine-tune of the corpus: best_metric 0.7431… is the lowest eval_wer, not anything about eval_loss.
  const whisper = { format: 'hf-trainer' as const, params: {}, extra: { best_metric: 0.7431560204762965 }, series: [s('eval_loss', 0.321, 0.42), s('eval_wer', 0.7431560204762965, 0.7887), s('eval_runtime', 0.7431560204762965, 1728)] };
  assert.deepEqual(declaredObjectiveOfRun(whisper), { metric: 'eval_wer', goal: 'min', via: 'best_metric in trainer_state.json' });
  assert.equal(declaredObjectiveOfRun({ ...whisper, extra: { best_metric: 0.7887 } })?.goal, 'max');
  // One evaluation (min = max): the Trainer's default direction for the name.
  assert.deepEqual(declaredObjectiveOfRun({ ...whisper, extra: { best_metric: 0.5 }, series: [s('eval_loss', 0.5, 0.5)] })?.goal, 'min');
  // Two metrics with the same value: no declaration rather than a coin toss.
  assert.equal(declaredObjectiveOfRun({ ...whisper, extra: { best_metric: 0.8 }, series: [s('eval_accuracy', 0.8, 0.8), s('eval_f1', 0.8, 0.8)] }), undefined);
  assert.equal(declaredObjectiveOfRun({ ...whisper, extra: { best_metric: null } }), undefined);
  assert.equal(declaredObjectiveOfRun({ ...whisper, extra: { best_metric: 0.1 } }), undefined, 'a value no eval metric reached');
});
