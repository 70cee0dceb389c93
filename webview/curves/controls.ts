// The Curves toolbar, built from @vscode-elements components: run query, series filter and the
// metric-family split, grouping (colour / dash / chart), aggregation (line / band), x axis, log
// axes, outliers and smoothing. Controls read from and write to the view state only.
import '@vscode-elements/elements/dist/vscode-button/index.js';
import '@vscode-elements/elements/dist/vscode-checkbox/index.js';
import '@vscode-elements/elements/dist/vscode-option/index.js';
import '@vscode-elements/elements/dist/vscode-single-select/index.js';
import '@vscode-elements/elements/dist/vscode-textfield/index.js';
import type { DimensionChoice } from '../../src/core/curves';
import type { CurvesViewState } from '../../src/protocol/curves';
import { escapeHtml } from '../shared/theme';

type Select = HTMLElement & { value: string };
type Check = HTMLElement & { checked: boolean };
type Text = HTMLElement & { value: string };

const TOOLBAR = `
<header class="toolbar">
  <div class="row">
    <label class="field grow" title="Empty: the runs ticked in the Runs view. Otherwise a filter over all indexed runs, e.g. lr=3e-5 seed>1 status=finished name~xlmr experiment=&quot;xner sweep&quot; (and / or / not, parentheses, in (…), ~ /regex/)">Runs
      <vscode-textfield id="query" class="grow" placeholder="ticked runs · or a filter: lr=3e-5 seed>1 name~xlmr"></vscode-textfield></label>
    <vscode-button id="save-view" secondary title="Save this view under a name (reopen it from Saved Views in the Runs tree)">Save view…</vscode-button>
    <span id="status" class="status"></span>
  </div>
  <div id="query-error" class="query-error" hidden></div>
  <div class="row">
    <label class="field">Metrics <vscode-textfield id="filter" placeholder="filter charts, e.g. loss, lang=de"></vscode-textfield></label>
    <vscode-checkbox id="split" title="Treat the text after the last _ or / of a metric name as a context value: f1_de → f1 × suffix=de, so MLflow / TensorBoard keys group and facet like Aim contexts">Split names at _ or / (f1_de → f1 · suffix=de)</vscode-checkbox>
  </div>
  <div id="chips" class="chips"></div>
  <div id="marker-chip" class="marker-chip" hidden></div>
  <div class="row">
    <label class="field">Colour <vscode-single-select id="color-by"></vscode-single-select></label>
    <label class="field">Dash <vscode-single-select id="dash-by"></vscode-single-select></label>
    <label class="field">Chart <vscode-single-select id="facet-by"></vscode-single-select></label>
    <span class="sep"></span>
    <label class="field" title="Aggregate the runs of each colour × dash group (e.g. seeds)">Line <vscode-single-select id="centre">
      <vscode-option value="none">each run</vscode-option><vscode-option value="mean">mean</vscode-option><vscode-option value="median">median</vscode-option><vscode-option value="min">min</vscode-option><vscode-option value="max">max</vscode-option>
    </vscode-single-select></label>
    <label class="field">Band <vscode-single-select id="band">
      <vscode-option value="none">none</vscode-option><vscode-option value="minmax">min–max</vscode-option><vscode-option value="sd">mean ± SD</vscode-option><vscode-option value="se">mean ± SE</vscode-option><vscode-option value="ci95">95 % CI</vscode-option>
    </vscode-single-select></label>
  </div>
  <div class="row">
    <label class="field">X <vscode-single-select id="x-axis"></vscode-single-select></label>
    <vscode-checkbox id="logx">Log x</vscode-checkbox>
    <vscode-checkbox id="logy">Log y</vscode-checkbox>
    <vscode-checkbox id="outliers" title="Fit the y axis to the values within 3 IQR of the quartiles, so one spike does not flatten every curve (as TensorBoard and Aim do). Every run stays in view, and a chart notes how many points it left out.">Ignore outliers</vscode-checkbox>
    <span class="sep"></span>
    <label class="field">Smoothing <vscode-single-select id="smoothing">
      <vscode-option value="none">none</vscode-option><vscode-option value="ema">EMA (debiased)</vscode-option><vscode-option value="ma">moving average</vscode-option>
    </vscode-single-select></label>
    <vscode-textfield id="smooth-amount" class="narrow" type="number" title="EMA weight 0–0.999, or moving-average window in points"></vscode-textfield>
  </div>
</header>
<div id="legends" class="legends"></div>
<main id="grid" class="grid"></main>`;

export interface ControlHandlers {
  /** A control changed the state. */
  change: (patch: Partial<CurvesViewState>) => void;
  saveView: () => void;
}

const $ = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;

export function buildToolbar(app: HTMLElement, on: ControlHandlers): void {
  app.innerHTML = TOOLBAR;
  const select = (id: string, field: keyof CurvesViewState) => $<Select>(id).addEventListener('change', (e) => on.change({ [field]: (e.currentTarget as Select).value }));
  const check = (id: string, field: keyof CurvesViewState) => $<Check>(id).addEventListener('change', (e) => on.change({ [field]: (e.currentTarget as Check).checked }));
  select('color-by', 'colorBy');
  select('dash-by', 'dashBy');
  select('facet-by', 'facetBy');
  select('centre', 'centre');
  select('band', 'band');
  select('x-axis', 'xAxis');
  select('smoothing', 'smoothing');
  check('split', 'split');
  check('logx', 'logX');
  check('logy', 'logY');
  check('outliers', 'ignoreOutliers');
  $<Text>('query').addEventListener('input', (e) => on.change({ query: (e.currentTarget as Text).value }));
  $<Text>('filter').addEventListener('input', (e) => on.change({ filter: (e.currentTarget as Text).value }));
  $<Text>('smooth-amount').addEventListener('change', (e) => {
    const v = Number((e.currentTarget as Text).value);
    if (!Number.isFinite(v)) return;
    on.change($<Select>('smoothing').value === 'ma' ? { smoothWindow: Math.min(1001, Math.max(1, Math.round(v))) } : { smoothWeight: Math.min(0.999, Math.max(0, v)) });
  });
  $('save-view').addEventListener('click', () => on.saveView());
}

const optionSignatures = new Map<string, string>();

/** Replaces a select's options only when they changed (rebuilding would close an open dropdown). */
function setOptions(id: string, options: Array<[string, string]>, value: string): void {
  const el = $<Select>(id);
  const withValue = options.some(([v]) => v === value) ? options : [...options, [value, value] as [string, string]];
  const sig = JSON.stringify(withValue);
  if (optionSignatures.get(id) !== sig) {
    optionSignatures.set(id, sig);
    // `selected` on the option: the component re-reads its options asynchronously and would
    // otherwise fall back to the first one.
    el.innerHTML = withValue
      .map(([v, label]) => `<vscode-option value="${escapeHtml(v)}"${v === value ? ' selected' : ''}>${escapeHtml(label)}</vscode-option>`)
      .join('');
    el.value = value;
    return;
  }
  if (el.value !== value) el.value = value;
}

function setValue(id: string, value: string): void {
  const el = $<Text>(id);
  if (el.value !== value) el.value = value;
}

export interface ControlOptions {
  dimensions: DimensionChoice[];
  /** Metric keys that can serve as the x axis. */
  xMetrics: string[];
}

export function syncControls(state: CurvesViewState, opts: ControlOptions): void {
  const dims: Array<[string, string]> = opts.dimensions.map((d) => [d.id, `${d.label} (${d.values})`]);
  setOptions('color-by', [['run', 'run'], ['none', 'none'], ...dims, ['metric', 'metric']], state.colorBy);
  setOptions('dash-by', [['none', 'none'], ...dims, ['run', 'run'], ['metric', 'metric']], state.dashBy);
  setOptions('facet-by', [['auto', 'metric × context'], ['none', 'metric only'], ...dims, ['run', 'run']], state.facetBy);
  setOptions(
    'x-axis',
    [['step', 'step'], ['epoch', 'epoch'], ['relative-time', 'relative time'], ['wall-time', 'wall time'], ...opts.xMetrics.map((k): [string, string] => [`metric:${k}`, `metric: ${k}`])],
    state.xAxis,
  );
  for (const [id, v] of [['centre', state.centre], ['band', state.band], ['smoothing', state.smoothing]] as const) if ($<Select>(id).value !== v) $<Select>(id).value = v;
  for (const [id, v] of [['split', state.split], ['logx', state.logX], ['logy', state.logY], ['outliers', state.ignoreOutliers]] as const)
    if ($<Check>(id).checked !== v) $<Check>(id).checked = v;
  if (document.activeElement !== $('query')) setValue('query', state.query);
  if (document.activeElement !== $('filter')) setValue('filter', state.filter);
  setValue('smooth-amount', String(state.smoothing === 'ma' ? state.smoothWindow : state.smoothWeight));
  $('smooth-amount').hidden = state.smoothing === 'none';
  $('band').closest('label')!.classList.toggle('disabled', state.centre === 'none');
}

export function showQueryError(error: { message: string; start: number; end: number } | undefined, query: string): void {
  const el = $('query-error');
  el.hidden = !error;
  if (!error) return;
  // The query with the offending span marked, then the message.
  const mark = document.createElement('mark');
  mark.textContent = query.slice(error.start, Math.max(error.end, error.start + 1)) || ' ';
  el.replaceChildren(document.createTextNode(query.slice(0, error.start)), mark, document.createTextNode(query.slice(Math.max(error.end, error.start + 1))), document.createElement('br'), document.createTextNode(error.message));
}
