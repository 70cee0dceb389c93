// Decimal numbers straight from the ASCII bytes of a log line or cell (`1691409747769`, `0.8819000124931335`,
// `1e-05`), bitwise equal to what Number() / JSON.parse give for the same text. A JS string per field costs
// more than the parsing itself at millions of points (MLflow metric files, Lightning CSV cells, W&B value_json).
// Anything unusual (nan/inf spellings, more than 19 significant digits, exponents near the ends of the double
// range, a midpoint too close to call) returns NaN: the caller then takes its exact string path.

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
/** Dekker's split constant, 2^27 + 1. */
const SPLIT = 134217729;

/** Decimal exponents with a double-double 10^q table entry (its low part stays a normal double). */
const MIN_Q = -280;
const MAX_Q = 280;
/** 10^q ≈ POW_HI[q - MIN_Q] + POW_LO[q - MIN_Q] to ~2^-106 relative, filled on first use (NaN: not yet). */
const POW_HI = new Float64Array(MAX_Q - MIN_Q + 1).fill(NaN);
const POW_LO = new Float64Array(MAX_Q - MIN_Q + 1);
/** Bound on the relative error of the double-double product: about 10 × 2^-106, taken as 2^-90 to spare any doubt. */
const REL_ERROR = 2 ** -90;
/** Results this far inside the normal range: no underflow or overflow in the splits and products. */
const MIN_RESULT = 2 ** -900;
const MAX_RESULT = 2 ** 900;

/** 2^-k exactly (k ≤ 1000), by halving: no reliance on Math.pow's accuracy. */
function inversePowerOfTwo(k: number): number {
  let f = 1;
  for (let i = 0; i < k; i++) f *= 0.5;
  return f;
}

function fillPower(q: number): void {
  const i = q - MIN_Q;
  if (q >= 0) {
    const big = 10n ** BigInt(q);
    const hi = Number(big); // Number(BigInt) rounds to nearest
    POW_HI[i] = hi;
    POW_LO[i] = Number(big - BigInt(hi));
    return;
  }
  // 10^q = 1 / 10^-q ≈ N / 2^shift with N of about 128 bits (floor: error below 2^-127 relative)
  const shift = Math.ceil(-q * Math.log2(10)) + 128;
  const n = (1n << BigInt(shift)) / 10n ** BigInt(-q);
  const hi = Number(n);
  const lo = Number(n - BigInt(hi));
  // two exact scalings by powers of two (each stays in the normal range)
  const a = inversePowerOfTwo(Math.floor(shift / 2));
  const b = inversePowerOfTwo(shift - Math.floor(shift / 2));
  POW_HI[i] = hi * a * b;
  POW_LO[i] = lo * a * b;
}

/**
 * w × 10^q correctly rounded, for an integer 10^14 ≤ w < 10^19 given as a·10^k + b (a < 10^15, exact; k ≤ 4),
 * or NaN when the double-double product cannot tell which way it rounds.
 */
function scaleWide(a: number, k: number, b: number, q: number): number {
  if (q < MIN_Q || q > MAX_Q) return NaN;
  // w = wh + wl exactly: a·10^k by Dekker's two-product, then the small integer rest
  const tk = POW10[k];
  const p = a * tk;
  let c = SPLIT * a;
  const ah = c - (c - a);
  const al = a - ah;
  c = SPLIT * tk;
  const th = c - (c - tk);
  const tl = tk - th;
  const pe = ah * th - p + ah * tl + al * th + al * tl;
  const rest = pe + b; // both integers well below 2^53: exact
  const wh = p + rest;
  const wl = rest - (wh - p);
  const i = q - MIN_Q;
  if (Number.isNaN(POW_HI[i])) fillPower(q);
  const ph = POW_HI[i];
  const pl = POW_LO[i];
  // (wh + wl)(ph + pl) ≈ r + e
  const r = wh * ph;
  c = SPLIT * wh;
  const xh = c - (c - wh);
  const xl = wh - xh;
  c = SPLIT * ph;
  const yh = c - (c - ph);
  const yl = ph - yh;
  const re = xh * yh - r + xh * yl + xl * yh + xl * yl;
  const lo = re + (wh * pl + wl * ph);
  const hi = r + lo;
  const rl = lo - (hi - r);
  if (!(hi > MIN_RESULT && hi < MAX_RESULT)) return NaN;
  // The exact value lies within hi + rl ± d. Adding each end to hi must round back to hi, or the
  // interval may hold a rounding boundary (a midpoint, a power of two): then the string path decides.
  const d = hi * REL_ERROR;
  if (hi + (rl + d) !== hi || hi + (rl - d) !== hi) return NaN;
  return hi;
}

/**
 * The decimal in buf[start, end) (`[+-]digits[.digits][(e|E)[+-]digits]`, a digit before or after the point),
 * correctly rounded as Number() does, or NaN when the text is not in that shape or is too unusual to be sure.
 * `json`: the JSON number grammar only (no `+`, no leading zeros, digits on both sides of the point), since
 * JSON.parse rejects what Number() accepts there.
 */
export function parseDecimalBytes(buf: Uint8Array, start: number, end: number, json = false): number {
  const value = parseDecimalPrefix(buf, start, end, json);
  return decimalEnd.at === end ? value : NaN;
}

/** Where the last parseDecimalPrefix stopped (one shared cursor: no result object per number). */
export const decimalEnd = { at: 0 };

/**
 * parseDecimalBytes of the longest number-shaped prefix of buf[start, end): parsing stops at the first byte that
 * cannot continue the number, and decimalEnd.at says where (a field scan and the parse in one pass).
 */
export function parseDecimalPrefix(buf: Uint8Array, start: number, end: number, json = false): number {
  let i = start;
  let negative = false;
  if (i < end) {
    const s = buf[i];
    if (s === MINUS) {
      negative = true;
      i++;
    } else if (s === PLUS && !json) i++;
  }
  const intStart = i;
  // leading zeros carry no digits of the mantissa
  while (i < end && buf[i] === ZERO) i++;
  // a = the first 15 significant digits, b = up to 4 more (k of them); q = the decimal exponent
  let a = 0;
  let sig = 0;
  let c = 0;
  for (; i < end; i++) {
    c = buf[i] - ZERO;
    if (c < 0 || c > 9 || sig === 15) break;
    a = a * 10 + c;
    sig++;
  }
  let b = 0;
  let k = 0;
  if (sig === 15) {
    for (; i < end; i++) {
      c = buf[i] - ZERO;
      if (c < 0 || c > 9) break;
      if (k === 4) return NaN;
      b = b * 10 + c;
      k++;
    }
  }
  const intDigits = i - intStart;
  if (json && (intDigits === 0 || (intDigits > 1 && buf[intStart] === ZERO))) return NaN;
  let q = 0;
  let fracDigits = 0;
  if (i < end && buf[i] === DOT) {
    const fracStart = ++i;
    if (sig === 0) {
      while (i < end && buf[i] === ZERO) i++;
    }
    for (; i < end; i++) {
      c = buf[i] - ZERO;
      if (c < 0 || c > 9 || sig === 15) break;
      a = a * 10 + c;
      sig++;
    }
    if (sig === 15) {
      for (; i < end; i++) {
        c = buf[i] - ZERO;
        if (c < 0 || c > 9) break;
        if (k === 4) return NaN;
        b = b * 10 + c;
        k++;
      }
    }
    fracDigits = i - fracStart;
    q = -fracDigits;
    if (json && fracDigits === 0) return NaN;
  }
  if (intDigits + fracDigits === 0) return NaN;
  if (i < end && (buf[i] === LOWER_E || buf[i] === UPPER_E)) {
    i++;
    let expNegative = false;
    if (i < end && (buf[i] === MINUS || buf[i] === PLUS)) {
      expNegative = buf[i] === MINUS;
      i++;
    }
    let e = 0;
    const expStart = i;
    for (; i < end; i++) {
      c = buf[i] - ZERO;
      if (c < 0 || c > 9) break;
      if (e > 100000) return NaN;
      e = e * 10 + c;
    }
    if (i === expStart) return NaN;
    q += expNegative ? -e : e;
  }
  decimalEnd.at = i;
  let value: number;
  if (sig === 0) value = 0;
  else {
    // digits past the 15th: scale a up and add b; exact while the result stays below 2^53
    const w = k === 0 ? a : a * POW10[k] + b;
    if (w < MAX_EXACT && q >= -22 && q <= 22) value = q === 0 ? w : q > 0 ? w * POW10[q] : w / POW10[-q];
    else value = scaleWide(a, k, b, q);
  }
  return negative ? -value : value;
}

/** Plain (optionally negative) integer in buf[start, end), exactly as Number() reads it, or NaN. */
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
  // past 15 digits the running product may have rounded: the exact parse (NaN past 19 digits)
  if (end - start > 15) {
    const exact = parseDecimalBytes(buf, start, end);
    return Number.isNaN(exact) ? Number(String.fromCharCode(...buf.subarray(start, end))) : exact;
  }
  return negative ? -n : n;
}
