// Schemas: own properties only, and the view-state defaults that let older saved states load.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { DEFAULT_VIEW_STATE, isCurvesToHost, viewState } from '../../../src/protocol/curves';
import { object, optional, string } from '../../../src/protocol/schema';

test('a stored view state gets its missing fields from the defaults; a wrong present field rejects it', () => {
  assert.deepEqual(viewState({ runKeys: ['a'], xAxis: 'epoch' }), { ...DEFAULT_VIEW_STATE, runKeys: ['a'], xAxis: 'epoch' });
  assert.deepEqual(viewState({}), DEFAULT_VIEW_STATE);
  assert.equal(viewState({ smoothWeight: 1 }), undefined);
  assert.equal(viewState({ smoothWindow: 2.5 }), undefined);
  assert.equal(viewState({ centre: 'mode' }), undefined);
  assert.equal(viewState({ zoom: { c: [0, Infinity] } }), undefined);
  assert.equal(viewState([]), undefined);
  // A partial state is a valid `state` message, as before (the webview fills it when adopting).
  assert.ok(isCurvesToHost({ type: 'state', state: { query: 'x' } }));
});

test('object fields are read from own properties only', () => {
  const s = object({ name: string, note: optional(string) });
  assert.ok(s.is({ name: 'a' }));
  assert.equal(s.is(Object.create({ name: 'a' })), false);
  assert.equal(s.is({ name: 'a', note: 3 }), false);
  // An inherited default (e.g. toString) is not a state field value.
  assert.deepEqual(viewState(Object.create({ query: 'inherited' })), DEFAULT_VIEW_STATE);
});
