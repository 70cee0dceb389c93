// The Curves webview's model: view state (persisted with setState and reported to the host),
// the data the host sent, and full-resolution re-reads per chart.
import { DEFAULT_VIEW_STATE, viewState, type CurvesRun, type CurvesSeries, type CurvesToHost, type CurvesViewState, type FetchedSeries, type QueryProblem } from '../../src/protocol/curves';
import { hostApi } from '../shared/host-api';

export interface FullRes {
  /** Axis, range and resolution the data was asked for; a chart re-asks when its wish differs. */
  want: string;
  status: 'loading' | 'done';
  /** Pixel columns asked for. */
  buckets: number;
  series: Map<string, FetchedSeries>;
  errors: string[];
}

export interface Model {
  state: CurvesViewState;
  runs: CurvesRun[];
  series: CurvesSeries[];
  queryError?: QueryProblem;
  totalRuns?: number;
  /** The data set the series belong to, and how many series it has in all (chunks may still come). */
  dataId: number;
  seriesTotal: number;
  /** By chart id. */
  fullRes: Map<string, FullRes>;
  /** The run set (sorted keys) the zoom ranges were drawn for; undefined until a render records it. */
  zoomRuns?: string;
  /** Run key or group key under the mouse in any chart (highlighted in all). */
  highlight?: string;
  message?: string;
}

const api = hostApi();
export const post = (msg: CurvesToHost): void => api.postMessage(msg);

export const model: Model = {
  state: viewState(api.getState()) ?? { ...DEFAULT_VIEW_STATE },
  runs: [],
  series: [],
  dataId: -1,
  seriesTotal: 0,
  fullRes: new Map(),
};

export function refId(r: { runKey: string; key: string; context: Record<string, unknown> }): string {
  return `${r.runKey}\u0000${r.key}\u0000${JSON.stringify(r.context)}`;
}

let reportTimer: ReturnType<typeof setTimeout> | undefined;

/** Applies a change, persists it at once (survives hide/show) and tells the host shortly after. */
export function updateState(patch: Partial<CurvesViewState>): void {
  model.state = { ...model.state, ...patch };
  api.setState(model.state);
  clearTimeout(reportTimer);
  // Typing in the query box should not re-select runs on every key stroke.
  reportTimer = setTimeout(() => post({ type: 'state', state: model.state }), 'query' in patch ? 350 : 0);
}

/** Replaces the state with one the host chose (first data, a saved view, new ticks). */
export function adoptState(state: CurvesViewState): void {
  const axisChanged = state.xAxis !== model.state.xAxis || state.logX !== model.state.logX;
  // A state bringing its own zoom (a saved view) zooms its own runs: record them at the next render.
  if (JSON.stringify(state.zoom) !== JSON.stringify(model.state.zoom)) model.zoomRuns = undefined;
  model.state = state;
  api.setState(state);
  if (axisChanged) model.fullRes.clear();
}

/**
 * Zoom ranges belong to the runs they were drawn for: another run set (new ticks, a query) starts
 * unzoomed instead of showing an x range picked for other curves. Call before laying out.
 */
export function dropZoomOfOtherRuns(): void {
  const runs = model.runs.map((r) => r.key).sort().join('\u0000');
  if (model.zoomRuns !== undefined && model.zoomRuns !== runs && Object.keys(model.state.zoom).length) {
    model.fullRes.clear();
    updateState({ zoom: {} });
  }
  model.zoomRuns = runs;
}
