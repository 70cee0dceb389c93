// Which curve rules apply to which series, from its key and context: the loss rules to losses, the shape rules to
// evaluation metrics, nothing to schedules and system stats (a decaying learning rate is not "train loss increasing"
// nor a plateau). The direction comes from metricGoal (the same logic as the Runs table's `best`).
import type { SeriesRef } from '../model';

export type SeriesRole = 'train-loss' | 'loss' | 'eval' | 'other';

const LOSS = /loss|nll|perplexity|ppl/i;
const QUALITY = /loss|acc|accuracy|f1|bleu|rouge|auc|map|iou|score|perplexity|ppl|wer|cer|exact_match|precision|recall|nll|mse|mae|rmse/i;
const TRAIN = /(^|[_/.\-])train(ing)?([_/.\-]|$)/i;
const VALIDATION = /(^|[_/.\-])(val|valid|validation|eval|dev|test)([_/.\-]|$)/i;
// schedules, system and bookkeeping series: never health-checked
const NOT_A_METRIC = /(^|[_/.\-])(lr|learning_rate|epoch|step|global_step|runtime|samples_per_second|steps_per_second|flos|grad_norm|momentum|time|memory|gpu|cpu|throughput)([_/.\-]|$)|learning_rate/i;

function contextText(ref: SeriesRef): string {
  return Object.values(ref.context).map(String).join(' ');
}

export function seriesRole(ref: SeriesRef): SeriesRole {
  const ctx = contextText(ref);
  if (NOT_A_METRIC.test(ref.key)) return 'other';
  const train = TRAIN.test(ref.key) || TRAIN.test(ctx) || ref.key === 'loss';
  const validation = VALIDATION.test(ref.key) || VALIDATION.test(ctx);
  if (LOSS.test(ref.key) && train && !validation) return 'train-loss';
  if (!QUALITY.test(ref.key)) return 'other';
  if (train && !validation) return LOSS.test(ref.key) ? 'train-loss' : 'other';
  // an evaluation metric: validation-named, or a quality metric that is not train-named (MLflow's `f1_en`)
  return LOSS.test(ref.key) && !validation ? 'loss' : 'eval';
}

/** Non-finite values matter in any metric (not in a schedule or a system series). */
export const checksFinite = (role: SeriesRole): boolean => role !== 'other';
