// Runs the health checks (core/health/diagnose) over every indexed run in the background: after each indexing
// pass (debounced), reading series through the shared series service, yielding to the extension host between
// runs so 1,000 runs never block it for long. A newer pass cancels the one under way. No 'vscode' import beyond
// the event type, so tests can drive it.
import * as vscode from 'vscode';
import { diagnose, type DiagnoseOptions, type DiagnoseResult, type HealthCache } from '../../core/health/diagnose';
import { badgesOf, type RunBadge } from '../../core/health/badges';
import { parseHealthCache, serializeHealthCache } from '../../core/health/cache-file';
import type { IndexedRun } from '../../core/index/types';
import type { ReadSeriesOf } from '../../core/model';
import type { QuietGate } from '../../core/util/quiet-gate';

/** Where the per-run checks are kept between sessions. */
export interface HealthCacheStore {
  /** The file (logs and tests). */
  readonly path?: string;
  load(): Promise<string | undefined>;
  save(text: string): Promise<void>;
}

export interface HealthServiceDeps {
  index: { runs(): IndexedRun[]; onDidChange: vscode.Event<unknown> };
  series: { read: ReadSeriesOf };
  log?: vscode.LogOutputChannel;
  /** Thresholds and objective from the settings, read at the start of each pass. */
  options?: () => Pick<DiagnoseOptions, 'thresholds' | 'objective' | 'goals'>;
  /** Panel activity: a scheduled pass starts, and goes on to each next run, only once the panels are quiet. */
  quiet?: QuietGate;
  /** Where the per-run cache is kept between sessions (the extension's storage, never a run folder). */
  store?: HealthCacheStore;
}

const DEBOUNCE_MS = 500;
const yieldToHost = () => new Promise<void>((resolve) => setImmediate(resolve));

export class HealthService implements vscode.Disposable {
  private readonly emitter = new vscode.EventEmitter<void>();
  readonly onDidChange = this.emitter.event;
  private report: DiagnoseResult | undefined;
  private badges = new Map<string, RunBadge>();
  private timer: NodeJS.Timeout | undefined;
  private abort: AbortController | undefined;
  private readonly subscription: vscode.Disposable;
  private pass: Promise<void> = Promise.resolve();
  /** Each run's last check: a pass re-reads only the runs that changed since (a live run's appends). */
  private cache: HealthCache = new Map();
  private cacheLoaded: Promise<void> | undefined;
  /** Runs checked so far in the current pass, and how many it has (the view's description). */
  progress: { done: number; total: number } | undefined;

  constructor(private readonly deps: HealthServiceDeps) {
    this.subscription = deps.index.onDidChange(() => this.schedule());
  }

  /** The file the per-run checks are saved to, if any. */
  get cacheFile(): string | undefined {
    return this.deps.store?.path;
  }

  /** The newest complete report (undefined before the first pass ends). */
  current(): DiagnoseResult | undefined {
    return this.report;
  }

  badge(runKey: string): RunBadge | undefined {
    return this.badges.get(runKey);
  }

  /** Keys of the runs that carry a badge. */
  badgedRuns(): string[] {
    return [...this.badges.keys()];
  }

  schedule(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = undefined;
      void this.run({ background: true });
    }, DEBOUNCE_MS);
  }

  /**
   * Checks every run; resolves when the newest report is in (a newer pass that replaced this one included).
   * A background pass (after an index change) waits for the panels to be quiet before each run, so it never
   * competes with a panel's first paint; an explicit one (a command, a test) goes at once.
   */
  run(options: { background?: boolean; fresh?: boolean } = {}): Promise<void> {
    const gate = options.background ? this.deps.quiet : undefined;
    this.cacheLoaded ??= this.loadCache();
    // Refresh Diagnostics checks everything again (loose weight files beside a run are not in its fingerprint)
    const fresh = options.fresh;
    this.abort?.abort();
    const abort = new AbortController();
    this.abort = abort;
    const runs = this.deps.index.runs();
    this.pass = (async () => {
      const started = Date.now();
      let lastYield = Date.now();
      let read = 0;
      await this.cacheLoaded;
      if (fresh) this.cache.clear();
      await gate?.whenQuiet(abort.signal);
      const report = await diagnose(runs, this.deps.series.read, {
        ...this.deps.options?.(),
        signal: abort.signal,
        cache: this.cache,
        onRun: async (done, total, reused) => {
          this.progress = { done, total };
          if (!reused) read++;
          if (reused) {
            if (Date.now() - lastYield > 20) {
              await yieldToHost();
              lastYield = Date.now();
            }
            return;
          }
          if (gate && !gate.isQuiet()) {
            await gate.whenQuiet(abort.signal);
            lastYield = Date.now();
          } else if (Date.now() - lastYield > 20) {
            // the reads are async already; yield as well when a run's rules took the thread for a while
            await yieldToHost();
            lastYield = Date.now();
          }
        },
      });
      // new badges re-render the Runs view: not while the user is ticking runs in it (a tick landing on a row
      // that is being re-rendered is lost)
      await gate?.whenQuiet(abort.signal);
      if (abort.signal.aborted) return;
      this.progress = undefined;
      this.report = report;
      this.badges = badgesOf(report.findings);
      this.deps.log?.info(`health: ${report.findings.length} findings, ${report.sweep.length} sweep findings, ${report.checkpoints.length} checkpoints over ${runs.length} runs in ${Date.now() - started} ms`);
      this.emitter.fire();
      if (read || fresh) void this.saveCache();
    })().catch((err) => this.deps.log?.error(`health: ${err instanceof Error ? err.message : String(err)}`));
    return this.settled();
  }

  private async loadCache(): Promise<void> {
    try {
      const loaded = parseHealthCache(await this.deps.store?.load());
      for (const [key, check] of loaded) if (!this.cache.has(key)) this.cache.set(key, check);
    } catch (err) {
      this.deps.log?.warn(`health: the saved checks could not be read (${err instanceof Error ? err.message : String(err)}); every run is checked again`);
    }
  }

  private async saveCache(): Promise<void> {
    try {
      await this.deps.store?.save(serializeHealthCache(this.cache));
    } catch (err) {
      this.deps.log?.warn(`health: the checks could not be saved: ${err instanceof Error ? err.message : String(err)}`);
    }
  }

  /** Resolves when no pass is scheduled or under way: an index change during a pass starts a newer one, waited for too. */
  async settled(): Promise<void> {
    for (;;) {
      while (this.timer) await new Promise((r) => setTimeout(r, 50));
      const pass = this.pass;
      await pass;
      if (pass === this.pass && !this.timer) return;
    }
  }

  dispose(): void {
    if (this.timer) clearTimeout(this.timer);
    this.abort?.abort();
    this.subscription.dispose();
    this.emitter.dispose();
  }
}
