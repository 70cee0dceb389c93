// Owns the indexing worker and the host's read-only copy of the index; persists it in global storage
// and tells listeners when it changed. All indexing work happens in the worker thread.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Worker } from 'node:worker_threads';
import * as vscode from 'vscode';
import { IndexStore } from '../../core/index/store';
import type { IndexedRun } from '../../core/index/types';
import type { ReadError, SourceRoot } from '../../core/model';
import { setSqlWasmPath } from '../../core/util/sqljs';
import type { FromIndexWorker, ToIndexWorker } from '../../worker/index-protocol';
import { readSettings, workspaceScanFolders } from '../settings';

export interface IndexServiceOptions {
  extensionUri: vscode.Uri;
  storageUri: vscode.Uri;
  log: vscode.LogOutputChannel;
}

export class IndexService implements vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChange = this.changed.event;
  private worker: Worker | undefined;
  private store: IndexStore | undefined;
  private nextId = 1;
  private readonly pending = new Map<number, { resolve: () => void; progress?: vscode.Progress<{ message?: string; increment?: number }> }>();
  private roots: SourceRoot[] = [];
  private lastErrors: ReadError[] = [];
  private persistTimer: NodeJS.Timeout | undefined;
  private disposed = false;
  private runsCache: IndexedRun[] | undefined;

  constructor(private readonly options: IndexServiceOptions) {
    setSqlWasmPath(path.join(options.extensionUri.fsPath, 'dist', 'sql-wasm.wasm'));
  }

  private get indexFile(): string {
    return path.join(this.options.storageUri.fsPath, 'index.sqlite');
  }

  /** Opens the persisted index (warm start) so the tree fills before re-indexing finishes. */
  async loadPersisted(): Promise<void> {
    let bytes: Uint8Array | undefined;
    try {
      bytes = await fs.promises.readFile(this.indexFile);
    } catch {
      /* first start */
    }
    this.store = await IndexStore.open(bytes);
    this.runsCache = undefined;
    this.startWorker(bytes);
    if (this.store.runCount()) this.changed.fire();
  }

  private startWorker(bytes: Uint8Array | undefined): void {
    const script = path.join(this.options.extensionUri.fsPath, 'dist', 'index-worker.js');
    this.worker = new Worker(script, {
      workerData: { wasmPath: path.join(this.options.extensionUri.fsPath, 'dist', 'sql-wasm.wasm'), bytes },
      // A hostile file must not grow the extension host without bound: past this heap the worker
      // dies with ERR_WORKER_OUT_OF_MEMORY and restarts on the next refresh (the 'exit' handler).
      resourceLimits: { maxOldGenerationSizeMb: 2048 },
    });
    this.worker.on('message', (m: FromIndexWorker) => void this.onWorkerMessage(m));
    this.worker.on('error', (err) => this.options.log.error(`index worker failed: ${err.message}`));
    // A crashed worker (out of memory, a bug) must not leave progress notifications hanging:
    // settle what was pending and start a fresh worker from the current index on the next request.
    this.worker.on('exit', (code) => {
      this.worker = undefined;
      if (this.disposed) return;
      this.options.log.error(`index worker exited (code ${code}); it restarts on the next refresh`);
      for (const p of this.pending.values()) p.resolve();
      this.pending.clear();
    });
  }

  private async onWorkerMessage(m: FromIndexWorker): Promise<void> {
    const pending = this.pending.get(m.id);
    if (m.type === 'progress') {
      const p = m.progress;
      pending?.progress?.report({ message: `${p.phase} ${p.done}/${p.total}${p.message ? ' · ' + path.basename(p.message) : ''}` });
      return;
    }
    this.pending.delete(m.id);
    if (m.type === 'failed') {
      this.options.log.error(`indexing failed: ${m.message}`);
      void vscode.window.showErrorMessage(`Runlens: indexing failed: ${m.message}`);
    } else {
      this.store?.close();
      this.store = await IndexStore.open(m.bytes);
      this.runsCache = undefined;
      this.roots = m.roots;
      this.lastErrors = m.errors;
      this.options.log.info(
        `indexed ${m.runs} runs from ${m.roots.length} sources in ${m.millis.toFixed(0)} ms (${m.reread} read, ${m.reused} unchanged)${m.cancelled ? ' — cancelled' : ''}`,
      );
      for (const e of m.errors) this.options.log.warn(`${e.path}: ${e.message}`);
      this.schedulePersist(m.bytes);
      this.changed.fire();
    }
    pending?.resolve();
  }

  private schedulePersist(bytes: Uint8Array): void {
    clearTimeout(this.persistTimer);
    this.persistTimer = setTimeout(() => {
      fs.promises
        .mkdir(this.options.storageUri.fsPath, { recursive: true })
        .then(() => fs.promises.writeFile(this.indexFile, bytes))
        .catch((err) => this.options.log.warn(`could not persist the index: ${err}`));
    }, 500);
  }

  /**
   * A full pass over the workspace folders and `runlens.roots`, with a cancellable progress notification.
   * `quiet` passes (start-up with a persisted index already on screen) show progress in the status bar
   * instead, so opening a window does not pop a notification each time.
   */
  async refresh(options: { quiet?: boolean } = {}): Promise<void> {
    if (options.quiet) {
      await vscode.window.withProgress({ location: vscode.ProgressLocation.Window, title: 'Runlens: indexing' }, (progress) => this.post([], progress));
      return;
    }
    await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: 'Runlens: indexing experiment logs', cancellable: true },
      (progress, token) => this.post([], progress, token),
    );
  }

  /** True when runs from a previous session are already shown (warm start). */
  hasRuns(): boolean {
    return (this.store?.runCount() ?? 0) > 0;
  }

  /** Re-reads only the sources that contain the changed paths. */
  reindex(changed: string[]): Promise<void> {
    return this.post(changed);
  }

  private post(
    changed: string[],
    progress?: vscode.Progress<{ message?: string }>,
    token?: vscode.CancellationToken,
  ): Promise<void> {
    if (this.disposed) return Promise.resolve();
    if (!this.worker) this.startWorker(this.store?.export());
    const settings = readSettings();
    const id = this.nextId++;
    const msg: ToIndexWorker = {
      type: 'index',
      id,
      folders: workspaceScanFolders(settings),
      extraRoots: [],
      tables: settings.tables,
      baseDir: settings.baseDir,
      changed,
      includeDeleted: settings.includeDeleted,
      maxDepth: settings.maxDepth,
      excludedNames: settings.excludedNames,
    };
    return new Promise<void>((resolve) => {
      this.pending.set(id, { resolve, progress });
      token?.onCancellationRequested(() => this.worker?.postMessage({ type: 'cancel', id } satisfies ToIndexWorker));
      this.worker!.postMessage(msg);
    });
  }

  /** All runs; read from the database once per index version (the tree, CodeLens and panels all ask). */
  runs(): IndexedRun[] {
    this.runsCache ??= this.store?.runs() ?? [];
    return this.runsCache;
  }

  runsByKey(keys: string[]): IndexedRun[] {
    const byKey = new Map(this.runs().map((r) => [r.key, r]));
    return keys.flatMap((k) => byKey.get(k) ?? []);
  }

  previews(keys: string[]) {
    return this.store?.previews(keys) ?? new Map();
  }

  errors(): ReadError[] {
    return this.store?.errors() ?? this.lastErrors;
  }

  sourceRoots(): SourceRoot[] {
    return this.roots;
  }

  dispose(): void {
    this.disposed = true;
    clearTimeout(this.persistTimer);
    void this.worker?.terminate();
    this.store?.close();
    this.changed.dispose();
  }
}
