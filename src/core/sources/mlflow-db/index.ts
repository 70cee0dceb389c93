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
};
