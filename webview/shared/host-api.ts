// The webview side of the host channel: typed post, validated receive, persisted state.
interface VsCodeApi {
  postMessage(message: unknown): void;
  getState(): unknown;
  setState(state: unknown): void;
}

declare function acquireVsCodeApi(): VsCodeApi;

let api: VsCodeApi | undefined;

export function hostApi(): VsCodeApi {
  api ??= acquireVsCodeApi();
  return api;
}

/** Subscribes to host messages, dropping (and reporting) anything the guard rejects. */
export function onHostMessage<T>(guard: (v: unknown) => v is T, handler: (msg: T) => void): void {
  window.addEventListener('message', (event: MessageEvent) => {
    if (guard(event.data)) handler(event.data);
    else console.warn('runlens: dropped unknown message', event.data && (event.data as { type?: unknown }).type);
  });
}
