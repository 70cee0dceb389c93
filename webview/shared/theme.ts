// Colours come from VS Code's theme variables so light, dark and high-contrast themes all work.
const CHART_VARS = ['blue', 'red', 'green', 'yellow', 'orange', 'purple'];

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

export function themeColors(): ThemeColors {
  const base = CHART_VARS.map((c, i) => cssVar(`--vscode-charts-${c}`, ['#3794ff', '#f14c4c', '#89d185', '#cca700', '#d18616', '#b180d7'][i]));
  // Beyond the six theme colours, rotate hues so hundreds of runs stay distinguishable.
  const extra = Array.from({ length: 18 }, (_, i) => `hsl(${(i * 137.5 + 20) % 360} 65% ${document.body.classList.contains('vscode-light') ? 40 : 62}%)`);
  return {
    foreground: cssVar('--vscode-foreground', '#cccccc'),
    muted: cssVar('--vscode-descriptionForeground', '#999999'),
    grid: cssVar('--vscode-editorWidget-border', 'rgba(128,128,128,0.25)'),
    background: cssVar('--vscode-editor-background', '#1e1e1e'),
    palette: [...base, ...extra],
  };
}

/** Calls `fn` whenever VS Code switches theme (it swaps classes on <body>). */
export function onThemeChange(fn: () => void): void {
  new MutationObserver(fn).observe(document.body, { attributes: true, attributeFilter: ['class'] });
}

export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}
