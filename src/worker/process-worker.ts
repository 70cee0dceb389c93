// A worker in a child process, for what a worker thread cannot have: process-wide V8 flags. Under an address-
// space limit (ulimit -v) sql.js needs WASM_LIMITED_FLAGS (core/util/address-space), and the extension host
// was started without them, so the index worker runs as a child process started with them. Same messages as
// the thread (structured clone, 'advanced' serialization; transfer lists become copies); the child reads its
// workerData from RUNLENS_WORKER_DATA and talks over the IPC channel (workerPort below).
import { fork, type ChildProcess, type Serializable } from 'node:child_process';
import { EventEmitter } from 'node:events';
import { parentPort, workerData, type MessagePort, type Worker } from 'node:worker_threads';
import { WASM_LIMITED_FLAGS, canUseWasmLimitedFlags, needsWasmLimitedFlags } from '../core/util/address-space';
import type { WorkerEntry } from './worker-entry';

const DATA_ENV = 'RUNLENS_WORKER_DATA';

/** True when sql.js cannot run in a thread of this process (an address-space limit) but can in a child started with the flags. */
export function workerNeedsOwnProcess(): boolean {
  return needsWasmLimitedFlags() && canUseWasmLimitedFlags();
}

/** The part of Worker the index client uses (message/error/exit events, postMessage, terminate), over a child process. */
class ProcessWorker extends EventEmitter {
  constructor(private readonly child: ChildProcess) {
    super();
    child.on('message', (m) => this.emit('message', m));
    child.on('error', (err) => this.emit('error', err));
    child.on('exit', (code, signal) => this.emit('exit', code ?? (signal ? 1 : 0)));
  }

  postMessage(message: unknown): void {
    if (this.child.connected) this.child.send(message as Serializable);
  }

  terminate(): Promise<number> {
    if (this.child.exitCode !== null) return Promise.resolve(this.child.exitCode);
    return new Promise((resolve) => {
      this.child.once('exit', (code) => resolve(code ?? 1));
      this.child.kill();
    });
  }
}

/** Starts `entry` as a child process with WASM_LIMITED_FLAGS and a heap limit; `data` arrives as its workerData. */
export function startWorkerProcess(entry: WorkerEntry, data: unknown, heapMb: number): Worker {
  const script = 'file' in entry ? entry.file : entry.source;
  if (!script) throw new Error('this worker entry has no script a child process can run');
  const loader = 'file' in entry ? [] : ['--import', 'tsx'];
  const child = fork(script, [], {
    execArgv: [...loader, ...WASM_LIMITED_FLAGS, `--max-old-space-size=${heapMb}`],
    serialization: 'advanced',
    // ELECTRON_RUN_AS_NODE: in a desktop extension host process.execPath is Electron's binary
    env: { ...process.env, ELECTRON_RUN_AS_NODE: '1', [DATA_ENV]: JSON.stringify(data) },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  // typed as a Worker for its callers: it has every member they use (see ProcessWorker)
  return new ProcessWorker(child) as unknown as Worker;
}

/** Inside a worker: its port to the host and its workerData, whether it runs as a thread or as a child process. */
export type HostPort = Pick<MessagePort, 'postMessage' | 'on'>;

export function workerPort(): { port: HostPort; data: unknown } {
  if (parentPort) return { port: parentPort, data: workerData };
  // a child process: the host going away (window closed, host crashed) ends it
  process.on('disconnect', () => process.exit(0));
  return {
    // typed as the thread's port: postMessage and on('message') are all a worker uses
    port: { postMessage: (m: unknown) => process.send?.(m as Serializable), on: (_event: 'message', l: (m: unknown) => void) => process.on('message', l) } as unknown as HostPort,
    data: JSON.parse(process.env[DATA_ENV] ?? '{}'),
  };
}
