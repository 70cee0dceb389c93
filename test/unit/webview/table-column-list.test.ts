// The Runs Table's column-order edits (header menu replace / move, drag-and-drop), as pure list functions.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { droppedColumn, movedColumn, replacedColumn } from '../../../webview/table/column-list';

const ids = ['name', 'lr', 'f1:best', 'loss:last'];

test('replace: the column keeps its place; an id already shown is not doubled; no change is undefined', () => {
  assert.deepEqual(replacedColumn(ids, 'f1:best', 'f1:last'), ['name', 'lr', 'f1:last', 'loss:last']);
  assert.deepEqual(replacedColumn(ids, 'f1:best', 'loss:last'), ['name', 'lr', 'loss:last']);
  assert.equal(replacedColumn(ids, 'f1:best', 'f1:best'), undefined);
  assert.equal(replacedColumn(ids, 'f1:best', undefined), undefined);
});

test('move: swaps with the neighbour; not past either end; the input is not changed', () => {
  assert.deepEqual(movedColumn(ids, 'lr', 1), ['name', 'f1:best', 'lr', 'loss:last']);
  assert.deepEqual(movedColumn(ids, 'lr', -1), ['lr', 'name', 'f1:best', 'loss:last']);
  assert.equal(movedColumn(ids, 'name', -1), undefined);
  assert.equal(movedColumn(ids, 'loss:last', 1), undefined);
  assert.equal(movedColumn(ids, 'nope', 1), undefined);
  assert.deepEqual(ids, ['name', 'lr', 'f1:best', 'loss:last']);
});

test('drop: the dragged column lands just before the one it was dropped on, either direction', () => {
  assert.deepEqual(droppedColumn(ids, 'loss:last', 'lr'), ['name', 'loss:last', 'lr', 'f1:best']);
  assert.deepEqual(droppedColumn(ids, 'name', 'loss:last'), ['lr', 'f1:best', 'name', 'loss:last']);
  assert.equal(droppedColumn(ids, 'lr', 'lr'), undefined, 'onto itself: nothing moves (it used to land before the last column)');
  assert.equal(droppedColumn(ids, 'gone', 'lr'), undefined);
});
