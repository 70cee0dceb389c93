// Indexing runs here, off the extension host's thread, so the UI stays responsive on large workspaces.
// It owns the writable index; after each pass it sends the database bytes back.
import * as path from 'node:path';
import { parentPort, workerData } from 'node:worker_threads';
import { Indexer } from '../core/index/indexer';
import { IndexStore } from '../core/index/store';
import type { SourceRoot } from '../core/model';
import { readers } from '../core/sources/registry';
import { errorMessage } from '../core/util/fs';
import { setSqlWasmPath } from '../core/util/sqljs';
import { applyTableSetting } from '../core/sources/table/reader';
import type { FromIndexWorker, ToIndexWorker } from './index-protocol';
import { ReadPool } from './read-pool';

const port = parentPort!;
const init = workerData as { wasmPath: string; bytes?: Uint8Array };
setSqlWasmPath(init.wasmPath);
const storeReady = IndexStore.open(init.bytes);
// Reader threads (dist/read-worker.js) for every pass; they stop when idle and restart on demand.
const pool = ReadPool.create({ wasmPath: init.wasmPath });
const controllers = new Map<number, AbortController>();
let knownRoots: SourceRoot[] = [];
let queue: Promise<void> = Promise.resolve();

const send = (m: FromIndexWorker, transfer: ArrayBuffer[] = []) => port.postMessage(m, transfer);

port.on('message', (msg: ToIndexWorker) => {
  if (msg.type === 'cancel') {
    controllers.get(msg.id)?.abort();
    return;
  }
  const controller = new AbortController();
  controllers.set(msg.id, controller);
  // Passes run one after another: the store is not safe for interleaved writes.
  queue = queue.then(() => runPass(msg, controller.signal)).finally(() => controllers.delete(msg.id));
});

async function runPass(msg: Extract<ToIndexWorker, { type: 'index' }>, signal: AbortSignal): Promise<void> {
  const started = performance.now();
  try {
    const store = await storeReady;
    const excluded = new Set(msg.excludedNames);
    const indexer = new Indexer({
      store,
      readers,
      includeDeleted: msg.includeDeleted,
      maxDepth: msg.maxDepth,
      isExcluded: (p) => excluded.has(path.basename(p)),
      pool,
    });
    // Result tables are never discovered by scanning: they come from the setting, with their column mappings.
    const tables = applyTableSetting(msg.tables, msg.baseDir);
    const extraRoots = [...msg.extraRoots, ...tables.roots];
    const onProgress = (progress: import('../core/index/indexer').IndexProgress) => send({ type: 'progress', id: msg.id, progress });
    const pass =
      msg.changed.length && knownRoots.length
        ? await indexer.reindexChanged(msg.folders, knownRoots, msg.changed, { signal, extraRoots })
        : await indexer.indexFolders(msg.folders, { signal, onProgress, extraRoots });
    if (!pass.cancelled) knownRoots = pass.roots;
    const bytes = store.export();
    send(
      {
        type: 'done',
        id: msg.id,
        bytes,
        roots: knownRoots,
        runs: pass.runs,
        reread: pass.reread,
        reused: pass.reused,
        errors: [...tables.errors.map((message) => ({ path: 'runlens.tables', message })), ...pass.errors],
        cancelled: pass.cancelled,
        millis: performance.now() - started,
      },
      [bytes.buffer as ArrayBuffer],
    );
  } catch (err) {
    send({ type: 'failed', id: msg.id, message: errorMessage(err) });
  }
}
