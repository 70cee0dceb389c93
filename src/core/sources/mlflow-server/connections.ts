// One HTTP client per server URL, holding that server's credentials in memory only: the host (SecretStorage)
// or the CLI (environment) configures them; runs, roots and the index never carry them.
import { MlflowHttpClient, type ClientOptions, type ServerAuth } from './http-client';

type Settings = Omit<ClientOptions, 'baseUrl'>;

const settings = new Map<string, Settings>();
const clients = new Map<string, MlflowHttpClient>();

/** Sets (or replaces) how to reach a server; the next request uses it. */
export function configureServer(baseUrl: string, options: Settings): void {
  settings.set(baseUrl, options);
  clients.delete(baseUrl);
}

export function forgetServer(baseUrl: string): void {
  settings.delete(baseUrl);
  clients.delete(baseUrl);
}

export function clientFor(baseUrl: string): MlflowHttpClient {
  let client = clients.get(baseUrl);
  if (!client) {
    client = new MlflowHttpClient({ baseUrl, ...(settings.get(baseUrl) ?? {}) });
    clients.set(baseUrl, client);
  }
  return client;
}

/** MLflow's own environment variables (spec §2.2): username + password win over a token, as in MLflow's client. */
export function authFromEnv(env: Record<string, string | undefined>): ServerAuth {
  const username = env.MLFLOW_TRACKING_USERNAME;
  const password = env.MLFLOW_TRACKING_PASSWORD;
  if (username && password !== undefined) return { kind: 'basic', username, password };
  const token = env.MLFLOW_TRACKING_TOKEN;
  if (token) return { kind: 'bearer', token };
  return { kind: 'none' };
}
