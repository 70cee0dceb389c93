// Compare panel protocol (issue 14): the Compare tab (groups of seeds on a metric column, pairwise tests and
// verdicts) and the Selection tab (model selection on one metric, regret on the targets). The host computes
// everything in src/core (compare-groups, select-runs) and sends the same JSON shapes as `runlens compare --json`
// and `runlens select --json`; the webview only draws them and sends the user's choices back.
import type { CompareJson } from '../core/compare/compare-groups';
import type { SelectionJson } from '../core/selection/selection-json';
import {
  array, boolean, id, literal, messages, nullable, number, object, optional, panelProtocol, record, requestErrorFields, string, tuple, withDefaults,
  type Infer, type MessageOf, type Schema,
} from './schema';

const num = nullable(number);
const strings = array(string);
const key = record(string);
const tab = literal('compare', 'selection');
export type CompareTab = Infer<typeof tab>;

export const compareViewState = withDefaults(
  {
    tab,
    /** Runs compared (index keys); empty: every indexed run. */
    runKeys: strings,
    /** Compare tab: the metric column (`f1_de:at(f1_en:best)`) and the grouping params (empty: the default). */
    metric: string,
    by: strings,
    /** Selection tab: the selection column, the target columns and the unit of a candidate. */
    selectBy: string,
    targets: strings,
    unit: literal('step', 'run'),
  },
  { tab: 'compare', runKeys: [], metric: '', by: [], selectBy: '', targets: [], unit: 'step' },
);
export type CompareViewState = Infer<typeof compareViewState>;

const groupSchema = object({
  key,
  n: number,
  mean: num,
  sd: num,
  median: num,
  min: num,
  max: num,
  iqm: num,
  meanCi95: nullable(tuple(number, number)),
  values: array(number),
  runs: strings,
  runKeys: strings,
});

const pairSchema = object({
  a: key,
  b: key,
  diff: num,
  welch: nullable(object({ t: number, df: number, p: number })),
  ci95: nullable(tuple(number, number)),
  hedgesG: num,
  probImprovement: num,
  pHolm: num,
  verdict: string,
  verdictText: string,
  bootstrapCi95: optional(tuple(number, number)),
  bootstrapReliable: optional(boolean),
  asoEpsMin: optional(object({ ab: number, ba: number })),
});

/** The JSON of `runlens compare --json` (the schema is checked against CompareJson below). */
export const compareResultSchema = object({ metric: string, by: strings, groups: array(groupSchema), pairs: array(pairSchema), alsoDiffer: strings, empty: array(key) });

const pickSchema = object({ runId: string, runName: string, runKey: string, step: number, value: number, rank: number, selectionValue: number, regret: number });
const targetSchema = object({
  metric: string,
  goal: literal('min', 'max'),
  candidates: number,
  selected: pickSchema,
  oracle: pickSchema,
  regret: number,
  kendallTau: num,
  last: pickSchema,
  seedMedian: object({ config: key, runs: strings, value: number, regret: number }),
});

/** The JSON of `runlens select --json`. */
export const selectionResultSchema = object({
  by: string,
  unit: literal('step', 'run'),
  selectionGoal: literal('min', 'max'),
  configParams: strings,
  targets: array(targetSchema),
  missing: strings,
  meanRegret: num,
  meanRegretLast: num,
  meanRegretSeedMedian: num,
});

// The schemas and the core's JSON types must describe the same objects.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const sameCompare: Same<Infer<typeof compareResultSchema>, CompareJson> = true;
const sameSelection: Same<Infer<typeof selectionResultSchema>, SelectionJson> = true;
void sameCompare;
void sameSelection;

const exportTable = literal('groups', 'pairs', 'selection');
const exportFormat = literal('csv', 'md', 'latex');
export type CompareExportTable = Infer<typeof exportTable>;
export type CompareExportFormat = Infer<typeof exportFormat>;

const optionsSchema = object({
  /** Metric columns the runs log (suggestions for the pickers). */
  metrics: strings,
  /** Params of the runs, and the default grouping (varying, not replicate-like). */
  params: strings,
  defaultBy: strings,
  runCount: number,
});

const hostToCompare = messages({
  /** The state the panel shows (after defaults were filled in) and what the pickers offer. */
  state: { state: compareViewState, options: optionsSchema },
  compare: { result: nullable(compareResultSchema), message: optional(string) },
  selection: { result: nullable(selectionResultSchema), message: optional(string) },
  loading: { tab, message: string },
  /** The run selection shared by the panels (group rows whose runs are all selected are marked). */
  selected: { runKeys: strings },
  exported: { id, path: optional(string) },
  requestError: requestErrorFields,
});

const compareToHost = messages({
  ready: {},
  setState: { state: compareViewState },
  /** The user picked groups: their runs become the shared selection (origin 'compare'). */
  pickRuns: { runKeys: strings },
  export: { id, table: exportTable, format: exportFormat },
  /** After each draw: what is on screen (tests). */
  rendered: { tab, groups: number, pairs: number, targets: number },
  error: { message: string },
});

export const COMPARE_PROTOCOL = panelProtocol({ name: 'compare', toHost: compareToHost, toWebview: hostToCompare, requests: { export: { reply: 'exported' } } });

export type CompareToHost = MessageOf<typeof compareToHost.defs>;
export type HostToCompare = MessageOf<typeof hostToCompare.defs>;
export const isHostToCompare: Schema<HostToCompare>['is'] = hostToCompare.is;
export const isCompareToHost: Schema<CompareToHost>['is'] = compareToHost.is;
