// The Curves view a finding or checkpoint opens: its run, the step marked, on the step axis.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkpointMarker, findingView, markedView } from '../../../src/core/health/curves-view';
import type { CheckpointEntry, Finding } from '../../../src/core/health/types';
import { DEFAULT_VIEW_STATE, viewState } from '../../../src/protocol/curves';

const finding: Finding = { rule: 'loss-spike', severity: 'warning', step: 340, message: 'spike', runId: 'aim|/w|r1', runName: 'r1', series: 'loss', context: {} };

test('a finding opens its run and series with its step marked, on the step axis', () => {
  const base = { ...DEFAULT_VIEW_STATE, runKeys: ['other'], xAxis: 'wall-time', zoom: { c: [1, 2] as [number, number] }, filter: 'f1', colorBy: 'param:lr' };
  const v = findingView(base, finding);
  assert.deepEqual(v.marker, { step: 340, metric: 'loss', label: 'loss-spike' });
  assert.deepEqual(v.runKeys, ['aim|/w|r1']);
  assert.deepEqual(v.metrics, ['loss']);
  assert.equal(v.xAxis, 'step');
  assert.deepEqual(v.zoom, {});
  assert.equal(v.filter, '');
  assert.equal(v.colorBy, 'param:lr', 'the groupings the user chose stay');
});

test('a checkpoint marks its step on every chart of its run, labelled with its name and markers', () => {
  const c: CheckpointEntry = { runId: 'hf|/w|out', path: '/w/out/checkpoint-500', step: 500, bytes: 10, markers: ['last', 'best:eval_loss'] };
  const m = checkpointMarker(c)!;
  assert.deepEqual(m, { step: 500, metric: '', label: 'checkpoint-500 · last · best:eval_loss' });
  const v = markedView(DEFAULT_VIEW_STATE, c.runId, m);
  assert.deepEqual(v.metrics, []);
  assert.equal(checkpointMarker({ ...c, step: null }), undefined);
});

test('the marker is part of the view state: it round-trips, defaults to none, and a malformed one is refused', () => {
  const v = findingView(DEFAULT_VIEW_STATE, finding);
  assert.deepEqual(viewState(JSON.parse(JSON.stringify(v))), v);
  const { marker: _, ...older } = DEFAULT_VIEW_STATE;
  assert.equal(viewState(older)!.marker, null, 'a state saved before markers loads without one');
  assert.equal(viewState({ ...DEFAULT_VIEW_STATE, marker: { step: 'x', metric: 'loss', label: '' } }), undefined);
});
