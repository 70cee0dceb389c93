// Lets background work (the health pass) give way to what the user is waiting for: every panel message in
// either direction and every tick or selection in the Runs view calls touch(); background work awaits whenQuiet() before each step, so it runs only once
// the panels have been still for a while. On two cores a background pass that reads and checks every run
// costs a panel's first paint several hundred milliseconds when the two overlap.
// A wait is capped (maxWaitMs): a panel that never stops talking (a live run polled every second) must not
// starve the background work forever. Held work (an indexing pass, a pending request) is waited for longer
// (maxHoldMs): a pass over 1,000 runs takes a minute, and what the background work would compute meanwhile
// is thrown away when the pass changes the index.

export interface QuietGateOptions {
  /** How long nothing must have happened before background work goes on. */
  quietMs: number;
  /** The longest one whenQuiet() waits while only touches keep things busy. */
  maxWaitMs: number;
  /** The longest one whenQuiet() waits while held work is pending (default 10 minutes). */
  maxHoldMs?: number;
  /** The clock and timer (tests pass fake ones). */
  now?: () => number;
  sleep?: (ms: number) => Promise<void>;
}

const realSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms).unref?.());

export class QuietGate {
  private last = Number.NEGATIVE_INFINITY;
  private busyCount = 0;
  private lastHoldEnded = Number.NEGATIVE_INFINITY;
  private readonly now: () => number;
  private readonly sleep: (ms: number) => Promise<void>;

  constructor(private readonly options: QuietGateOptions) {
    this.now = options.now ?? Date.now;
    this.sleep = options.sleep ?? realSleep;
  }

  /** Something the user waits for just happened. */
  touch(): void {
    this.last = this.now();
  }

  /** Foreground work under way for as long as the promise is pending (counts as activity until it settles). */
  hold<T>(work: Promise<T>): Promise<T> {
    this.busyCount++;
    this.touch();
    const done = () => {
      this.busyCount--;
      this.touch();
      this.lastHoldEnded = this.now();
    };
    work.then(done, done);
    return work;
  }

  /** True when nothing happened for quietMs and no held work is pending. */
  isQuiet(): boolean {
    return this.busyCount === 0 && this.now() - this.last >= this.options.quietMs;
  }

  /** Resolves once quiet (or after maxWaitMs, or when the signal aborts). */
  async whenQuiet(signal?: AbortSignal): Promise<void> {
    const started = this.now();
    const maxHold = this.options.maxHoldMs ?? 600_000;
    while (!signal?.aborted && !this.isQuiet()) {
      // while work is held the long cap runs from the start; after it, the touch cap runs from its end
      const from = this.busyCount ? started : Math.max(started, this.lastHoldEnded);
      const waited = this.now() - from;
      const cap = this.busyCount ? Math.max(maxHold, this.options.maxWaitMs) : this.options.maxWaitMs;
      if (waited >= cap) return;
      const untilQuiet = this.busyCount ? this.options.quietMs : this.options.quietMs - (this.now() - this.last);
      await this.sleep(Math.max(10, Math.min(untilQuiet, cap - waited)));
    }
  }
}
