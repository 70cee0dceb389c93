// A tracking server as a source root: its URL (credentials stripped, no trailing slash), with an optional
// experiment filter in the fragment (`http://host:5000#experiment=xlmr-ner`), which is never sent to the server.
import type { SourceRoot } from '../../model';

export interface ServerRoot {
  baseUrl: string;
  /** Experiment name or id; all experiments when undefined. */
  experiment?: string;
}

/** Throws for a URL that is not http(s). User and password in the URL are dropped (pass them as auth). */
export function normalizeServerUrl(url: string): string {
  const u = new URL(url.trim());
  if (u.protocol !== 'http:' && u.protocol !== 'https:') throw new Error(`not an http(s) URL: ${u.protocol}`);
  u.username = '';
  u.password = '';
  u.hash = '';
  u.search = '';
  return u.toString().replace(/\/+$/, '');
}

export function serverRoot(url: string, experiment?: string): SourceRoot {
  const base = normalizeServerUrl(url);
  const exp = experiment?.trim();
  return { format: 'mlflow-server', path: exp ? `${base}#experiment=${encodeURIComponent(exp)}` : base };
}

export function parseServerRoot(rootPath: string): ServerRoot {
  const hash = rootPath.indexOf('#');
  const baseUrl = hash < 0 ? rootPath : rootPath.slice(0, hash);
  const match = hash < 0 ? null : /^experiment=(.*)$/.exec(rootPath.slice(hash + 1));
  return match ? { baseUrl, experiment: decodeURIComponent(match[1]) } : { baseUrl };
}

/** The run's page in MLflow's UI: what `run.path` holds, so "reveal" can open it. */
export function runPageUrl(baseUrl: string, experimentId: string, runId: string): string {
  return `${baseUrl}/#/experiments/${encodeURIComponent(experimentId)}/runs/${encodeURIComponent(runId)}`;
}

/** User and password written into a URL (`https://user:pass@host`), which fetch refuses; undefined when none. */
export function credentialsInUrl(url: string): { username: string; password: string } | undefined {
  try {
    const u = new URL(url.trim());
    return u.username ? { username: decodeURIComponent(u.username), password: decodeURIComponent(u.password) } : undefined;
  } catch {
    return undefined;
  }
}
