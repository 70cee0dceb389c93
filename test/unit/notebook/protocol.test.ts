import { test } from 'node:test';
import assert from 'node:assert/strict';
import { toReportView } from '../../../src/host/notebook/report-view';
import { isHostToNotebook, isNotebookToHost, isReportView } from '../../../src/protocol/notebook';
import { analyse, code, md } from './nb';

test('report view: every finding carries its checklist section and title; the view passes its own guard', () => {
  const report = analyse([md('##Bad heading'), code('1/0', { count: 1, outputs: [{ output_type: 'error', ename: 'ZeroDivisionError', evalue: 'x', traceback: [] }] })]);
  const view = toReportView(report, 'x.ipynb');
  assert.ok(isReportView(view));
  assert.ok(isHostToNotebook({ type: 'report', report: view }));
  const err = view.findings.find((f) => f.id === 'error-output')!;
  assert.equal(err.section, 'execution');
  assert.equal(err.title, 'Error in an output');
  assert.equal(view.findings.find((f) => f.id === 'markdown-syntax')?.line, 0);
  assert.deepEqual(view.sections.map((s) => s.id), ['format', 'execution', 'reproducibility', 'code', 'documentation', 'tracking']);
});

test('protocol guards reject malformed messages in both directions', () => {
  assert.ok(isNotebookToHost({ type: 'ready' }));
  assert.ok(isNotebookToHost({ type: 'reveal', cell: 3, line: null }));
  assert.ok(isNotebookToHost({ type: 'setProfile', profile: 'publish' }));
  for (const bad of [null, {}, { type: 'reveal', cell: -1, line: null }, { type: 'reveal', cell: 1.5, line: 0 }, { type: 'reveal', cell: null, line: null }, { type: 'setProfile', profile: 'strict' }, { type: 'eval', code: 'x' }])
    assert.equal(isNotebookToHost(bad), false, JSON.stringify(bad));
  assert.equal(isHostToNotebook({ type: 'report', report: { fileName: 'x' } }), false);
  assert.equal(isHostToNotebook({ type: 'empty', message: 3 }), false);
  assert.ok(isHostToNotebook({ type: 'empty', message: 'Open a notebook' }));
});
