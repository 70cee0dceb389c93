// Samples of every Compare panel message (both directions) for the protocol round-trip tests.
import { compareViewState, type CompareToHost, type HostToCompare } from '../../../src/protocol/compare';

const state = { ...compareViewState.parse({})!, runKeys: ['mlflow-file|/w/mlruns|abc'], metric: 'f1_de:at(f1_en:best)', by: ['learning_rate'], selectBy: 'f1[lang=en]', targets: ['f1[lang=de]', 'f1_zh'] };
const lr = (v: string) => ({ learning_rate: v });
const group = (v: string, values: number[]) => ({ key: lr(v), n: values.length, mean: 0.8, sd: 0.01, median: 0.8, min: 0.79, max: 0.81, iqm: 0.8, meanCi95: [0.78, 0.82] as [number, number], values, runs: values.map((_, i) => `run <${i}>`), runKeys: values.map((_, i) => `k${i}`) });
const pick = { runId: 'abc', runName: 'xlmr-lr3e-5-seed1', runKey: 'mlflow-file|/w/mlruns|abc', step: 4750, value: 0.81, rank: 9, selectionValue: 0.93, regret: 0.0115 };

export const compareToHost: CompareToHost[] = [
  { type: 'ready' },
  { type: 'setState', state },
  { type: 'pickRuns', runKeys: ['k0', 'k1'] },
  { type: 'export', id: 1, table: 'pairs', format: 'latex' },
  { type: 'rendered', tab: 'selection', groups: 0, pairs: 0, targets: 4 },
  { type: 'error', message: 'boom <b>' },
];

export const hostToCompare: HostToCompare[] = [
  { type: 'state', state, options: { metrics: ['f1_en', 'f1[lang=de]'], params: ['learning_rate', 'seed'], defaultBy: ['learning_rate'], runCount: 20 } },
  {
    type: 'compare',
    result: {
      metric: 'f1_de:at(f1_en:best)',
      by: ['learning_rate'],
      groups: [group('3e-05', [0.8, 0.81, 0.79]), { ...group('1e-05', [0.7]), sd: null, meanCi95: null }],
      pairs: [
        { a: lr('3e-05'), b: lr('1e-05'), diff: 0.1, welch: null, ci95: null, hedgesG: null, probImprovement: 1, pHolm: null, verdict: 'too-few-seeds', verdictText: 'too few seeds' },
        { a: lr('3e-05'), b: lr('2e-05'), diff: 0.05, welch: { t: 3.1, df: 4.2, p: 0.03 }, ci95: [0.01, 0.09], hedgesG: 1.9, probImprovement: 0.9, pHolm: 0.06, verdict: 'inconclusive', verdictText: 'inconclusive: about 5 seeds…', bootstrapCi95: [0.02, 0.08], bootstrapReliable: false, asoEpsMin: { ab: 0.1, ba: 1 } },
      ],
      alsoDiffer: ['model_name'],
      empty: [lr('5e-05')],
    },
  },
  { type: 'compare', result: null, message: 'no run has f1_xx' },
  {
    type: 'selection',
    result: {
      by: 'f1_en',
      unit: 'step',
      selectionGoal: 'max',
      configParams: ['learning_rate'],
      targets: [{ metric: 'f1_de', goal: 'max', candidates: 387, selected: pick, oracle: { ...pick, rank: 1, regret: 0 }, regret: 0.0115, kendallTau: null, last: pick, seedMedian: { config: lr('3e-05'), runs: ['a', 'b'], value: 0.79, regret: 0.03 } }],
      missing: ['f1_xx'],
      meanRegret: 0.0115,
      meanRegretLast: 0.0115,
      meanRegretSeedMedian: null,
    },
  },
  { type: 'loading', tab: 'compare', message: 'reading 20 runs…' },
  { type: 'selected', runKeys: ['k0'] },
  { type: 'exported', id: 1, path: '/tmp/x.csv' },
  { type: 'requestError', id: 1, message: 'no table' },
];
