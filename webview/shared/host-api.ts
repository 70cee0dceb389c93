// The webview side of the host channel: typed post, validated receive, persisted state. Messages come in
// packed (one buffer for all typed arrays, see src/protocol/packing) and are unpacked before the guard;
// messages that carry typed arrays go out packed too.
import { packMessage, unpackMessage, wireBytes } from '../../src/protocol/packing';

interface VsCodeApi {
  postMessage(message: unknown): void;
  getState(): unknown;
  setState(state: unknown): void;
}

declare function acquireVsCodeApi(): VsCodeApi;

let api: VsCodeApi | undefined;

function containsTypedArray(v: unknown, depth = 0): boolean {
  if (v === null || typeof v !== 'object' || depth > 8) return false;
  if (ArrayBuffer.isView(v)) return true;
  return Object.values(v).some((x) => containsTypedArray(x, depth + 1));
}

export function hostApi(): VsCodeApi {
  if (!api) {
    const raw = acquireVsCodeApi();
    api = {
      postMessage: (m) => raw.postMessage(containsTypedArray(m) ? packMessage(m) : m),
      getState: () => raw.getState(),
      setState: (s) => raw.setState(s),
    };
  }
  return api;
}

/** Subscribes to host messages, dropping (and reporting) anything the guard rejects. */
export function onHostMessage<T>(guard: (v: unknown) => v is T, handler: (msg: T) => void): void {
  window.addEventListener('message', (event: MessageEvent) => {
    const msg = unpackMessage(event.data);
    if (guard(msg)) handler(msg);
    else console.warn('runlens: dropped unknown message', describe(msg));
  });
}

/** What a dropped message was, for the console: its type and size, never its (log-derived) content. */
function describe(msg: unknown): string {
  const type = typeof msg === 'object' && msg !== null && Object.prototype.hasOwnProperty.call(msg, 'type') ? String((msg as { type: unknown }).type).slice(0, 40) : '?';
  return `${JSON.stringify(type)} (${wireBytes(msg)} bytes)`;
}
