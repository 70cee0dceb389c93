// Full-resolution re-reads for the Curves panel (zoom, and x axes other than step): reads the
// series through the series service (deps.series.read: off the host thread, with the one cache every
// panel shares), builds the requested x axis and buckets per pixel column (min/max/last, so spikes
// survive). No 'vscode': the benchmark and tests drive it directly with real readers.
import { bucketize, metricAsX, relativeTime, xValues } from '../../../core/analysis';
import type { IndexedRun } from '../../../core/index/types';
import { contextKey, seriesId, type ReadSeriesOf, type SeriesContext, type SeriesPoints, type SeriesRef } from '../../../core/model';
import { mapLimit } from '../../../core/util/map-limit';
import type { FetchedSeries, FetchRequest } from '../../../protocol/curves';

export interface CurvesFetcherOptions {
  /** The index's runs by key (their series: which companion series an x axis needs). */
  runs: (keys: string[]) => IndexedRun[];
  /** Full-resolution reads: the series service's (cached there). */
  read: ReadSeriesOf;
}

export interface FetchResult {
  series: FetchedSeries[];
  errors: string[];
}

/** What an x axis needs besides the series itself: another series of the same run. */
function companionKey(xAxis: string): string | undefined {
  if (xAxis === 'epoch') return 'epoch';
  return xAxis.startsWith('metric:') ? xAxis.slice(7) : undefined;
}

/** The run's series `key` with the given context when it has one, else with none, else any. */
function companionRef(run: IndexedRun, key: string, context: SeriesContext): SeriesRef | undefined {
  const same = run.series.find((s) => s.key === key && contextKey(s.context) === contextKey(context));
  return same ?? run.series.find((s) => s.key === key && contextKey(s.context) === '{}') ?? run.series.find((s) => s.key === key);
}

export class CurvesFetcher {
  constructor(private readonly options: CurvesFetcherOptions) {}

  /** Never throws: problems come back in `errors` and the other series still load. */
  async fetch(req: Omit<FetchRequest, 'type' | 'id'>, signal?: AbortSignal): Promise<FetchResult> {
    const errors: string[] = [];
    const runs = new Map(this.options.runs([...new Set(req.refs.map((r) => r.runKey))]).map((r) => [r.key, r]));
    const companion = companionKey(req.xAxis);
    // Everything each run needs, so one readSeries call per run reads all of it.
    const needs = new Map<string, Map<string, SeriesRef>>();
    const need = (runKey: string, ref: SeriesRef) => {
      let m = needs.get(runKey);
      if (!m) needs.set(runKey, (m = new Map()));
      m.set(seriesId(ref), ref);
    };
    for (const ref of req.refs) {
      const run = runs.get(ref.runKey);
      if (!run) {
        errors.push(`run ${ref.runKey} is no longer in the index`);
        continue;
      }
      need(run.key, ref);
      const extra = companion ? companionRef(run, companion, ref.context) : undefined;
      if (extra) need(run.key, extra);
    }
    const points = new Map<string, SeriesPoints>();
    // One request per run to the series service (which reads off this thread and queues the rest); four at
    // a time keeps the in-process fallback from parsing a hundred files at once.
    await mapLimit([...needs], 4, async ([runKey, refs]) => {
      const run = runs.get(runKey)!;
      const res = await this.options.read(run, [...refs.values()], signal);
      for (const e of res.errors) errors.push(e.message.startsWith(`${run.name}:`) ? e.message : `${run.name}: ${e.message}`);
      for (const s of res.series) points.set(`${runKey}\u0000${seriesId(s)}`, s.points);
    });

    const series: FetchedSeries[] = [];
    for (const ref of req.refs) {
      const run = runs.get(ref.runKey);
      if (!run) continue;
      const p = points.get(`${run.key}\u0000${seriesId(ref)}`);
      if (!p) {
        if (!errors.some((e) => e.startsWith(`${run.name}:`))) errors.push(`${run.name}: ${seriesId(ref)} was not found in the source`);
        continue;
      }
      const xy = this.axis(run, ref, p, req.xAxis, points);
      if (typeof xy === 'string') {
        errors.push(`${run.name}: ${xy}`);
        continue;
      }
      const b = bucketize(xy.xs, xy.ys, { buckets: req.buckets, xMin: req.xMin, xMax: req.xMax, log: req.logX });
      series.push({
        runKey: ref.runKey,
        key: ref.key,
        context: ref.context,
        x: b.x,
        last: b.last,
        min: b.min,
        max: b.max,
        nan: b.nanTotal,
        points: p.steps.length,
        before: b.before,
        after: b.after,
      });
    }
    return { series, errors };
  }

  /** x and y of one series for the requested axis, or why the axis cannot be drawn for it. */
  private axis(
    run: IndexedRun,
    ref: SeriesRef,
    p: SeriesPoints,
    xAxis: string,
    points: Map<string, SeriesPoints>,
  ): { xs: ArrayLike<number>; ys: ArrayLike<number> } | string {
    const other = (key: string) => {
      const r = companionRef(run, key, ref.context);
      return r ? points.get(`${run.key}\u0000${seriesId(r)}`) : undefined;
    };
    switch (xAxis) {
      case 'step':
        return { xs: p.steps, ys: p.values };
      case 'wall-time':
        return p.times ? { xs: xValues(p, 'wall-time') ?? p.times, ys: p.values } : 'no wall times logged';
      case 'relative-time': {
        if (!p.times) return 'no wall times logged';
        // Every series of a run shares one zero: the run's start, else this series' first time.
        return { xs: relativeTime(p.times, run.startTime), ys: p.values };
      }
      case 'epoch': {
        const own = xValues(p, 'epoch');
        if (own) return { xs: own, ys: p.values };
        const epochs = other('epoch');
        if (!epochs) return 'no epoch logged (neither per point nor as an `epoch` metric)';
        const j = metricAsX(epochs, p);
        return { xs: j.xs, ys: j.ys };
      }
      default: {
        if (!xAxis.startsWith('metric:')) return `unknown x axis ${xAxis}`;
        const key = xAxis.slice(7);
        const xs = other(key);
        if (!xs) return `no ${key} series to use as x`;
        const j = metricAsX(xs, p);
        return { xs: j.xs, ys: j.ys };
      }
    }
  }
}
