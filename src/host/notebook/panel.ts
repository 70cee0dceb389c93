// The Notebook Readiness panel (host side): shows the report of the active notebook, follows the active
// notebook editor and re-analyses, jumps to a cell on click, switches profile. Posts nothing until the
// webview says `ready`; while hidden the webview is torn down and only the newest report is kept.
import * as vscode from 'vscode';
import { randomBytes } from 'node:crypto';
import { buildPanelHtml } from '../panels/panel-html';
import { panelOptions } from '../panels/webview-html';
import { fromWebview, postToWebview } from '../panels/webview-channel';
import { isNotebookToHost, type HostToNotebook } from '../../protocol/notebook';
import { isJupyter, type ReadinessService } from './readiness-service';
import { toReportView } from './report-view';

export const NOTEBOOK_VIEW_TYPE = 'runlens.notebookReadiness';

export class NotebookReadinessPanel implements vscode.Disposable {
  private static current: NotebookReadinessPanel | undefined;
  private ready = false;
  private target: vscode.NotebookDocument | undefined;
  private readonly disposables: vscode.Disposable[] = [];

  static show(extensionUri: vscode.Uri, service: ReadinessService, log: vscode.LogOutputChannel): void {
    const active = vscode.window.activeNotebookEditor?.notebook;
    if (NotebookReadinessPanel.current) {
      if (active) NotebookReadinessPanel.current.follow(active);
      NotebookReadinessPanel.current.panel.reveal(vscode.ViewColumn.Beside, true);
      return;
    }
    const panel = vscode.window.createWebviewPanel(NOTEBOOK_VIEW_TYPE, 'Notebook Readiness', { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true }, panelOptions(extensionUri));
    NotebookReadinessPanel.current = new NotebookReadinessPanel(panel, extensionUri, service, log, active);
  }

  private constructor(
    readonly panel: vscode.WebviewPanel,
    extensionUri: vscode.Uri,
    private readonly service: ReadinessService,
    private readonly log: vscode.LogOutputChannel,
    target: vscode.NotebookDocument | undefined,
  ) {
    this.target = target && isJupyter(target) ? target : undefined;
    const webview = panel.webview;
    panel.iconPath = vscode.Uri.joinPath(extensionUri, 'media', 'runlens.svg');
    webview.html = buildPanelHtml({
      cspSource: webview.cspSource,
      scriptUri: webview.asWebviewUri(vscode.Uri.joinPath(extensionUri, 'dist', 'webview', 'notebook.js')).toString(),
      styleUris: [
        webview.asWebviewUri(vscode.Uri.joinPath(extensionUri, 'media', 'panel.css')).toString(),
        webview.asWebviewUri(vscode.Uri.joinPath(extensionUri, 'dist', 'webview', 'notebook.css')).toString(),
      ],
      nonce: randomBytes(16).toString('base64'),
      title: 'Notebook Readiness',
      panel: 'notebook',
    });
    this.disposables.push(
      webview.onDidReceiveMessage((m) => this.onMessage(fromWebview(m))),
      panel.onDidDispose(() => this.dispose()),
      panel.onDidChangeViewState(() => {
        if (!panel.visible) this.ready = false;
      }),
      vscode.window.onDidChangeActiveNotebookEditor((editor) => {
        if (editor && isJupyter(editor.notebook)) this.follow(editor.notebook);
      }),
      service.onDidUpdate((doc) => {
        if (doc === this.target) this.send();
      }),
    );
  }

  private follow(doc: vscode.NotebookDocument): void {
    if (!isJupyter(doc)) return;
    this.target = doc;
    if (!this.service.report(doc)) this.service.analyse(doc);
    this.send();
  }

  private onMessage(raw: unknown): void {
    if (!isNotebookToHost(raw)) {
      this.log.warn(`notebook readiness: dropped an unknown message ${JSON.stringify(raw)?.slice(0, 200)}`);
      return;
    }
    switch (raw.type) {
      case 'ready':
        this.ready = true;
        if (this.target && !this.service.report(this.target)) this.service.analyse(this.target);
        this.send();
        return;
      case 'reveal':
        void this.reveal(raw.cell);
        return;
      case 'setProfile':
        this.service.setProfile(raw.profile);
        if (this.target) this.service.analyse(this.target);
        return;
      case 'refresh':
        if (this.target) this.service.analyse(this.target);
        return;
      case 'error':
        this.log.error(`notebook readiness webview: ${raw.message}`);
        return;
    }
  }

  private async reveal(cell: number): Promise<void> {
    const doc = this.target;
    if (!doc || doc.isClosed || cell >= doc.cellCount) return;
    const range = new vscode.NotebookRange(cell, cell + 1);
    const visible = vscode.window.visibleNotebookEditors.find((e) => e.notebook === doc);
    const editor = await vscode.window.showNotebookDocument(doc, { viewColumn: visible?.viewColumn, selections: [range], preserveFocus: false });
    editor.revealRange(range, vscode.NotebookEditorRevealType.InCenterIfOutsideViewport);
  }

  /** Posts the newest report (or an empty state); nothing before the webview's `ready`. */
  private send(): void {
    if (!this.ready) return;
    let msg: HostToNotebook;
    const report = this.target && !this.target.isClosed ? this.service.report(this.target) : undefined;
    if (this.target && report) msg = { type: 'report', report: toReportView(report, this.target.uri.path.replace(/^.*\//, '')) };
    else msg = { type: 'empty', message: 'Open a Jupyter notebook (.ipynb) to see its readiness report.' };
    void postToWebview(this.panel.webview, msg);
  }

  dispose(): void {
    if (NotebookReadinessPanel.current === this) NotebookReadinessPanel.current = undefined;
    while (this.disposables.length) this.disposables.pop()!.dispose();
    this.panel.dispose();
  }
}
