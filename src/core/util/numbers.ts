// Python writes nan/inf/-inf in text formats and NaN/Infinity in JSON; JS parses neither correctly.

const SPECIAL = /^\s*([+-]?)(nan|inf|infinity)\s*$/i;

/** Parses a Python/JSON float token. Returns undefined for text that is not a number. */
export function parseFloatToken(text: string): number | undefined {
  const special = SPECIAL.exec(text);
  if (special) {
    if (special[2].toLowerCase() === 'nan') return NaN;
    return special[1] === '-' ? -Infinity : Infinity;
  }
  const trimmed = text.trim();
  if (trimmed === '') return undefined;
  const n = Number(trimmed);
  return Number.isNaN(n) ? undefined : n;
}

/** JSON output convention of this project: NaN/±Infinity as strings. */
export function jsonNumber(n: number): number | string {
  if (Number.isNaN(n)) return 'NaN';
  if (n === Infinity) return 'Infinity';
  if (n === -Infinity) return '-Infinity';
  return n;
}

/** Readable text of a number for tables and tooltips. */
export function formatNumber(n: number | undefined | null, digits = 4): string {
  if (n === undefined || n === null) return '';
  if (Number.isNaN(n)) return 'NaN';
  if (n === Infinity) return '∞';
  if (n === -Infinity) return '-∞';
  if (Number.isInteger(n) && Math.abs(n) < 1e15) return String(n);
  const abs = Math.abs(n);
  if (abs !== 0 && (abs < 1e-3 || abs >= 1e6)) return n.toExponential(digits - 1);
  return String(Number(n.toPrecision(digits)));
}
