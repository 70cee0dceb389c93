// The Notebook Readiness panel (host side): shows the report of the active notebook, follows the active
// notebook editor and re-analyses, jumps to a cell on click, switches profile. The report is posted on a
// channel: the panel host keeps the newest and (re)sends it whenever the webview says `ready`, so a
// hidden panel comes back with the current report. After a window reload VS Code hands the restored
// panel to the serializer, so the panel comes back with its notebook instead of an empty editor group.
import * as vscode from 'vscode';
import { NOTEBOOK_PROTOCOL, type HostToNotebook, type NotebookToHost } from '../../protocol/notebook';
import { PanelHost, type PanelController, type PanelView } from '../panels/panel-host';
import { isJupyter, type ReadinessService } from './readiness-service';
import { toReportView } from './report-view';

export const NOTEBOOK_VIEW_TYPE = 'runlens.notebookReadiness';

interface NotebookPanelDeps {
  extensionUri: vscode.Uri;
  service: ReadinessService;
  log: vscode.LogOutputChannel;
}

type NotebookHost = PanelHost<typeof NOTEBOOK_PROTOCOL, vscode.NotebookDocument | undefined, NotebookReadinessPanel>;
let host: { deps: NotebookPanelDeps; host: NotebookHost } | undefined;

/** The panel host for these services (one at a time: a new service, as in a test, replaces the host). */
function notebookHost(deps: NotebookPanelDeps): NotebookHost {
  const same = host && host.deps.service === deps.service && host.deps.log === deps.log && host.deps.extensionUri.toString() === deps.extensionUri.toString();
  if (host && same) return host.host;
  host?.host.dispose();
  const created: NotebookHost = new PanelHost(
    {
      viewType: NOTEBOOK_VIEW_TYPE,
      title: 'Notebook Readiness',
      entry: 'notebook',
      styles: ['notebook.css'],
      column: { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true },
      protocol: NOTEBOOK_PROTOCOL,
      create: (view, target) => new NotebookReadinessPanel(view, deps.service, deps.log, target),
      update: (panel, active) => {
        if (active) panel.follow(active);
      },
      restore: (saved) => restoreTarget(saved, deps.log),
    },
    deps,
  );
  host = { deps, host: created };
  return created;
}

/**
 * The notebook a restored panel shows: the one it showed before (the webview keeps its URI in its state),
 * else the active one; a notebook that is not open yet is opened in the background.
 */
async function restoreTarget(saved: unknown, log: vscode.LogOutputChannel): Promise<vscode.NotebookDocument | undefined> {
  const uri = savedNotebookUri(saved);
  let target = uri ? vscode.workspace.notebookDocuments.find((d) => d.uri.toString() === uri) : undefined;
  if (!target && uri) {
    try {
      const file = vscode.Uri.parse(uri, true);
      await vscode.workspace.fs.stat(file); // a deleted notebook: fail fast, show the empty state
      target = await vscode.workspace.openNotebookDocument(file);
    } catch (err) {
      log.warn(`notebook readiness: could not reopen ${uri}: ${err instanceof Error ? err.message : String(err)}`);
    }
  }
  return target ?? vscode.window.activeNotebookEditor?.notebook;
}

type NotebookNotice = Exclude<NotebookToHost, { type: 'ready' }>;

export class NotebookReadinessPanel implements PanelController<typeof NOTEBOOK_PROTOCOL> {
  private target: vscode.NotebookDocument | undefined;
  private readonly disposables: vscode.Disposable[] = [];

  static show(extensionUri: vscode.Uri, service: ReadinessService, log: vscode.LogOutputChannel): void {
    notebookHost({ extensionUri, service, log }).show(vscode.window.activeNotebookEditor?.notebook);
  }

  /** A panel VS Code restored after a reload (see restoreTarget). */
  static async revive(panel: vscode.WebviewPanel, extensionUri: vscode.Uri, service: ReadinessService, log: vscode.LogOutputChannel, saved: unknown): Promise<void> {
    await notebookHost({ extensionUri, service, log }).revive(panel, saved);
  }

  /** Restores the panel after a reload (activation event onWebviewPanel:runlens.notebookReadiness). */
  static registerSerializer(extensionUri: vscode.Uri, service: ReadinessService, log: vscode.LogOutputChannel): vscode.Disposable {
    const h = notebookHost({ extensionUri, service, log });
    return vscode.Disposable.from(h.registerSerializer(), h);
  }

  constructor(
    private readonly view: PanelView<HostToNotebook>,
    private readonly service: ReadinessService,
    private readonly log: vscode.LogOutputChannel,
    target: vscode.NotebookDocument | undefined,
  ) {
    this.target = target && isJupyter(target) ? target : undefined;
    this.disposables.push(
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
    this.send();
  }

  follow(doc: vscode.NotebookDocument): void {
    if (!isJupyter(doc)) return;
    this.target = doc;
    if (!this.service.report(doc)) this.service.analyse(doc);
    this.send();
  }

  onReady(): void {
    if (this.target && !this.service.report(this.target)) this.service.analyse(this.target);
  }

  onMessage(msg: NotebookNotice): void {
    switch (msg.type) {
      case 'reveal':
        void this.reveal(msg.cell);
        return;
      case 'setProfile':
        if (this.target) {
          this.service.setProfile(this.target, msg.profile);
          this.service.analyse(this.target);
        }
        return;
      case 'refresh':
        if (this.target) this.service.analyse(this.target);
        return;
      case 'error':
        this.log.error(`notebook readiness webview: ${msg.message}`);
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

  /** The newest report (or an empty state), kept on the `view` channel: the host sends it on every `ready`. */
  private send(): void {
    let msg: HostToNotebook;
    const report = this.target && !this.target.isClosed ? this.service.report(this.target) : undefined;
    if (this.target && report) msg = { type: 'report', report: { ...toReportView(report, this.target.uri.path.replace(/^.*\//, ''), this.service.profileOf(this.target).reason), uri: this.target.uri.toString() } };
    else msg = { type: 'empty', message: 'Open a Jupyter notebook (.ipynb) to see its readiness report.' };
    this.view.post(msg, 'view');
  }

  dispose(): void {
    while (this.disposables.length) this.disposables.pop()!.dispose();
  }
}

/** The notebook URI the webview saved in its state (see webview/notebook/main.ts). */
function savedNotebookUri(saved: unknown): string | undefined {
  const uri = saved && typeof saved === 'object' ? (saved as { notebook?: unknown }).notebook : undefined;
  return typeof uri === 'string' && /^[a-z][\w+.-]*:/i.test(uri) ? uri : undefined;
}
