// Decoding of the values Optuna stores: objective / intermediate floats with their non-finite
// encodings, parameter values in Optuna's internal representation, JSON attributes, naive datetimes.
import type { RunStatus } from '../../model';
import { parseTolerantJson } from '../../util/tolerant-json';

/** Optuna < 3.0 clipped ±inf to ±float32 max before storing (alembic v3.0.0.c/d undo this the same way). */
const FLOAT32_MAX = 3.4028234663852886e38;

/**
 * A stored objective or intermediate value as a number. `type` is the value_type /
 * intermediate_value_type column when the schema has one (Optuna ≥ 3.0).
 * SQLite cannot store NaN (it becomes NULL), so NULL means NaN in every layout.
 */
export function decodeStoredValue(value: unknown, type?: unknown): number {
  if (type !== undefined && type !== null) {
    switch (String(type)) {
      case 'INF_POS':
        return Infinity;
      case 'INF_NEG':
        return -Infinity;
      case 'NAN':
        return NaN;
      default:
        break; // FINITE, or an unknown future type: trust the value column
    }
    return value === null || value === undefined ? NaN : Number(value);
  }
  if (value === null || value === undefined) return NaN;
  const v = Number(value);
  if (Math.abs(v) > 1e16 && isCloseTo(Math.abs(v), FLOAT32_MAX)) return v > 0 ? Infinity : -Infinity;
  return v;
}

function isCloseTo(a: number, b: number): boolean {
  // numpy.isclose defaults (rtol 1e-5), as Optuna's own migration uses
  return Math.abs(a - b) <= 1e-8 + 1e-5 * Math.abs(b);
}

export interface Distribution {
  name: string;
  attributes: Record<string, unknown>;
}

export function parseDistribution(json: unknown): Distribution | undefined {
  if (typeof json !== 'string') return undefined;
  try {
    const d = parseTolerantJson(json) as Distribution;
    if (d && typeof d === 'object' && typeof d.name === 'string' && d.attributes && typeof d.attributes === 'object') {
      return d;
    }
  } catch {
    /* reported by the caller */
  }
  return undefined;
}

const INT_DISTRIBUTIONS = new Set(['IntDistribution', 'IntUniformDistribution', 'IntLogUniformDistribution']);

/**
 * Text of a parameter value. Optuna stores every param as a float in its internal representation:
 * categorical params as the index into `choices`, int params as a float of the integer.
 * Categorical choices are shown the way Python prints them (True, None), like params other tools log from Python.
 */
export function paramText(stored: unknown, dist: Distribution | undefined): { text: string; problem?: string } {
  const v = stored === null || stored === undefined ? NaN : Number(stored);
  if (!dist) return { text: numberText(v) };
  if (dist.name === 'CategoricalDistribution') {
    const choices = dist.attributes.choices;
    if (!Array.isArray(choices) || !Number.isInteger(v) || v < 0 || v >= choices.length) {
      return { text: numberText(v), problem: `categorical index ${numberText(v)} is outside its ${Array.isArray(choices) ? choices.length : 0} choices` };
    }
    return { text: pythonText(choices[v]) };
  }
  if (INT_DISTRIBUTIONS.has(dist.name) && Number.isFinite(v)) return { text: String(Math.round(v)) };
  return { text: numberText(v) };
}

/** Python's str() of a JSON value, for categorical choices and attributes. */
export function pythonText(value: unknown): string {
  if (value === null || value === undefined) return 'None';
  if (value === true) return 'True';
  if (value === false) return 'False';
  if (typeof value === 'number') return numberText(value);
  if (typeof value === 'string') return value;
  return JSON.stringify(value);
}

function numberText(v: number): string {
  if (Number.isNaN(v)) return 'nan';
  if (v === Infinity) return 'inf';
  if (v === -Infinity) return '-inf';
  return String(v);
}

/** An attribute's value_json as tag text: strings unwrapped, everything else as its JSON. */
export function attributeText(valueJson: unknown): string {
  if (typeof valueJson !== 'string') return valueJson === null || valueJson === undefined ? '' : String(valueJson);
  try {
    const v = parseTolerantJson(valueJson);
    return typeof v === 'string' ? v : valueJson;
  } catch {
    return valueJson;
  }
}

/** Parsed attribute (for study metric names and study user attributes); undefined when not JSON. */
export function attributeValue(valueJson: unknown): unknown {
  if (typeof valueJson !== 'string') return undefined;
  try {
    return parseTolerantJson(valueJson);
  } catch {
    return undefined;
  }
}

const STATES: Record<string, RunStatus> = {
  COMPLETE: 'finished',
  PRUNED: 'pruned',
  FAIL: 'failed',
  RUNNING: 'running',
  WAITING: 'scheduled',
};

export function trialStatus(state: unknown): RunStatus {
  return STATES[String(state ?? '').toUpperCase()] ?? 'unknown';
}

/**
 * Optuna writes `datetime.now()` (naive local time) through SQLAlchemy: `2024-05-01 12:00:00.123456`.
 * Parsed as local time, as Python's `datetime.timestamp()` does for naive values.
 */
export function parseOptunaDatetime(value: unknown): number | undefined {
  if (value === null || value === undefined || value === '') return undefined;
  if (typeof value === 'number') return Number.isFinite(value) ? value : undefined;
  const m = /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?(Z|[+-]\d{2}:?\d{2})?$/.exec(String(value).trim());
  if (!m) return undefined;
  const frac = m[7] ? Number(`0.${m[7]}`) * 1000 : 0;
  if (m[8]) {
    const iso = `${m[1]}-${m[2]}-${m[3]}T${m[4]}:${m[5]}:${m[6] ?? '00'}${m[8].length === 5 ? m[8].slice(0, 3) + ':' + m[8].slice(3) : m[8]}`;
    const t = Date.parse(iso);
    return Number.isNaN(t) ? undefined : t + frac;
  }
  const d = new Date(Number(m[1]), Number(m[2]) - 1, Number(m[3]), Number(m[4]), Number(m[5]), Number(m[6] ?? 0));
  const t = d.getTime();
  return Number.isNaN(t) ? undefined : t + frac;
}
