// Analyses open Jupyter notebooks and publishes the findings as diagnostics on their cells: one
// collection, re-analysis 300 ms after the last edit, notebook-level findings on the first cell.
// Keeps the newest report per notebook for the panel and the quick fixes.
import * as vscode from 'vscode';
import { analyseNotebook, type ReadinessReport } from '../../core/notebook/analyse';
import { fsWorkspace } from '../../core/notebook/fs-workspace';
import type { Finding, Profile, QuickFix } from '../../core/notebook/model';
import { chooseProfile, type ProfileChoice } from '../../core/notebook/profiles';
import type { TrackedRunsLookup } from '../../core/notebook/tracked-lookup';
import { notebookFromDocument } from './notebook-model';

const DEBOUNCE_MS = 300;
const SEVERITY: Record<Finding['severity'], vscode.DiagnosticSeverity> = {
  error: vscode.DiagnosticSeverity.Error,
  warning: vscode.DiagnosticSeverity.Warning,
  info: vscode.DiagnosticSeverity.Information,
};

export interface ReadinessDeps {
  lookup?: () => TrackedRunsLookup | undefined;
}

export function isJupyter(doc: vscode.NotebookDocument): boolean {
  return doc.notebookType === 'jupyter-notebook' || doc.uri.path.endsWith('.ipynb');
}

export class ReadinessService implements vscode.Disposable {
  readonly diagnostics = vscode.languages.createDiagnosticCollection('runlens-notebook');
  private readonly reports = new Map<string, ReadinessReport>();
  /** Quick fixes of each published diagnostic. */
  readonly fixes = new WeakMap<vscode.Diagnostic, QuickFix[]>();
  private readonly timers = new Map<string, ReturnType<typeof setTimeout>>();
  private readonly emitter = new vscode.EventEmitter<vscode.NotebookDocument>();
  readonly onDidUpdate = this.emitter.event;
  /** The panel's choice per notebook, for this session; otherwise the settings decide (profileOf). */
  private readonly overrides = new Map<string, Profile>();
  private readonly disposables: vscode.Disposable[] = [];

  constructor(private readonly deps: ReadinessDeps) {
    this.disposables.push(
      this.diagnostics,
      this.emitter,
      vscode.workspace.onDidOpenNotebookDocument((doc) => this.schedule(doc, 0)),
      vscode.workspace.onDidChangeNotebookDocument((e) => this.schedule(e.notebook, DEBOUNCE_MS)),
      vscode.workspace.onDidSaveNotebookDocument((doc) => this.schedule(doc, 0)),
      vscode.workspace.onDidCloseNotebookDocument((doc) => this.forget(doc)),
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (!e.affectsConfiguration('runlens.notebookReadiness')) return;
        for (const doc of vscode.workspace.notebookDocuments) this.schedule(doc, 0);
      }),
      // cell text edits arrive as text document changes of the cell documents
      vscode.workspace.onDidChangeTextDocument((e) => {
        if (e.document.uri.scheme !== 'vscode-notebook-cell') return;
        const nb = vscode.workspace.notebookDocuments.find((n) => n.uri.path === e.document.uri.path);
        if (nb) this.schedule(nb, DEBOUNCE_MS);
      }),
    );
    for (const doc of vscode.workspace.notebookDocuments) this.schedule(doc, 0);
  }

  /** The notebook's profile and why: the panel's choice, a folder setting, the profile setting or the default. */
  profileOf(doc: vscode.NotebookDocument): ProfileChoice {
    const chosen = this.overrides.get(doc.uri.toString());
    if (chosen) return { profile: chosen, reason: 'chosen in this panel for this notebook' };
    const config = vscode.workspace.getConfiguration('runlens.notebookReadiness', doc.uri);
    const relative = vscode.workspace.getWorkspaceFolder(doc.uri) ? vscode.workspace.asRelativePath(doc.uri, false) : undefined;
    return chooseProfile(relative, { profile: config.get<string>('profile'), folders: config.get<Record<string, unknown>>('folderProfiles') });
  }

  /** The panel's profile switch: applies to this notebook until the window reloads. */
  setProfile(doc: vscode.NotebookDocument, profile: Profile): void {
    this.overrides.set(doc.uri.toString(), profile);
    this.schedule(doc, 0);
  }

  report(doc: vscode.NotebookDocument): ReadinessReport | undefined {
    return this.reports.get(doc.uri.toString());
  }

  schedule(doc: vscode.NotebookDocument, delay: number): void {
    if (!isJupyter(doc)) return;
    const key = doc.uri.toString();
    clearTimeout(this.timers.get(key));
    this.timers.set(
      key,
      setTimeout(() => {
        this.timers.delete(key);
        if (!doc.isClosed) this.analyse(doc);
      }, delay),
    );
  }

  /** Analyses now (also used by the panel's refresh). */
  analyse(doc: vscode.NotebookDocument): ReadinessReport {
    let lookup: TrackedRunsLookup | undefined;
    try {
      lookup = this.deps.lookup?.();
    } catch {
      lookup = undefined;
    }
    const workspace = doc.uri.scheme === 'file' ? fsWorkspace(doc.uri.fsPath) : undefined;
    const report = analyseNotebook(notebookFromDocument(doc), [], { profile: this.profileOf(doc).profile, lookup, workspace });
    this.reports.set(doc.uri.toString(), report);
    this.publish(doc, report);
    this.emitter.fire(doc);
    return report;
  }

  private publish(doc: vscode.NotebookDocument, report: ReadinessReport): void {
    for (const cell of doc.getCells()) this.diagnostics.delete(cell.document.uri);
    if (doc.cellCount === 0) return;
    const byCell = new Map<number, vscode.Diagnostic[]>();
    for (const f of report.findings) {
      const index = f.cell !== null && f.cell < doc.cellCount ? f.cell : 0;
      const cellDoc = doc.cellAt(index).document;
      const range = f.range
        ? cellDoc.validateRange(new vscode.Range(f.range.line, f.range.column, f.range.endLine, f.range.endColumn))
        : cellDoc.lineAt(0).range;
      const diag = new vscode.Diagnostic(range, f.cell === null ? `[notebook] ${f.message}` : f.message, SEVERITY[f.severity]);
      diag.source = 'Runlens';
      diag.code = f.id;
      if (f.fixes?.length) this.fixes.set(diag, f.fixes);
      const list = byCell.get(index) ?? [];
      list.push(diag);
      byCell.set(index, list);
    }
    for (const [index, list] of byCell) this.diagnostics.set(doc.cellAt(index).document.uri, list);
  }

  private forget(doc: vscode.NotebookDocument): void {
    const key = doc.uri.toString();
    clearTimeout(this.timers.get(key));
    this.timers.delete(key);
    this.reports.delete(key);
    this.overrides.delete(key);
    for (const cell of doc.getCells()) this.diagnostics.delete(cell.document.uri);
  }

  dispose(): void {
    for (const t of this.timers.values()) clearTimeout(t);
    this.timers.clear();
    while (this.disposables.length) this.disposables.pop()!.dispose();
  }
}
