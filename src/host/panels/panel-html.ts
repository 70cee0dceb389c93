// Pure builder of a panel's HTML shell (no 'vscode' import, so browser tests use the very same page).
export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

export interface PanelHtmlParts {
  /** webview.cspSource: the origin the extension's own files are served from. */
  cspSource: string;
  scriptUri: string;
  styleUris: string[];
  nonce: string;
  title: string;
  panel: string;
}

/**
 * Strict CSP: nothing by default, scripts only by nonce, styles/images/fonts only from the extension;
 * no <base> (it would re-point every relative URL) and no form submission anywhere.
 */
export function buildPanelHtml(p: PanelHtmlParts): string {
  const csp = [
    "default-src 'none'",
    `script-src 'nonce-${p.nonce}'`,
    `style-src ${p.cspSource}`,
    `img-src ${p.cspSource} data: blob:`,
    `font-src ${p.cspSource}`,
    "base-uri 'none'",
    "form-action 'none'",
  ].join('; ');
  const styles = p.styleUris.map((u) => `<link rel="stylesheet" href="${escapeHtml(u)}">`).join('\n');
  return `<!DOCTYPE html>
<html lang="en"><head><meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
${styles}
<title>${escapeHtml(p.title)}</title></head>
<body><div id="app" data-panel="${escapeHtml(p.panel)}"></div>
<script nonce="${escapeHtml(p.nonce)}" src="${escapeHtml(p.scriptUri)}"></script></body></html>`;
}
