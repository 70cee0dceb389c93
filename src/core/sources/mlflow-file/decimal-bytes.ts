// Number parsing straight from the bytes of a metric line, for the common shapes MLflow
// writes (`1691409747769`, `0.8819000124931335`, `1e-05`). Creating a JS string per field
// costs more than the parsing itself at millions of points. Anything unusual (nan, inf,
// 17-digit mantissas, huge exponents) returns NaN, and the caller takes the exact string path.

const ZERO = 0x30;
const NINE = 0x39;
const MINUS = 0x2d;
const PLUS = 0x2b;
const DOT = 0x2e;
const LOWER_E = 0x65;
const UPPER_E = 0x45;
const MAX_EXACT = 2 ** 53;
/** Powers of ten that are exact doubles (Clinger's fast path). */
const POW10 = Array.from({ length: 23 }, (_, i) => Number(`1e${i}`));

/**
 * The decimal in buf[start, end), correctly rounded, or NaN when it is not in the fast-path
 * shape. Exact because mantissa ≤ 2^53 and 10^|exp| ≤ 10^22 are both exact doubles, and one
 * IEEE multiplication or division rounds once.
 */
export function parseDecimalBytes(buf: Uint8Array, start: number, end: number): number {
  let i = start;
  let negative = false;
  if (buf[i] === MINUS) {
    negative = true;
    i++;
  }
  let mantissa = 0;
  let exp10 = 0;
  let digits = 0;
  for (; i < end; i++) {
    const c = buf[i];
    if (c < ZERO || c > NINE) break;
    mantissa = mantissa * 10 + (c - ZERO);
    digits++;
  }
  if (i < end && buf[i] === DOT) {
    for (i++; i < end; i++) {
      const c = buf[i];
      if (c < ZERO || c > NINE) break;
      mantissa = mantissa * 10 + (c - ZERO);
      exp10--;
      digits++;
    }
  }
  if (digits === 0 || mantissa > MAX_EXACT) return NaN;
  if (i < end && (buf[i] === LOWER_E || buf[i] === UPPER_E)) {
    i++;
    let expNegative = false;
    if (buf[i] === MINUS || buf[i] === PLUS) {
      expNegative = buf[i] === MINUS;
      i++;
    }
    let e = 0;
    const expStart = i;
    for (; i < end; i++) {
      const c = buf[i];
      if (c < ZERO || c > NINE || e > 1000) return NaN;
      e = e * 10 + (c - ZERO);
    }
    if (i === expStart) return NaN;
    exp10 += expNegative ? -e : e;
  }
  if (i !== end) return NaN;
  let value: number;
  if (exp10 === 0) value = mantissa;
  else if (exp10 > 0 && exp10 <= 22) value = mantissa * POW10[exp10];
  else if (exp10 < 0 && exp10 >= -22) value = mantissa / POW10[-exp10];
  else return NaN;
  return negative ? -value : value;
}

/** Plain (optionally negative) integer in buf[start, end), or NaN. */
export function parseIntegerBytes(buf: Uint8Array, start: number, end: number): number {
  let i = start;
  let negative = false;
  if (buf[i] === MINUS) {
    negative = true;
    i++;
  }
  if (i >= end) return NaN;
  let n = 0;
  for (; i < end; i++) {
    const c = buf[i];
    if (c < ZERO || c > NINE) return NaN;
    n = n * 10 + (c - ZERO);
  }
  return negative ? -n : n;
}
