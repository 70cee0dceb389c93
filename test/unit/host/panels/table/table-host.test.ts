// The Runs Table's host pieces without VS Code: the column values as typed arrays (NaN and ±inf kept, empty
// cells flagged, approximate cells with both steps), messages under the size limit, exports in the webview's
// row order and columns, the table's run filter, and reads in slices that a newer computation cancels.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { IndexedRun } from '../../../../../src/core/index/types';
import type { ReadSeriesOf } from '../../../../../src/core/model';
import type { RunRow } from '../../../../../src/core/runs/column-values';
import { parseColumn } from '../../../../../src/core/runs/columns';
import { columnValues, tableMessages } from '../../../../../src/host/panels/table/table-data';
import { exportText, tableRuns } from '../../../../../src/host/panels/table/table-requests';
import { readRowsSliced, ROWS_PER_SLICE } from '../../../../../src/host/panels/table/table-rows';
import { wireBytes, MAX_MESSAGE_BYTES } from '../../../../../src/protocol/packing';

const run = (i: number, params: Record<string, string> = { lr: String(i % 2 ? '1e-5' : '3e-5') }): IndexedRun =>
  ({ format: 'mlflow-file', id: `r${i}`, name: `run ${i}`, experiment: 'e', status: 'finished', path: `/r/${i}`, root: '/r', key: `k${i}`, tags: {}, checkpoints: [], params, series: [{ key: 'f1', context: {}, last: 0.5 }] }) as unknown as IndexedRun;

const row = (i: number, f1: number | null, approx = false): RunRow => ({
  run: run(i),
  values: { 'params.lr': run(i).params.lr, 'f1:best': f1 },
  steps: f1 === null ? {} : { 'f1:best': 10 * i },
  approximate: approx ? { 'f1:best': { step: 8, requestedStep: 10 } } : {},
});

test('metric values: numbers with a presence flag, NaN and inf kept, steps, approximate cells with both steps', () => {
  const v = columnValues(parseColumn('f1:best'), [row(0, 0.5), row(1, NaN, true), row(2, null), row(3, -Infinity)]);
  assert.deepEqual([...v.present!], [1, 1, 0, 1]);
  assert.equal(v.numbers![0], 0.5);
  assert.ok(Number.isNaN(v.numbers![1]));
  assert.equal(v.numbers![3], -Infinity);
  assert.ok(Number.isNaN(v.steps![2]));
  assert.deepEqual(v.approx, [[1, 8, 10]]);
  assert.deepEqual(columnValues(parseColumn('params.lr'), [row(0, 1), row(1, 1)]).texts, ['3e-5', '1e-5']);
});

test('a large table travels in messages under the size limit, all of one data set', () => {
  const columns = Array.from({ length: 300 }, (_, c) => parseColumn(`m${c}:best`));
  const rows: RunRow[] = Array.from({ length: 1000 }, (_, i) => ({ run: run(i), values: Object.fromEntries(columns.map((c) => [c.id, i + 0.5])), steps: {}, approximate: {} }));
  const msgs = tableMessages(7, columns, rows, [], 1);
  assert.equal(msgs[0].type, 'tableStart');
  assert.equal(msgs.at(-1)!.type, 'tableEnd');
  assert.ok(msgs.length > 4, `${msgs.length} messages`);
  for (const m of msgs) assert.ok(wireBytes(m) <= MAX_MESSAGE_BYTES, `${m.type}: ${wireBytes(m)} bytes`);
  const sent = msgs.flatMap((m) => (m.type === 'tableColumns' ? m.columns.map((c) => c.id) : []));
  assert.equal(sent.length, 300);
  assert.ok(msgs.every((m) => !('dataId' in m) || m.dataId === 7));
});

test('table export: the rows in the order the webview shows them, its columns, grouped when asked', () => {
  const rows = new Map([row(0, 0.5), row(1, 0.7), row(2, 0.9)].map((r) => [r.run.key, r]));
  const md = exportText({ type: 'export', id: 1, what: 'table', format: 'md', to: 'clipboard', keys: ['k2', 'k0'], columns: ['f1:best'], groupBy: [], statistic: 'median' }, rows, undefined);
  assert.deepEqual(md.trim().split('\n'), ['| run | f1:best |', '| --- | ---: |', '| run 2 | 0.9 |', '| run 0 | 0.5 |']);
  const csv = exportText({ type: 'export', id: 1, what: 'table', format: 'csv', to: 'clipboard', keys: ['k0', 'k1', 'k2'], columns: ['f1:best'], groupBy: ['lr'], statistic: 'median' }, rows, undefined);
  assert.deepEqual(csv.trim().split('\n'), ['lr,n,f1:best,f1:best_min,f1:best_max,f1:best_sd,f1:best_n', '3e-5,2,0.7,0.5,0.9,0.28284271247461906,2', '1e-5,1,0.7,0.7,0.7,,1']);
  assert.throws(() => exportText({ type: 'export', id: 1, what: 'pivot', format: 'csv', to: 'clipboard', keys: [], columns: [], groupBy: [], statistic: 'median' }, rows, undefined), /build the pivot first/);
});

test('the pivot covers the runs the table shows: the selection it follows, then its filter', () => {
  const runs = [run(0), run(1), run(2), run(3)];
  assert.deepEqual(tableRuns(runs, 'lr=3e-5').map((r) => r.id), ['r0', 'r2']);
  assert.deepEqual(tableRuns(runs, 'lr=3e-5', ['k2', 'k3']).map((r) => r.id), ['r2']);
  assert.throws(() => tableRuns(runs, 'lr=('), /filter: .*at character/);
});

test('reads go in slices with a turn of the event loop between them; a cancelled computation stops', async () => {
  const runs = Array.from({ length: ROWS_PER_SLICE * 3 }, (_, i) => run(i));
  const read: ReadSeriesOf = async (_r, only) => ({ series: only.map((s) => ({ ...s, points: { steps: Float64Array.of(1), values: Float64Array.of(0.5) } })), errors: [] });
  const progress: number[] = [];
  const done = await readRowsSliced(runs, [parseColumn('f1:best')], read, { progress: (n) => progress.push(n) });
  assert.equal(done!.rows.length, runs.length);
  assert.deepEqual(progress, [ROWS_PER_SLICE, 2 * ROWS_PER_SLICE, 3 * ROWS_PER_SLICE]);
  let slices = 0;
  const cancelled = await readRowsSliced(runs, [parseColumn('f1:best')], read, { progress: () => slices++, cancelled: () => slices >= 1 });
  assert.equal(cancelled, undefined);
  assert.equal(slices, 1);
});
