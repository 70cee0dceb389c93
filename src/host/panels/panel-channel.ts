// The host's rules for talking to one webview, apart from VS Code (pure, so they are unit-tested):
// - nothing is posted until the webview says `ready`; retainContextWhenHidden stays off, so a hidden
//   webview is torn down and says `ready` again when shown;
// - a message posted on a channel is state: the newest message (or group) per channel is kept and
//   replayed on every `ready`, so a webview rebuilt after hiding gets the current view at once;
// - a message posted without a channel is live: sent when the webview is ready, dropped otherwise;
// - a request gets exactly one final reply (result or error), optionally after parts; a reply whose
//   webview is gone (hidden and rebuilt since the request came) is dropped: its request ids start over,
//   so a stale reply could otherwise resolve a new request.

export interface Replier<Out> {
  /** A part of the reply (sent before the final reply; ignored after it). */
  part(msg: Out): void;
  /** The final reply; later calls are ignored. */
  done(msg: Out): void;
  /** The error reply (`requestError`) instead of a result; ignored after the final reply. */
  fail(message: string): void;
  readonly settled: boolean;
}

export class PanelChannel<Out> {
  private ready = false;
  /** Counts `ready`s: each is a new webview document with its own request ids. */
  private generation = 0;
  private readonly retained = new Map<string, Out[]>();

  constructor(private readonly send: (msg: Out) => void) {}

  get isReady(): boolean {
    return this.ready;
  }

  /** The webview said `ready`: replay the newest message of every channel. */
  onReady(): void {
    this.ready = true;
    this.generation++;
    for (const group of this.retained.values()) for (const msg of group) this.send(msg);
  }

  /** The panel was hidden: its webview is being torn down. */
  onHidden(): void {
    this.ready = false;
  }

  /** Posts a message (or a group that belongs together, such as a data set and its chunks). */
  post(msg: Out | Out[], channel?: string): void {
    const group = Array.isArray(msg) ? msg : [msg];
    if (channel !== undefined) this.retained.set(channel, group);
    if (this.ready) for (const m of group) this.send(m);
  }

  /** The reply handle for request `id`, received now. */
  replier(id: number, errorOf: (id: number, message: string) => Out): Replier<Out> {
    const generation = this.generation;
    let settled = false;
    const live = () => !settled && this.ready && this.generation === generation;
    return {
      part: (msg) => {
        if (live()) this.send(msg);
      },
      done: (msg) => {
        if (live()) this.send(msg);
        settled = true;
      },
      fail: (message) => {
        if (live()) this.send(errorOf(id, message));
        settled = true;
      },
      get settled() {
        return settled;
      },
    };
  }

  clear(): void {
    this.ready = false;
    this.retained.clear();
  }
}
