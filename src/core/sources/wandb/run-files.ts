// The plain files of a W&B run folder: files/config.yaml, files/wandb-summary.json and
// files/wandb-metadata.json. Each is optional; a broken one costs a warning, not the run.
import * as path from 'node:path';
import { loadYaml } from '../../util/yaml';
import { errorMessage, readTextIfExistsSync } from '../../util/fs';
import { flattenParams } from '../../util/flatten-params';
import { parseTolerantJson } from '../../util/tolerant-json';

export interface WandbConfig {
  params: Record<string, string>;
  /** From `_wandb.value`: internals that are not the user's params. */
  cliVersion?: string;
  pythonVersion?: string;
  /** Epoch seconds. */
  startTime?: number;
}

export interface WandbMetadata {
  startedAt?: number;
  host?: string;
  program?: string;
  codePath?: string;
  gitCommit?: string;
  gitRemote?: string;
  python?: string;
  args?: string[];
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

/** `{desc: null, value: v}` (0.13) or `{value: v}` → v; anything else is already bare (newer writers). */
export function unwrapConfigValue(v: unknown): unknown {
  if (isPlainObject(v) && 'value' in v && Object.keys(v).every((k) => k === 'value' || k === 'desc')) return v.value;
  return v;
}

/** Config keys that are W&B bookkeeping, not the user's parameters. */
export function isInternalConfigKey(key: string): boolean {
  return key === '_wandb' || key === 'wandb_version';
}

/** Params and internals from a config object whose values may still carry `value` wrappers. */
export function configFromEntries(entries: Iterable<[string, unknown]>): WandbConfig {
  const config: WandbConfig = { params: {} };
  const user: Record<string, unknown> = {};
  for (const [key, raw] of entries) {
    const value = unwrapConfigValue(raw);
    if (key === '_wandb') {
      if (isPlainObject(value)) {
        if (value.cli_version !== undefined) config.cliVersion = String(value.cli_version);
        if (value.python_version !== undefined) config.pythonVersion = String(value.python_version);
        if (typeof value.start_time === 'number') config.startTime = value.start_time;
      }
      continue;
    }
    if (isInternalConfigKey(key)) continue;
    user[key] = value;
  }
  config.params = flattenParams(user);
  return config;
}

export function parseConfigYaml(text: string): WandbConfig {
  const doc = loadYaml(text);
  // W&B always writes a mapping (wandb_version, _wandb): anything else is a cut or damaged file
  if (!isPlainObject(doc)) throw new Error(text.trim() === '' ? 'empty file' : 'not a YAML mapping');
  return configFromEntries(Object.entries(doc));
}

/** Top-level numeric keys of wandb-summary.json (media, histograms and `_wandb` are objects). */
export function summaryNumbers(doc: unknown): Record<string, number> {
  const out: Record<string, number> = {};
  if (!isPlainObject(doc)) return out;
  for (const [k, v] of Object.entries(doc)) if (typeof v === 'number') out[k] = v;
  return out;
}

export function parseMetadata(doc: unknown): WandbMetadata {
  if (!isPlainObject(doc)) return {};
  const str = (v: unknown) => (typeof v === 'string' && v !== '' ? v : undefined);
  const meta: WandbMetadata = {
    host: str(doc.host),
    program: str(doc.program),
    codePath: str(doc.codePath),
    python: str(doc.python),
  };
  // startedAt is UTC written without a zone designator
  const started = str(doc.startedAt);
  if (started) {
    const t = Date.parse(/[zZ]|[+-]\d\d:?\d\d$/.test(started) ? started : `${started}Z`);
    if (!Number.isNaN(t)) meta.startedAt = t;
  }
  if (isPlainObject(doc.git)) {
    meta.gitCommit = str(doc.git.commit);
    meta.gitRemote = str(doc.git.remote);
  }
  if (Array.isArray(doc.args)) meta.args = doc.args.map(String);
  return meta;
}

export interface RunFiles {
  config?: WandbConfig;
  summary?: Record<string, number>;
  /** `_wandb.runtime` of the summary (seconds), the run's duration when it ended. */
  summaryRuntime?: number;
  metadata?: WandbMetadata;
  warnings: string[];
}

/** Reads the three files below `<run>/files/`. Never throws. */
export async function readRunFiles(filesDir: string, names: string[]): Promise<RunFiles> {
  const out: RunFiles = { warnings: [] };
  const read = async (name: string, parse: (text: string) => void) => {
    if (!names.includes(name)) return;
    // blocking: readers run in worker threads, and these files are small (see listDirSync)
    const text = readTextIfExistsSync(path.join(filesDir, name));
    if (text === undefined) {
      out.warnings.push(`files/${name} could not be read`);
      return;
    }
    try {
      parse(text);
    } catch (err) {
      out.warnings.push(`files/${name}: ${errorMessage(err).split('\n')[0]}`);
    }
  };
  await read('config.yaml', (text) => (out.config = parseConfigYaml(text)));
  await read('wandb-summary.json', (text) => {
    const doc = parseTolerantJson(text);
    out.summary = summaryNumbers(doc);
    const internals = isPlainObject(doc) ? doc._wandb : undefined;
    if (isPlainObject(internals) && typeof internals.runtime === 'number') out.summaryRuntime = internals.runtime;
  });
  await read('wandb-metadata.json', (text) => (out.metadata = parseMetadata(parseTolerantJson(text))));
  return out;
}
