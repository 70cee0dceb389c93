// On the real corpus (every format, every reader of the registry): a second full pass over the unchanged folders
// lists no source whose reader readsOnlyBelowRoot, and leaves the index exactly as a fresh index of the same
// folders lists it (runs, params, status, series summaries, errors).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Indexer } from '../../../src/core/index/indexer';
import { IndexStore } from '../../../src/core/index/store';
import type { SourceReader } from '../../../src/core/model';
import { readers } from '../../../src/core/sources/registry';
import { corpusDir } from '../../helpers/corpus';

const corpus = corpusDir();

test('a no-change pass over the corpus lists only sources it cannot skip, and indexes what a fresh index does', { skip: corpus ? false : 'corpus not found (RUNLENS_SHARED)', timeout: 300_000 }, async () => {
  const listed = new Map<string, number>();
  const counted: SourceReader[] = readers.map((r) => ({
    ...r,
    listRuns: (root, options) => {
      listed.set(r.format, (listed.get(r.format) ?? 0) + 1);
      return r.listRuns(root, options);
    },
  }));
  const store = await IndexStore.open();
  const indexer = new Indexer({ store, readers: counted });
  const first = await indexer.indexFolders([corpus!]);
  const formats = new Set(first.roots.map((r) => r.format));
  assert.ok(formats.size >= 5, `the corpus holds several formats: ${[...formats].join(', ')}`);
  listed.clear();
  const second = await indexer.indexFolders([corpus!]);
  for (const [format, n] of listed) {
    const reader = readers.find((r) => r.format === format)!;
    assert.ok(!reader.readsOnlyBelowRoot, `${format}: ${n} sources listed again though no file changed`);
  }
  assert.deepEqual([second.runs, second.reread], [first.runs, 0]);

  const fresh = await IndexStore.open();
  const freshPass = await new Indexer({ store: fresh, readers }).indexFolders([corpus!]);
  const byKey = (s: IndexStore) => s.runs().sort((a, b) => (a.key < b.key ? -1 : 1));
  assert.deepEqual(byKey(store), byKey(fresh));
  assert.deepEqual(second.errors, freshPass.errors);
});
