// `--mlflow-server <url> [--experiment <name|id>]`: a tracking server as one more source of `runlens index`.
// Credentials come from MLflow's own environment variables (or user:password in the URL), held in memory only.
import { authFromEnv, configureServer, credentialsInUrl, normalizeServerUrl, serverRoot } from '../core/sources/mlflow-server';
import type { SourceRoot } from '../core/model';

export function serverSource(url: string, experiment: string | undefined, env: Record<string, string | undefined> = process.env): SourceRoot {
  const base = normalizeServerUrl(url);
  const inUrl = credentialsInUrl(url);
  configureServer(base, { auth: inUrl ? { kind: 'basic', ...inUrl } : authFromEnv(env) });
  return serverRoot(base, experiment);
}
