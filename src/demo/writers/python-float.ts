// Python's repr(float), which MLflow metric files (and Python-written CSV) contain:
// shortest round-trip digits like JS, but `1e-05` / `1e+16` / `3.0` / `nan` / `inf`
// where JS writes `0.00001` / `10000000000000000` / `3` / `NaN` / `Infinity`.

/** repr(float(x)) as CPython writes it ('r' format, float_repr_style 'short'). */
export function pythonFloatRepr(x: number): string {
  if (Number.isNaN(x)) return 'nan';
  if (x === Infinity) return 'inf';
  if (x === -Infinity) return '-inf';
  if (x === 0) return Object.is(x, -0) ? '-0.0' : '0.0';
  const abs = Math.abs(x);
  // Fast path: in this range JS and Python agree except for the '.0' of integers.
  if (abs >= 1e-4 && abs < 1e16) {
    const s = String(x);
    return Number.isInteger(x) ? `${s}.0` : s;
  }
  // toExponential() without an argument gives the shortest round-trip digits.
  const [mantissa, expText] = x.toExponential().split('e');
  const exp = Number(expText);
  if (exp < -4 || exp >= 16) {
    const sign = exp < 0 ? '-' : '+';
    return `${mantissa}e${sign}${String(Math.abs(exp)).padStart(2, '0')}`;
  }
  // Unreachable for finite x outside the fast-path range, kept for completeness.
  return String(x);
}
