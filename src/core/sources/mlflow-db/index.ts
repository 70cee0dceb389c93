// Reader for MLflow SQLite stores (`mlflow.db`, `mlruns.db`, any `*.db`): see formats-spec §2.
import type { SourceReader } from '../../model';
import { detectDbStores } from './detect';
import { listDbRuns } from './list-runs';
import { readDbSeries } from './read-series';

export const mlflowDbReader: SourceReader = {
  format: 'mlflow-db',
  detect: detectDbStores,
  listRuns: listDbRuns,
  readSeries: readDbSeries,
  // Everything comes from the database file and its -wal sibling (both in the tree fingerprint of a file;
  // the -shm index is never read); the snapshot cache is keyed by their sizes and mtimes too.
  readsOnlyBelowRoot: true,
};
