// Reader for MLflow tracking servers over REST, read-only (../shared/specs/mlflow-rest.md). Never found by
// scanning folders: its roots come from settings, MLFLOW_TRACKING_URI or the CLI's --mlflow-server.
import type { SourceReader } from '../../model';
import { listServerRuns, serverRunFingerprint } from './list-runs';
import { readServerNewPoints } from './read-new-points';
import { readServerSeries } from './read-series';

export const mlflowServerReader: SourceReader = {
  format: 'mlflow-server',
  detect: () => ({ roots: [] }),
  listRuns: listServerRuns,
  readSeries: readServerSeries,
  fingerprint: serverRunFingerprint,
  readNewPoints: readServerNewPoints,
};

export { serverRoot, parseServerRoot, normalizeServerUrl, credentialsInUrl } from './server-root';
export { configureServer, forgetServer, authFromEnv, clientFor } from './connections';
export type { ServerAuth } from './http-client';
export { MlflowServerError } from './errors';
