// The Runs Table webview's row model (pure): the data set assembled from its messages (an older set's parts
// dropped), then filter (run query language) → selection → sort (empty cells last) → seed groups that expand.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { RunRow } from '../../../src/core/runs/column-values';
import { parseColumn } from '../../../src/core/runs/columns';
import type { IndexedRun } from '../../../src/core/index/types';
import { columnMeta, tableMessages } from '../../../src/host/panels/table/table-data';
import { TableAssembler, approxOf, cellOf, type TableData } from '../../../webview/table/data';
import { displayRows, groupId } from '../../../webview/table/rows';

const columns = [parseColumn('params.lr'), parseColumn('f1:best')];
const F1 = [0.5, 0.9, null, 0.7, NaN, 0.6];

function data(): TableData {
  const rows: RunRow[] = F1.map((f1, i): RunRow => ({
    run: { format: 'mlflow-file', id: `r${i}`, name: `run ${i}`, experiment: 'e', status: 'FINISHED', path: `/r/${i}`, root: '/r', key: `k${i}`, tags: {}, checkpoints: [], params: { lr: i % 2 ? '1e-5' : '3e-5', seed: String(i) }, series: [] } as unknown as IndexedRun,
    values: { 'params.lr': i % 2 ? '1e-5' : '3e-5', 'f1:best': f1 },
    steps: {},
    approximate: i === 3 ? { 'f1:best': { step: 8, requestedStep: 10 } } : ({} as RunRow['approximate']),
  }));
  const a = new TableAssembler();
  a.take({ type: 'tableStart', dataId: 1, columns: [], runs: 1, totalRuns: 1 });
  let done: TableData | undefined;
  for (const m of tableMessages(2, columns, rows, [], 1)) {
    if (m.type === 'tableStart' || m.type === 'tableRuns' || m.type === 'tableColumns' || m.type === 'tableEnd') done = a.take(m) ?? done;
    // a late part of the older data set must not mix in
    if (m.type === 'tableStart') assert.equal(a.take({ type: 'tableEnd', dataId: 1, errors: [], millis: 0 }), undefined);
  }
  return done!;
}

const base = { query: '', sort: null, statistic: 'median' as const, expanded: new Set<string>(), columns: columns.map(columnMeta) };
const names = (d: TableData, rows: ReturnType<typeof displayRows>['rows']) => rows.map((r) => (r.kind === 'run' ? d.runs[r.index].id : `group ${r.group.n}`));

test('cells come back as sent: numbers, NaN, empty, approximate with both steps', () => {
  const d = data();
  const f1 = d.values.get('f1:best');
  assert.equal(cellOf(f1, 1), 0.9);
  assert.equal(cellOf(f1, 2), null);
  assert.ok(Number.isNaN(cellOf(f1, 4) as number));
  assert.deepEqual(approxOf(f1, 3), [8, 10]);
  assert.equal(cellOf(d.values.get('params.lr'), 0), '3e-5');
});

test('filter, then sort descending: NaN after the numbers, the empty cell last', () => {
  const d = data();
  assert.deepEqual(names(d, displayRows(d, { ...base, sort: { column: 'f1:best', desc: true } }).rows), ['r4', 'r1', 'r3', 'r5', 'r0', 'r2']);
  const filtered = displayRows(d, { ...base, query: 'lr=1e-5', sort: { column: 'f1:best', desc: false } });
  assert.deepEqual(names(d, filtered.rows), ['r5', 'r3', 'r1']);
  assert.equal(filtered.matched, 3);
  const bad = displayRows(d, { ...base, query: 'lr=(' });
  assert.ok(bad.error && bad.error.start >= 0, 'a parse error with its position');
});

test('the shared selection narrows the rows; groups by lr expand to their runs, sorted by the statistic', () => {
  const d = data();
  assert.deepEqual(names(d, displayRows(d, { ...base, onlyKeys: new Set(['k0', 'k5']) }).rows), ['r0', 'r5']);
  const grouped = displayRows(d, { ...base, groupBy: ['lr'], sort: { column: 'f1:best', desc: true } });
  assert.deepEqual(names(d, grouped.rows), ['group 3', 'group 3']);
  const first = grouped.rows[0];
  assert.ok(first.kind === 'group' && first.group.group.lr === '1e-5', 'lr=1e-5 (median 0.7) above lr=3e-5 (median 0.5: NaN and the empty cell do not count)');
  const open = displayRows(d, { ...base, groupBy: ['lr'], expanded: new Set([groupId({ lr: '3e-5' })]) });
  assert.deepEqual(names(d, open.rows), ['group 3', 'r0', 'r2', 'r4', 'group 3']);
});
