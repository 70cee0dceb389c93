// Builds the Curves `data` message from index rows, and the run selection (ticks or query). Pure
// (no 'vscode'), so browser tests feed the webview exactly what the host would send.
import type { Goal } from '../../core/runs/declared-objective';
import { decodePreview } from '../../core/analysis';
import { metricFamilies, viewOf } from '../../core/curves';
import type { IndexedRun, SeriesSummary } from '../../core/index/types';
import { seriesLabel } from '../../core/model';
import { filterRuns, queryRunOf } from '../../core/query';
import { chunkBySize, MAX_MESSAGE_BYTES, wireBytes } from '../../protocol/packing';
import { viewState, type CurvesSeries, type CurvesViewState, type HostToCurves, type QueryProblem } from '../../protocol/curves';

/** How much of the host's state the webview takes with a data set (see the protocol's `adopt`). */
export type Adopt = boolean | 'selection';

export type PreviewRows = Map<string, Array<{ summary: SeriesSummary; preview: Uint8Array | undefined }>>;

/** What the query language sees of an indexed run (built once per run, in core/query). */
export { queryRunOf };

export interface RunSelection {
  runKeys: string[];
  queryError?: QueryProblem;
}

/** The runs a state shows: the query's matches over all indexed runs, else its ticked run keys. */
export function selectRuns(state: Pick<CurvesViewState, 'query' | 'runKeys'>, allRuns: () => IndexedRun[], goals?: Record<string, Goal>): RunSelection {
  if (!state.query.trim()) return { runKeys: state.runKeys };
  const res = filterRuns(state.query, allRuns().map(queryRunOf), { goals });
  if (!res.ok) return { runKeys: state.runKeys, queryError: { message: res.message, start: res.start, end: res.end } };
  return { runKeys: res.runs.map((r) => r.key) };
}

/**
 * The Curves data set for these runs as the messages that carry it: one `data` message (runs, state and
 * the first series) and as many `seriesChunk`s as keep every message under MAX_MESSAGE_BYTES. Every
 * series with a preview is sent, however many there are; the selected metrics go first, so what the
 * user asked for draws first.
 */
export function curvesDataMessages(
  runs: IndexedRun[],
  previews: PreviewRows,
  partialState: Partial<CurvesViewState>,
  extra: { adopt?: Adopt; queryError?: QueryProblem; totalRuns?: number; dataId?: number; maxMessageBytes?: number } = {},
): HostToCurves[] {
  const state = viewState(partialState) ?? viewState({})!;
  let rows = runs.flatMap((run) => (previews.get(run.key) ?? []).map((row) => ({ run, ...row })));
  if (state.metrics.length) {
    const splits = state.split ? metricFamilies(rows.map((r) => r.summary.key)) : undefined;
    const selected = (r: (typeof rows)[number]) => state.metrics.includes(viewOf(r.summary, splits).metric);
    rows = [...rows.filter(selected), ...rows.filter((r) => !selected(r))];
  }
  const series: CurvesSeries[] = [];
  for (const { run, summary, preview } of rows) {
    const decoded = preview ? decodePreview(preview) : undefined;
    if (!decoded) continue;
    series.push({
      runKey: run.key,
      key: summary.key,
      context: summary.context,
      label: seriesLabel(summary),
      x: Float32Array.from(decoded.x),
      last: Float32Array.from(decoded.last),
      min: Float32Array.from(decoded.min),
      max: Float32Array.from(decoded.max),
      count: summary.count,
      nanCount: summary.nanCount,
    });
  }
  const dataId = extra.dataId ?? 0;
  const head: Extract<HostToCurves, { type: 'data' }> = {
    type: 'data',
    runs: runs.map((r) => ({
      key: r.key,
      name: r.name || r.id,
      experiment: r.experiment,
      format: r.format,
      params: r.params,
      status: r.status,
      tags: r.tags,
      ...(r.startTime !== undefined ? { startTime: r.startTime } : {}),
    })),
    series: [],
    state,
    dataId,
    seriesTotal: series.length,
    ...(extra.adopt !== undefined ? { adopt: extra.adopt } : {}),
    ...(extra.queryError ? { queryError: extra.queryError } : {}),
    ...(extra.totalRuns !== undefined ? { totalRuns: extra.totalRuns } : {}),
  };
  const max = extra.maxMessageBytes ?? MAX_MESSAGE_BYTES;
  const [first, ...rest] = chunkBySize(series, max, Math.max(max / 8, max - wireBytes(head)));
  head.series = first!;
  return [head, ...rest.map((chunk): HostToCurves => ({ type: 'seriesChunk', dataId, series: chunk }))];
}

/** The whole data set in one message (tests and benches that hand it to a webview in one go). */
export function curvesDataMessage(...args: Parameters<typeof curvesDataMessages>): Extract<HostToCurves, { type: 'data' }> {
  const [head, ...chunks] = curvesDataMessages(...args) as [Extract<HostToCurves, { type: 'data' }>, ...Array<Extract<HostToCurves, { type: 'seriesChunk' }>>];
  return { ...head, series: [head.series, ...chunks.map((c) => c.series)].flat() };
}
