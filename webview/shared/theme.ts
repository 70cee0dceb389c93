// Colours: text, grid and background from VS Code's theme variables so light, dark and
// high-contrast themes all work; lines from the Okabe-Ito palette ordered for the background
// (core/curves/palette), not the theme's six chart colours plus rotated hues, which put near-twins
// such as rgb(209,134,22) and rgb(221,137,95) side by side.
import { OKABE_ITO_ON_DARK, OKABE_ITO_ON_LIGHT } from '../../src/core/curves/palette';

function cssVar(name: string, fallback: string): string {
  const v = getComputedStyle(document.body).getPropertyValue(name).trim();
  return v || fallback;
}

export interface ThemeColors {
  foreground: string;
  muted: string;
  grid: string;
  background: string;
  palette: string[];
}

/** Whether the theme has a light background (VS Code marks the body with the theme kind). */
export function lightBackground(): boolean {
  const c = document.body.classList;
  return c.contains('vscode-light') || c.contains('vscode-high-contrast-light');
}

export function themeColors(): ThemeColors {
  return {
    foreground: cssVar('--vscode-foreground', '#cccccc'),
    muted: cssVar('--vscode-descriptionForeground', '#999999'),
    grid: cssVar('--vscode-editorWidget-border', 'rgba(128,128,128,0.25)'),
    background: cssVar('--vscode-editor-background', '#1e1e1e'),
    palette: lightBackground() ? OKABE_ITO_ON_LIGHT : OKABE_ITO_ON_DARK,
  };
}

/** Calls `fn` whenever VS Code switches theme (it swaps classes on <body>). */
export function onThemeChange(fn: () => void): void {
  new MutationObserver(fn).observe(document.body, { attributes: true, attributeFilter: ['class'] });
}

export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}
