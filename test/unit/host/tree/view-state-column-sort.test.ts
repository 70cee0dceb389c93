// A column sort survives a reload (the workspace state) and the view's description names it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type * as vscode from 'vscode';
import { describeViewState, loadViewState } from '../../../../src/host/tree/view-state';

const memento = (value: unknown) => ({ get: () => value }) as unknown as vscode.Memento;

test('a stored column sort is kept; a malformed one falls back to name order', () => {
  assert.deepEqual(loadViewState(memento({ sort: { by: 'column', column: 'f1_en:best' } })).sort, { by: 'column', column: 'f1_en:best' });
  assert.deepEqual(loadViewState(memento({ sort: { by: 'column', column: 'f1_en:min', direction: 'desc' } })).sort, { by: 'column', column: 'f1_en:min', direction: 'desc' });
  assert.deepEqual(loadViewState(memento({ sort: { by: 'column', column: 3 } })).sort, { by: 'name' });
  assert.deepEqual(loadViewState(memento({ sort: { by: 'column', column: 'x:best', direction: 'up' } })).sort, { by: 'name' });
});

test('the description says the column and the direction', () => {
  assert.equal(describeViewState({ filter: '', sort: { by: 'column', column: 'f1_en:best' } }, 3, 3), 'f1_en:best best first');
  assert.equal(describeViewState({ filter: '', sort: { by: 'column', column: 'eval_loss:min', direction: 'asc' } }, 3, 3), '↑ eval_loss:min');
});
