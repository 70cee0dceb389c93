// The host side of the index worker, without VS Code: starts the worker (which owns the database),
// keeps the runs in memory from its snapshot and deltas, forwards passes and preview requests, and
// restarts the worker after a crash. IndexService wraps it for the extension; the bench and the tests use it directly.
import type { IndexPassResult, IndexProgress } from '../core/index/indexer';
import { RunMirror } from '../core/index/run-mirror';
import type { IndexedRun } from '../core/index/types';
import type { ReadError, SourceRoot } from '../core/model';
import type { ServerAuth } from '../core/sources/mlflow-server/http-client';
import { unpackPreviews, type FromIndexWorker, type IndexWorkerData, type RunPreviews, type ToIndexWorker } from './index-protocol';
import { readRunsSnapshot } from './runs-snapshot';
import { startWorker, type WorkerEntry } from './worker-entry';
import { startWorkerProcess, workerNeedsOwnProcess } from './process-worker';
import type { Worker } from 'node:worker_threads';

export interface IndexClientOptions {
  entry: WorkerEntry;
  wasmPath?: string;
  /** The persisted index, which only the worker reads and writes. */
  indexFile: string;
  /** The runs or errors changed: a pass changed something, or a (re)started worker sent its snapshot. */
  onChange: () => void;
  log: (level: 'info' | 'warn' | 'error', message: string) => void;
  /** Run the worker as a child process (true) or a thread (false); default: a process only under an address-space limit. */
  ownProcess?: boolean;
}

export type IndexRequest = Omit<Extract<ToIndexWorker, { type: 'index' }>, 'type' | 'id'>;

export type PassOutcome =
  | { kind: 'done'; result: IndexPassResult; millis: number }
  | { kind: 'failed'; message: string }
  /** The worker exited before it answered. */
  | { kind: 'stopped' };

interface PendingPass {
  resolve: (outcome: PassOutcome) => void;
  onProgress?: (p: IndexProgress) => void;
}

export class IndexClient {
  private worker: Worker | undefined;
  private servers: Array<{ baseUrl: string; auth: ServerAuth }> = [];
  private readonly mirror = new RunMirror();
  private nextId = 1;
  private readonly passes = new Map<number, PendingPass>();
  /** Preview and flush requests; undefined when the worker exited first. */
  private readonly requests = new Map<number, (reply: FromIndexWorker | undefined) => void>();
  private snapshotArrived: (() => void) | undefined;
  private roots: SourceRoot[] = [];
  private disposed = false;

  constructor(private readonly options: IndexClientOptions) {}

  /**
   * Starts the worker; resolves once the persisted runs are shown (warm start), or the worker stopped.
   * The runs file is read here: the tree fills without waiting for the worker thread to boot, and the
   * worker only sends what its database holds differently.
   */
  async start(): Promise<void> {
    const started = performance.now();
    const head = await readRunsSnapshot(this.options.indexFile);
    if (this.disposed) return;
    if (head) {
      if (this.mirror.apply({ full: true, changed: head.runs, removed: [], errors: head.errors })) this.options.onChange();
      this.options.log('info', `persisted index: ${this.mirror.size} runs from the runs file in ${(performance.now() - started).toFixed(0)} ms`);
    }
    await new Promise<void>((resolve) => {
      this.ensureWorker(resolve, head !== undefined);
      if (head) resolve();
    });
  }

  private ensureWorker(onSnapshot?: () => void, runsFileShown = false): Worker {
    if (this.worker) return this.worker;
    const workerData: IndexWorkerData = { wasmPath: this.options.wasmPath, indexFile: this.options.indexFile, runsFileShown };
    // A hostile file must not grow the extension host without bound: past this heap the worker dies
    // with ERR_WORKER_OUT_OF_MEMORY and a fresh one starts on the next request (see the 'exit' handler).
    // Under an address-space limit sql.js needs V8 flags a thread cannot have: then the worker is a child process.
    const worker: Worker =
      this.options.ownProcess ?? workerNeedsOwnProcess()
        ? startWorkerProcess(this.options.entry, workerData, 2048)
        : startWorker(this.options.entry, { workerData, resourceLimits: { maxOldGenerationSizeMb: 2048 } });
    this.snapshotArrived = onSnapshot;
    worker.on('message', (m: FromIndexWorker) => this.onMessage(m));
    // A fresh worker (first start, or after a crash) learns how to reach the tracking servers first.
    if (this.servers.length) worker.postMessage({ type: 'servers', servers: this.servers } satisfies ToIndexWorker);
    worker.on('error', (err) => this.options.log('error', `index worker failed: ${err.message}`));
    // A crashed worker (out of memory, a bug) must not leave callers waiting: settle what is pending.
    // The next request starts a fresh worker from the persisted index, and its snapshot replaces the runs.
    worker.on('exit', (code) => {
      if (this.worker === worker) this.worker = undefined;
      this.settleAll();
      if (!this.disposed) this.options.log('error', `index worker exited (code ${code}); it restarts on the next request`);
    });
    this.worker = worker;
    return worker;
  }

  private settleAll(): void {
    for (const p of this.passes.values()) p.resolve({ kind: 'stopped' });
    this.passes.clear();
    for (const r of this.requests.values()) r(undefined);
    this.requests.clear();
    this.snapshotArrived?.();
    this.snapshotArrived = undefined;
  }

  private onMessage(m: FromIndexWorker): void {
    if (this.disposed) return;
    switch (m.type) {
      case 'snapshot': {
        // A restarted worker's database may be older than what was shown: it replaces the runs either way.
        const changed = this.mirror.apply(m.delta);
        this.options.log('info', `persisted index: ${this.mirror.size} runs from the ${m.from} in ${m.millis.toFixed(0)} ms`);
        this.snapshotArrived?.();
        this.snapshotArrived = undefined;
        if (changed) this.options.onChange();
        return;
      }
      case 'corrected': {
        const changed = this.mirror.apply(m.delta);
        this.options.log(
          'info',
          m.sameWrite
            ? `opened the index database in ${m.millis.toFixed(0)} ms: the runs file was written with it`
            : `opened the index database in ${m.millis.toFixed(0)} ms: ${m.delta.changed.length} runs differed from the runs file, ${m.delta.removed.length} gone`,
        );
        if (changed) this.options.onChange();
        return;
      }
      case 'progress':
        this.passes.get(m.id)?.onProgress?.(m.progress);
        return;
      case 'listed':
        if (this.mirror.apply(m.delta)) this.options.onChange();
        return;
      case 'done': {
        const pass = this.passes.get(m.id);
        this.passes.delete(m.id);
        const changed = this.mirror.apply(m.delta);
        if (!m.cancelled) this.roots = m.roots;
        const { delta: _delta, type: _type, id: _id, millis, ...result } = m;
        pass?.resolve({ kind: 'done', result, millis });
        if (changed) this.options.onChange();
        return;
      }
      case 'failed':
        this.passes.get(m.id)?.resolve({ kind: 'failed', message: m.message });
        this.passes.delete(m.id);
        return;
      case 'previews':
      case 'flushed':
        this.requests.get(m.id)?.(m);
        this.requests.delete(m.id);
        return;
      case 'log':
        this.options.log(m.level, m.message);
        return;
    }
  }

  /** Runs an index pass in the worker; its delta is applied before the outcome resolves. */
  index(request: IndexRequest, onProgress?: (p: IndexProgress) => void): { id: number; outcome: Promise<PassOutcome> } {
    const id = this.nextId++;
    if (this.disposed) return { id, outcome: Promise.resolve({ kind: 'stopped' }) };
    const outcome = new Promise<PassOutcome>((resolve) => this.passes.set(id, { resolve, onProgress }));
    this.ensureWorker().postMessage({ type: 'index', id, ...request } satisfies ToIndexWorker);
    return { id, outcome };
  }

  /** How the worker reaches tracking servers (credentials stay in memory, in this thread and the worker's). */
  setServers(servers: Array<{ baseUrl: string; auth: ServerAuth }>): void {
    this.servers = servers;
    this.worker?.postMessage({ type: 'servers', servers } satisfies ToIndexWorker);
  }

  cancel(id: number): void {
    this.worker?.postMessage({ type: 'cancel', id } satisfies ToIndexWorker);
  }

  /** The series of these runs with their encoded previews, read by the worker (empty when it stopped). */
  async previews(keys: string[]): Promise<Map<string, RunPreviews>> {
    if (!keys.length || this.disposed) return new Map();
    const reply = await this.request({ type: 'previews', id: this.nextId++, keys });
    return reply?.type === 'previews' ? unpackPreviews(reply.previews) : new Map();
  }

  /** Writes the index file now if a pass changed it since the last write. */
  async flush(): Promise<void> {
    if (!this.worker) return;
    const reply = await this.request({ type: 'flush', id: this.nextId++ });
    if (reply?.type === 'flushed' && reply.error) throw new Error(`could not persist the index: ${reply.error}`);
  }

  private request(msg: Extract<ToIndexWorker, { id: number }>): Promise<FromIndexWorker | undefined> {
    return new Promise((resolve) => {
      this.requests.set(msg.id, resolve);
      this.ensureWorker().postMessage(msg);
    });
  }

  /** All runs, in the database's order. */
  runs(): IndexedRun[] {
    return this.mirror.runs();
  }

  runsByKey(keys: string[]): IndexedRun[] {
    return this.mirror.runsByKey(keys);
  }

  errors(): ReadError[] {
    return this.mirror.errors();
  }

  sourceRoots(): SourceRoot[] {
    return this.roots;
  }

  /** Stops the worker, after it wrote a pending index file (a window reload right after a pass keeps it), 1 s at most. */
  dispose(): void {
    this.disposed = true;
    const worker = this.worker;
    this.worker = undefined;
    this.settleAll();
    if (!worker) return;
    const stop = () => void worker.terminate();
    setTimeout(stop, 1000).unref();
    worker.on('message', (m: FromIndexWorker) => m.type === 'flushed' && stop());
    worker.postMessage({ type: 'flush', id: this.nextId++ } satisfies ToIndexWorker);
  }
}
