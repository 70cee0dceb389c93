// The extension's index: the indexing worker (which owns the database and persists it in global storage)
// behind an IndexClient, with progress, settings and messages in VS Code terms. The host keeps only
// the runs, updated from the worker's deltas; it never opens the database.
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { IndexedRun } from '../../core/index/types';
import type { ReadError, SourceRoot } from '../../core/model';
import { IndexClient } from '../../worker/index-client';
import type { RunPreviews } from '../../worker/index-protocol';
import { readSettings, workspaceScanFolders } from '../settings';
import type { MlflowServerSources, ServerPassMode } from '../mlflow-servers/server-sources';
import type { QuietGate } from '../../core/util/quiet-gate';

export interface IndexServiceOptions {
  extensionUri: vscode.Uri;
  storageUri: vscode.Uri;
  log: vscode.LogOutputChannel;
  /** Tracking servers to read next to the folders (roots, credentials, refresh interval). */
  servers?: MlflowServerSources;
  /** Told of every indexing pass until it ends: background work (the health pass) waits for it. */
  activity?: QuietGate;
}

export class IndexService implements vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChange = this.changed.event;
  private readonly client: IndexClient;
  private disposed = false;

  constructor(private readonly options: IndexServiceOptions) {
    const dist = path.join(options.extensionUri.fsPath, 'dist');
    this.client = new IndexClient({
      entry: { file: path.join(dist, 'index-worker.js') },
      wasmPath: path.join(dist, 'sql-wasm.wasm'),
      indexFile: path.join(options.storageUri.fsPath, 'index.sqlite'),
      onChange: () => this.changed.fire(),
      log: (level, message) => options.log[level](message),
    });
  }

  /** Starts the worker on the persisted index (warm start), so the tree fills before re-indexing finishes. */
  loadPersisted(): Promise<void> {
    const start = this.client.start();
    return this.options.activity ? this.options.activity.hold(start) : start;
  }

  /**
   * A full pass over the workspace folders and `runlens.roots`, with a cancellable progress notification.
   * `quiet` passes (start-up with a persisted index already on screen) show progress in the status bar
   * instead, so opening a window does not pop a notification each time.
   */
  async refresh(options: { quiet?: boolean } = {}): Promise<void> {
    // A quiet (start-up) pass asks only the tracking servers due for a refresh; a user's refresh asks all.
    if (options.quiet) {
      await vscode.window.withProgress({ location: vscode.ProgressLocation.Window, title: 'Runlens: indexing' }, (progress) => this.post([], progress, undefined, 'due'));
      return;
    }
    await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: 'Runlens: indexing experiment logs', cancellable: true },
      (progress, token) => this.post([], progress, token, 'all'),
    );
  }

  /** Re-lists only the tracking servers that have running runs (new points of live runs); folders are not walked. */
  async pollServers(): Promise<void> {
    await vscode.window.withProgress({ location: vscode.ProgressLocation.Window, title: 'Runlens: polling MLflow servers' }, (progress) =>
      this.post([], progress, undefined, 'live'),
    );
  }

  /** True when runs from a previous session are already shown (warm start). */
  hasRuns(): boolean {
    return this.client.runs().length > 0;
  }

  /** Re-reads only the sources that contain the changed paths. */
  reindex(changed: string[]): Promise<void> {
    return this.post(changed, undefined, undefined, 'none');
  }

  private post(changed: string[], progress?: vscode.Progress<{ message?: string }>, token?: vscode.CancellationToken, mode: ServerPassMode = 'none'): Promise<void> {
    const pass = this.runPass(changed, progress, token, mode);
    return this.options.activity ? this.options.activity.hold(pass) : pass;
  }

  private async runPass(changed: string[], progress?: vscode.Progress<{ message?: string }>, token?: vscode.CancellationToken, mode: ServerPassMode = 'none'): Promise<void> {
    if (this.disposed) return;
    const settings = readSettings();
    const remote = this.options.servers ? await this.options.servers.plan(mode, this.client.runs()) : { contact: [], keep: [], servers: [] };
    // A poll keeps every other source by naming it: before the first pass has named them, it would drop them.
    if (mode === 'live' && (!remote.contact.length || !this.client.sourceRoots().length)) return;
    this.client.setServers(remote.servers);
    const contacted = new Set(remote.contact.map((r) => r.path));
    // A poll walks no folders: every other known source keeps its runs.
    const live = mode === 'live';
    const keepRoots = live ? [...this.client.sourceRoots().filter((r) => !contacted.has(r.path)), ...remote.keep] : remote.keep;
    const pass = this.client.index(
      {
        folders: live ? [] : workspaceScanFolders(settings),
        extraRoots: remote.contact,
        keepRoots,
        tables: live ? [] : settings.tables,
        baseDir: settings.baseDir,
        changed,
        includeDeleted: settings.includeDeleted,
        maxDepth: settings.maxDepth,
        excludedNames: settings.excludedNames,
      },
      (p) => progress?.report({ message: `${p.phase} ${p.done}/${p.total}${p.message ? ' · ' + path.basename(p.message) : ''}` }),
    );
    const cancel = token?.onCancellationRequested(() => this.client.cancel(pass.id));
    const outcome = await pass.outcome;
    cancel?.dispose();
    const { log } = this.options;
    if (outcome.kind === 'failed') {
      log.error(`indexing failed: ${outcome.message}`);
      void vscode.window.showErrorMessage(`Runlens: indexing failed: ${outcome.message}`);
    } else if (outcome.kind === 'done') {
      const r = outcome.result;
      log.info(
        `indexed ${r.runs} runs from ${r.roots.length} sources in ${outcome.millis.toFixed(0)} ms (${r.reread} read, ${r.reused} unchanged)${r.cancelled ? ' — cancelled' : ''}`,
      );
      for (const e of r.errors) log.warn(`${e.path}: ${e.message}`);
      if (!r.cancelled) await this.options.servers?.passDone(remote.contact, r.errors);
    }
  }

  /** All runs, in the index's order (the tree, CodeLens and panels all ask; the list is kept, not rebuilt). */
  runs(): IndexedRun[] {
    return this.client.runs();
  }

  runsByKey(keys: string[]): IndexedRun[] {
    return this.client.runsByKey(keys);
  }

  /** The series of these runs with their encoded previews, from the worker's database. */
  previews(keys: string[]): Promise<Map<string, RunPreviews>> {
    return this.client.previews(keys);
  }

  errors(): ReadError[] {
    return this.client.errors();
  }

  sourceRoots(): SourceRoot[] {
    return this.client.sourceRoots();
  }

  dispose(): void {
    this.disposed = true;
    this.client.dispose();
    this.changed.dispose();
  }
}
