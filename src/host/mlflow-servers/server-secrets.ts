// Credentials of tracking servers, in VS Code's SecretStorage only (never settings, logs or the index),
// one entry per server URL.
import type * as vscode from 'vscode';
import type { ServerAuth } from '../../core/sources/mlflow-server';

const KEY = (baseUrl: string) => `runlens.mlflowServer.auth:${baseUrl}`;

export class ServerSecrets {
  constructor(private readonly secrets: vscode.SecretStorage) {}

  async get(baseUrl: string): Promise<ServerAuth | undefined> {
    const text = await this.secrets.get(KEY(baseUrl));
    if (!text) return undefined;
    try {
      const auth = JSON.parse(text) as ServerAuth;
      return auth.kind === 'basic' || auth.kind === 'bearer' || auth.kind === 'none' ? auth : undefined;
    } catch {
      return undefined;
    }
  }

  async set(baseUrl: string, auth: ServerAuth): Promise<void> {
    if (auth.kind === 'none') await this.secrets.delete(KEY(baseUrl));
    else await this.secrets.store(KEY(baseUrl), JSON.stringify(auth));
  }
}
