// Reader for MLflow file stores (`mlruns/`): see formats-spec §1.
import type { SourceReader } from '../../model';
import { detectFileStore } from './detect';
import { listFileStoreRuns } from './list-runs';
import { readFileStoreSeries } from './read-series';

export const mlflowFileReader: SourceReader = {
  format: 'mlflow-file',
  detect: detectFileStore,
  listRuns: listFileStoreRuns,
  readSeries: readFileStoreSeries,
  // Experiments, runs, params, tags and metrics are all files inside the store folder.
  readsOnlyBelowRoot: true,
};
