// Python's repr() of a float, so numbers we turn into text (params) or write (demo fixtures)
// read the same as what Python tools print: `1e-05`, `0.001`, `5.27162132754432e+20`, `nan`.

/**
 * repr(float) of CPython: shortest round-trip digits (JS gives the same digits), fixed notation
 * when the decimal exponent is in [-4, 16), scientific otherwise with a signed two-digit exponent.
 * `integralSuffix` adds `.0` to whole numbers the way Python prints floats (`3.0`).
 */
export function pythonFloatRepr(n: number, integralSuffix = true): string {
  if (Number.isNaN(n)) return 'nan';
  if (n === Infinity) return 'inf';
  if (n === -Infinity) return '-inf';
  if (n === 0) return Object.is(n, -0) ? (integralSuffix ? '-0.0' : '-0') : integralSuffix ? '0.0' : '0';
  const sign = n < 0 ? '-' : '';
  // toExponential() without an argument yields the shortest digits that round-trip.
  const [mantissa, expText] = Math.abs(n).toExponential().split('e');
  const exp = Number(expText);
  const digits = mantissa.replace('.', '');
  if (exp >= -4 && exp < 16) {
    let text: string;
    if (exp < 0) text = '0.' + '0'.repeat(-exp - 1) + digits;
    else if (digits.length <= exp + 1) text = digits + '0'.repeat(exp + 1 - digits.length) + (integralSuffix ? '.0' : '');
    else text = digits.slice(0, exp + 1) + '.' + digits.slice(exp + 1);
    return sign + text;
  }
  const frac = digits.length > 1 ? digits[0] + '.' + digits.slice(1) : digits;
  const expAbs = Math.abs(exp);
  return `${sign}${frac}e${exp < 0 ? '-' : '+'}${expAbs < 10 ? '0' : ''}${expAbs}`;
}

/** Text of a number as a param value: whole numbers without `.0` (JS cannot tell 3 from 3.0). */
export function numberText(n: number): string {
  if (Number.isInteger(n) && Math.abs(n) < 1e16) return String(n);
  return pythonFloatRepr(n, false);
}

/** The content of a Python string literal's source text (`"f1"`, `r'x'`, triple-quoted), escapes as written; undefined when it is not one. */
export function pythonStringLiteral(source: string): string | undefined {
  const m = /^[rRbBuUfF]*("""|'''|"|')([\s\S]*)\1$/.exec(source.trim());
  return m ? m[2] : undefined;
}
