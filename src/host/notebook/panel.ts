// The Notebook Readiness panel (host side): shows the report of the active notebook, follows the active
// notebook editor and re-analyses, jumps to a cell on click, switches profile. Posts nothing until the
// webview says `ready`; while hidden the webview is torn down and only the newest report is kept.
// After a window reload VS Code hands the restored panel to revive() (registered as its serializer), so the
// panel comes back with its notebook instead of leaving an empty editor group.
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

  /**
   * A panel VS Code restored after a reload: it shows the notebook it showed before (the webview keeps its
   * URI in its state), else the active one; a notebook that is not open yet is opened in the background.
   */
  static async revive(panel: vscode.WebviewPanel, extensionUri: vscode.Uri, service: ReadinessService, log: vscode.LogOutputChannel, saved: unknown): Promise<void> {
    panel.webview.options = panelOptions(extensionUri);
    NotebookReadinessPanel.current?.dispose();
    const uri = savedNotebookUri(saved);
    let target = uri ? vscode.workspace.notebookDocuments.find((d) => d.uri.toString() === uri) : undefined;
    if (!target && uri) {
      try {
        const saved = vscode.Uri.parse(uri, true);
        await vscode.workspace.fs.stat(saved); // a deleted notebook: fail fast, show the empty state
        target = await vscode.workspace.openNotebookDocument(saved);
      } catch (err) {
        log.warn(`notebook readiness: could not reopen ${uri}: ${err instanceof Error ? err.message : String(err)}`);
      }
    }
    target ??= vscode.window.activeNotebookEditor?.notebook;
    NotebookReadinessPanel.current = new NotebookReadinessPanel(panel, extensionUri, service, log, target);
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
      // Restored with nothing to show (the notebooks reopen after the panel): take the first one that appears.
      vscode.window.onDidChangeVisibleNotebookEditors((editors) => {
        const first = editors.find((e) => isJupyter(e.notebook));
        if (!this.target && first) this.follow(first.notebook);
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
        if (this.target) {
          this.service.setProfile(this.target, raw.profile);
          this.service.analyse(this.target);
        }
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
    if (this.target && report) msg = { type: 'report', report: { ...toReportView(report, this.target.uri.path.replace(/^.*\//, ''), this.service.profileOf(this.target).reason), uri: this.target.uri.toString() } };
    else msg = { type: 'empty', message: 'Open a Jupyter notebook (.ipynb) to see its readiness report.' };
    void postToWebview(this.panel.webview, msg);
  }

  dispose(): void {
    if (NotebookReadinessPanel.current === this) NotebookReadinessPanel.current = undefined;
    while (this.disposables.length) this.disposables.pop()!.dispose();
    this.panel.dispose();
  }
}

/** The notebook URI the webview saved in its state (see webview/notebook/main.ts). */
function savedNotebookUri(saved: unknown): string | undefined {
  const uri = saved && typeof saved === 'object' ? (saved as { notebook?: unknown }).notebook : undefined;
  return typeof uri === 'string' && /^[a-z][\w+.-]*:/i.test(uri) ? uri : undefined;
}
