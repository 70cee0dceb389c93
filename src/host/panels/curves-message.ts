// Builds the Curves `data` message from index rows. Pure (no 'vscode'), so browser tests feed the
// webview exactly what the host would send.
import { decodePreview } from '../../core/analysis';
import type { IndexedRun, SeriesSummary } from '../../core/index/types';
import { seriesLabel } from '../../core/model';
import type { CurvesSeries, CurvesViewState, HostToCurves } from '../../protocol/curves';

export type PreviewRows = Map<string, Array<{ summary: SeriesSummary; preview: Uint8Array | undefined }>>;

export function curvesDataMessage(runs: IndexedRun[], previews: PreviewRows, state: CurvesViewState): HostToCurves {
  const series: CurvesSeries[] = [];
  for (const run of runs) {
    for (const { summary, preview } of previews.get(run.key) ?? []) {
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
  }
  return {
    type: 'data',
    runs: runs.map((r) => ({ key: r.key, name: r.name || r.id, experiment: r.experiment, format: r.format, params: r.params })),
    series,
    state,
  };
}
