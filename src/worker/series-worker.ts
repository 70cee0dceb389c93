// The series worker: full-resolution reads for every panel (Curves zoom, table columns, statistics), off
// the extension host's thread, with the one cache of read series. One thread holds the cache and the
// readers' store snapshots (the SQLite and RocksDB readers keep one per store, so a second thread would
// load each store twice). Replies carry the points in one transferred buffer.
import { parentPort, workerData } from 'node:worker_threads';
import { CachedSeriesReads } from '../core/series/cached-reads';
import { readerFor } from '../core/sources/registry';
import { errorMessage } from '../core/util/fs';
import { setSqlWasmPath } from '../core/util/sqljs';
import { packSeries, type FromSeriesWorker, type SeriesWorkerData, type ToSeriesWorker } from './series-protocol';

const port = parentPort!;
const init = (workerData ?? {}) as SeriesWorkerData;
if (init.wasmPath) setSqlWasmPath(init.wasmPath);
const reads = new CachedSeriesReads(readerFor, init.maxCachedPoints);
const controllers = new Map<number, AbortController>();

port.on('message', (msg: ToSeriesWorker) => {
  switch (msg.type) {
    case 'cancel':
      controllers.get(msg.id)?.abort();
      return;
    case 'clear':
      reads.clear();
      return;
    case 'read': {
      const controller = new AbortController();
      controllers.set(msg.id, controller);
      void read(msg, controller.signal).finally(() => controllers.delete(msg.id));
    }
  }
});

port.postMessage({ type: 'ready' } satisfies FromSeriesWorker);

async function read(msg: Extract<ToSeriesWorker, { type: 'read' }>, signal: AbortSignal): Promise<void> {
  try {
    const result = await reads.read(msg.run, msg.only, msg.fingerprints, signal);
    if (signal.aborted) return; // the host answered the caller already
    // Copied into one buffer (the cache keeps its arrays), which then moves to the host without a copy.
    const packed = packSeries(result);
    port.postMessage({ type: 'done', id: msg.id, result: packed } satisfies FromSeriesWorker, [packed.buffer]);
  } catch (err) {
    port.postMessage({ type: 'failed', id: msg.id, message: errorMessage(err) } satisfies FromSeriesWorker);
  }
}
