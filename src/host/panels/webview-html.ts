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

export function renderPanelHtml(webview: vscode.Webview, extensionUri: vscode.Uri, panel: string, title: string): string {
  return buildPanelHtml({
    cspSource: webview.cspSource,
    scriptUri: webview.asWebviewUri(vscode.Uri.joinPath(extensionUri, 'dist', 'webview', `${panel}.js`)).toString(),
    styleUris: [webview.asWebviewUri(vscode.Uri.joinPath(extensionUri, 'media', 'panel.css')).toString()],
    nonce: randomBytes(16).toString('base64'),
    title,
    panel,
  });
}
