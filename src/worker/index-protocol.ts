// Messages between the extension host and the indexing worker thread. The worker owns the index
// database (and persists it); the host gets the runs as deltas and asks for previews when it draws.
import type { IndexPassResult, IndexProgress } from '../core/index/indexer';
import type { RunDelta } from '../core/index/run-mirror';
import type { SeriesSummary } from '../core/index/types';
import type { SourceRoot } from '../core/model';
import type { ServerAuth } from '../core/sources/mlflow-server/http-client';

export interface IndexWorkerData {
  wasmPath?: string;
  /** The persisted index: read at start (warm start) and rewritten after passes. */
  indexFile: string;
  /** The host already shows the runs file: send only the database's correction, no snapshot. */
  runsFileShown?: boolean;
}

export type ToIndexWorker =
  | {
      type: 'index';
      id: number;
      folders: string[];
      extraRoots: SourceRoot[];
      /** The `runlens.tables` setting as the user wrote it (validated in the worker). */
      tables: unknown;
      /** Folder that relative table paths are resolved against. */
      baseDir: string;
      /** Only these paths changed: re-read the sources that contain them (full pass when empty). */
      changed: string[];
      includeDeleted: boolean;
      maxDepth: number;
      excludedNames: string[];
      /** Sources not contacted this pass whose indexed runs stay (tracking servers before their refresh interval). */
      keepRoots?: SourceRoot[];
    }
  /** How to reach the tracking servers (credentials in memory only: never persisted or logged). */
  | { type: 'servers'; servers: Array<{ baseUrl: string; auth: ServerAuth }> }
  | { type: 'cancel'; id: number }
  | { type: 'previews'; id: number; keys: string[] }
  /** Write the index file now instead of after the debounce; answered with `flushed`. */
  | { type: 'flush'; id: number };

/** The series of one run with their encoded previews (IndexStore.previews). */
export type RunPreviews = Array<{ summary: SeriesSummary; preview: Uint8Array | undefined }>;

/**
 * Previews on the wire: all their bytes in one transferred buffer, each series with its [offset, length]
 * (transferring thousands of small buffers costs more than the copy).
 */
export interface PackedPreviews {
  runs: Array<[string, Array<{ summary: SeriesSummary; at?: [number, number] }>]>;
  bytes: ArrayBuffer;
}

export function packPreviews(previews: Map<string, RunPreviews>): PackedPreviews {
  let total = 0;
  for (const list of previews.values()) for (const { preview } of list) total += preview?.byteLength ?? 0;
  return packPreviewRuns(previews, total);
}

/**
 * The same, from runs handed over as they are read (the worker reads them page by page), into one buffer of
 * `total` bytes (IndexStore.previewBytes): the previews of a thousand runs are never held twice.
 */
export function packPreviewRuns(previews: Iterable<[string, RunPreviews]>, total: number): PackedPreviews {
  const bytes = new Uint8Array(total);
  let offset = 0;
  const runs: PackedPreviews['runs'] = [];
  for (const [key, list] of previews) {
    runs.push([
      key,
      list.map(({ summary, preview }) => {
        if (!preview) return { summary };
        bytes.set(preview, offset);
        offset += preview.byteLength;
        return { summary, at: [offset - preview.byteLength, preview.byteLength] };
      }),
    ]);
  }
  return { runs, bytes: bytes.buffer };
}

/** The previews as IndexStore.previews returns them; each preview is a view into the one buffer. */
export function unpackPreviews(packed: PackedPreviews): Map<string, RunPreviews> {
  return new Map(
    packed.runs.map(([key, list]) => [
      key,
      list.map(({ summary, at }) => ({ summary, preview: at ? new Uint8Array(packed.bytes, at[0], at[1]) : undefined })),
    ]),
  );
}

export type FromIndexWorker =
  /**
   * First message of every worker: the persisted runs (delta.full), from the runs file written with the index
   * when there is one (fast), else from the database.
   */
  | { type: 'snapshot'; delta: RunDelta; millis: number; from: 'runs file' | 'database' }
  /** After a snapshot from the runs file: what the database, once open, holds differently (usually nothing). */
  | {
      type: 'corrected';
      delta: RunDelta;
      millis: number;
      /** The runs file was written with this database (same write token): nothing compared, nothing differs. */
      sameWrite?: boolean;
    }
  | { type: 'progress'; id: number; progress: IndexProgress }
  /** Runs a pass wrote before its end (a tracking server's first pages): shown before their series are read. */
  | { type: 'listed'; id: number; delta: RunDelta }
  | ({
      type: 'done';
      id: number;
      /** What the pass changed in the index. */
      delta: RunDelta;
      millis: number;
    } & IndexPassResult)
  | { type: 'failed'; id: number; message: string }
  | { type: 'previews'; id: number; previews: PackedPreviews }
  | { type: 'flushed'; id: number; error?: string }
  /** Not tied to a request: the worker could not read or write the index file. */
  | { type: 'log'; level: 'info' | 'warn' | 'error'; message: string };
