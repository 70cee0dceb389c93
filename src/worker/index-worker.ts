// Indexing runs here, off the extension host's thread, so the UI stays responsive on large workspaces.
// This thread owns the index database: it opens the persisted file (warm start), writes it back after
// passes, and sends the host the runs a pass changed, never the database itself. Previews (the only
// large column) go to the host only when a panel asks for them.
import { randomUUID } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Indexer, type IndexProgress } from '../core/index/indexer';
import { diffRuns, type RunDelta } from '../core/index/run-mirror';
import { IndexStore } from '../core/index/store';
import type { ReadError, SourceRoot } from '../core/model';
import { readers } from '../core/sources/registry';
import { applyTableSetting } from '../core/sources/table/reader';
import { configureServer } from '../core/sources/mlflow-server/connections';
import { errorMessage } from '../core/util/fs';
import { setSqlWasmPath } from '../core/util/sqljs';
import { packPreviewRuns, packPreviews, type FromIndexWorker, type IndexWorkerData, type RunPreviews, type ToIndexWorker } from './index-protocol';
import { ReadPool } from './read-pool';
import { workerPort } from './process-worker';
import { readRunsSnapshot, writeRunsSnapshot } from './runs-snapshot';

/** Passes that come in bursts (a training run writing) are persisted once. */
const PERSIST_DEBOUNCE_MS = 500;

// a thread of the extension host, or a child process under an address-space limit (process-worker.ts)
const { port, data } = workerPort();
const init = data as IndexWorkerData;
if (init.wasmPath) setSqlWasmPath(init.wasmPath);
const send = (m: FromIndexWorker, transfer: ArrayBuffer[] = []) => port.postMessage(m, transfer);
const storeReady = openPersisted();
// A database that cannot be opened fails each pass with its message (runPass), instead of ending the thread.
storeReady.catch(() => undefined);
// Reader threads (dist/read-worker.js) for every pass; they stop when idle and restart on demand.
const pool = ReadPool.create({ wasmPath: init.wasmPath });
const controllers = new Map<number, AbortController>();
let knownRoots: SourceRoot[] = [];
let lastErrors = '[]';
let persistTimer: NodeJS.Timeout | undefined;
let queue: Promise<void> = Promise.resolve();

/**
 * Opens the index file and sends the host every run in it, before any pass result: first from the runs
 * file (no sql.js needed; the host may have read it itself), then, once the database is open, whatever it
 * holds differently. Without a runs file, the runs come from the database.
 */
async function openPersisted(): Promise<IndexStore> {
  const started = performance.now();
  const head = await readRunsSnapshot(init.indexFile);
  if (head && !init.runsFileShown) {
    send({ type: 'snapshot', delta: { full: true, changed: head.runs, removed: [], errors: head.errors }, millis: performance.now() - started, from: 'runs file' });
  }
  let bytes: Uint8Array | undefined;
  try {
    bytes = await fs.promises.readFile(init.indexFile);
  } catch {
    /* first start */
  }
  const store = await IndexStore.open(bytes);
  const errors = store.errors();
  lastErrors = JSON.stringify(errors);
  const written = store.writeToken();
  if (head && written !== undefined && head.written === written) {
    // The runs file was written with this very database (persist): its runs are the database's, so the
    // first pass need not wait for every run to be read back and compared (~0.2–0.5 s at 1,000 runs).
    send({ type: 'corrected', delta: { full: false, changed: [], removed: [], errors }, millis: performance.now() - started, sameWrite: true });
    return store;
  }
  const runs = store.runs();
  const millis = performance.now() - started;
  const correction = head && { full: false, ...diffRuns(head.runs, runs), errors };
  if (correction) send({ type: 'corrected', delta: correction, millis });
  else send({ type: 'snapshot', delta: { full: true, changed: runs, removed: [], errors }, millis, from: 'database' });
  // A missing or stale runs file is rewritten now: a start with nothing to re-index would not persist anything.
  const stale = correction ? correction.changed.length > 0 || correction.removed.length > 0 || JSON.stringify(head?.errors) !== lastErrors : runs.length > 0;
  if (stale) {
    writeRunsSnapshot(init.indexFile, runs, errors, written).catch((err) => send({ type: 'log', level: 'warn', message: `could not write the runs file: ${errorMessage(err)}` }));
  }
  return store;
}

port.on('message', (msg: ToIndexWorker) => {
  switch (msg.type) {
    case 'cancel':
      controllers.get(msg.id)?.abort();
      return;
    case 'servers':
      for (const { baseUrl, auth } of msg.servers) configureServer(baseUrl, { auth });
      return;
    case 'previews':
      storeReady
        .then((store) => sendPreviews(store, msg.id, msg.keys))
        .catch((err) => {
          send({ type: 'log', level: 'error', message: `could not read previews: ${errorMessage(err)}` });
          send({ type: 'previews', id: msg.id, previews: packPreviews(new Map()) });
        });
      return;
    case 'flush':
      // Behind the passes already queued, so it writes their result.
      queue = queue.then(() => flush(msg.id));
      return;
    case 'index': {
      const controller = new AbortController();
      controllers.set(msg.id, controller);
      // Passes run one after another: the store is not safe for interleaved writes.
      queue = queue.then(() => runPass(msg, controller.signal)).finally(() => controllers.delete(msg.id));
    }
  }
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
    const onProgress = (progress: IndexProgress) => send({ type: 'progress', id: msg.id, progress });
    const onListed = () => send({ type: 'listed', id: msg.id, delta: takeDelta(store) });
    const keepRoots = msg.keepRoots ?? [];
    const pass =
      msg.changed.length && knownRoots.length
        ? await indexer.reindexChanged(msg.folders, knownRoots, msg.changed, { signal, extraRoots, keepRoots, onListed })
        : await indexer.indexFolders(msg.folders, { signal, onProgress, extraRoots, keepRoots, onListed });
    // Kept roots (servers not asked this pass) are still known sources.
    if (!pass.cancelled) knownRoots = [...new Map([...pass.roots, ...keepRoots].map((r) => [`${r.format}|${r.path}`, r])).values()];
    const delta = takeDelta(store);
    if (delta.changed.length || delta.removed.length || JSON.stringify(delta.errors) !== lastErrors) schedulePersist(store);
    lastErrors = JSON.stringify(delta.errors);
    send({
      type: 'done',
      id: msg.id,
      delta,
      roots: knownRoots,
      runs: pass.runs,
      reread: pass.reread,
      reused: pass.reused,
      errors: [...tables.errors.map((message): ReadError => ({ path: 'runlens.tables', message })), ...pass.errors],
      cancelled: pass.cancelled,
      millis: performance.now() - started,
    });
  } catch (err) {
    send({ type: 'failed', id: msg.id, message: errorMessage(err) });
  }
}

/** The runs the pass wrote or removed, complete as the host shows them (without previews). */
function takeDelta(store: IndexStore): RunDelta {
  const { changed, removed } = store.takeChanges();
  return { full: false, changed: changed.length ? store.runs({ keys: changed }) : [], removed, errors: store.errors() };
}

/** Runs whose previews are read from the database at once while packing (a page's copies are garbage after it). */
const PREVIEW_PAGE = 50;

function* previewPages(store: IndexStore, keys: string[]): Generator<[string, RunPreviews]> {
  for (let i = 0; i < keys.length; i += PREVIEW_PAGE) yield* store.previews(keys.slice(i, i + PREVIEW_PAGE));
}

function sendPreviews(store: IndexStore, id: number, keys: string[]): void {
  const unique = [...new Set(keys)];
  const previews = packPreviewRuns(previewPages(store, unique), store.previewBytes(unique));
  send({ type: 'previews', id, previews }, [previews.bytes]);
}

function schedulePersist(store: IndexStore): void {
  clearTimeout(persistTimer);
  persistTimer = setTimeout(() => {
    persistTimer = undefined;
    // Queued like a pass: sql.js's export() must not run while a pass holds statements or a transaction.
    queue = queue
      .then(() => persist(store))
      .catch((err) => send({ type: 'log', level: 'warn', message: `could not persist the index: ${errorMessage(err)}` }));
  }, PERSIST_DEBOUNCE_MS);
}

/** Never rejects: a rejected queue would skip every pass after it. */
async function flush(id: number): Promise<void> {
  const pending = persistTimer !== undefined;
  clearTimeout(persistTimer);
  persistTimer = undefined;
  try {
    const store = await storeReady;
    if (pending) await persist(store);
    send({ type: 'flushed', id });
  } catch (err) {
    send({ type: 'flushed', id, error: errorMessage(err) });
  }
}

/**
 * Writes a temporary file and renames it over the index, so a worker stopped mid-write leaves the old index whole;
 * then the runs file for the next warm start, with the same new write token (a runs file of another write is
 * compared with the database at start and corrected).
 */
async function persist(store: IndexStore): Promise<void> {
  const written = randomUUID();
  store.setWriteToken(written);
  const bytes = store.export();
  // Taken with the bytes, before any await: the runs file holds what the index file holds.
  const runs = store.runs();
  const errors = store.errors();
  await fs.promises.mkdir(path.dirname(init.indexFile), { recursive: true });
  const tmp = `${init.indexFile}.${process.pid}.tmp`;
  await fs.promises.writeFile(tmp, bytes);
  await fs.promises.rename(tmp, init.indexFile);
  await writeRunsSnapshot(init.indexFile, runs, errors, written);
}
