// Requests to the host carry an id and get exactly one reply (result or requestError).
import type { CurvesToHost, HostToCurves } from '../../src/protocol/curves';
import { post } from './state';

type Reply = Extract<HostToCurves, { id: number }>;
type Request = Extract<CurvesToHost, { id: number }>;

let nextId = 1;
const pending = new Map<number, (reply: Reply) => void>();

export function request(build: (id: number) => Request): Promise<Reply> {
  const id = nextId++;
  return new Promise((resolve) => {
    pending.set(id, resolve);
    post(build(id));
  });
}

/** Routes a reply to its request; false when no request waits for that id. */
export function settle(reply: Reply): boolean {
  const resolve = pending.get(reply.id);
  if (!resolve) return false;
  pending.delete(reply.id);
  resolve(reply);
  return true;
}
