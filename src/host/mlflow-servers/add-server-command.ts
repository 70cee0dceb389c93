// "Runlens: Add MLflow Server…": asks for the URL (and, when the server wants them, credentials), tests the
// connection and says what failed, then adds the server to the user's runlens.mlflowServers and keeps the
// credentials in SecretStorage only.
import * as vscode from 'vscode';
import { normalizeServerUrl, type ServerAuth } from '../../core/sources/mlflow-server';
import { testConnection } from '../../core/sources/mlflow-server/connection-test';
import type { MlflowServerSources } from './server-sources';

export function registerAddServer(sources: MlflowServerSources, log: vscode.LogOutputChannel): vscode.Disposable {
  return vscode.commands.registerCommand('runlens.addMlflowServer', async (given?: { url?: string; name?: string; experiment?: string; auth?: ServerAuth }) => {
    // Arguments let tests (and other commands) skip the prompts; credentials given so still go to SecretStorage.
    const raw = given?.url ?? (await vscode.window.showInputBox({
      title: 'Add MLflow Server (1/3)',
      prompt: 'Tracking server URL (what MLFLOW_TRACKING_URI would be)',
      placeHolder: 'https://mlflow.example.com',
      value: /^https?:/.test(process.env.MLFLOW_TRACKING_URI ?? '') ? process.env.MLFLOW_TRACKING_URI : '',
      ignoreFocusOut: true,
      validateInput: (v) => {
        try {
          normalizeServerUrl(v);
          return /@/.test(new URL(v).host + new URL(v).username) ? 'Leave credentials out of the URL: they are asked for next and kept in SecretStorage' : undefined;
        } catch (err) {
          return err instanceof Error ? err.message : 'not a URL';
        }
      },
    }));
    if (!raw) return;
    const url = normalizeServerUrl(raw);
    let auth: ServerAuth = given?.auth ?? (await sources.secrets.get(url)) ?? { kind: 'none' };
    let result = await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: `Runlens: connecting to ${url}` }, () => testConnection(url, auth));
    while (!result.ok && (result.error.kind === 'unauthenticated' || result.error.kind === 'forbidden') && !given) {
      const asked = await askCredentials(url, result.error.message);
      if (!asked) return;
      auth = asked;
      result = await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: `Runlens: connecting to ${url}` }, () => testConnection(url, auth));
    }
    if (!result.ok) {
      log.warn(`MLflow server ${url}: ${result.error.message}`);
      if (given) {
        void vscode.window.showErrorMessage(`Runlens: could not connect: ${result.error.message}`);
        return;
      }
      const choice = await vscode.window.showErrorMessage(`Runlens: could not connect: ${result.error.message}`, 'Add Anyway', 'Cancel');
      if (choice !== 'Add Anyway') return;
    }
    const name = given ? (given.name ?? new URL(url).host) : await vscode.window.showInputBox({ title: 'Add MLflow Server (2/3)', prompt: 'Name shown in the Runs view', value: new URL(url).host, ignoreFocusOut: true });
    if (name === undefined) return;
    const experiment = given
      ? (given.experiment ?? '')
      : await vscode.window.showInputBox({ title: 'Add MLflow Server (3/3)', prompt: 'Only this experiment (name or id); empty for all', ignoreFocusOut: true });
    if (experiment === undefined) return;
    await sources.secrets.set(url, auth);
    const cfg = vscode.workspace.getConfiguration('runlens');
    const current = (cfg.inspect<unknown[]>('mlflowServers')?.globalValue ?? []).filter(
      (e) => !(e && typeof e === 'object' && (e as { url?: string }).url && safeNormalize((e as { url: string }).url) === url && ((e as { experiment?: string }).experiment ?? '') === experiment.trim()),
    );
    // The URL and names only: credentials never go to settings.
    await cfg.update('mlflowServers', [...current, { name: name.trim() || new URL(url).host, url, ...(experiment.trim() ? { experiment: experiment.trim() } : {}) }], vscode.ConfigurationTarget.Global);
    if (result.ok) void vscode.window.showInformationMessage(`Runlens: connected to ${url} (${result.experiments}${result.more ? '+' : ''} experiments); its runs are being listed.`);
  });
}

async function askCredentials(url: string, why: string): Promise<ServerAuth | undefined> {
  const pick = await vscode.window.showQuickPick(
    [
      { label: 'Username and password', description: 'HTTP Basic (mlflow server --app-name basic-auth)', mode: 'basic' as const },
      { label: 'Token', description: 'Bearer (Databricks personal access token, proxies)', mode: 'bearer' as const },
    ],
    { title: `${url} needs credentials`, placeHolder: why, ignoreFocusOut: true },
  );
  if (!pick) return undefined;
  if (pick.mode === 'bearer') {
    const token = await vscode.window.showInputBox({ title: `Token for ${url}`, password: true, ignoreFocusOut: true });
    return token ? { kind: 'bearer', token } : undefined;
  }
  const username = await vscode.window.showInputBox({ title: `Username for ${url}`, ignoreFocusOut: true });
  if (!username) return undefined;
  const password = await vscode.window.showInputBox({ title: `Password for ${username} at ${url}`, password: true, ignoreFocusOut: true });
  return password === undefined ? undefined : { kind: 'basic', username, password };
}

function safeNormalize(url: string): string | undefined {
  try {
    return normalizeServerUrl(url);
  } catch {
    return undefined;
  }
}
