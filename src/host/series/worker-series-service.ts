// The series service of the extension: reads (and the one cache) happen in the series worker thread
// (src/worker/series-worker.ts), so parsing a hundred runs for a zoom never blocks the extension host.
// The host only computes each series' index fingerprint, posts the request and takes the points back as
// one transferred buffer.
// Budgets: the thread is limited in heap (resourceLimits) and each run in time. A run over either budget,
// or whose read crashes the thread, gets an error on that run; the thread restarts for the others (its
// cache is lost). Where no worker can start (no bundled script, a thread that dies before loading) every
// read goes to the in-process fallback. No 'vscode' import: benches and tests drive it with real readers.
import type { Worker } from 'node:worker_threads';
import type { IndexedRun } from '../../core/index/types';
import { runKey, type ReadSeriesOf, type RunInfo, type SeriesRef, type SeriesResult } from '../../core/model';
import { cancelledRead, seriesFingerprint } from '../../core/series/cached-reads';
import { readKey, sharedReads } from '../../core/series/shared-reads';
import { unpackSeries, type FromSeriesWorker, type SeriesWorkerData, type ToSeriesWorker } from '../../worker/series-protocol';
import { findWorkerEntry, startWorker, type WorkerEntry } from '../../worker/worker-entry';
import type { SeriesService } from './series-service';

/** Time one run's read may take once handed to the thread: the largest real runs read in seconds. */
export const SERIES_READ_BUDGET_MS = 60_000;
/** Heap of the series thread: the cache (~128 MB) plus room for the largest files the readers accept. */
export const SERIES_THREAD_HEAP_MB = 2048;
/** Runs read at once in the thread, so one slow file does not hold up the rest (reads overlap their I/O). */
const CONCURRENCY = 4;
/**
 * An idle thread is stopped after this long: its heap (the cache and the garbage of the last reads — the health
 * pass over 1,000 runs × 20 series × 10,000 steps left the extension host at ~640 MB RSS) goes back to the
 * system; the next read starts a fresh thread (~0.1 s) with an empty cache.
 */
export const SERIES_IDLE_STOP_MS = 60_000;

export interface WorkerSeriesOptions {
  /** How to start the thread; defaults to dist/series-worker.js next to the bundle (or the source under tsx). */
  entry?: WorkerEntry;
  wasmPath?: string;
  /** The index's view of the run (its series summaries: the cache fingerprint); undefined when unindexed. */
  indexed?: (runKey: string) => IndexedRun | undefined;
  maxCachedPoints?: number;
  runBudgetMs?: number;
  heapMb?: number;
  /** Idle time after which the thread is stopped (SERIES_IDLE_STOP_MS). */
  idleStopMs?: number;
  /** Where reads go when no thread can start. */
  fallback: () => SeriesService;
  log?: (level: 'info' | 'warn' | 'error', message: string) => void;
}

interface Job {
  id: number;
  run: RunInfo;
  only: SeriesRef[];
  fingerprints: string[];
  signal?: AbortSignal;
  resolve: (r: SeriesResult) => void;
  onAbort: () => void;
  timer?: NodeJS.Timeout;
  /** In flight when the thread died with others: read again alone, so a second death names its run. */
  suspect?: boolean;
}

/** The worker-backed service, or the in-process fallback when there is no thread script to start. */
export function createSeriesService(options: WorkerSeriesOptions): SeriesService {
  const entry = options.entry ?? findWorkerEntry('series-worker');
  return entry ? new WorkerSeriesService({ ...options, entry }) : options.fallback();
}

/** RunInfo only: the index's series summaries (possibly thousands) are not the reader's business. */
function plainRun(run: RunInfo): RunInfo {
  const { series: _series, key: _key, ...info } = run as RunInfo & Partial<Pick<IndexedRun, 'series' | 'key'>>;
  return info;
}

function failedRead(run: RunInfo, message: string): SeriesResult {
  return { series: [], errors: [{ path: run.path, runId: run.id, message: `${run.name || run.id}: ${message}` }] };
}

export class WorkerSeriesService implements SeriesService {
  private worker: Worker | undefined;
  private workerReady = false;
  /** Why the service stopped the thread itself (a run over its time budget). */
  private stoppedFor: { id: number; message: string } | undefined;
  private readonly queue: Job[] = [];
  private readonly inFlight = new Map<number, Job>();
  private nextId = 1;
  /** Set when the thread cannot start here: reads go to the fallback from then on. */
  private broken: string | undefined;
  private fallbackService: SeriesService | undefined;
  private disposed = false;
  private readonly budgetMs: number;
  private readonly heapMb: number;
  private idleTimer: NodeJS.Timeout | undefined;

  constructor(private readonly options: WorkerSeriesOptions & { entry: WorkerEntry }) {
    this.budgetMs = options.runBudgetMs ?? SERIES_READ_BUDGET_MS;
    this.heapMb = options.heapMb ?? SERIES_THREAD_HEAP_MB;
  }

  /** True while a series thread is up (tests). */
  get threadRunning(): boolean {
    return this.worker !== undefined;
  }

  /** True once reads go to the in-process fallback (tests, logs). */
  get inProcess(): boolean {
    return this.broken !== undefined;
  }

  private fallback(): SeriesService {
    return (this.fallbackService ??= this.options.fallback());
  }

  /** Concurrent requests for the same series of a run share one read in the thread. */
  readonly read: ReadSeriesOf = sharedReads(
    (run, only, signal) => this.readInThread(run, only, signal),
    (run, only) => {
      const indexed = this.options.indexed?.(runKey(run));
      return readKey(runKey(run), only, only.map((ref) => seriesFingerprint(indexed, ref)));
    },
  );

  private readInThread(run: RunInfo, only: SeriesRef[], signal?: AbortSignal): Promise<SeriesResult> {
    if (this.disposed) return Promise.resolve(failedRead(run, 'the series service was closed'));
    if (signal?.aborted) return Promise.resolve(cancelledRead(run));
    if (!only.length) return Promise.resolve({ series: [], errors: [] });
    if (this.broken) return this.fallback().read(run, only, signal);
    const indexed = this.options.indexed?.(runKey(run));
    return new Promise<SeriesResult>((resolve) => {
      const job: Job = {
        id: this.nextId++,
        run: plainRun(run),
        only: only.map((r) => ({ key: r.key, context: r.context })),
        fingerprints: only.map((ref) => seriesFingerprint(indexed, ref)),
        signal,
        resolve: (r) => {
          signal?.removeEventListener('abort', job.onAbort);
          clearTimeout(job.timer);
          resolve(r);
        },
        // Settles at once; the thread stops reading the run and its late reply is ignored.
        onAbort: () => {
          const queued = this.queue.indexOf(job);
          if (queued >= 0) this.queue.splice(queued, 1);
          else if (this.inFlight.delete(job.id)) this.post({ type: 'cancel', id: job.id });
          else return;
          job.resolve(cancelledRead(run));
          this.pump();
        },
      };
      signal?.addEventListener('abort', job.onAbort, { once: true });
      this.queue.push(job);
      this.pump();
    });
  }

  /** Hands queued reads to the thread, a few at a time; a suspect goes alone. */
  private pump(): void {
    while (this.queue.length && !this.broken && !this.disposed) {
      const next = this.queue[0];
      const busyWithSuspect = [...this.inFlight.values()].some((j) => j.suspect);
      if (busyWithSuspect || this.inFlight.size >= CONCURRENCY || (next.suspect && this.inFlight.size > 0)) break;
      this.queue.shift();
      this.dispatch(next);
    }
    if (this.broken) for (const job of this.queue.splice(0)) this.toFallback(job);
    if (this.worker && !this.inFlight.size) {
      this.worker.unref(); // an idle thread never keeps a CLI or test alive
      if (!this.queue.length) this.stopWhenIdle();
    }
  }

  private stopWhenIdle(): void {
    clearTimeout(this.idleTimer);
    this.idleTimer = setTimeout(() => {
      const worker = this.worker;
      if (!worker || this.inFlight.size || this.queue.length) return;
      // forgotten first, so its exit is not taken for a crash
      this.worker = undefined;
      void worker.terminate();
    }, this.options.idleStopMs ?? SERIES_IDLE_STOP_MS);
    this.idleTimer.unref();
  }

  private dispatch(job: Job): void {
    let worker: Worker;
    try {
      worker = this.ensureWorker();
    } catch (err) {
      this.markBroken(`the series thread could not start: ${(err as Error).message}`);
      this.toFallback(job);
      return;
    }
    clearTimeout(this.idleTimer);
    this.inFlight.set(job.id, job);
    worker.ref();
    job.timer = setTimeout(() => {
      if (!this.inFlight.has(job.id) || this.stoppedFor) return;
      // Only stopping the thread interrupts a synchronous parse.
      this.stoppedFor = { id: job.id, message: `reading this run took longer than ${Math.round(this.budgetMs / 1000)} s; stopped` };
      void worker.terminate();
    }, this.budgetMs);
    try {
      worker.postMessage({ type: 'read', id: job.id, run: job.run, only: job.only, fingerprints: job.fingerprints } satisfies ToSeriesWorker);
    } catch (err) {
      this.inFlight.delete(job.id);
      job.resolve(failedRead(job.run, `could not be sent to the series thread: ${(err as Error).message}`));
    }
  }

  private toFallback(job: Job): void {
    this.inFlight.delete(job.id);
    signalOff(job);
    void this.fallback()
      .read(job.run, job.only, job.signal)
      .then((r) => job.resolve(r));
  }

  private markBroken(message: string): void {
    if (this.broken) return;
    this.broken = message;
    this.options.log?.('warn', `${message}; reading series on the extension host instead`);
  }

  private post(msg: ToSeriesWorker): void {
    try {
      this.worker?.postMessage(msg);
    } catch {
      /* the thread is stopping: nothing to cancel */
    }
  }

  private ensureWorker(): Worker {
    if (this.worker) return this.worker;
    const workerData: SeriesWorkerData = { wasmPath: this.options.wasmPath, maxCachedPoints: this.options.maxCachedPoints };
    // No inherited Node flags (a loader such as tsx, --inspect): the thread runs one self-contained bundle.
    const worker = startWorker(this.options.entry, { workerData, execArgv: [], resourceLimits: { maxOldGenerationSizeMb: this.heapMb } });
    this.worker = worker;
    this.workerReady = false;
    worker.on('message', (m: FromSeriesWorker) => this.onMessage(m));
    let failure = 'the series thread exited';
    let outOfMemory = false;
    worker.on('error', (err) => {
      failure = `the series thread failed: ${err.message}`;
      outOfMemory = (err as NodeJS.ErrnoException).code === 'ERR_WORKER_OUT_OF_MEMORY';
    });
    worker.on('exit', () => this.onExit(worker, failure, outOfMemory));
    return worker;
  }

  private onMessage(m: FromSeriesWorker): void {
    if (m.type === 'ready') {
      this.workerReady = true;
      return;
    }
    const job = this.inFlight.get(m.id);
    if (!job) return; // cancelled meanwhile
    this.inFlight.delete(m.id);
    job.resolve(m.type === 'done' ? unpackSeries(m.result) : failedRead(job.run, m.message));
    this.pump();
  }

  /** Blames the run that broke the thread, reads the others again on a fresh one. */
  private onExit(worker: Worker, failure: string, outOfMemory: boolean): void {
    if (this.worker !== worker) return;
    this.worker = undefined;
    const stopped = this.stoppedFor;
    this.stoppedFor = undefined;
    const jobs = [...this.inFlight.values()];
    this.inFlight.clear();
    for (const j of jobs) clearTimeout(j.timer);
    if (this.disposed) return;
    // A thread that never came up will not come up next time either (unless one run killed it).
    if (!this.workerReady && !outOfMemory && !stopped) {
      this.markBroken(failure);
      for (const j of jobs) this.toFallback(j);
      this.pump();
      return;
    }
    const reason = outOfMemory ? `reading this run needed more than ${this.heapMb} MB of memory; stopped` : failure;
    const culprit = stopped ? jobs.find((j) => j.id === stopped.id) : jobs.length === 1 ? jobs[0] : undefined;
    if (culprit) culprit.resolve(failedRead(culprit.run, stopped?.message ?? reason));
    const others = jobs.filter((j) => j !== culprit);
    // Several runs on a thread that died: which one is unknown, so each is read again alone.
    if (!stopped) for (const j of others) j.suspect = true;
    this.queue.unshift(...others);
    this.options.log?.('warn', `${stopped?.message ?? reason} (${culprit ? culprit.run.name || culprit.run.id : `${others.length} runs read again one at a time`})`);
    this.pump();
  }

  dispose(): void {
    this.disposed = true;
    clearTimeout(this.idleTimer);
    const pending = [...this.inFlight.values(), ...this.queue.splice(0)];
    this.inFlight.clear();
    for (const j of pending) j.resolve(failedRead(j.run, 'the series service was closed'));
    const worker = this.worker;
    this.worker = undefined;
    void worker?.terminate();
    this.fallbackService?.dispose();
  }
}

function signalOff(job: Job): void {
  job.signal?.removeEventListener('abort', job.onAbort);
  clearTimeout(job.timer);
}
