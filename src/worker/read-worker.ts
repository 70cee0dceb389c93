// A reader thread: reads and summarises whole runs for the indexer, so parsing uses every core
// while the indexing thread only writes the index. Sends back summaries and previews (kilobytes),
// never the points.
import { parentPort, workerData } from 'node:worker_threads';
import { readRunSummaries } from '../core/index/run-summaries';
import { readerFor } from '../core/sources/registry';
import { errorMessage } from '../core/util/fs';
import { setSqlWasmPath } from '../core/util/sqljs';
import type { FromReadWorker, ReadWorkerData, ToReadWorker } from './read-protocol';

const port = parentPort!;
const init = (workerData ?? {}) as ReadWorkerData;
if (init.wasmPath) setSqlWasmPath(init.wasmPath);
const controllers = new Map<number, AbortController>();

port.on('message', (msg: ToReadWorker) => {
  if (msg.type === 'cancel') {
    controllers.get(msg.id)?.abort();
    return;
  }
  const controller = new AbortController();
  controllers.set(msg.id, controller);
  void read(msg.id, msg.run, controller.signal).finally(() => controllers.delete(msg.id));
});

port.postMessage({ type: 'ready' } satisfies FromReadWorker);

async function read(id: number, run: import('../core/model').RunInfo, signal: AbortSignal): Promise<void> {
  const reader = readerFor(run.format);
  if (!reader) {
    port.postMessage({ type: 'failed', id, message: `no reader for ${run.format}` } satisfies FromReadWorker);
    return;
  }
  try {
    const result = await readRunSummaries(reader, run, signal);
    // Previews that own their whole buffer move instead of being copied (a buffer may be listed once).
    const buffers = new Set<ArrayBuffer>();
    for (const { preview } of result.summaries) {
      if (preview && preview.buffer instanceof ArrayBuffer && preview.byteOffset === 0 && preview.byteLength === preview.buffer.byteLength) {
        buffers.add(preview.buffer);
      }
    }
    port.postMessage({ type: 'done', id, ...result } satisfies FromReadWorker, [...buffers]);
  } catch (err) {
    port.postMessage({ type: 'failed', id, message: errorMessage(err) } satisfies FromReadWorker);
  }
}
