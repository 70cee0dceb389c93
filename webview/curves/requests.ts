// Requests to the host carry an id and get exactly one reply (result or requestError). A fetch reply
// may come in parts (`fetchPart`, each under the message size limit) before its `fetchResult`: the
// parts' series are collected and the request resolves once, with all of them.
import type { CurvesToHost, HostToCurves } from '../../src/protocol/curves';
import { post } from './state';

type Reply = Exclude<Extract<HostToCurves, { id: number }>, { type: 'fetchPart' }>;
type Part = Extract<HostToCurves, { type: 'fetchPart' }>;
type Request = Extract<CurvesToHost, { id: number }>;

let nextId = 1;
const pending = new Map<number, (reply: Reply) => void>();
const parts = new Map<number, Part['series']>();

export function request(build: (id: number) => Request): Promise<Reply> {
  const id = nextId++;
  return new Promise((resolve) => {
    pending.set(id, resolve);
    post(build(id));
  });
}

/** Routes a reply (or a part of one) to its request; false when no request waits for that id. */
export function settle(reply: Reply | Part): boolean {
  const resolve = pending.get(reply.id);
  if (!resolve) return false;
  if (reply.type === 'fetchPart') {
    parts.set(reply.id, [...(parts.get(reply.id) ?? []), ...reply.series]);
    return true;
  }
  pending.delete(reply.id);
  const earlier = parts.get(reply.id);
  parts.delete(reply.id);
  resolve(earlier && reply.type === 'fetchResult' ? { ...reply, series: [...earlier, ...reply.series] } : reply);
  return true;
}
