// Names from logs shown in the UI (tree labels, legends, chips, chart titles): bidi controls and
// invisible characters are shown as ⟨U+202E⟩ so `report\u202egnp.exe` cannot read as "reportexe.png",
// control characters likewise, and very long names are cut (the full text belongs in a tooltip).

// C0/C1 controls, zero-width and joiner characters, bidi marks, embeddings, overrides and isolates, BOM.
const INVISIBLE = /[\u0000-\u001f\u007f-\u009f\u00ad\u061c\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff]/g;

export const MAX_NAME_CHARS = 120;

/** `s` with every invisible or direction-changing character made visible, cut to `max` characters. */
export function visibleText(s: string, max = MAX_NAME_CHARS): string {
  const shown = s.replace(INVISIBLE, (c) => `⟨U+${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}⟩`);
  return shown.length > max ? `${shown.slice(0, max - 1)}…` : shown;
}

/** True when visibleText changes `s` (the full, raw text then goes into a tooltip). */
export function needsTooltip(s: string, max = MAX_NAME_CHARS): boolean {
  return visibleText(s, max) !== s;
}
