// The tracking servers the extension reads: which are configured (trust-aware), how to reach them
// (SecretStorage, or MLflow's environment variables for MLFLOW_TRACKING_URI), which a pass asks
// (refresh interval, live-run polling) and which are offline.
import * as vscode from 'vscode';
import type { IndexedRun } from '../../core/index/types';
import type { ReadError, SourceRoot } from '../../core/model';
import { authFromEnv, configureServer, type ServerAuth } from '../../core/sources/mlflow-server';
import { entryRoot, parseServerEntries, planServerPass, trackingUriServer, type ServerEntry } from '../../core/sources/mlflow-server/server-settings';
import { ServerSecrets } from './server-secrets';

export type ServerPassMode = 'all' | 'due' | 'live' | 'none';

export interface ServerPassPlan {
  contact: SourceRoot[];
  keep: SourceRoot[];
  servers: Array<{ baseUrl: string; auth: ServerAuth }>;
}

const LAST_LISTED = 'runlens.mlflowServers.lastListed';

export class MlflowServerSources {
  readonly secrets: ServerSecrets;
  private lastProblems = '';

  constructor(
    private readonly context: vscode.ExtensionContext,
    private readonly log: vscode.LogOutputChannel,
  ) {
    this.secrets = new ServerSecrets(context.secrets);
  }

  /**
   * User settings and MLFLOW_TRACKING_URI always; workspace settings only in a trusted workspace (a cloned repo
   * must not make the editor contact a server of its choosing).
   */
  entries(): ServerEntry[] {
    const inspected = vscode.workspace.getConfiguration('runlens').inspect<unknown>('mlflowServers');
    const user = parseServerEntries(inspected?.globalValue, 'user');
    const workspace = parseServerEntries(inspected?.workspaceFolderValue ?? inspected?.workspaceValue, 'workspace');
    const problems = [...user.problems, ...workspace.problems];
    if (!vscode.workspace.isTrusted && workspace.servers.length) {
      problems.push(`${workspace.servers.length} MLflow server(s) from workspace settings are not contacted: the workspace is not trusted`);
    }
    const text = problems.join('\n');
    if (text && text !== this.lastProblems) for (const p of problems) this.log.warn(p);
    this.lastProblems = text;
    const env = trackingUriServer(process.env);
    const all = [...user.servers, ...(vscode.workspace.isTrusted ? workspace.servers : []), ...(env ? [env] : [])];
    // One entry per root: the first wins.
    return [...new Map(all.map((e) => [entryRoot(e).path, e])).values()];
  }

  /** The pass's server roots and credentials; the host's own client (series reads) is configured too. */
  async plan(mode: ServerPassMode, runs: readonly IndexedRun[]): Promise<ServerPassPlan> {
    const entries = this.entries();
    const servers: ServerPassPlan['servers'] = [];
    for (const e of entries) {
      if (servers.some((s) => s.baseUrl === e.url)) continue;
      const auth = (await this.secrets.get(e.url)) ?? (e.origin === 'environment' ? authFromEnv(process.env) : { kind: 'none' as const });
      servers.push({ baseUrl: e.url, auth });
      configureServer(e.url, { auth });
    }
    const live = new Set(runs.filter((r) => r.format === 'mlflow-server' && r.status === 'running').map((r) => r.root));
    const cfg = vscode.workspace.getConfiguration('runlens');
    const intervalMs = Math.max(0, cfg.get<number>('mlflowServerRefreshMinutes') ?? 15) * 60_000;
    const lastListed = this.context.workspaceState.get<Record<string, number>>(LAST_LISTED) ?? {};
    const { contact, keep } = planServerPass(entries.map(entryRoot), mode, { lastListed, now: Date.now(), intervalMs, live });
    return { contact, keep, servers };
  }

  /** Remembers when each server answered, so the next start within the interval makes no requests. */
  async passDone(contacted: SourceRoot[], errors: ReadError[]): Promise<void> {
    if (!contacted.length) return;
    const offline = new Set(errors.filter((e) => e.message.startsWith('offline:')).map((e) => e.path));
    const lastListed = { ...(this.context.workspaceState.get<Record<string, number>>(LAST_LISTED) ?? {}) };
    const now = Date.now();
    for (const r of contacted) if (!offline.has(r.path)) lastListed[r.path] = now;
    await this.context.workspaceState.update(LAST_LISTED, lastListed);
  }

  /** Seconds between polls of servers with running runs; 0 turns polling off. */
  pollSeconds(): number {
    return Math.max(0, vscode.workspace.getConfiguration('runlens').get<number>('mlflowServerPollSeconds') ?? 30);
  }
}

/** Server roots whose last listing failed: their cached runs are shown as offline. */
export function offlineRoots(errors: readonly ReadError[]): Set<string> {
  return new Set(errors.filter((e) => e.message.startsWith('offline:')).map((e) => e.path));
}
