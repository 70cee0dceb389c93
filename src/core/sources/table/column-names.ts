// What a column's name says about it. Kept apart from the guessing so the rules are easy to read
// and to test: names of id / name / experiment columns, metric-ish words, role prefixes of
// exported dataframes (MLflow `params.` / `metrics.` / `tags.`, Optuna `params_` / `user_attrs_`,
// W&B `config.` / `summary.`), and SageMaker's `metric - Stat` families.

/** Lower-case words of a column name: `validation:accuracy - Avg` → validation, accuracy, avg; `trainLoss` → train, loss. */
export function nameTokens(name: string): string[] {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter(Boolean);
}

/** Lower-case alphanumerics only, for comparing with the role name lists. */
export function squash(name: string): string {
  return name.toLowerCase().replace(/[^a-z0-9]/g, '');
}

// Candidate names per role, best first (squashed).
export const ID_NAMES = ['runid', 'runuuid', 'trialcomponentname', 'trialcomponentarn', 'trialid', 'id', 'uuid', 'runhash', 'hash', 'run', 'trial', 'number'];
export const NAME_NAMES = ['runname', 'displayname', 'name', 'trialname', 'tagsmlflowrunname', 'title'];
export const EXPERIMENT_NAMES = ['experimentname', 'experiment', 'experiments', 'study', 'studyname', 'project', 'projectname', 'sweep', 'sweepname', 'group'];
export const STATUS_NAMES = ['status', 'state', 'runstatus', 'trialstatus', 'trialcomponentstatus', 'statusprimarystatus'];
export const START_NAMES = ['starttime', 'datetimestart', 'start', 'startedat', 'createdat', 'creationtime', 'created'];
export const END_NAMES = ['endtime', 'datetimecomplete', 'end', 'endedat', 'finishedat', 'completedat'];

const METRIC_WORDS = new Set([
  'loss', 'acc', 'accuracy', 'f1', 'score', 'auc', 'roc', 'auroc', 'auprc', 'precision', 'recall', 'error', 'err',
  'mse', 'rmse', 'mae', 'mape', 'r2', 'bleu', 'rouge', 'rougel', 'perplexity', 'ppl', 'reward', 'return', 'metric',
  'objective', 'value', 'values', 'map', 'iou', 'miou', 'dice', 'wer', 'cer', 'ndcg', 'mrr', 'logloss', 'nll',
  'kl', 'runtime', 'throughput', 'fps', 'latency', 'psnr', 'ssim', 'fid', 'elbo', 'likelihood', 'em', 'mcc',
  'spearman', 'pearson', 'correlation', 'jaccard', 'hits', 'regret', 'best', 'sps', 'duration', 'elapsed', 'seconds',
]);
const METRIC_TOKEN = /^(top\d+|map\d+|rouge\d+|f\d+|acc\d+|hits\d+|recall\d+|precision\d+)$/;

/** SageMaker Experiments' per-metric statistics columns: `train:loss - Min`. */
export const STAT_SUFFIX = /^(.*\S)\s+-\s+(Min|Max|Avg|Mean|Last|First|Count|StdDev|Std|Sum|Median)$/i;

export function isMetricName(name: string): boolean {
  if (STAT_SUFFIX.test(name)) return true;
  // SageMaker / Keras style `validation:accuracy`, TensorBoard style `eval/loss` both carry a metric word
  if (/:/.test(name) && !/^[a-z]+:\/\//i.test(name)) return true;
  const whole = squash(name); // `mAP50` splits badly into words
  if (METRIC_WORDS.has(whole) || METRIC_TOKEN.test(whole)) return true;
  return nameTokens(name).some((t) => METRIC_WORDS.has(t) || METRIC_TOKEN.test(t));
}

export type PrefixRole = 'param' | 'metric' | 'tag';

const ROLE_PREFIXES: [RegExp, PrefixRole][] = [
  [/^(params?|config|hparams|hyperparameters?|hp)[./:]/i, 'param'],
  [/^params_/, 'param'], // Optuna trials_dataframe
  [/^(metrics?|summary|summary_metrics)[./:]/i, 'metric'],
  [/^(tags?|user_attrs|system_attrs)[./:]/i, 'tag'],
  [/^(user_attrs|system_attrs)_/, 'tag'],
];

/** The role a prefix declares, and the key without it (`params.lr` → param `lr`). */
export function prefixRole(name: string): { role: PrefixRole; key: string } | undefined {
  for (const [re, role] of ROLE_PREFIXES) {
    const m = re.exec(name);
    if (m && name.length > m[0].length) return { role, key: name.slice(m[0].length) };
  }
  return undefined;
}

/** Names of text columns that describe a run rather than configure it. */
export function isTagName(name: string): boolean {
  // SageMaker's artifact columns (`train - Value`, `train - MediaType`) and parent lists (`Trials`)
  if (/\s-\s(Value|MediaType)$/.test(name) || /^(trials|parents)$/i.test(name)) return true;
  return /(arn|uri|url|path|dir|directory|file|time|date|timestamp|duration|created|modified|description|desc|note|notes|comment|commit|sha|host|hostname|user|owner|email|source|image|job)$/i.test(
    nameTokens(name).at(-1) ?? '',
  );
}

/** Values that are identifiers, locations or times, not settings. */
export function isTagValue(text: string): boolean {
  return /^(arn:|s3:\/\/|gs:\/\/|https?:\/\/|file:\/\/|\/|[A-Za-z]:\\)/.test(text) || /^\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}/.test(text);
}
