// The health pass's per-run cache (diagnose's HealthCache) as a file in the extension's own storage, so a window
// reload does not read every series of every run again (at 1,000 runs × 20 series × 10,000 steps that is minutes
// of background CPU). Versioned; anything that does not parse as this version is an empty cache, never an error.
import type { ReadError } from '../model';
import type { HealthCache, RunCheck } from './diagnose';
import type { CheckpointEntry, Finding } from './types';

const VERSION = 1;

interface StoredCheck {
  fingerprint: string;
  findings: Finding[];
  variance: RunCheck['health']['variance'];
  lateLevels: Array<[string, number]>;
  infeasible: boolean;
  checkpoints: CheckpointEntry[];
  errors: ReadError[];
}

export function serializeHealthCache(cache: HealthCache): string {
  const runs: Record<string, StoredCheck> = {};
  for (const [key, c] of cache) {
    runs[key] = {
      fingerprint: c.fingerprint,
      findings: c.health.findings,
      variance: c.health.variance,
      lateLevels: [...c.health.lateLevels],
      infeasible: c.health.infeasible,
      checkpoints: c.checkpoints,
      errors: c.errors,
    };
  }
  return JSON.stringify({ version: VERSION, runs });
}

const isArray = Array.isArray;

function checkOf(v: unknown): RunCheck | undefined {
  if (typeof v !== 'object' || v === null) return undefined;
  const c = v as Partial<StoredCheck>;
  if (typeof c.fingerprint !== 'string' || !isArray(c.findings) || !isArray(c.variance) || !isArray(c.lateLevels) || typeof c.infeasible !== 'boolean' || !isArray(c.checkpoints) || !isArray(c.errors)) return undefined;
  if (!c.lateLevels.every((e) => isArray(e) && typeof e[0] === 'string' && typeof e[1] === 'number')) return undefined;
  return {
    fingerprint: c.fingerprint,
    health: { findings: c.findings, variance: c.variance, lateLevels: new Map(c.lateLevels), infeasible: c.infeasible },
    checkpoints: c.checkpoints,
    errors: c.errors,
  };
}

/** The cache a file holds; empty for a missing, damaged or older file. */
export function parseHealthCache(text: string | undefined): HealthCache {
  const cache: HealthCache = new Map();
  if (!text) return cache;
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    return cache;
  }
  if (typeof data !== 'object' || data === null || (data as { version?: unknown }).version !== VERSION) return cache;
  const runs = (data as { runs?: unknown }).runs;
  if (typeof runs !== 'object' || runs === null) return cache;
  for (const [key, v] of Object.entries(runs)) {
    const check = checkOf(v);
    if (check) cache.set(key, check);
  }
  return cache;
}
