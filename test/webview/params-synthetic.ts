// A seeded synthetic sweep for the Params panel (the bench and the drawing tests): N runs × 12 axes — log learning
// rate, categorical optimizer, integer params, metric summaries with missing values and NaN.
import { DEFAULT_PARAMS_STATE, type HostToParams } from '../../src/protocol/params';

/** A seeded sweep: the same numbers on every run of the bench. */
export function syntheticParamsData(runs: number, dataId: number): Extract<HostToParams, { type: 'data' }> {
  let seed = 12345;
  const rand = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
  const lrs = [1e-5, 2e-5, 3e-5, 5e-5, 1e-4];
  const num = (f: (i: number) => number, missingEvery = 0) => {
    const numbers = new Float64Array(runs);
    const missing = new Uint8Array(runs);
    for (let i = 0; i < runs; i++) {
      if (missingEvery && i % missingEvery === 7) missing[i] = 1;
      numbers[i] = missing[i] ? NaN : f(i);
    }
    return { numbers, missing };
  };
  const columns: Extract<HostToParams, { type: 'data' }>['columns'] = [
    { id: 'params.learning_rate', label: 'learning_rate', kind: 'param', ...num((i) => lrs[i % 5]) },
    { id: 'params.seed', label: 'seed', kind: 'param', ...num((i) => 1 + (i % 4)) },
    { id: 'params.batch_size', label: 'batch_size', kind: 'param', ...num((i) => [8, 16, 32, 64][(i >> 2) % 4]) },
    { id: 'params.warmup', label: 'warmup', kind: 'param', ...num((i) => [0, 0.1, 0.2][(i >> 4) % 3]) },
    { id: 'params.optimizer', label: 'optimizer', kind: 'param', text: Array.from({ length: runs }, (_, i) => ['adamw', 'sgd', 'adafactor'][(i >> 3) % 3]) },
    { id: 'params.weight_decay', label: 'weight_decay', kind: 'param', ...num((i) => [0, 0.01, 0.1][(i >> 5) % 3]) },
    ...['en', 'de', 'es', 'nl', 'zh'].map((l, k) => ({ id: `f1_${l}:best`, label: `f1_${l}:best`, kind: 'metric' as const, goal: 'max' as const, ...num(() => 0.5 + 0.4 * rand() - 0.05 * k, 97) })),
    { id: 'eval_loss:min', label: 'eval_loss:min', kind: 'metric', goal: 'min', ...num((i) => (i % 211 === 3 ? NaN : 0.2 + rand())) },
  ];
  const axes = columns.map((c) => c.id);
  return {
    type: 'data',
    dataId,
    runs: Array.from({ length: runs }, (_, i) => ({ key: `mlflow-file|/bench|r${i}`, name: `run-${i}`, experiment: 'bench', group: `lr=${lrs[i % 5]} bs=${[8, 16, 32, 64][(i >> 2) % 4]}` })),
    columns,
    available: axes,
    state: { ...DEFAULT_PARAMS_STATE, axes, colorBy: 'f1_en:best', bestBy: 'f1_en:best' },
    adopt: true,
    errors: [],
    totalRuns: runs,
  };
}
