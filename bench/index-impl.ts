// One checkout's index code for the index benches, bundled into its own folder (its reader threads load the
// read-worker.js beside it): this tree's, or INDEX_BASELINE's for a before/after in the same process.
import type { discoverRoots as DiscoverRoots } from '../src/core/index/discover';
import type { Indexer as IndexerType } from '../src/core/index/indexer';
import type { IndexStore as IndexStoreType } from '../src/core/index/store';
import type { readers as Readers } from '../src/core/sources/registry';
import type { ReadPool as ReadPoolType } from '../src/worker/read-pool';
import { bundle, loadBundled } from './bundled';

export interface Impl {
  label: string;
  discoverRoots: typeof DiscoverRoots;
  Indexer: typeof IndexerType;
  IndexStore: typeof IndexStoreType;
  readers: typeof Readers;
  ReadPool: typeof ReadPoolType;
}

export function loadIndexImpl(label: string, root?: string): Impl {
  const dir = root ? 'baseline' : 'index';
  const get = <T>(entry: string, name: string) => loadBundled<T>(entry, `${dir}/${name}`, root);
  bundle('src/worker/read-worker.ts', `${dir}/read-worker.js`, root);
  return {
    label,
    ...get<{ discoverRoots: typeof DiscoverRoots }>('src/core/index/discover.ts', 'discover'),
    ...get<{ Indexer: typeof IndexerType }>('src/core/index/indexer.ts', 'indexer'),
    ...get<{ IndexStore: typeof IndexStoreType }>('src/core/index/store.ts', 'store'),
    ...get<{ readers: typeof Readers }>('src/core/sources/registry.ts', 'registry'),
    ...get<{ ReadPool: typeof ReadPoolType }>('src/worker/read-pool.ts', 'read-pool'),
  };
}
