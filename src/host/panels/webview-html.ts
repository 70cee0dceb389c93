// The HTML shell of every panel inside VS Code: strict CSP, script by nonce, files only from the extension.
import * as vscode from 'vscode';
import { randomBytes } from 'node:crypto';
import { buildPanelHtml } from './panel-html';

export { escapeHtml } from './panel-html';

export function panelOptions(extensionUri: vscode.Uri): vscode.WebviewPanelOptions & vscode.WebviewOptions {
  return {
    enableScripts: true,
    retainContextWhenHidden: false,
    localResourceRoots: [vscode.Uri.joinPath(extensionUri, 'dist', 'webview'), vscode.Uri.joinPath(extensionUri, 'media')],
  };
}

/** The page of webview/<panel>/main.ts: media/panel.css, then the panel's own stylesheets from dist/webview. */
export function renderPanelHtml(webview: vscode.Webview, extensionUri: vscode.Uri, panel: string, title: string, styles: string[] = []): string {
  return buildPanelHtml({
    cspSource: webview.cspSource,
    scriptUri: webview.asWebviewUri(vscode.Uri.joinPath(extensionUri, 'dist', 'webview', `${panel}.js`)).toString(),
    styleUris: [vscode.Uri.joinPath(extensionUri, 'media', 'panel.css'), ...styles.map((s) => vscode.Uri.joinPath(extensionUri, 'dist', 'webview', s))].map((u) =>
      webview.asWebviewUri(u).toString(),
    ),
    nonce: randomBytes(16).toString('base64'),
    title,
    panel,
  });
}
