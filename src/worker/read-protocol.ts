// Messages between an indexer and its reader threads (src/worker/read-pool.ts ↔ read-worker.ts).
import type { RunSummaries } from '../core/index/run-summaries';
import type { RunInfo } from '../core/model';

export interface ReadWorkerData {
  /** sql.js's wasm next to the bundle, when the indexer was told where it is. */
  wasmPath?: string;
}

export type ToReadWorker = { type: 'read'; id: number; run: RunInfo } | { type: 'cancel'; id: number };

export type FromReadWorker =
  /** Sent once the thread has loaded its code: a thread that dies before this will never start. */
  | { type: 'ready' }
  | ({ type: 'done'; id: number } & RunSummaries)
  | { type: 'failed'; id: number; message: string };
