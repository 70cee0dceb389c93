// Small hand-made run sets for the Curves detail tests, turned into the host's real `data` message
// (curvesDataMessage over IndexedRun records and encoded index previews), so the tests keep
// feeding the webview exactly what the host sends.
import { previewOf } from '../../src/core/analysis';
import type { IndexedRun } from '../../src/core/index/types';
import type { SeriesContext } from '../../src/core/model';
import { curvesDataMessage, type Adopt, type PreviewRows } from '../../src/host/panels/curves-message';
import type { CurvesViewState } from '../../src/protocol/curves';

export interface FixtureSeries {
  key: string;
  context?: SeriesContext;
  /** y at step index i (steps 0, 10, 20, …). */
  y: (i: number) => number;
  points?: number;
}

export interface FixtureRun {
  name: string;
  id?: string;
  root?: string;
  experiment?: string;
  format?: string;
  params?: Record<string, string>;
  series: FixtureSeries[];
}

export function fixtureRuns(list: FixtureRun[]): { runs: IndexedRun[]; previews: PreviewRows } {
  const previews: PreviewRows = new Map();
  const runs = list.map((r, n): IndexedRun => {
    const format = r.format ?? 'mlflow-file';
    const root = r.root ?? '/w/mlruns';
    const id = r.id ?? `run${n}`;
    const key = `${format}|${root}|${id}`;
    const rows = r.series.map((s) => {
      const count = s.points ?? 60;
      const xs = Array.from({ length: count }, (_, i) => i * 10);
      const ys = xs.map((_, i) => s.y(i));
      const summary = { key: s.key, context: s.context ?? {}, count, nanCount: 0, first: ys[0], last: ys[count - 1], min: Math.min(...ys), max: Math.max(...ys), minStep: 0, maxStep: xs[count - 1] };
      return { summary: summary as never, preview: previewOf(xs, ys) };
    });
    previews.set(key, rows);
    return {
      key, format, root, id, experiment: r.experiment ?? 'exp', name: r.name, status: 'finished', path: `${root}/${id}`, params: r.params ?? {}, tags: {}, checkpoints: [],
      series: rows.map((x) => x.summary),
    } as unknown as IndexedRun;
  });
  return { runs, previews };
}

/** The `data` message for these runs with all of them selected. */
export function fixtureMessage(list: FixtureRun[], state: Partial<CurvesViewState> = {}, extra: { adopt?: Adopt } = {}) {
  const { runs, previews } = fixtureRuns(list);
  return curvesDataMessage(runs, previews, { runKeys: runs.map((r) => r.key), ...state }, extra);
}
