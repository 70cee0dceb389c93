// A few reader threads that read and summarise runs for the indexer, so a cold index of a big store
// parses on every core while the indexing thread walks, fingerprints and writes the index.
// Threads start on first use, stop after a while idle, and never keep a CLI process alive.
// Any failure (no thread can start, a thread dies) rejects the job and the indexer reads that run itself,
// except a run over its budget: a thread is limited in heap (resourceLimits) and each run in time, and
// a run that exceeds either is given up with a message (RunReadAbandoned), never re-read in-process.
import * as os from 'node:os';
import type { Worker } from 'node:worker_threads';
import { RunReadAbandoned, type RunReadPool, type RunSummaries } from '../core/index/run-summaries';
import type { RunInfo, SourceFormat } from '../core/model';
import type { FromReadWorker, ReadWorkerData, ToReadWorker } from './read-protocol';
import { findWorkerEntry, startWorker, type WorkerEntry } from './worker-entry';

/**
 * Formats with one folder or file per run and nothing shared between runs. The SQLite and RocksDB
 * readers (mlflow-db, optuna, aim) keep a snapshot of the whole store: one per thread would load it twice.
 */
const POOLED_FORMATS: ReadonlySet<SourceFormat> = new Set<SourceFormat>(['mlflow-file', 'tensorboard', 'lightning-csv', 'hf-trainer', 'wandb']);
/** Idle threads give their memory back after this long; the next pass starts them again (~50 ms). */
const IDLE_EXIT_MS = 10_000;
/**
 * Time one run may take, from hand-off to answer. Generous: the largest real runs read in seconds;
 * past it the thread is stuck (a parser loop, a hung read) and is stopped.
 */
export const RUN_READ_BUDGET_MS = 300_000;
/**
 * Heap of one reader thread: room for the largest files the readers accept (measured: a 68 MB
 * trainer_state.json is 68 MB of text plus 52 MB parsed, so its 256 MB limit needs ~0.5 GB);
 * a run needing more is hostile or broken.
 */
export const READ_THREAD_HEAP_MB = 2048;

/** How to start a reader thread: the bundled script, or the TypeScript source under tsx (tests, benches). */
export type ReadWorkerEntry = WorkerEntry;

/** dist/read-worker.js next to the bundle that runs this code, else src/worker/read-worker.ts when tsx is at hand. */
export function findReadWorkerEntry(): ReadWorkerEntry | undefined {
  return findWorkerEntry('read-worker');
}

export interface ReadPoolOptions {
  /** Reader threads at most; defaults to the number of cores (at most 4). */
  threads?: number;
  /** sql.js's wasm file, for readers that open SQLite files. */
  wasmPath?: string;
  /** Defaults to findReadWorkerEntry(). */
  entry?: ReadWorkerEntry;
  /** Time budget per run (RUN_READ_BUDGET_MS). */
  runBudgetMs?: number;
  /** Heap limit per thread in MB (READ_THREAD_HEAP_MB). */
  heapMb?: number;
}

interface Job {
  run: RunInfo;
  resolve: (r: RunSummaries) => void;
  reject: (err: Error) => void;
  dispose: () => void;
  timer?: NodeJS.Timeout;
}

interface Thread {
  worker: Worker;
  jobs: Map<number, Job>;
  /** The thread loaded its code (its 'ready' message came). */
  ready: boolean;
  /** Why the pool stopped this thread itself (a run over budget), for the jobs still on it. */
  stoppedFor?: { id: number; message: string };
  idleTimer?: NodeJS.Timeout;
}

export class ReadPool implements RunReadPool {
  private readonly threads: Thread[] = [];
  private readonly maxThreads: number;
  private nextId = 1;
  /** Set when threads cannot start here (or the pool was closed): every read is then declined. */
  private broken: string | undefined;

  /** A pool, or undefined when there is no reader-thread script to start. */
  static create(options: ReadPoolOptions = {}): ReadPool | undefined {
    const entry = options.entry ?? findReadWorkerEntry();
    const threads = options.threads ?? Math.min(4, os.availableParallelism());
    const limits = { runBudgetMs: options.runBudgetMs ?? RUN_READ_BUDGET_MS, heapMb: options.heapMb ?? READ_THREAD_HEAP_MB };
    return entry && threads >= 1 ? new ReadPool(entry, threads, options.wasmPath, limits) : undefined;
  }

  private constructor(
    private readonly entry: ReadWorkerEntry,
    threads: number,
    private readonly wasmPath: string | undefined,
    private readonly limits: { runBudgetMs: number; heapMb: number },
  ) {
    this.maxThreads = threads;
  }

  handles(format: SourceFormat): boolean {
    return !this.broken && POOLED_FORMATS.has(format);
  }

  read(run: RunInfo, signal?: AbortSignal): Promise<RunSummaries> {
    if (this.broken) return Promise.reject(new Error(this.broken));
    if (signal?.aborted) return Promise.resolve(cancelled(run));
    let thread: Thread;
    try {
      thread = this.pick();
    } catch (err) {
      return Promise.reject(err instanceof Error ? err : new Error(String(err)));
    }
    const id = this.nextId++;
    return new Promise<RunSummaries>((resolve, reject) => {
      // On cancel the run settles at once; the thread stops reading it and its late reply is ignored.
      const onAbort = () => {
        if (!thread.jobs.has(id)) return;
        this.settle(thread, id);
        thread.worker.postMessage({ type: 'cancel', id } satisfies ToReadWorker);
        resolve(cancelled(run));
      };
      const job: Job = { run, resolve, reject, dispose: () => undefined };
      job.dispose = () => {
        signal?.removeEventListener('abort', onAbort);
        clearTimeout(job.timer);
      };
      // Over budget: only stopping the thread interrupts a synchronous parse. The other runs on
      // it fail plainly (the indexer reads them itself); this one is given up with a message.
      job.timer = setTimeout(() => {
        // already stopping for an earlier run (the likelier culprit): this one goes back to the indexer
        if (!thread.jobs.has(id) || thread.stoppedFor) return;
        this.stopThread(thread, id, `reading this run took longer than ${Math.round(this.limits.runBudgetMs / 1000)} s; stopped (not retried until its files change)`);
      }, this.limits.runBudgetMs);
      job.timer.unref();
      thread.jobs.set(id, job);
      signal?.addEventListener('abort', onAbort, { once: true });
      clearTimeout(thread.idleTimer);
      thread.worker.ref();
      try {
        thread.worker.postMessage({ type: 'read', id, run } satisfies ToReadWorker);
      } catch (err) {
        // A run that cannot be cloned (not plain data): the indexer reads it itself.
        this.settle(thread, id);
        reject(err instanceof Error ? err : new Error(String(err)));
      }
    });
  }

  /** Stops every thread; reads still pending go back to the indexer. */
  close(): void {
    this.broken = 'the reader pool was closed';
    for (const t of [...this.threads]) {
      this.failAll(t, this.broken);
      void t.worker.terminate();
    }
    this.threads.length = 0;
  }

  /** The least busy thread, starting another while all are busy and the limit allows. */
  private pick(): Thread {
    let best: Thread | undefined;
    for (const t of this.threads) if (!best || t.jobs.size < best.jobs.size) best = t;
    if (best && (best.jobs.size === 0 || this.threads.length >= this.maxThreads)) return best;
    return this.start();
  }

  private start(): Thread {
    const workerData: ReadWorkerData = { wasmPath: this.wasmPath };
    const worker = startWorker(this.entry, { workerData, resourceLimits: { maxOldGenerationSizeMb: this.limits.heapMb } });
    const thread: Thread = { worker, jobs: new Map(), ready: false };
    this.threads.push(thread);
    worker.on('message', (m: FromReadWorker) => {
      if (m.type === 'ready') {
        thread.ready = true;
        return;
      }
      const job = thread.jobs.get(m.id);
      if (!job) return; // cancelled meanwhile
      this.settle(thread, m.id);
      if (m.type === 'done') job.resolve({ summaries: m.summaries, errors: m.errors });
      else job.reject(new Error(m.message));
    });
    let failure = 'reader thread exited';
    let outOfMemory = false;
    worker.on('error', (err) => {
      failure = `reader thread failed: ${err.message}`;
      outOfMemory = (err as NodeJS.ErrnoException).code === 'ERR_WORKER_OUT_OF_MEMORY';
    });
    worker.on('exit', () => {
      const i = this.threads.indexOf(thread);
      if (i >= 0) this.threads.splice(i, 1);
      clearTimeout(thread.idleTimer);
      // A thread that never came up will not come up next time either (unless one run killed it).
      if (!thread.ready && !this.broken && !outOfMemory) this.broken = failure;
      if (thread.stoppedFor) this.abandon(thread, thread.stoppedFor.id, thread.stoppedFor.message);
      // Out of memory with one run on it: that run is the cause. With several, which one is not
      // known, so they go back to the indexer as before.
      else if (outOfMemory && thread.jobs.size === 1) {
        this.abandon(thread, [...thread.jobs.keys()][0], `reading this run needed more than ${this.limits.heapMb} MB of memory; stopped (not retried until its files change)`);
      }
      this.failAll(thread, failure);
    });
    return thread;
  }

  /** Forgets a job; a thread left without work lets the process exit and stops after a while. */
  private settle(thread: Thread, id: number): void {
    thread.jobs.get(id)?.dispose();
    thread.jobs.delete(id);
    if (thread.jobs.size) return;
    thread.worker.unref();
    clearTimeout(thread.idleTimer);
    thread.idleTimer = setTimeout(() => {
      // Out of the list first, so no job is handed to a thread that is stopping.
      const i = this.threads.indexOf(thread);
      if (i >= 0) this.threads.splice(i, 1);
      void thread.worker.terminate();
    }, IDLE_EXIT_MS);
    thread.idleTimer.unref();
  }

  /** Stops a thread because of job `id`; that job is given up with `message` once the thread is gone. */
  private stopThread(thread: Thread, id: number, message: string): void {
    thread.stoppedFor = { id, message };
    const i = this.threads.indexOf(thread);
    if (i >= 0) this.threads.splice(i, 1); // no new job goes to a thread that is stopping
    void thread.worker.terminate();
  }

  private abandon(thread: Thread, id: number, message: string): void {
    const job = thread.jobs.get(id);
    if (!job) return;
    job.dispose();
    thread.jobs.delete(id);
    job.reject(new RunReadAbandoned(message));
  }

  private failAll(thread: Thread, message: string): void {
    const jobs = [...thread.jobs.values()];
    for (const job of jobs) job.dispose();
    thread.jobs.clear();
    for (const job of jobs) job.reject(new Error(message));
  }
}

function cancelled(run: RunInfo): RunSummaries {
  return { summaries: [], errors: [{ path: run.path, runId: run.id, message: 'reading cancelled' }] };
}
