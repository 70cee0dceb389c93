// Lays series out into charts and groups: which chart (facet) each series goes to, which colour
// and dash group it belongs to, and the legends. Pure; the Curves webview draws the result.
//
// A chart never mixes metrics (their scales differ). Within a metric the facet decides the charts:
//   'auto'  one chart per metric and full context (f1 · lang=de): what a plain metric list shows;
//   'none'  one chart per metric, all contexts together (tell them apart by colour or dash);
//   <dim>   one chart per metric and value of a param, tag or context key.
// Lines of one chart with the same colour and dash value form a group: the unit of aggregation.
import { seriesLabel, contextKey } from '../model';
import {
  compareValues,
  dimensionLabel,
  dimensionValue,
  isSystemMetric,
  metricFamilies,
  MISSING,
  viewOf,
  type CurveRun,
  type CurveSeriesRef,
  type Dimension,
  type KeySplit,
  type SeriesView,
} from './dimensions';
import { visibleText } from '../util/visible-text';
import { runDisplayNames } from './run-names';

export interface LayoutOptions {
  split: boolean;
  facetBy: Dimension | 'auto';
  colorBy: Dimension;
  dashBy: Dimension;
  /** Metric names (families when split) to show; empty shows all but Aim's `__system__` ones. */
  metrics: readonly string[];
  /** Context values left out, as `key=value` (the chips). */
  hiddenContexts: readonly string[];
  /** Text that chart titles must contain (case-insensitive); empty shows all. */
  filter: string;
  hiddenRuns: readonly string[];
  /** Hidden legend entries as `dim=value` (for dims other than 'run'). */
  hiddenGroups: readonly string[];
}

export interface ChartMember<S extends CurveSeriesRef> {
  series: S;
  view: SeriesView;
  colorValue: string;
  dashValue: string;
  /** Lines with the same key in a chart are aggregated together. */
  groupKey: string;
  hidden: boolean;
}

export interface ChartLayout<S extends CurveSeriesRef> {
  /** Stable id (zoom state is kept per chart). */
  id: string;
  title: string;
  metric: string;
  /** The facet's value (context values for 'auto'): charts of one metric are ordered by it. */
  facetValue: string;
  members: ChartMember<S>[];
}

export interface LegendEntry {
  value: string;
  label: string;
  /** Position among the dimension's values: the colour / dash index. */
  index: number;
  hidden: boolean;
}

export interface Legend {
  dim: Dimension;
  label: string;
  entries: LegendEntry[];
}

/** For the series chips: each metric with its context keys and their values. */
export interface CatalogEntry {
  metric: string;
  contexts: Array<{ key: string; values: string[] }>;
  series: number;
}

export interface Layout<S extends CurveSeriesRef> {
  charts: ChartLayout<S>[];
  color: Legend;
  dash: Legend;
  catalog: CatalogEntry[];
  splits: Map<string, KeySplit>;
  /** Run key → name to show (disambiguated when two runs share a name). */
  runNames: Map<string, string>;
}

export function hiddenGroupId(dim: Dimension, value: string): string {
  return `${dim}=${value}`;
}

function legendOf(dim: Dimension, values: Set<string>, runNames: Map<string, string>, order: string[], opts: LayoutOptions): Legend {
  const sorted = dim === 'run' ? order.filter((k) => values.has(k)) : [...values].sort(compareValues);
  const hidden = (v: string) => (dim === 'run' ? opts.hiddenRuns.includes(v) : opts.hiddenGroups.includes(hiddenGroupId(dim, v)));
  return {
    dim,
    label: dim === 'none' ? '' : dimensionLabel(dim),
    entries: sorted.map((value, index) => ({
      value,
      label: dim === 'run' ? (runNames.get(value) ?? value) : value === MISSING ? '(not set)' : visibleText(value),
      index,
      hidden: hidden(value),
    })),
  };
}

export function layoutCharts<S extends CurveSeriesRef>(runList: readonly CurveRun[], series: readonly S[], opts: LayoutOptions): Layout<S> {
  const runs = new Map(runList.map((r) => [r.key, r]));
  const runNames = runDisplayNames(runList);
  const splits = opts.split ? metricFamilies(series.map((s) => s.key)) : new Map<string, KeySplit>();
  const views = series.map((s) => viewOf(s, splits));
  const catalog = buildCatalog(views);

  const filter = opts.filter.trim().toLowerCase();
  const charts = new Map<string, ChartLayout<S>>();
  const colorValues = new Set<string>();
  const dashValues = new Set<string>();
  const hiddenCtx = new Set(opts.hiddenContexts);
  for (let i = 0; i < series.length; i++) {
    const s = series[i];
    const view = views[i];
    if (opts.metrics.length ? !opts.metrics.includes(view.metric) : isSystemMetric(view.metric)) continue;
    if (Object.entries(view.context).some(([k, v]) => hiddenCtx.has(`${k}=${String(v)}`))) continue;
    const run = runs.get(s.runKey);
    let id: string;
    let title: string;
    let facetValue = '';
    if (opts.facetBy === 'auto') {
      id = `${view.metric} ${contextKey(view.context)}`;
      title = seriesLabel({ key: view.metric, context: view.context });
      facetValue = title;
    } else if (opts.facetBy === 'none') {
      id = title = view.metric;
    } else if (opts.facetBy.startsWith('ctx:') && !(opts.facetBy.slice(4) in view.context)) {
      // A series without that context key (a key the split left whole) is just its metric's
      // chart, not a "(not set)" one.
      id = title = view.metric;
    } else {
      const v = (facetValue = dimensionValue(opts.facetBy, run, view, s.runKey));
      const shown = opts.facetBy === 'run' ? (runNames.get(v) ?? v) : v === MISSING ? '(not set)' : v;
      id = `${view.metric} ${opts.facetBy}=${v}`;
      title = opts.facetBy === 'metric' ? view.metric : `${view.metric} · ${dimensionLabel(opts.facetBy)}=${shown}`;
    }
    if (filter && !title.toLowerCase().includes(filter)) continue;
    let chart = charts.get(id);
    if (!chart) charts.set(id, (chart = { id, title, metric: view.metric, facetValue, members: [] }));
    const colorValue = dimensionValue(opts.colorBy, run, view, s.runKey);
    const dashValue = dimensionValue(opts.dashBy, run, view, s.runKey);
    colorValues.add(colorValue);
    dashValues.add(dashValue);
    const hidden =
      opts.hiddenRuns.includes(s.runKey) ||
      (opts.colorBy !== 'run' && opts.hiddenGroups.includes(hiddenGroupId(opts.colorBy, colorValue))) ||
      (opts.dashBy !== 'run' && opts.dashBy !== 'none' && opts.hiddenGroups.includes(hiddenGroupId(opts.dashBy, dashValue)));
    chart.members.push({ series: s, view, colorValue, dashValue, groupKey: `${colorValue}\u0000${dashValue}`, hidden });
  }
  const order = runList.map((r) => r.key);
  return {
    charts: orderCharts([...charts.values()]),
    color: legendOf(opts.colorBy, colorValues, runNames, order, opts),
    dash: legendOf(opts.dashBy, dashValues, runNames, order, opts),
    catalog,
    splits,
    runNames,
  };
}

/** Metrics in first-seen order (as the runs logged them); a metric's facets sorted by value. */
function orderCharts<S extends CurveSeriesRef>(charts: ChartLayout<S>[]): ChartLayout<S>[] {
  const byMetric = new Map<string, ChartLayout<S>[]>();
  for (const c of charts) {
    const list = byMetric.get(c.metric) ?? [];
    list.push(c);
    byMetric.set(c.metric, list);
  }
  return [...byMetric.values()].flatMap((list) => list.sort((a, b) => compareValues(a.facetValue, b.facetValue)));
}

function buildCatalog(views: readonly SeriesView[]): CatalogEntry[] {
  const byMetric = new Map<string, { contexts: Map<string, Set<string>>; series: number }>();
  for (const v of views) {
    let e = byMetric.get(v.metric);
    if (!e) byMetric.set(v.metric, (e = { contexts: new Map(), series: 0 }));
    e.series++;
    for (const [k, val] of Object.entries(v.context)) {
      let set = e.contexts.get(k);
      if (!set) e.contexts.set(k, (set = new Set()));
      set.add(String(val));
    }
  }
  return [...byMetric].map(([metric, e]) => ({
    metric,
    series: e.series,
    contexts: [...e.contexts].map(([key, values]) => ({ key, values: [...values].sort(compareValues) })),
  }));
}
