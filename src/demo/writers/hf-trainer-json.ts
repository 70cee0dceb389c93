// Python's json.dumps(obj, indent=2, sort_keys=True) as transformers writes trainer_state.json and
// config.json: floats in repr() form (`1e-05`, `3.0`), bare NaN / Infinity / -Infinity, ints as ints.
import { pythonFloatRepr } from '../../core/util/python-text';

export interface PythonJsonOptions {
  /** Whether a number under this key is a Python float (printed `3.0`) rather than an int. */
  isFloatKey?: (key: string) => boolean;
}

export function pythonJson(value: unknown, options: PythonJsonOptions = {}): string {
  return write(value, '', '', options);
}

function write(value: unknown, key: string, indent: string, options: PythonJsonOptions): string {
  if (value === null || value === undefined) return 'null';
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (typeof value === 'number') return numberText(value, key, options);
  if (typeof value === 'string') return JSON.stringify(value).replace(/[\u0080-\uffff]/g, asciiEscape);
  const inner = indent + '  ';
  if (Array.isArray(value)) {
    if (value.length === 0) return '[]';
    // list items inherit the key, so a list of floats stays floats
    return `[\n${value.map((v) => inner + write(v, key, inner, options)).join(',\n')}\n${indent}]`;
  }
  const keys = Object.keys(value as object).sort();
  if (keys.length === 0) return '{}';
  const rec = value as Record<string, unknown>;
  return `{\n${keys.map((k) => `${inner}${JSON.stringify(k)}: ${write(rec[k], k, inner, options)}`).join(',\n')}\n${indent}}`;
}

function numberText(n: number, key: string, options: PythonJsonOptions): string {
  if (Number.isNaN(n)) return 'NaN';
  if (n === Infinity) return 'Infinity';
  if (n === -Infinity) return '-Infinity';
  const isFloat = options.isFloatKey ? options.isFloatKey(key) : !Number.isInteger(n);
  return isFloat || !Number.isInteger(n) ? pythonFloatRepr(n) : String(n);
}

/** json.dumps defaults to ensure_ascii=True: non-ASCII as \uXXXX escapes. */
function asciiEscape(c: string): string {
  return `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`;
}
