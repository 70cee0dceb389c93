// The host's rules for one webview: nothing before `ready`, channel state replayed on every `ready`,
// live messages dropped while hidden, exactly one reply per request, no reply to a rebuilt webview.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { PanelChannel } from '../../../../src/host/panels/panel-channel';

type Msg = { type: string; n?: number; id?: number; message?: string };
const setup = () => {
  const sent: Msg[] = [];
  const channel = new PanelChannel<Msg>((m) => sent.push(m));
  const error = (id: number, message: string): Msg => ({ type: 'requestError', id, message });
  return { sent, channel, error };
};

test('nothing is posted before ready; the newest message per channel is sent on ready', () => {
  const { sent, channel } = setup();
  channel.post({ type: 'report', n: 1 }, 'view');
  channel.post({ type: 'report', n: 2 }, 'view');
  channel.post({ type: 'live' });
  assert.deepEqual(sent, []);
  channel.onReady();
  assert.deepEqual(sent, [{ type: 'report', n: 2 }]);
});

test('a hidden webview is rebuilt: it gets the newest channel state again, live messages while hidden are dropped', () => {
  const { sent, channel } = setup();
  channel.onReady();
  channel.post([{ type: 'data', n: 1 }, { type: 'chunk', n: 1 }], 'data');
  channel.post({ type: 'status', n: 1 }, 'status');
  channel.onHidden();
  channel.post([{ type: 'data', n: 2 }, { type: 'chunk', n: 2 }], 'data');
  channel.post({ type: 'live' });
  assert.equal(sent.length, 3, 'nothing sent while hidden');
  sent.length = 0;
  channel.onReady();
  assert.deepEqual(sent, [{ type: 'data', n: 2 }, { type: 'chunk', n: 2 }, { type: 'status', n: 1 }]);
});

test('a request gets exactly one final reply, after its parts', () => {
  const { sent, channel, error } = setup();
  channel.onReady();
  const reply = channel.replier(7, error);
  reply.part({ type: 'part', id: 7 });
  reply.done({ type: 'result', id: 7 });
  reply.done({ type: 'result', id: 7 });
  reply.fail('late');
  reply.part({ type: 'part', id: 7 });
  assert.deepEqual(sent, [{ type: 'part', id: 7 }, { type: 'result', id: 7 }]);
  assert.equal(reply.settled, true);
  const failing = channel.replier(8, error);
  failing.fail('boom');
  failing.done({ type: 'result', id: 8 });
  assert.deepEqual(sent.slice(2), [{ type: 'requestError', id: 8, message: 'boom' }]);
});

test('a reply to a webview that was rebuilt since the request is dropped (its ids start over)', () => {
  const { sent, channel, error } = setup();
  channel.onReady();
  const reply = channel.replier(1, error);
  channel.onHidden();
  channel.onReady();
  reply.done({ type: 'result', id: 1 });
  assert.deepEqual(sent, []);
});
