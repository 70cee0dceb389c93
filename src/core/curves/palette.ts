// Line colours of the Curves charts: the Okabe-Ito palette (Okabe & Ito, "Color Universal Design",
// 2008), designed so that its colours stay distinguishable for colour-blind readers, in an order
// per background where neighbours differ in hue and lightness and the first ones have the most
// contrast against it. Black (on dark backgrounds) and yellow (on light ones) would vanish and are
// swapped for a light grey / left out. Past the palette, dashes tell lines apart: entry i gets
// colour i mod n and dash ⌊i / n⌋, so no two of the first n × dashes entries look alike.

/** On dark and high-contrast dark backgrounds. */
export const OKABE_ITO_ON_DARK = ['#56b4e9', '#e69f00', '#009e73', '#cc79a7', '#f0e442', '#0072b2', '#d55e00', '#bbbbbb'];

/** On light and high-contrast light backgrounds. */
export const OKABE_ITO_ON_LIGHT = ['#0072b2', '#e69f00', '#009e73', '#cc79a7', '#d55e00', '#56b4e9', '#000000'];

export interface LineStyleSlot {
  /** Index into the palette. */
  color: number;
  /** Index into the dash patterns (0 = solid). */
  dash: number;
}

/** The palette colour and dash of the i-th value of a colour grouping. */
export function colourSlot(index: number, paletteSize: number, dashes: number): LineStyleSlot {
  const i = Math.max(0, index);
  return { color: i % paletteSize, dash: Math.floor(i / paletteSize) % Math.max(1, dashes) };
}
