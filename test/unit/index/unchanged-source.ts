// Shared by the per-format "unchanged source" tests (unchanged-*.test.ts): a reader whose listRuns calls are
// counted, one indexer over it, and the file-time helper. Not a test file itself.
import * as fs from 'node:fs';
import { Indexer } from '../../../src/core/index/indexer';
import { IndexStore } from '../../../src/core/index/store';
import type { SourceReader } from '../../../src/core/model';

export interface CountedIndex {
  store: IndexStore;
  indexer: Indexer;
  counter: { listed: number };
  /** Runs as stored, by name. */
  run(name: string): ReturnType<IndexStore['runs']>[number] | undefined;
}

/** An index over `reader`, with every listRuns call counted. */
export async function countedIndex(reader: SourceReader): Promise<CountedIndex> {
  const counter = { listed: 0 };
  const counted: SourceReader = {
    ...reader,
    listRuns: (root, options) => {
      counter.listed++;
      return reader.listRuns(root, options);
    },
  };
  const store = await IndexStore.open();
  const indexer = new Indexer({ store, readers: [counted] });
  return { store, indexer, counter, run: (name) => store.runs().find((r) => r.name === name) };
}

/** Moves a file's mtime on, as a later write would (a same-size rewrite within one clock tick would not show). */
export function touchLater(file: string): void {
  const later = new Date(fs.statSync(file).mtimeMs + 10_000);
  fs.utimesSync(file, later, later);
}
