// The runs a script produced, ranked by the objective the script (or its runs) declares; and its parse tree.
// Cached so CodeLens and hover on a large file or a big index stay cheap: the runs until the index or the
// set of scripts changes, the script's declared objective and parse tree per document version.
import type { Tree } from '@lezer/common';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { IndexedRun } from '../../core/index/types';
import type { IndexService } from '../indexing/index-service';
import { bestLocalFile, runsOfFile } from './entry-points';
import { declaredObjectivesInScript, type DeclaredObjective } from '../../core/runs/declared-objective';
import { chooseObjective, rankRuns, type Objective, type RankedRun } from '../../core/runs/objective';
import { parsePython } from './python-calls';

export interface ScriptRuns {
  objective?: Objective;
  /** Best first. */
  ranked: Array<RankedRun<IndexedRun>>;
}

const EMPTY: ScriptRuns = { ranked: [] };

export class ScriptRunsCache implements vscode.Disposable {
  private byFile = new Map<string, Promise<IndexedRun[]>>();
  private ranked = new Map<string, { version: number; result: Promise<ScriptRuns> }>();
  private declared = new Map<string, { version: number; declared: DeclaredObjective[] }>();
  private sameName = new Map<string, Promise<string[]>>();
  private trees = new Map<string, { version: number; tree: Tree }>();
  private readonly changed = new vscode.EventEmitter<void>();
  /** Fires when cached answers were dropped (index changed, scripts added or removed, setting changed). */
  readonly onDidChange = this.changed.event;
  private readonly subscriptions: vscode.Disposable[];

  constructor(private readonly index: IndexService) {
    const scripts = vscode.workspace.createFileSystemWatcher('**/*.py', false, true, false);
    const forgetScripts = () => {
      this.sameName.clear();
      this.clear();
    };
    this.subscriptions = [
      scripts,
      scripts.onDidCreate(forgetScripts),
      scripts.onDidDelete(forgetScripts),
      index.onDidChange(() => this.clear()),
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (e.affectsConfiguration('runlens.primaryMetric')) this.clear();
      }),
      vscode.workspace.onDidCloseTextDocument((d) => {
        this.trees.delete(d.uri.toString());
        this.declared.delete(d.uri.toString());
        this.ranked.delete(d.uri.toString());
      }),
    ];
  }

  private clear(): void {
    this.byFile.clear();
    this.ranked.clear();
    this.changed.fire();
  }

  /** The runs of the document's script, ranked by the objective its current text (or its runs) declares. */
  runsOf(doc: vscode.TextDocument): Promise<ScriptRuns> {
    const key = doc.uri.toString();
    const cached = this.ranked.get(key);
    if (cached?.version === doc.version) return cached.result;
    const result = this.rank(doc).catch(() => EMPTY);
    this.ranked.set(key, { version: doc.version, result });
    return result;
  }

  private async rank(doc: vscode.TextDocument): Promise<ScriptRuns> {
    const runs = await this.scriptRuns(doc.uri.fsPath);
    if (!runs.length) return EMPTY;
    const preferred = vscode.workspace.getConfiguration('runlens').get<string>('primaryMetric');
    const objective = chooseObjective(runs, { preferred, script: this.declaredIn(doc) });
    return { objective, ranked: objective ? rankRuns(runs, objective) : runs.map((run) => ({ run, best: NaN })) };
  }

  private scriptRuns(file: string): Promise<IndexedRun[]> {
    let entry = this.byFile.get(file);
    if (!entry) {
      entry = this.computeRuns(file).catch(() => []);
      this.byFile.set(file, entry);
    }
    return entry;
  }

  private async computeRuns(file: string): Promise<IndexedRun[]> {
    const plausible = runsOfFile(this.index.runs(), file);
    if (!plausible.length) return [];
    // A run whose entry point also fits another script with this name (a bare `train.py`) belongs to the one
    // nearest to the run's folder.
    const others = await this.filesNamed(path.basename(file));
    return plausible.filter((r) => bestLocalFile(r.entryPoint!, r.path, [file, ...others.filter((o) => o !== file)]) === file);
  }

  /** What the script's current text declares (metric_for_best_model, ModelCheckpoint monitor, Optuna direction). */
  private declaredIn(doc: vscode.TextDocument): DeclaredObjective[] {
    const key = doc.uri.toString();
    const cached = this.declared.get(key);
    if (cached?.version === doc.version) return cached.declared;
    let declared: DeclaredObjective[] = [];
    try {
      declared = declaredObjectivesInScript(doc.getText());
    } catch {
      declared = [];
    }
    this.declared.set(key, { version: doc.version, declared });
    return declared;
  }

  private filesNamed(name: string): Promise<string[]> {
    let found = this.sameName.get(name);
    if (!found) {
      const glob = `**/${name.replace(/[[\]{}*?!]/g, (c) => `[${c}]`)}`;
      found = Promise.resolve(vscode.workspace.findFiles(glob, '**/{node_modules,.git}/**', 1000)).then((uris) => uris.map((u) => u.fsPath));
      this.sameName.set(name, found);
    }
    return found;
  }

  tree(doc: vscode.TextDocument): Tree {
    const key = doc.uri.toString();
    const cached = this.trees.get(key);
    if (cached?.version === doc.version) return cached.tree;
    const tree = parsePython(doc.getText());
    this.trees.set(key, { version: doc.version, tree });
    return tree;
  }

  dispose(): void {
    for (const s of this.subscriptions) s.dispose();
    this.changed.dispose();
    this.byFile.clear();
    this.ranked.clear();
    this.declared.clear();
    this.trees.clear();
  }
}
