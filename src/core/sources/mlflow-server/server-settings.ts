// Which tracking servers to read: `runlens.mlflowServers` entries (name, url, optional experiment) and
// MLFLOW_TRACKING_URI when it is an http(s) URL. Validated here; credentials never come from settings.
import type { SourceRoot } from '../../model';
import { credentialsInUrl, normalizeServerUrl, serverRoot } from './server-root';

export interface ServerEntry {
  name: string;
  /** Normalised: no credentials, no trailing slash. */
  url: string;
  experiment?: string;
  /** Where the entry came from: workspace entries are not contacted in an untrusted workspace. */
  origin: 'user' | 'workspace' | 'environment';
}

export function parseServerEntries(value: unknown, origin: ServerEntry['origin']): { servers: ServerEntry[]; problems: string[] } {
  const servers: ServerEntry[] = [];
  const problems: string[] = [];
  if (value === undefined || value === null) return { servers, problems };
  if (!Array.isArray(value)) return { servers, problems: ['runlens.mlflowServers must be a list of {name, url, experiment?}'] };
  value.forEach((raw, i) => {
    const entry = typeof raw === 'string' ? { url: raw } : (raw as { name?: unknown; url?: unknown; experiment?: unknown } | null);
    if (!entry || typeof entry.url !== 'string') {
      problems.push(`runlens.mlflowServers[${i}] has no url`);
      return;
    }
    let url: string;
    try {
      url = normalizeServerUrl(entry.url);
    } catch (err) {
      problems.push(`runlens.mlflowServers[${i}]: ${err instanceof Error ? err.message : String(err)}`);
      return;
    }
    if (credentialsInUrl(entry.url)) {
      problems.push(`runlens.mlflowServers[${i}]: the user and password in the URL are ignored; settings are not a place for secrets (use "Runlens: Add MLflow Server…")`);
    }
    const experiment = typeof entry.experiment === 'string' && entry.experiment.trim() ? entry.experiment.trim() : undefined;
    servers.push({ name: typeof entry.name === 'string' && entry.name.trim() ? entry.name.trim() : new URL(url).host, url, ...(experiment ? { experiment } : {}), origin });
  });
  return { servers, problems };
}

/** MLFLOW_TRACKING_URI as a server when it is http(s) (a file path or `databricks` profile is not one here). */
export function trackingUriServer(env: Record<string, string | undefined>): ServerEntry | undefined {
  const uri = env.MLFLOW_TRACKING_URI?.trim();
  if (!uri || !/^https?:\/\//i.test(uri)) return undefined;
  try {
    const url = normalizeServerUrl(uri);
    const experiment = env.MLFLOW_EXPERIMENT_NAME?.trim() || env.MLFLOW_EXPERIMENT_ID?.trim() || undefined;
    return { name: 'MLFLOW_TRACKING_URI', url, ...(experiment ? { experiment } : {}), origin: 'environment' };
  } catch {
    return undefined;
  }
}

export function entryRoot(entry: ServerEntry): SourceRoot {
  return serverRoot(entry.url, entry.experiment);
}

/**
 * Which server roots a pass asks, and which keep their indexed runs untouched: 'all' (the user refreshed),
 * 'due' (start-up: only roots not listed within the refresh interval, so a warm start makes no requests),
 * 'live' (polling: only roots with running runs), 'none' (a file changed).
 */
export function planServerPass(
  roots: SourceRoot[],
  mode: 'all' | 'due' | 'live' | 'none',
  state: { lastListed: Record<string, number>; now: number; intervalMs: number; live: Set<string> },
): { contact: SourceRoot[]; keep: SourceRoot[] } {
  const contact: SourceRoot[] = [];
  const keep: SourceRoot[] = [];
  for (const root of roots) {
    const last = state.lastListed[root.path];
    const ask =
      mode === 'all' ||
      (mode === 'due' && (last === undefined || state.now - last >= state.intervalMs)) ||
      (mode === 'live' && state.live.has(root.path));
    (ask ? contact : keep).push(root);
  }
  return { contact, keep };
}
