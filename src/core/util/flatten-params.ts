// Params come as nested objects (config.json, hparams.yaml); the index stores flat text values.
import { numberText } from './python-text';

/** Longest text kept for one value; longer values are cut and marked (display only). */
export const MAX_PARAM_TEXT = 6000;

/** Mappings deeper than this are kept as one (cut) text value: recursion stays shallow. */
const MAX_FLATTEN_DEPTH = 32;
/** Keys kept per document; past it a marker key says how many were left out. */
export const MAX_PARAM_KEYS = 20_000;

/**
 * Flattens nested plain objects into dotted keys (`lora.r`, `id2label.0`); arrays, numbers,
 * booleans and null become text. Never throws; cycles are cut; output is bounded by
 * MAX_PARAM_KEYS keys of at most MAX_PARAM_TEXT chars, whatever the input's (shared) shape.
 */
export function flattenParams(value: unknown, prefix = '', out: Record<string, string> = {}): Record<string, string> {
  const state = { out, keys: Object.keys(out).length, dropped: 0 };
  walk(value, prefix, state, new Set(), 0);
  if (state.dropped) out['…'] = `${state.dropped} more params not shown (over ${MAX_PARAM_KEYS})`;
  return out;
}

interface WalkState {
  out: Record<string, string>;
  keys: number;
  dropped: number;
}

function walk(value: unknown, key: string, state: WalkState, seen: Set<object>, depth: number): void {
  const out = state.out;
  if (state.keys >= MAX_PARAM_KEYS) {
    state.dropped++;
    return;
  }
  if (isPlainObject(value) && !seen.has(value) && depth < MAX_FLATTEN_DEPTH) {
    const entries = Object.entries(value);
    if (entries.length === 0) {
      if (key) out[key] = '{}';
      return;
    }
    seen.add(value);
    for (const [k, v] of entries) walk(v, key ? `${key}.${k}` : k, state, seen, depth + 1);
    seen.delete(value);
    return;
  }
  state.keys++;
  // a top-level scalar or list has no name of its own
  out[key || 'value'] = paramText(value);
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
  else {
    const json = new BoundedJson(MAX_PARAM_TEXT);
    json.write(value, 0, new Set());
    return json.overflowed ? `${json.text.slice(0, MAX_PARAM_TEXT)}…[truncated]` : json.text;
  }
  if (text.length > MAX_PARAM_TEXT) text = `${text.slice(0, MAX_PARAM_TEXT)}…[truncated, ${text.length} chars]`;
  return text;
}

/** Depth past which a list or mapping inside one value is shown as `…`. */
const MAX_JSON_DEPTH = 32;

/**
 * JSON text of a list or mapping that stops writing once `limit` chars are out: a value built
 * from shared YAML aliases can expand to gigabytes, and only its first few KB are ever shown.
 * Output matches JSON.stringify (non-finite numbers as Python spells them, bigints as digits).
 */
class BoundedJson {
  text = '';
  overflowed = false;
  constructor(private readonly limit: number) {}

  private put(s: string): void {
    if (this.overflowed) return;
    this.text += s;
    if (this.text.length > this.limit) this.overflowed = true;
  }

  write(v: unknown, depth: number, onPath: Set<object>): void {
    if (this.overflowed) return;
    if (v === null || v === undefined || typeof v === 'function' || typeof v === 'symbol') return this.put('null');
    if (typeof v === 'number') return this.put(Number.isFinite(v) ? JSON.stringify(v) : JSON.stringify(numberText(v)));
    if (typeof v === 'bigint') return this.put(JSON.stringify(v.toString()));
    if (typeof v === 'string' || typeof v === 'boolean') return this.put(JSON.stringify(v));
    if (v instanceof Date) return this.put(JSON.stringify(v.toISOString()));
    if (typeof v !== 'object') return this.put(JSON.stringify(String(v)));
    if (onPath.has(v)) return this.put('"[cycle]"');
    if (depth >= MAX_JSON_DEPTH) return this.put('"…"');
    onPath.add(v);
    if (Array.isArray(v)) {
      this.put('[');
      v.forEach((item, i) => {
        if (i) this.put(',');
        this.write(item, depth + 1, onPath);
      });
      this.put(']');
    } else {
      this.put('{');
      let first = true;
      for (const [k, item] of Object.entries(v)) {
        if (this.overflowed) break;
        if (item === undefined || typeof item === 'function') continue;
        if (!first) this.put(',');
        first = false;
        this.put(`${JSON.stringify(k)}:`);
        this.write(item, depth + 1, onPath);
      }
      this.put('}');
    }
    onPath.delete(v);
  }
}
