import { test } from 'node:test';
import assert from 'node:assert/strict';
import { colourSlot, OKABE_ITO_ON_DARK, OKABE_ITO_ON_LIGHT } from '../../../src/core/curves';

const rgb = (hex: string) => [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16) / 255);
const linear = (c: number) => (c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4);
const luminance = (hex: string) => {
  const [r, g, b] = rgb(hex).map(linear);
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
};
/** WCAG contrast ratio. */
const contrast = (a: string, b: string) => {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (hi + 0.05) / (lo + 0.05);
};
/** CIE76 ΔE between two sRGB colours (D65). */
function deltaE(a: string, b: string): number {
  const lab = (hex: string) => {
    const [r, g, bl] = rgb(hex).map(linear);
    const xyz = [(0.4124 * r + 0.3576 * g + 0.1805 * bl) / 0.95047, 0.2126 * r + 0.7152 * g + 0.0722 * bl, (0.0193 * r + 0.1192 * g + 0.9505 * bl) / 1.08883];
    const f = xyz.map((t) => (t > 216 / 24389 ? Math.cbrt(t) : (841 / 108) * t + 4 / 29));
    return [116 * f[1] - 16, 500 * (f[0] - f[1]), 200 * (f[1] - f[2])];
  };
  const [p, q] = [lab(a), lab(b)];
  return Math.hypot(p[0] - q[0], p[1] - q[1], p[2] - q[2]);
}

test('neighbouring line colours are far apart, and every colour stands out from its background', () => {
  // The old palette put the theme orange rgb(209,134,22) next to hsl(20 65% 62%) = rgb(221,137,95): ΔE ≈ 25.
  assert.ok(deltaE('#d18616', '#dd895f') < 30);
  for (const [palette, backgrounds] of [
    [OKABE_ITO_ON_DARK, ['#1e1e1e', '#000000']],
    [OKABE_ITO_ON_LIGHT, ['#ffffff']],
  ] as const) {
    for (let i = 0; i < palette.length; i++) {
      const next = palette[(i + 1) % palette.length];
      assert.ok(deltaE(palette[i], next) >= 30, `${palette[i]} next to ${next}: ΔE ${deltaE(palette[i], next).toFixed(1)}`);
      for (const bg of backgrounds) assert.ok(contrast(palette[i], bg) >= 2, `${palette[i]} on ${bg}: contrast ${contrast(palette[i], bg).toFixed(2)}`);
    }
    assert.equal(new Set(palette).size, palette.length);
  }
});

test('past the palette, dashes continue: no two of the first colours × dashes entries share a style', () => {
  const styles = Array.from({ length: 8 * 7 }, (_, i) => colourSlot(i, 8, 7));
  assert.equal(new Set(styles.map((s) => `${s.color}/${s.dash}`)).size, 56);
  assert.deepEqual(colourSlot(0, 8, 7), { color: 0, dash: 0 });
  assert.deepEqual(colourSlot(9, 8, 7), { color: 1, dash: 1 });
  assert.deepEqual(colourSlot(56, 8, 7), { color: 0, dash: 0 });
});
