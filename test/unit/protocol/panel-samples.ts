// One sample of every message of every panel, both directions, as the host and webviews build them.
// The panel-messages test fails when a protocol gains a message that has no sample here.
import { CURVES_PROTOCOL, DEFAULT_VIEW_STATE, type CurvesToHost, type HostToCurves } from '../../../src/protocol/curves';
import { DEFAULT_PARAMS_STATE, PARAMS_PROTOCOL, type HostToParams, type ParamsToHost } from '../../../src/protocol/params';
import { NOTEBOOK_PROTOCOL, type HostToNotebook, type NotebookToHost } from '../../../src/protocol/notebook';
import type { MessageSet, MessageDefs } from '../../../src/protocol/schema';
import { DEFAULT_TABLE_STATE, TABLE_PROTOCOL, type HostToTable, type TableToHost } from '../../../src/protocol/table';
import { COMPARE_PROTOCOL } from '../../../src/protocol/compare';
import { compareToHost, hostToCompare } from './compare-samples';

export interface PanelSamples {
  name: string;
  toHost: MessageSet<MessageDefs>;
  toWebview: MessageSet<MessageDefs>;
  toHostSamples: Array<{ type: string }>;
  toWebviewSamples: Array<{ type: string }>;
}

const context = { subset: 'val', fold: 2, ema: true, none: null };
const state = { ...DEFAULT_VIEW_STATE, runKeys: ['a\u0000r1'], zoom: { 'loss|': [1, 5] as [number, number] }, query: 'params.lr > 0.1', marker: { step: 120, metric: 'loss', label: 'loss-spike' } };
const preview = { runKey: 'a\u0000r1', key: 'loss', context, label: 'loss (val)', x: new Float32Array([0, 10, 20]), last: new Float32Array([1, NaN, 0.5]), min: new Float32Array([0.9, NaN, 0.4]), max: new Float32Array([1.1, NaN, 0.6]), count: 30, nanCount: 1 };
const fetched = { runKey: 'a\u0000r1', key: 'loss', context, x: new Float64Array([1.7e12, 1.7e12 + 1]), last: new Float64Array([1, Infinity]), min: new Float64Array([1, -Infinity]), max: new Float64Array([1, 2]), nan: 0, points: 2, before: { x: 0, y: NaN }, after: null };

const curvesToHost: CurvesToHost[] = [
  { type: 'ready' },
  { type: 'state', state },
  { type: 'openRun', runKey: 'a\u0000r1' },
  { type: 'error', message: 'boom <b>' },
  { type: 'fetch', id: 3, xAxis: 'wall-time', refs: [{ runKey: 'a\u0000r1', key: 'loss', context }], xMin: 0, xMax: 10, buckets: 400, logX: false },
  { type: 'export', id: 4, format: 'png', name: 'loss', data: new Uint8Array([137, 80, 78, 71]) },
  { type: 'saveView', state },
  { type: 'rendered', charts: 2, lines: 4, seriesShown: 4, millis: 12.5, aggregateMillis: 1, series: 4, seriesTotal: 4, complete: true },
];

const hostToCurves: HostToCurves[] = [
  {
    type: 'data',
    runs: [{ key: 'a\u0000r1', name: 'r1', experiment: 'sweep', format: 'aim', params: { lr: '0.1' }, status: 'FINISHED', tags: { team: 'x' }, startTime: 1.7e12 }],
    series: [preview],
    state,
    adopt: true,
    queryError: { message: 'unexpected )', start: 3, end: 4 },
    totalRuns: 10,
    dataId: 2,
    seriesTotal: 2,
  },
  { type: 'seriesChunk', dataId: 2, series: [preview] },
  { type: 'loading', message: 'Loading…' },
  { type: 'fetchPart', id: 3, series: [fetched] },
  { type: 'fetchResult', id: 3, series: [fetched], errors: ['run r2: unreadable'], millis: 4 },
  { type: 'exported', id: 4, path: '/tmp/loss.png' },
  { type: 'requestError', id: 4, message: 'could not save: EACCES' },
];

const notebookToHost: NotebookToHost[] = [
  { type: 'ready' },
  { type: 'reveal', cell: 3, line: null },
  { type: 'setProfile', profile: 'hand-in' },
  { type: 'refresh' },
  { type: 'error', message: 'render failed' },
];

const hostToNotebook: HostToNotebook[] = [
  {
    type: 'report',
    report: {
      fileName: 'project.ipynb',
      uri: 'file:///work/project.ipynb',
      profile: 'hand-in',
      profileReason: 'folder "course/"',
      profiles: [{ id: 'general', label: 'General' }, { id: 'hand-in', label: 'Hand-in' }],
      verdict: 'ready-with-warnings',
      cellCount: 12,
      findings: [{ id: 'exec-order', severity: 'warning', cell: 2, line: null, message: 'cells ran out of order `x`', section: 'execution', title: 'Execution order' }],
      evidence: ['papermill run'],
      sections: [{ id: 'execution', title: 'Execution' }],
      elapsedMs: 8,
    },
  },
  { type: 'empty', message: 'Open a Jupyter notebook (.ipynb) to see its readiness report.' },
];


const tableState = { ...DEFAULT_TABLE_STATE, columns: ['params.lr', 'f1[lang=de]:at(f1[lang=en]:best)'], sort: { column: 'f1[lang=de]:at(f1[lang=en]:best)', desc: true }, grouped: true, groupBy: ['lr'] };
const tablePivotSpec = { metric: 'f1', summary: 'at(f1[lang=en]:best)', by: 'lang', groupBy: ['lr'], average: true, query: 'lr<1e-3', keys: ['a\u0000r1'] };
const tableStats = { n: 3, mean: 0.8, sd: NaN, median: 0.81, min: -Infinity, max: Infinity };

const tableToHost: TableToHost[] = [
  { type: 'ready' },
  { type: 'state', state: { ...tableState, pivot: tablePivotSpec, tab: 'pivot' } },
  { type: 'select', keys: ['a\u0000r1', 'a\u0000r2'] },
  { type: 'highlight', key: null },
  { type: 'openInCurves', keys: ['a\u0000r1'] },
  { type: 'revealInRuns', keys: ['a\u0000r1'] },
  { type: 'pivot', id: 5, spec: tablePivotSpec },
  { type: 'filter', id: 7, query: 'f1[lang=de]:best > 0.7 and count(f1_en) >= 10' },
  { type: 'export', id: 6, what: 'table', format: 'latex', to: 'file', keys: ['a\u0000r1'], columns: ['params.lr'], groupBy: [], statistic: 'mean' },
  { type: 'timing', action: 'sort', millis: 3.5, rows: 1000, columns: 300 },
  { type: 'error', message: 'render failed <b>' },
];

const hostToTable: HostToTable[] = [
  { type: 'catalog', columns: [{ id: 'params.lr', kind: 'param', key: 'lr' }, { id: 'f1[lang=de]', kind: 'metric', key: 'f1', summary: 'last' }], params: ['lr'], contextKeys: ['lang'], groupParams: ['lr'] },
  { type: 'tableStart', dataId: 3, columns: [{ id: 'f1[lang=de]:best', kind: 'metric', key: 'f1', summary: 'best' }, { id: 'params.lr', kind: 'param', key: 'lr' }], runs: 2, totalRuns: 2 },
  { type: 'tableRuns', dataId: 3, runs: [{ key: 'a\u0000r1', id: 'r1', name: 'r1 <i>', experiment: 'sweep', format: 'aim', status: 'FINISHED', params: { lr: '3e-05' }, tags: {}, summary: { value: 1 }, metrics: { loss: NaN } }] },
  {
    type: 'tableColumns',
    dataId: 3,
    columns: [
      { id: 'f1[lang=de]:best', numbers: new Float64Array([0.8, NaN]), present: new Uint8Array([1, 1]), steps: new Float64Array([100, NaN]), approx: [[0, 90, 100]] },
      { id: 'params.lr', texts: ['3e-05', null] },
    ],
  },
  { type: 'tableEnd', dataId: 3, errors: ['r2: unreadable'], millis: 12 },
  { type: 'progress', done: 25, total: 1000 },
  { type: 'state', state: tableState },
  { type: 'selection', keys: ['a\u0000r1'], origin: 'curves' },
  { type: 'highlight', key: 'a\u0000r1' },
  { type: 'filtered', id: 7, keys: ['a\u0000r1'] },
  { type: 'pivotResult', id: 5, pivot: { metric: 'f1', summary: 'best', by: 'lang', mode: 'context', goal: 'max', columns: ['de'], groupBy: ['lr'], rows: [{ group: { lr: '3e-05' }, cells: { de: tableStats }, average: tableStats }] } },
  { type: 'exported', id: 6, path: '/tmp/runs-table.tex' },
  { type: 'requestError', id: 6, message: 'could not save: EACCES' },
];

const paramsState = { ...DEFAULT_PARAMS_STATE, axes: ['params.lr', 'f1_en:best'], scales: { 'params.lr': 'log' as const }, brushes: { 'f1_en:best': { ranges: [[0.5, 1] as [number, number]], categories: ['∅'] } }, bestBy: 'f1_en:best' };

const paramsToHost: ParamsToHost[] = [
  { type: 'ready' },
  { type: 'state', state: paramsState },
  { type: 'brushed', keys: ['a\u0000r1'] },
  { type: 'highlight', key: null },
  { type: 'revealInRuns', keys: ['a\u0000r1'] },
  { type: 'export', id: 1, format: 'svg', name: 'params', data: '<svg/>' },
  { type: 'rendered', runs: 240, axes: 8, millis: 12, mode: 'parallel' },
  { type: 'error', message: 'boom <b>' },
];

const hostToParams: HostToParams[] = [
  {
    type: 'data',
    dataId: 1,
    runs: [{ key: 'a\u0000r1', name: 'r1 <i>', experiment: 'sweep', group: 'lr=0.1' }],
    columns: [
      { id: 'params.lr', label: 'lr', kind: 'param', numbers: new Float64Array([0.1]), missing: new Uint8Array([0]) },
      { id: 'f1_en:best', label: 'f1_en:best', kind: 'metric', goal: 'max', numbers: new Float64Array([NaN]), missing: new Uint8Array([1]) },
      { id: 'params.optim', label: 'optim', kind: 'param', text: ['adam'] },
    ],
    available: ['params.lr', 'f1_en:best'],
    state: paramsState,
    adopt: true,
    importance: { objective: 'f1_en:best', n: 12, top: 3, shown: true, params: [{ param: 'lr', spearman: -0.2, pedAnova: 0.9 }] },
    errors: ['f1[: expected key[context]:summary'],
    totalRuns: 1,
  },
  { type: 'loading', message: 'Reading 240 runs…' },
  { type: 'selection', keys: ['a\u0000r1'], origin: 'table' },
  { type: 'highlight', key: 'a\u0000r1' },
  { type: 'exported', id: 1, path: '/tmp/params.svg' },
  { type: 'requestError', id: 1, message: 'could not save' },
];

export const PANELS: PanelSamples[] = [
  { name: 'curves', toHost: CURVES_PROTOCOL.toHost, toWebview: CURVES_PROTOCOL.toWebview, toHostSamples: curvesToHost, toWebviewSamples: hostToCurves },
  { name: 'params', toHost: PARAMS_PROTOCOL.toHost, toWebview: PARAMS_PROTOCOL.toWebview, toHostSamples: paramsToHost, toWebviewSamples: hostToParams },
  { name: 'notebook', toHost: NOTEBOOK_PROTOCOL.toHost, toWebview: NOTEBOOK_PROTOCOL.toWebview, toHostSamples: notebookToHost, toWebviewSamples: hostToNotebook },
  { name: 'table', toHost: TABLE_PROTOCOL.toHost, toWebview: TABLE_PROTOCOL.toWebview, toHostSamples: tableToHost, toWebviewSamples: hostToTable },
  { name: 'compare', toHost: COMPARE_PROTOCOL.toHost, toWebview: COMPARE_PROTOCOL.toWebview, toHostSamples: compareToHost, toWebviewSamples: hostToCompare },
];
