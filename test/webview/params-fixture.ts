// The Params panel's data message for real indexed runs, built exactly as the host builds it (paramsViewData
// over the source readers), so the webview tests and the bench draw what the extension would send.
import type { IndexedRun } from '../../src/core/index/types';
import { paramsViewData } from '../../src/core/params/view-data';
import { readerSeries } from '../../src/core/runs/column-values';
import { readerFor } from '../../src/core/sources/registry';
import { DEFAULT_PARAMS_STATE, type HostToParams, type ParamsViewState } from '../../src/protocol/params';

export async function paramsDataMessage(runs: readonly IndexedRun[], patch: Partial<ParamsViewState>, dataId = 1): Promise<Extract<HostToParams, { type: 'data' }>> {
  const state: ParamsViewState = { ...DEFAULT_PARAMS_STATE, runKeys: runs.map((r) => r.key), ...patch };
  const data = await paramsViewData(runs, state, readerSeries(readerFor));
  return {
    type: 'data',
    dataId,
    runs: data.runs,
    columns: data.columns,
    available: data.available,
    state: { ...state, axes: data.axes },
    adopt: true,
    ...(data.importance ? { importance: data.importance } : {}),
    errors: data.errors,
    totalRuns: runs.length,
  };
}

/** Figure 1 of the founding story: learning rate, seed, F1 per language; the best English run in bold red. */
export function figureOneState(languages: readonly string[]): Partial<ParamsViewState> {
  return {
    axes: ['params.learning_rate', 'params.seed', ...languages.map((l) => `f1_${l}:best`)],
    bestBy: 'f1_en:best',
    colorBy: 'params.learning_rate',
  };
}
