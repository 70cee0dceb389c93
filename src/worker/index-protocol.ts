// Messages between the extension host and the indexing worker thread.
import type { IndexPassResult, IndexProgress } from '../core/index/indexer';
import type { SourceRoot } from '../core/model';

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
    }
  | { type: 'cancel'; id: number };

export type FromIndexWorker =
  | { type: 'progress'; id: number; progress: IndexProgress }
  | ({
      type: 'done';
      id: number;
      /** The whole index database, for the host's read-only copy and persistence. */
      bytes: Uint8Array;
      millis: number;
    } & IndexPassResult)
  | { type: 'failed'; id: number; message: string };
