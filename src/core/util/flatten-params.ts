// Params come as nested objects (config.json, hparams.yaml); the index stores flat text values.
import { numberText } from './python-text';

/** Longest text kept for one value; longer values are cut and marked (display only). */
export const MAX_PARAM_TEXT = 6000;

/**
 * Flattens nested plain objects into dotted keys (`lora.r`, `id2label.0`); arrays, numbers,
 * booleans and null become text. Never throws; cycles are cut.
 */
export function flattenParams(value: unknown, prefix = '', out: Record<string, string> = {}): Record<string, string> {
  walk(value, prefix, out, new Set());
  return out;
}

function walk(value: unknown, key: string, out: Record<string, string>, seen: Set<object>): void {
  if (isPlainObject(value) && !seen.has(value)) {
    const entries = Object.entries(value);
    if (entries.length === 0) {
      if (key) out[key] = '{}';
      return;
    }
    seen.add(value);
    for (const [k, v] of entries) walk(v, key ? `${key}.${k}` : k, out, seen);
    seen.delete(value);
    return;
  }
  if (!key) {
    // a top-level scalar or list has no name of its own
    out['value'] = paramText(value);
    return;
  }
  out[key] = paramText(value);
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  if (v === null || typeof v !== 'object' || Array.isArray(v) || ArrayBuffer.isView(v)) return false;
  const proto = Object.getPrototypeOf(v);
  return proto === Object.prototype || proto === null;
}

/** Text of one leaf value, as a person would read it in the source file. */
export function paramText(value: unknown): string {
  let text: string;
  if (typeof value === 'string') text = value;
  else if (typeof value === 'number') text = numberText(value);
  else if (typeof value === 'boolean' || value === null || value === undefined) text = String(value ?? 'null');
  else if (typeof value === 'bigint') text = value.toString();
  else if (value instanceof Uint8Array) text = `<binary ${value.length} bytes>`;
  else if (value instanceof Date) text = value.toISOString();
  else text = safeJson(value);
  if (text.length > MAX_PARAM_TEXT) text = `${text.slice(0, MAX_PARAM_TEXT)}…[truncated, ${text.length} chars]`;
  return text;
}

function safeJson(value: unknown): string {
  try {
    return JSON.stringify(value, (_k, v) => {
      if (typeof v === 'number' && !Number.isFinite(v)) return numberText(v);
      if (typeof v === 'bigint') return v.toString();
      return v;
    }) ?? String(value);
  } catch {
    return String(value);
  }
}
