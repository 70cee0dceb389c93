// The webview's end of the request/response envelope (src/protocol/schema: RequestSpec): a request
// carries a fresh id and resolves exactly once, with its reply or its `requestError`. A reply may come
// in parts first (each under the message size limit); the array fields of the parts are collected and
// put in front of the same fields of the final reply, so the caller sees one whole reply.
import type { RequestSpec } from '../../src/protocol/schema';

type WithId = { type: string; id: number };

export interface RequestClient<ToHost extends { type: string }, FromHost extends { type: string }> {
  /** Posts the request `build(id)` and resolves with its final reply (or requestError). */
  request<R extends Extract<ToHost, WithId>>(build: (id: number) => R): Promise<Extract<FromHost, WithId>>;
  /** Routes a host message that answers a request; false when it is no reply, or no request waits for it. */
  settle(msg: FromHost): boolean;
}

export function requestClient<ToHost extends { type: string }, FromHost extends { type: string }>(
  post: (msg: ToHost) => void,
  specs: Record<string, RequestSpec>,
): RequestClient<ToHost, FromHost> {
  const finals = new Set(['requestError', ...Object.values(specs).map((s) => s.reply)]);
  const partTypes = new Set(Object.values(specs).flatMap((s) => (s.parts ? [s.parts] : [])));
  let nextId = 1;
  const pending = new Map<number, (reply: Extract<FromHost, WithId>) => void>();
  const parts = new Map<number, Array<Record<string, unknown>>>();

  return {
    request(build) {
      const id = nextId++;
      return new Promise((resolve) => {
        pending.set(id, resolve);
        post(build(id));
      });
    },
    settle(msg) {
      const id = (msg as Partial<WithId>).id;
      if (typeof id !== 'number' || !(finals.has(msg.type) || partTypes.has(msg.type))) return false;
      const resolve = pending.get(id);
      if (!resolve) return false;
      if (partTypes.has(msg.type)) {
        parts.set(id, [...(parts.get(id) ?? []), msg as unknown as Record<string, unknown>]);
        return true;
      }
      pending.delete(id);
      const earlier = parts.get(id) ?? [];
      parts.delete(id);
      resolve(withParts(msg as unknown as Record<string, unknown>, earlier) as Extract<FromHost, WithId>);
      return true;
    },
  };
}

/** The final reply with the parts' array fields in front of its own (an error reply stays as it is). */
function withParts(reply: Record<string, unknown>, earlier: Array<Record<string, unknown>>): Record<string, unknown> {
  if (!earlier.length) return reply;
  const out = { ...reply };
  for (const [k, v] of Object.entries(reply)) {
    if (!Array.isArray(v)) continue;
    const before = earlier.flatMap((p) => (Array.isArray(p[k]) ? (p[k] as unknown[]) : []));
    if (before.length) out[k] = [...before, ...v];
  }
  return out;
}
