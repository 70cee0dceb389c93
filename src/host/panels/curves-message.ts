// Builds the Curves `data` message from index rows, and the run selection (ticks or query). Pure
// (no 'vscode'), so browser tests feed the webview exactly what the host would send.
import { decodePreview } from '../../core/analysis';
import { metricFamilies, viewOf } from '../../core/curves';
import type { IndexedRun, SeriesSummary } from '../../core/index/types';
import { seriesLabel } from '../../core/model';
import { filterRuns, queryRunOf } from '../../core/query';
import { viewState, type CurvesSeries, type CurvesViewState, type HostToCurves, type QueryProblem } from '../../protocol/curves';

export type PreviewRows = Map<string, Array<{ summary: SeriesSummary; preview: Uint8Array | undefined }>>;

/** Previews per message: 4 KB each, so about 16 MB of typed arrays at most. */
export const MAX_SERIES_PER_MESSAGE = 4000;

/** What the query language sees of an indexed run (built once per run, in core/query). */
export { queryRunOf };

export interface RunSelection {
  runKeys: string[];
  queryError?: QueryProblem;
}

/** The runs a state shows: the query's matches over all indexed runs, else its ticked run keys. */
export function selectRuns(state: Pick<CurvesViewState, 'query' | 'runKeys'>, allRuns: () => IndexedRun[]): RunSelection {
  if (!state.query.trim()) return { runKeys: state.runKeys };
  const res = filterRuns(state.query, allRuns().map(queryRunOf));
  if (!res.ok) return { runKeys: state.runKeys, queryError: { message: res.message, start: res.start, end: res.end } };
  return { runKeys: res.runs.map((r) => r.key) };
}

export function curvesDataMessage(
  runs: IndexedRun[],
  previews: PreviewRows,
  partialState: Partial<CurvesViewState>,
  extra: { adopt?: boolean; queryError?: QueryProblem; totalRuns?: number; maxSeries?: number } = {},
): HostToCurves {
  const state = viewState(partialState) ?? viewState({})!;
  const rows = runs.flatMap((run) => (previews.get(run.key) ?? []).map((row) => ({ run, ...row })));
  // Over the cap, the selected metrics go first so what the user asked for is always there.
  const max = extra.maxSeries ?? MAX_SERIES_PER_MESSAGE;
  let chosen = rows;
  if (rows.length > max && state.metrics.length) {
    const splits = state.split ? metricFamilies(rows.map((r) => r.summary.key)) : undefined;
    const selected = (r: (typeof rows)[number]) => state.metrics.includes(viewOf(r.summary, splits).metric);
    chosen = [...rows.filter(selected), ...rows.filter((r) => !selected(r))];
  }
  const series: CurvesSeries[] = [];
  for (const { run, summary, preview } of chosen) {
    if (series.length >= max) break;
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
  return {
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
    series,
    state,
    ...(extra.adopt !== undefined ? { adopt: extra.adopt } : {}),
    ...(extra.queryError ? { queryError: extra.queryError } : {}),
    ...(extra.totalRuns !== undefined ? { totalRuns: extra.totalRuns } : {}),
    ...(rows.length > series.length ? { truncated: rows.length - series.length } : {}),
  };
}
